-- Tarot's registrations with the core: the monitor permission and role, the `reading` conversation
-- subject, the AI purpose `tarot_reading`, complaints (a report on a reading holds the reader's
-- earning; staff settle it), the seed's analytics event and its daily metrics.

-- Staff ------------------------------------------------------------------------------------------------------------------
insert into public.staff_permissions (permission, product, description) values
  ('readings.monitor', 'tarot', 'Reads tarot readings, their rooms and calls; never money');
insert into public.staff_roles (role, product, description, permissions) values
  ('tarot_monitor', 'tarot', 'Monitors tarot readings (seed 001''s monitor)', array['readings.monitor']);

-- The reading subject: its room's participants are the client and the reader; `reading:<id>` topics
-- are theirs and the monitors'; monitors read its channels.
insert into private.conversation_subjects (subject_type, product, topic_prefix, opener, participant_role, topic_predicate, staff_permission) values
  ('reading', 'tarot', 'reading', 'tarot.open_reading_room(uuid)', 'private.tarot_reading_participant_role(uuid, text, uuid)',
   'private.tarot_reading_topic_allowed(uuid, uuid)', 'readings.monitor');

-- AI readings ------------------------------------------------------------------------------------------------------------
-- The caller's own active AI reading that has no interpretation yet.
create or replace function private.tarot_ai_validate(p_user_id uuid, p_purpose_id text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (select 1 from tarot.reading_sessions r
                  where r.id = private.target_uuid(p_purpose_id) and r.client_id = p_user_id and r.ai
                    and r.status = 'active' and r.ai_interpretation is null)
$$;

-- The prompt, from the stored draw and question only (the client's messages are not sent).
create or replace function private.tarot_ai_prompt(p_user_id uuid, p_purpose_id text, p_messages jsonb)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_array(
    jsonb_build_object('role', 'system', 'content',
      'You are a thoughtful tarot reader. Interpret the spread below for the querent: each card in its position, then the whole. '
      || 'Do not give medical, legal or financial instructions.'),
    jsonb_build_object('role', 'user', 'content',
      'Spread: ' || s.name || E'\n' || 'Question: ' || coalesce(nullif(btrim(r.question), ''), '(none: a general reading)') || E'\n'
      || (select string_agg(format('%s. %s: %s%s - %s', d ->> 'position', d ->> 'label', c.name,
                                   case when (d ->> 'reversed')::boolean then ' (reversed)' else '' end,
                                   case when (d ->> 'reversed')::boolean then c.reversed_meaning else c.upright_meaning end),
                            E'\n' order by (d ->> 'position')::integer)
            from jsonb_array_elements(r.cards_drawn) d join tarot.tarot_cards c on c.id = (d ->> 'card_id')::uuid)))
    from tarot.reading_sessions r join tarot.tarot_spreads s on s.id = r.spread_id
   where r.id = private.target_uuid(p_purpose_id)
$$;

-- A settled request fills the reading's interpretation and completes it (a failed one leaves it
-- active, to be asked again). Runs in ai_settle's transaction, once per request.
create or replace function private.tarot_ai_record(p_request billing.ai_requests, p_content text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if p_request.status <> 'completed' or p_content is null then
    return;
  end if;
  update tarot.reading_sessions r
     set ai_interpretation = jsonb_build_object('text', left(p_content, 200000), 'ai_request_id', p_request.id, 'aborted', p_request.aborted,
                                                'credits_charged', p_request.credits_charged),
         ai_model_version = p_request.model, status = 'completed', completed_at = now(), end_reason = 'finished',
         duration_minutes = greatest(1, ceil(extract(epoch from now() - r.started_at) / 60)::integer)
   where r.id = private.target_uuid(p_request.purpose_id) and r.ai and r.status = 'active' and r.ai_interpretation is null;
end
$$;

insert into private.ai_purposes (purpose, product, validator, recorder, prompt_builder) values
  ('tarot_reading', 'tarot', 'private.tarot_ai_validate(uuid, text)', 'private.tarot_ai_record(billing.ai_requests, text)',
   'private.tarot_ai_prompt(uuid, text, jsonb)');

-- Complaints -------------------------------------------------------------------------------------------------------------
-- A complaint is a report (target type `reading`) by the reading's client within the complaint
-- window after it completed. Filing it holds the reader's earning (the type's on_report hook, in the
-- report's transaction), so no payouts run pays it meanwhile.
create or replace function private.tarot_reportable_reading(p_target_id text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from tarot.reading_sessions r
     where r.id = private.target_uuid(p_target_id) and r.client_id = auth.uid() and r.status = 'completed'
       and r.completed_at >= now() - make_interval(days => private.tarot_config('tarot.complaint_window_days', 7)::integer))
$$;

create or replace function private.tarot_complaint_filed(p_report_id uuid, p_target_id text)
returns void
language sql
security definer
set search_path = ''
as $$
  select billing.hold_seller_earning('tarot_reading', private.target_uuid(p_target_id)::text);
$$;
revoke execute on function private.tarot_complaint_filed(uuid, text) from public, anon, authenticated;

insert into public.report_target_types (target_type, product, check_function, on_report, description) values
  ('reading', 'tarot', 'private.tarot_reportable_reading(text)', 'private.tarot_complaint_filed(uuid, text)',
   'A completed tarot reading, reported by its client within the complaint window (target id: the reading id); holds the reader''s earning.');

-- Staff settle a complaint: p_refund (0 to what was charged, less earlier refunds) goes back into the
-- client's wallet and the reader's earning is paid in proportion to what is kept (nothing refunded:
-- the earning is released whole). Logged in the moderation log. Needs moderation.act.
create or replace function tarot.settle_complaint(p_reading_id uuid, p_refund bigint, p_reason text, p_report_id uuid default null)
returns tarot.reading_charges
language plpgsql
security definer
set search_path = ''
as $$
declare
  moderator uuid := private.require_staff_permission('moderation.act');
  charge tarot.reading_charges;
  capture_id bigint;
  kept bigint;
begin
  if nullif(btrim(p_reason), '') is null or char_length(p_reason) > 500 then
    raise exception 'a settlement needs a reason (at most 500 characters)' using errcode = '22023';
  end if;
  select * into charge from tarot.reading_charges where reading_id = p_reading_id for update;
  if not found or charge.charged = 0 then
    raise exception 'no paid reading %', p_reading_id using errcode = 'PA001';
  end if;
  if p_refund is null or p_refund < 0 or p_refund > charge.charged - charge.refunded then
    raise exception 'a refund is 0 to % (what was charged and not refunded)', charge.charged - charge.refunded using errcode = '22023';
  end if;
  if not exists (select 1 from billing.seller_earnings e where e.source_type = 'tarot_reading' and e.source_id = p_reading_id::text and e.status = 'held')
     and charge.reader_earning > 0 then
    raise exception 'the reading''s earning is not held by a complaint' using errcode = 'PA115';
  end if;
  if p_refund > 0 then
    select t.id into capture_id from billing.transfers t where t.hold_id = charge.hold_id and t.kind = 'payment' order by t.id limit 1;
    perform billing.refund_purchase(capture_id, p_refund, 'tarot-complaint-' || p_reading_id || '-' || charge.refunded, p_reason);
  end if;
  kept := charge.charged - charge.refunded - p_refund;
  if charge.reader_earning > 0 then
    if p_refund = 0 then
      perform billing.release_seller_earning('tarot_reading', p_reading_id::text);
    else
      perform billing.settle_held_earning('tarot_reading', p_reading_id::text, charge.reader_earning * kept / charge.charged);
    end if;
  end if;
  update tarot.reading_charges
     set refunded = refunded + p_refund,
         reader_earning = case when p_refund = 0 then reader_earning else reader_earning * kept / charged end
   where reading_id = p_reading_id
  returning * into charge;
  perform private.log_moderation('settle_complaint', 'reading', p_reading_id::text, p_report_id, p_reason,
    jsonb_build_object('refund', p_refund, 'reader_earning', charge.reader_earning, 'moderator_id', moderator));
  return charge;
end
$$;

-- Analytics ---------------------------------------------------------------------------------------------------------------
-- The seed's user_analytics device and location columns, sent by the tarot app once per session.
insert into audit.analytics_event_types (event_name, product, property_schema, description) values
  ('tarot_session', 'tarot',
   '{"properties": {"device_type": {"type": "string", "max_length": 50}, "browser": {"type": "string", "max_length": 100},
                    "operating_system": {"type": "string", "max_length": 100}, "country": {"type": "string", "max_length": 2},
                    "city": {"type": "string", "max_length": 100}, "seconds": {"type": "integer", "min": 0, "max": 604800}},
     "required": ["device_type"]}',
   'A tarot app session: device, browser, system and location (seed 001 user_analytics).'),
  ('reading_viewed', 'tarot',
   '{"properties": {"reading_id": {"type": "uuid"}}, "required": ["reading_id"]}',
   'The client opened a reading''s result.');

