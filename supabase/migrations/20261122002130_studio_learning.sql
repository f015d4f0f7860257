-- javari_learning's writer (seed 002): each night, one row per user and conversation type for the day
-- before (UTC), summarising that user's AI requests of the studio's purposes (the types are the
-- purposes the studio registered: conversation, project, app, tool). The `studio-learning` edge
-- function runs it from the core's scheduler; a rerun of a day replaces its rows.

alter table studio.javari_learning
  add column summary_date date,
  add column failed_count integer not null default 0 check (failed_count >= 0),
  add constraint javari_learning_one_per_day unique (user_id, conversation_type, summary_date);

-- The summary of p_day: message_count requests; avg_message_length of the user's last message;
-- response_quality_score the share that completed (0 to 1; the seed's score, measured the only way
-- the server can); provider and model the most used; tokens and credits summed; patterns_detected
-- the requests per model and per UTC hour. Answers how many rows it wrote.
create or replace function studio.write_learning_summaries(p_day date default ((now() at time zone 'UTC')::date - 1))
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  written integer;
begin
  if p_day is null or p_day >= (now() at time zone 'UTC')::date + 1 then
    raise exception 'summaries are written for a day that has begun, not %', p_day using errcode = '22023';
  end if;
  with day_requests as (
    select r.* from billing.ai_requests r
     where r.purpose_type in (select p.purpose from private.ai_purposes p where p.product = 'studio')
       and r.status in ('completed', 'failed')
       and r.created_at >= p_day::timestamp at time zone 'UTC' and r.created_at < (p_day + 1)::timestamp at time zone 'UTC'
  ),
  per_model as (
    select user_id, purpose_type, jsonb_object_agg(model, n) as models
      from (select user_id, purpose_type, model, count(*) as n from day_requests group by 1, 2, 3) m
     group by 1, 2
  ),
  per_hour as (
    select user_id, purpose_type, jsonb_object_agg(hour, n) as hours
      from (select user_id, purpose_type, extract(hour from created_at at time zone 'UTC')::integer::text as hour, count(*) as n
              from day_requests group by 1, 2, 3) h
     group by 1, 2
  ),
  summary as (
    select d.user_id, d.purpose_type, count(*)::integer as message_count,
           round(avg(char_length(d.last_user_message)))::integer as avg_message_length,
           round(count(*) filter (where d.status = 'completed')::numeric / count(*), 2) as quality,
           mode() within group (order by d.provider) as provider,
           mode() within group (order by d.model) as model,
           sum(coalesce(d.input_tokens, 0) + coalesce(d.output_tokens, 0))::integer as tokens,
           sum(d.credits_charged)::bigint as credits,
           count(*) filter (where d.status = 'failed')::integer as failed
      from day_requests d
     group by d.user_id, d.purpose_type
  ),
  upserted as (
    insert into studio.javari_learning (user_id, conversation_type, summary_date, message_count, avg_message_length,
                                        response_quality_score, provider, model, tokens_used, credits_used, failed_count, patterns_detected)
    select s.user_id, s.purpose_type, p_day, s.message_count, s.avg_message_length, s.quality, s.provider, s.model, s.tokens,
           s.credits, s.failed, jsonb_build_object('requests_by_model', m.models, 'requests_by_hour_utc', h.hours)
      from summary s
      join per_model m on m.user_id = s.user_id and m.purpose_type = s.purpose_type
      join per_hour h on h.user_id = s.user_id and h.purpose_type = s.purpose_type
    on conflict (user_id, conversation_type, summary_date) do update
      set message_count = excluded.message_count, avg_message_length = excluded.avg_message_length,
          response_quality_score = excluded.response_quality_score, provider = excluded.provider, model = excluded.model,
          tokens_used = excluded.tokens_used, credits_used = excluded.credits_used, failed_count = excluded.failed_count,
          patterns_detected = excluded.patterns_detected
    returning 1
  )
  select count(*)::integer into written from upserted;
  return written;
end
$$;

revoke execute on function studio.write_learning_summaries(date) from public, anon, authenticated;
grant execute on function studio.write_learning_summaries(date) to service_role;

-- Nightly at 01:00 UTC, after the day has closed.
insert into private.scheduled_jobs (name, product, function_name, run_every, starts_at, timeout, retry_after, max_attempts)
values ('studio-learning', 'studio', 'studio-learning', interval '1 day', '2026-01-01 01:00:00+00', interval '5 minutes', interval '5 minutes', 3);
