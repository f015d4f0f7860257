-- The studio's bots (seed 002 "Bot system"): scheduled checks that report findings, act on them with
-- the knowledge base, and escalate to Javari or support with tickets. Staff only: `support.read`
-- reads everything, `config.manage` writes bots, knowledge, tickets and findings. Runs are never
-- written by clients: the `bots-runner` edge function, called by the core's scheduler every minute,
-- claims due bots and records each run through service-only functions. A bot calls only our own
-- edge functions or hosts on an allow-list that migrations keep.

-- Cron --------------------------------------------------------------------------------------------------
-- One field of a five-field cron expression as the sorted values it allows, or null when it is not
-- valid: `*`, `n`, `a-b`, with `/step` on any of them, comma lists. No names (MON, JAN).
create or replace function private.studio_cron_field(p_field text, p_lo integer, p_hi integer)
returns integer[]
language plpgsql
immutable
set search_path = ''
as $$
declare
  part text;
  m text[];
  lo integer;
  hi integer;
  step integer;
  vals integer[] := '{}'::integer[];
begin
  if p_field is null or p_field = '' then
    return null;
  end if;
  foreach part in array pg_catalog.string_to_array(p_field, ',') loop
    m := pg_catalog.regexp_match(part, '^(\*|([0-9]{1,2})(-([0-9]{1,2}))?)(/([0-9]{1,2}))?$');
    if m is null then
      return null;
    end if;
    if m[1] = '*' then
      lo := p_lo;
      hi := p_hi;
    else
      lo := m[2]::integer;
      hi := coalesce(m[4]::integer, case when m[6] is not null then p_hi else lo end);
    end if;
    step := coalesce(m[6]::integer, 1);
    if lo < p_lo or hi > p_hi or lo > hi or step < 1 then
      return null;
    end if;
    vals := vals || array(select pg_catalog.generate_series(lo, hi, step));
  end loop;
  return array(select distinct v from unnest(vals) v order by v);
end
$$;

-- The first minute strictly after p_after (UTC) that the expression matches, or null when the
-- expression is not valid or never matches (31 February). Day of month and day of week combine as
-- cron does: when both are restricted, either matches.
create or replace function private.studio_cron_next(p_expr text, p_after timestamptz)
returns timestamptz
language plpgsql
immutable
set search_path = ''
as $$
declare
  f text[] := pg_catalog.regexp_split_to_array(btrim(p_expr), '\s+');
  mins integer[];
  hours integer[];
  doms integer[];
  months integer[];
  dows integer[];
  dom_any boolean;
  dow_any boolean;
  earliest timestamp := pg_catalog.date_trunc('minute', p_after at time zone 'UTC') + interval '1 minute';
  d date;
  h integer;
  mi integer;
  candidate timestamp;
begin
  if p_expr is null or cardinality(f) <> 5 then
    return null;
  end if;
  mins := private.studio_cron_field(f[1], 0, 59);
  hours := private.studio_cron_field(f[2], 0, 23);
  doms := private.studio_cron_field(f[3], 1, 31);
  months := private.studio_cron_field(f[4], 1, 12);
  dows := array(select distinct case when v = 7 then 0 else v end from unnest(private.studio_cron_field(f[5], 0, 7)) v order by 1);
  if mins is null or hours is null or doms is null or months is null or private.studio_cron_field(f[5], 0, 7) is null then
    return null;
  end if;
  dom_any := f[3] like '*%';
  dow_any := f[5] like '*%';
  d := earliest::date;
  -- Eight years covers every valid expression (29 February included).
  for i in 0 .. 366 * 8 loop
    if extract(month from d)::integer = any (months)
       and (case when dom_any and dow_any then true
                 when dom_any then extract(dow from d)::integer = any (dows)
                 when dow_any then extract(day from d)::integer = any (doms)
                 else extract(day from d)::integer = any (doms) or extract(dow from d)::integer = any (dows) end) then
      foreach h in array hours loop
        foreach mi in array mins loop
          candidate := d + pg_catalog.make_time(h, mi, 0);
          if candidate >= earliest then
            return candidate at time zone 'UTC';
          end if;
        end loop;
      end loop;
    end if;
    d := d + 1;
  end loop;
  return null;