-- The seed's daily per-user numbers (readings completed, calls made, total spent, average session
-- value), kept by tarot's own roll-up beside the core's audit.user_analytics.
create table tarot.user_daily_stats (
  day date not null,
  user_id uuid not null references public.profiles (id) on delete cascade,
  readings_completed integer not null default 0,
  calls_made integer not null default 0,
  currency text not null default 'USD',
  total_spent bigint not null default 0,
  average_session_value bigint not null default 0,
  primary key (day, user_id, currency)
);
create index user_daily_stats_user_idx on tarot.user_daily_stats (user_id, day desc);
revoke all on tarot.user_daily_stats from anon, authenticated;
grant select on tarot.user_daily_stats to authenticated;
alter table tarot.user_daily_stats enable row level security;
create policy "users and auditors read daily tarot stats" on tarot.user_daily_stats for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('audit.read')));

-- p_day's numbers (re-running a day replaces it), per client, and the platform's in audit.system_metrics.
create or replace function private.tarot_roll_up_day(p_day date default (now() - interval '1 day')::date)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  day_start timestamptz := p_day::timestamptz;
  day_end timestamptz := (p_day + 1)::timestamptz;
  rows_written integer;
begin
  delete from tarot.user_daily_stats where day = p_day;
  insert into tarot.user_daily_stats (day, user_id, readings_completed, calls_made, currency, total_spent, average_session_value)
  select p_day, u.user_id, sum(u.completed)::integer, sum(u.calls)::integer, u.currency, sum(u.spent)::bigint,
         coalesce((sum(u.spent) / nullif(sum(u.paid), 0))::bigint, 0)
    from (
      select r.client_id as user_id, count(*) as completed, 0 as calls, coalesce(c.currency, 'USD') as currency,
             coalesce(sum(c.charged - c.refunded), 0) as spent, count(c.reading_id) filter (where c.charged > 0) as paid
        from tarot.reading_sessions r left join tarot.reading_charges c on c.reading_id = r.id
       where r.status = 'completed' and r.completed_at >= day_start and r.completed_at < day_end
       group by r.client_id, coalesce(c.currency, 'USD')
      union all
      select v.initiator_id, 0, count(*), 'USD', 0, 0 from tarot.video_call_sessions v
       where v.started_at >= day_start and v.started_at < day_end and v.initiator_id is not null group by v.initiator_id
    ) u
   group by u.user_id, u.currency;
  get diagnostics rows_written = row_count;
  insert into audit.system_metrics (metric_name, metric_value, metric_unit, dimensions, aggregation_level, measured_at)
  select m.name, m.value, m.unit, '{"product": "tarot"}', 'daily', day_start
    from (values
      ('tarot.readings_completed', (select count(*) from tarot.reading_sessions where status = 'completed' and completed_at >= day_start and completed_at < day_end)::numeric, 'readings'),
      ('tarot.calls_made', (select count(*) from tarot.video_call_sessions where started_at >= day_start and started_at < day_end)::numeric, 'calls'),
      ('tarot.total_spent', (select coalesce(sum(charged - refunded), 0) from tarot.reading_charges c join tarot.reading_sessions r on r.id = c.reading_id
                              where r.completed_at >= day_start and r.completed_at < day_end)::numeric, 'minor units'),
      ('tarot.average_session_value', (select coalesce(avg(charged - refunded), 0) from tarot.reading_charges c join tarot.reading_sessions r on r.id = c.reading_id
                              where r.completed_at >= day_start and r.completed_at < day_end and c.charged > 0)::numeric, 'minor units')) m(name, value, unit)
  on conflict (metric_name, aggregation_level, measured_at) do update set metric_value = excluded.metric_value;
  return rows_written;
end
$$;
select cron.schedule('tarot-roll-up-yesterday', '10 0 * * *', 'select private.tarot_roll_up_day()');

revoke execute on function private.tarot_ai_validate(uuid, text), private.tarot_ai_prompt(uuid, text, jsonb),
  private.tarot_ai_record(billing.ai_requests, text), private.tarot_reportable_reading(text), private.tarot_roll_up_day(date),
  private.tarot_reading_participant_role(uuid, text, uuid), private.tarot_reading_topic_allowed(uuid, uuid)
  from public, anon, authenticated, service_role;
grant execute on function tarot.settle_complaint(uuid, bigint, text, uuid) to authenticated;