end
$$;

create or replace function private.studio_cron_valid(p_expr text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select private.studio_cron_next(p_expr, '2026-01-01 00:00:00+00') is not null
$$;

-- Endpoints ----------------------------------------------------------------------------------------------
-- Hosts a bot may call besides our own functions. Only migrations (the owner) add one: staff who
-- write bots cannot widen where the runner sends requests.
create table studio.bot_allowed_hosts (
  host text primary key check (char_length(host) <= 253
                               and host ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'),
  note text check (char_length(note) <= 500),
  created_at timestamptz not null default now()
);

-- Our own function (`/functions/v1/<name>`, called with the service key, never the runner itself) or
-- an https URL on an allowed host (called without any key).
create or replace function private.studio_bot_endpoint_allowed(p_endpoint text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when p_endpoint ~ '^/functions/v1/[a-z0-9][a-z0-9_-]{0,62}$' then p_endpoint <> '/functions/v1/bots-runner'
    else coalesce(private.is_http_url(p_endpoint), false) and p_endpoint ~ '^https://'
         and exists (select 1 from studio.bot_allowed_hosts h
                      where h.host = lower(substring(p_endpoint from '^https://([^/:?#]+)')))
  end
$$;

-- Bots ---------------------------------------------------------------------------------------------------
create table studio.bots (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (name ~ '^[a-z0-9][a-z0-9_-]{1,49}$'),
  display_name text not null check (char_length(btrim(display_name)) between 1 and 100),
  description text check (char_length(description) <= 2000),
  -- Five fields, UTC: minute hour day-of-month month day-of-week.
  schedule_cron text not null check (char_length(schedule_cron) <= 100 and private.studio_cron_valid(schedule_cron)),
  api_endpoint text not null check (char_length(api_endpoint) <= 200),
  -- GET for a plain health check (2xx is success), POST for a bot that reports findings.
  http_method text not null default 'POST' check (http_method in ('GET', 'POST')),
  timeout_seconds integer not null default 60 check (timeout_seconds between 1 and 300),
  status text not null default 'active' check (status in ('active', 'paused', 'disabled')),
  -- Kept by triggers: the next run from the schedule, the totals and average from the executions.
  last_execution_at timestamptz,
  next_execution_at timestamptz,
  total_runs integer not null default 0,
  successful_runs integer not null default 0,
  failed_runs integer not null default 0,
  avg_execution_time_ms integer,
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index bots_due_idx on studio.bots (next_execution_at) where status = 'active';
create index bots_created_by_idx on studio.bots (created_by);

create table studio.bot_executions (
  id uuid primary key default gen_random_uuid(),
  bot_id uuid not null references studio.bots (id) on delete cascade,
  status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
  claimed_by text check (char_length(claimed_by) <= 100),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  execution_time_ms integer check (execution_time_ms >= 0),
  http_status integer check (http_status between 100 and 599),
  findings_count integer not null default 0 check (findings_count >= 0),
  error_message text check (char_length(error_message) <= 2000),
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object' and octet_length(metadata::text) <= 16384),
  unique (id, bot_id),
  check ((status = 'running') = (finished_at is null))
);
create index bot_executions_bot_idx on studio.bot_executions (bot_id, started_at desc);
-- One run of a bot at a time.
create unique index bot_executions_one_running on studio.bot_executions (bot_id) where status = 'running';

create table studio.bot_findings (
  id uuid primary key default gen_random_uuid(),
  bot_id uuid not null references studio.bots (id) on delete cascade,
  execution_id uuid not null,
  severity text not null check (severity in ('info', 'low', 'medium', 'high', 'critical')),
  category text not null check (char_length(btrim(category)) between 1 and 50),
  title text not null check (char_length(btrim(title)) between 1 and 200),
  description text check (char_length(description) <= 5000),
  affected_component text check (char_length(affected_component) <= 100),
  detected_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolution_method text check (resolution_method in ('auto_fixed', 'ticket', 'manual', 'ignored')),
  resolution_notes text check (char_length(resolution_notes) <= 2000),
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object' and octet_length(metadata::text) <= 16384),
  unique (id, bot_id),
  -- The finding's execution is a run of the same bot.
  foreign key (execution_id, bot_id) references studio.bot_executions (id, bot_id) on delete cascade,
  check ((resolved_at is null) = (resolution_method is null))
);
create index bot_findings_bot_idx on studio.bot_findings (bot_id, detected_at desc);
create index bot_findings_execution_idx on studio.bot_findings (execution_id, bot_id);
create index bot_findings_open_idx on studio.bot_findings (severity, detected_at desc) where resolved_at is null;

create table studio.bot_knowledge (
  id uuid primary key default gen_random_uuid(),
  category text not null check (char_length(btrim(category)) between 1 and 50),
  issue_pattern text not null check (char_length(btrim(issue_pattern)) between 1 and 2000),
  solution text not null check (char_length(btrim(solution)) between 1 and 5000),
  -- Kept by a trigger on bot_actions: how often applied, how often it worked (percent), when last.
  times_applied integer not null default 0,
  times_successful integer not null default 0,
  success_rate numeric(5, 2) not null default 0,
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index bot_knowledge_category_idx on studio.bot_knowledge (category);

create table studio.bot_actions (
  id uuid primary key default gen_random_uuid(),
  bot_id uuid not null references studio.bots (id) on delete cascade,
  finding_id uuid,
  knowledge_id uuid references studio.bot_knowledge (id) on delete set null,
  action_type text not null check (char_length(btrim(action_type)) between 1 and 50),
  action_description text not null check (char_length(btrim(action_description)) between 1 and 2000),
  success boolean not null,
  error_message text check (char_length(error_message) <= 2000),
  taken_at timestamptz not null default now(),
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object' and octet_length(metadata::text) <= 16384),
  foreign key (finding_id, bot_id) references studio.bot_findings (id, bot_id) on delete set null (finding_id)
);
create index bot_actions_bot_idx on studio.bot_actions (bot_id, taken_at desc);
create index bot_actions_finding_idx on studio.bot_actions (finding_id, bot_id);
create index bot_actions_knowledge_idx on studio.bot_actions (knowledge_id);

create table studio.bot_tickets (
  id uuid primary key default gen_random_uuid(),
  bot_id uuid not null references studio.bots (id) on delete cascade,
  finding_id uuid unique,
  severity text not null check (severity in ('info', 'low', 'medium', 'high', 'critical')),
  title text not null check (char_length(btrim(title)) between 1 and 200),
  description text not null check (char_length(btrim(description)) between 1 and 5000),
  status text not null default 'open' check (status in ('open', 'in_progress', 'resolved')),
  -- Javari (the assistant) until a member of staff takes it.
  assignee text not null default 'javari' check (assignee in ('javari', 'staff')),
  assigned_staff_id uuid references public.profiles (id) on delete set null,
  resolved_at timestamptz,
  resolved_by uuid references public.profiles (id) on delete set null,
  resolution_notes text check (char_length(resolution_notes) <= 5000),
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object' and octet_length(metadata::text) <= 16384),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (finding_id, bot_id) references studio.bot_findings (id, bot_id) on delete cascade,
  check (assignee = 'staff' or assigned_staff_id is null),
  check ((status = 'resolved') = (resolved_at is not null))
);
create index bot_tickets_status_idx on studio.bot_tickets (status, severity);
create index bot_tickets_bot_idx on studio.bot_tickets (bot_id);
create index bot_tickets_finding_idx on studio.bot_tickets (finding_id, bot_id);
create index bot_tickets_assigned_staff_idx on studio.bot_tickets (assigned_staff_id);
create index bot_tickets_resolved_by_idx on studio.bot_tickets (resolved_by);

create trigger set_updated_at before update on studio.bots for each row execute function private.set_updated_at();
create trigger set_updated_at before update on studio.bot_knowledge for each row execute function private.set_updated_at();
create trigger set_updated_at before update on studio.bot_tickets for each row execute function private.set_updated_at();

-- Triggers -----------------------------------------------------------------------------------------------
-- A bot's endpoint is checked whenever it is written; its next run follows its schedule and status.
create or replace function private.studio_bots_before_write()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or new.api_endpoint is distinct from old.api_endpoint then
    if not private.studio_bot_endpoint_allowed(new.api_endpoint) then
      raise exception 'a bot calls our functions (/functions/v1/<name>) or an https URL on an allowed host, not %', new.api_endpoint
        using errcode = 'PA160', hint = 'allowed hosts are in studio.bot_allowed_hosts';
    end if;
  end if;
  if new.status <> 'active' then
    new.next_execution_at := null;
  elsif tg_op = 'INSERT' or new.schedule_cron is distinct from old.schedule_cron or old.status <> 'active' then
    new.next_execution_at := private.studio_cron_next(new.schedule_cron, now());
  end if;
  return new;
end
$$;
create trigger before_write before insert or update on studio.bots for each row execute function private.studio_bots_before_write();

-- A finished run is final; when a run finishes, its bot's totals, average time and last run move.
create or replace function private.studio_bot_execution_guard()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.status <> 'running' then
    raise exception 'execution % is already recorded as %', old.id, old.status using errcode = 'PA161';
  end if;
  return new;
end
$$;
create trigger guard before update on studio.bot_executions for each row execute function private.studio_bot_execution_guard();

create or replace function private.studio_bot_execution_stats()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status <> 'running' and (tg_op = 'INSERT' or old.status = 'running') then
    update studio.bots b
       set total_runs = b.total_runs + 1,
           successful_runs = b.successful_runs + (new.status = 'succeeded')::integer,
           failed_runs = b.failed_runs + (new.status = 'failed')::integer,
           avg_execution_time_ms = case when new.execution_time_ms is null then b.avg_execution_time_ms
                                        else round((coalesce(b.avg_execution_time_ms, 0)::numeric * b.total_runs + new.execution_time_ms)
                                                   / (b.total_runs + 1))::integer end,
           last_execution_at = greatest(b.last_execution_at, new.started_at)
     where b.id = new.bot_id;
  end if;
  return null;
end
$$;
create trigger stats after insert or update of status on studio.bot_executions for each row execute function private.studio_bot_execution_stats();

-- An action that applied a knowledge entry counts for it; a successful one resolves its finding.
create or replace function private.studio_bot_action_applied()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.knowledge_id is not null then
    update studio.bot_knowledge k
       set times_applied = k.times_applied + 1,
           times_successful = k.times_successful + new.success::integer,
           success_rate = round(100.0 * (k.times_successful + new.success::integer) / (k.times_applied + 1), 2),
           last_used_at = new.taken_at
     where k.id = new.knowledge_id;
  end if;
  if new.success and new.finding_id is not null then
    update studio.bot_findings f set resolved_at = new.taken_at, resolution_method = 'auto_fixed'
     where f.id = new.finding_id and f.resolved_at is null;
  end if;
  return null;
end
$$;
create trigger applied after insert on studio.bot_actions for each row execute function private.studio_bot_action_applied();

-- The staff who hold support.read through a role (active accounts): who hears of new tickets and who
-- may be assigned one.
create or replace function private.studio_support_staff()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select distinct u.user_id
    from public.user_staff_roles u
    join public.staff_roles r on r.role = u.role
    join public.profiles p on p.id = u.user_id
   where 'support.read' = any (r.permissions) and p.status = 'active'
$$;

create or replace function private.studio_bot_ticket_opened()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.notify(s, 'studio.bot_ticket_opened',
                         jsonb_build_object('ticket_id', new.id, 'bot_id', new.bot_id, 'severity', new.severity, 'title', new.title))
     from private.studio_support_staff() s;
  return null;
end
$$;
create trigger notify_support after insert on studio.bot_tickets for each row execute function private.studio_bot_ticket_opened();

-- Grants and policies ----------------------------------------------------------------------------------------
revoke all on studio.bot_allowed_hosts, studio.bots, studio.bot_executions, studio.bot_findings, studio.bot_knowledge,
  studio.bot_actions, studio.bot_tickets from anon, authenticated;
grant select on studio.bot_allowed_hosts, studio.bots, studio.bot_executions, studio.bot_findings, studio.bot_knowledge,
  studio.bot_actions, studio.bot_tickets to authenticated;
grant insert (name, display_name, description, schedule_cron, api_endpoint, http_method, timeout_seconds, status) on studio.bots to authenticated;
grant update (display_name, description, schedule_cron, api_endpoint, http_method, timeout_seconds, status) on studio.bots to authenticated;
grant delete on studio.bots to authenticated;
grant insert (category, issue_pattern, solution) on studio.bot_knowledge to authenticated;
grant update (category, issue_pattern, solution) on studio.bot_knowledge to authenticated;
grant delete on studio.bot_knowledge to authenticated;
-- Runs, findings, actions and tickets: the runner writes them (service-only functions); staff change
-- tickets and findings through the functions below.
revoke insert, update, delete, truncate on studio.bot_allowed_hosts from service_role;

alter table studio.bot_allowed_hosts enable row level security;
alter table studio.bots enable row level security;
alter table studio.bot_executions enable row level security;
alter table studio.bot_findings enable row level security;
alter table studio.bot_knowledge enable row level security;
alter table studio.bot_actions enable row level security;
alter table studio.bot_tickets enable row level security;

create policy "staff read the allowed hosts" on studio.bot_allowed_hosts for select to authenticated
  using ((select private.has_permission('support.read')) or (select private.has_permission('config.manage')));
create policy "staff read bots" on studio.bots for select to authenticated
  using ((select private.has_permission('support.read')) or (select private.has_permission('config.manage')));
create policy "configuration staff add bots" on studio.bots for insert to authenticated
  with check ((select private.has_permission('config.manage')));
create policy "configuration staff change bots" on studio.bots for update to authenticated
  using ((select private.has_permission('config.manage'))) with check ((select private.has_permission('config.manage')));
create policy "configuration staff remove bots" on studio.bots for delete to authenticated
  using ((select private.has_permission('config.manage')));
create policy "staff read bot executions" on studio.bot_executions for select to authenticated
  using ((select private.has_permission('support.read')) or (select private.has_permission('config.manage')));
create policy "staff read bot findings" on studio.bot_findings for select to authenticated
  using ((select private.has_permission('support.read')) or (select private.has_permission('config.manage')));
create policy "staff read bot actions" on studio.bot_actions for select to authenticated
  using ((select private.has_permission('support.read')) or (select private.has_permission('config.manage')));
create policy "staff read bot tickets" on studio.bot_tickets for select to authenticated
  using ((select private.has_permission('support.read')) or (select private.has_permission('config.manage')));
create policy "staff read bot knowledge" on studio.bot_knowledge for select to authenticated
  using ((select private.has_permission('support.read')) or (select private.has_permission('config.manage')));
create policy "configuration staff add knowledge" on studio.bot_knowledge for insert to authenticated
  with check ((select private.has_permission('config.manage')));
create policy "configuration staff change knowledge" on studio.bot_knowledge for update to authenticated
  using ((select private.has_permission('config.manage'))) with check ((select private.has_permission('config.manage')));
create policy "configuration staff remove knowledge" on studio.bot_knowledge for delete to authenticated
  using ((select private.has_permission('config.manage')));

-- Staff functions ---------------------------------------------------------------------------------------------
-- Runs a bot at the scheduler's next tick.
create or replace function studio.run_bot_now(p_bot_id uuid)
returns studio.bots
language plpgsql
security definer
set search_path = ''
as $$
declare
  bot studio.bots;
begin
  perform private.require_staff_permission('config.manage');
  update studio.bots set next_execution_at = now() where id = p_bot_id and status = 'active' returning * into bot;
  if not found then
    raise exception 'no active bot %', p_bot_id using errcode = 'PA001';
  end if;
  return bot;
end
$$;

-- Gives a ticket to a member of support staff (one who holds support.read), or back to Javari (null).
create or replace function studio.assign_bot_ticket(p_ticket_id uuid, p_staff_id uuid default null)
returns studio.bot_tickets
language plpgsql
security definer
set search_path = ''
as $$
declare
  ticket studio.bot_tickets;
begin
  perform private.require_staff_permission('config.manage');
  if p_staff_id is not null and p_staff_id not in (select private.studio_support_staff()) then
    raise exception 'user % is not active support staff', p_staff_id using errcode = 'PA162';
  end if;
  update studio.bot_tickets
     set assignee = case when p_staff_id is null then 'javari' else 'staff' end, assigned_staff_id = p_staff_id
   where id = p_ticket_id and status <> 'resolved'
  returning * into ticket;
  if not found then
    raise exception 'no open ticket %', p_ticket_id using errcode = 'PA001';
  end if;
  if p_staff_id is not null then
    perform private.notify(p_staff_id, 'studio.bot_ticket_assigned',
                           jsonb_build_object('ticket_id', ticket.id, 'severity', ticket.severity, 'title', ticket.title));
  end if;
  return ticket;
end
$$;

-- Moves a ticket forward: open → in_progress → resolved (with notes). Resolving it resolves its finding.
create or replace function studio.set_bot_ticket_status(p_ticket_id uuid, p_status text, p_resolution_notes text default null)
returns studio.bot_tickets
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_staff_permission('config.manage');
  ticket studio.bot_tickets;
begin
  select * into ticket from studio.bot_tickets where id = p_ticket_id for update;
  if not found then
    raise exception 'no ticket %', p_ticket_id using errcode = 'PA001';
  end if;
  if p_status is null or (ticket.status, p_status) not in (('open', 'in_progress'), ('in_progress', 'resolved')) then
    raise exception 'a ticket goes open → in_progress → resolved, not % → %', ticket.status, p_status using errcode = 'PA163';
  end if;
  if p_status = 'resolved' and nullif(btrim(p_resolution_notes), '') is null then
    raise exception 'resolving a ticket needs resolution notes' using errcode = '22023';
  end if;
  update studio.bot_tickets
     set status = p_status,
         resolved_at = case when p_status = 'resolved' then now() end,
         resolved_by = case when p_status = 'resolved' then caller end,
         resolution_notes = case when p_status = 'resolved' then p_resolution_notes end
   where id = ticket.id
  returning * into ticket;
  if p_status = 'resolved' and ticket.finding_id is not null then
    update studio.bot_findings set resolved_at = now(), resolution_method = 'ticket', resolution_notes = p_resolution_notes
     where id = ticket.finding_id and resolved_at is null;
  end if;
  return ticket;
end
$$;

-- Closes a finding by hand: fixed manually, or ignored.
create or replace function studio.resolve_bot_finding(p_finding_id uuid, p_method text, p_notes text default null)
returns studio.bot_findings
language plpgsql
security definer
set search_path = ''
as $$
declare
  finding studio.bot_findings;
begin
  perform private.require_staff_permission('config.manage');
  if p_method is null or p_method not in ('manual', 'ignored') then
    raise exception 'a finding is resolved by hand as manual or ignored, not %', p_method using errcode = '22023';
  end if;
  update studio.bot_findings set resolved_at = now(), resolution_method = p_method, resolution_notes = p_notes
   where id = p_finding_id and resolved_at is null
  returning * into finding;
  if not found then
    raise exception 'no open finding %', p_finding_id using errcode = 'PA001';
  end if;
  return finding;
end
$$;

-- The runner's functions (service_role only) -----------------------------------------------------------------
-- Claims up to p_limit due bots for one runner: runs left running past their bot's timeout (plus a
-- minute) are recorded as failed first; then each due active bot without a run under way gets a
-- running execution and its next slot, in one statement per bot under SKIP LOCKED so two runners
-- never start the same bot. A bot whose endpoint is no longer allowed gets a failed run instead.
create or replace function studio.claim_due_bots(p_worker text, p_limit integer default 10)
returns table (execution_id uuid, bot_id uuid, bot_name text, api_endpoint text, http_method text, timeout_ms integer)
language plpgsql
security definer
set search_path = ''
as $$
declare
  bot studio.bots;
  run_id uuid;
begin
  if p_worker is null or p_worker !~ '^[A-Za-z0-9_.:@-]{1,100}$' then
    raise exception 'a runner names itself with 1 to 100 letters, digits or _.:@-' using errcode = '22023';
  end if;
  if p_limit is null or p_limit not between 1 and 100 then
    raise exception 'a runner claims 1 to 100 bots at a time, not %', p_limit using errcode = '22023';
  end if;
  update studio.bot_executions e
     set status = 'failed', finished_at = now(), error_message = 'no result before the bot''s timeout',
         execution_time_ms = (extract(epoch from now() - e.started_at) * 1000)::integer
    from studio.bots b
   where b.id = e.bot_id and e.status = 'running' and e.started_at + b.timeout_seconds * interval '1 second' + interval '1 minute' < now();
  for bot in
    select b.* from studio.bots b
     where b.status = 'active' and b.next_execution_at <= now()
       and not exists (select 1 from studio.bot_executions e where e.bot_id = b.id and e.status = 'running')
     order by b.next_execution_at
     limit p_limit
     for update skip locked
  loop
    update studio.bots b set next_execution_at = private.studio_cron_next(b.schedule_cron, now()) where b.id = bot.id;
    if not private.studio_bot_endpoint_allowed(bot.api_endpoint) then
      insert into studio.bot_executions (bot_id, status, claimed_by, finished_at, execution_time_ms, error_message)
      values (bot.id, 'failed', p_worker, now(), 0, 'the endpoint is no longer allowed: ' || left(bot.api_endpoint, 200));
      continue;
    end if;
    insert into studio.bot_executions (bot_id, claimed_by) values (bot.id, p_worker) returning id into run_id;
    execution_id := run_id;
    bot_id := bot.id;
    bot_name := bot.name;
    api_endpoint := bot.api_endpoint;
    http_method := bot.http_method;
    timeout_ms := bot.timeout_seconds * 1000;
    return next;
  end loop;
end
$$;

-- Records a claimed run once: its outcome, the time it took (server time since the claim), and the
-- findings the bot reported, each with the action it took (counting for the knowledge entry it
-- applied) and, when it asks to escalate, a ticket assigned to Javari (support is notified). A
-- finding is {severity, category, title, description?, affected_component?, metadata?,
-- action?: {type, description, success, error?, knowledge_id?, metadata?}, escalate?}. At most 100.
create or replace function studio.record_bot_run(
  p_execution_id uuid, p_succeeded boolean, p_http_status integer default null, p_error text default null,
  p_findings jsonb default '[]', p_metadata jsonb default '{}')
returns studio.bot_executions
language plpgsql
security definer
set search_path = ''
as $$
declare
  run studio.bot_executions;
  item jsonb;
  finding studio.bot_findings;
begin
  if p_succeeded is null then
    raise exception 'p_succeeded is required' using errcode = '22023';
  end if;
  if jsonb_typeof(coalesce(p_findings, '[]')) <> 'array' or jsonb_array_length(coalesce(p_findings, '[]')) > 100 then
    raise exception 'findings are an array of at most 100' using errcode = '22023';
  end if;
  select * into run from studio.bot_executions where id = p_execution_id for update;
  if not found then
    raise exception 'no bot execution %', p_execution_id using errcode = 'PA001';
  end if;
  if run.status <> 'running' then
    raise exception 'execution % is already recorded as %', run.id, run.status using errcode = 'PA161';
  end if;
  for item in select * from jsonb_array_elements(coalesce(p_findings, '[]')) loop
    if jsonb_typeof(item) <> 'object' then
      raise exception 'a finding is an object' using errcode = '22023';
    end if;
    insert into studio.bot_findings (bot_id, execution_id, severity, category, title, description, affected_component, metadata)
    values (run.bot_id, run.id, item ->> 'severity', item ->> 'category', item ->> 'title', item ->> 'description',
            item ->> 'affected_component', coalesce(item -> 'metadata', '{}'))
    returning * into finding;
    if item ? 'action' then
      insert into studio.bot_actions (bot_id, finding_id, knowledge_id, action_type, action_description, success, error_message, metadata)
      values (run.bot_id, finding.id, (item -> 'action' ->> 'knowledge_id')::uuid, item -> 'action' ->> 'type',
              item -> 'action' ->> 'description', (item -> 'action' ->> 'success')::boolean, item -> 'action' ->> 'error',
              coalesce(item -> 'action' -> 'metadata', '{}'));
    end if;
    if coalesce((item ->> 'escalate')::boolean, false) then
      insert into studio.bot_tickets (bot_id, finding_id, severity, title, description)
      values (run.bot_id, finding.id, finding.severity, finding.title, coalesce(nullif(btrim(finding.description), ''), finding.title));
    end if;
  end loop;
  update studio.bot_executions
     set status = case when p_succeeded then 'succeeded' else 'failed' end,
         finished_at = now(),
         execution_time_ms = (extract(epoch from now() - started_at) * 1000)::integer,
         http_status = p_http_status,
         error_message = case when not p_succeeded then left(coalesce(nullif(btrim(p_error), ''), 'failed'), 2000) end,
         findings_count = jsonb_array_length(coalesce(p_findings, '[]')),
         metadata = coalesce(p_metadata, '{}')
   where id = run.id
  returning * into run;
  return run;
end
$$;

revoke execute on function private.studio_cron_field(text, integer, integer), private.studio_cron_next(text, timestamptz),
  private.studio_cron_valid(text), private.studio_bot_endpoint_allowed(text), private.studio_bots_before_write(),
  private.studio_bot_execution_guard(), private.studio_bot_execution_stats(), private.studio_bot_action_applied(),
  private.studio_support_staff(), private.studio_bot_ticket_opened() from public, anon, authenticated;
-- Checks and the schedule run as the writer: staff writing a bot evaluate them.
grant execute on function private.studio_cron_field(text, integer, integer), private.studio_cron_next(text, timestamptz),
  private.studio_cron_valid(text) to authenticated;
revoke execute on function studio.run_bot_now(uuid), studio.assign_bot_ticket(uuid, uuid), studio.set_bot_ticket_status(uuid, text, text),
  studio.resolve_bot_finding(uuid, text, text), studio.claim_due_bots(text, integer),
  studio.record_bot_run(uuid, boolean, integer, text, jsonb, jsonb) from public, anon, authenticated;
grant execute on function studio.run_bot_now(uuid), studio.assign_bot_ticket(uuid, uuid), studio.set_bot_ticket_status(uuid, text, text),
  studio.resolve_bot_finding(uuid, text, text) to authenticated;
grant execute on function studio.claim_due_bots(text, integer), studio.record_bot_run(uuid, boolean, integer, text, jsonb, jsonb) to service_role;

-- The scheduler calls the runner every minute; each bot's own schedule says when it is due.
insert into private.scheduled_jobs (name, product, function_name, run_every, timeout, retry_after, max_attempts)
values ('studio-bots', 'studio', 'bots-runner', interval '1 minute', interval '5 minutes', interval '1 minute', 1);
