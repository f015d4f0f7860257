-- Observability: security events, the append-only domain event store, client analytics through one
-- RPC (against a registry of events that products fill), page views and API and error logs, daily
-- roll-ups, and the maintenance jobs. The append-only tables that grow with traffic are partitioned by
-- time (20261122000350_partitions.sql): their primary key carries the partition key, retention drops
-- whole partitions, and a day's roll-up reads one day's partition.

-- Security events (seed 001) ------------------------------------------------------------------------------------
-- A refused attempt rolls back what it wrote (PostgreSQL has no autonomous transactions), so the
-- callers that see refusals record them: the edge functions, after the failing statement.
create table audit.security_events (
  id bigint generated always as identity,
  user_id uuid,
  event_type text not null check (event_type ~ '^[a-z_.]{2,80}$'),
  severity text not null default 'medium' check (severity in ('low', 'medium', 'high', 'critical')),
  description text not null,
  details jsonb not null default '{}',
  status text not null default 'open' check (status in ('open', 'investigating', 'resolved', 'false_positive')),
  created_at timestamptz not null default now(),
  primary key (id, created_at)
) partition by range (created_at);
create index security_events_recent_idx on audit.security_events (created_at desc);
create index security_events_user_idx on audit.security_events (user_id, created_at desc);

create or replace function audit.record_security_event(p_user_id uuid, p_event_type text, p_severity text, p_description text, p_details jsonb default '{}')
returns bigint
language sql
security definer
set search_path = ''
as $$
  insert into audit.security_events (user_id, event_type, severity, description, details)
  values (p_user_id, p_event_type, p_severity, p_description, coalesce(p_details, '{}'))
  returning id
$$;

-- Domain events (seed 003): the products' important state changes, written in the same transaction.
create table audit.domain_events (
  id bigint generated always as identity,
  aggregate_type text not null,
  aggregate_id text not null,
  event_type text not null,
  payload jsonb not null default '{}',
  actor_id uuid,
  occurred_at timestamptz not null default now(),
  primary key (id, occurred_at)
) partition by range (occurred_at);
create index domain_events_aggregate_idx on audit.domain_events (aggregate_type, aggregate_id, id);
create index domain_events_type_idx on audit.domain_events (event_type, occurred_at desc);
create trigger append_only before update or delete on audit.domain_events for each statement execute function private.refuse_change();

-- Trigger: `execute function private.emit_domain_event('<aggregate>', '<event>', '<id column>')` on
-- the state change; the row becomes the payload.
create or replace function private.emit_domain_event()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into audit.domain_events (aggregate_type, aggregate_id, event_type, payload, actor_id)
  values (tg_argv[0], to_jsonb(new) ->> tg_argv[2], tg_argv[1], to_jsonb(new), auth.uid());
  return null;
end
$$;

create trigger domain_event_payment_succeeded after update of status on billing.payments
  for each row when (old.status is distinct from new.status and new.status in ('succeeded', 'refunded', 'partially_refunded'))
  execute function private.emit_domain_event('payment', 'payment.status_changed', 'id');
create trigger domain_event_subscription_changed after insert or update of status, plan_id on billing.subscriptions
  for each row execute function private.emit_domain_event('subscription', 'subscription.changed', 'stripe_subscription_id');
create trigger domain_event_group_joined after insert on public.group_members
  for each row execute function private.emit_domain_event('group', 'group.member_joined', 'group_id');
create trigger domain_event_organization_joined after insert on public.organization_members
  for each row execute function private.emit_domain_event('organization', 'organization.member_joined', 'organization_id');
create trigger domain_event_report_closed after update of status on public.reports
  for each row when (old.status is distinct from new.status and new.status in ('resolved', 'dismissed'))
  execute function private.emit_domain_event('report', 'report.closed', 'id');
create trigger domain_event_verification_decided after update of status on public.verification_requests
  for each row when (old.status is distinct from new.status)
  execute function private.emit_domain_event('user', 'verification.decided', 'user_id');
create trigger domain_event_verification_revoked after update of revoked_at on public.verifications
  for each row when (old.revoked_at is null and new.revoked_at is not null)
  execute function private.emit_domain_event('user', 'verification.revoked', 'user_id');
create trigger domain_event_payout_changed after update of status on billing.payouts
  for each row when (old.status is distinct from new.status)
  execute function private.emit_domain_event('payout', 'payout.status_changed', 'id');

-- Client analytics ------------------------------------------------------------------------------------------------
-- The registry of analytics events: the core registers its own (below), each product its own in its
-- migration. property_schema describes the properties an event carries (docs/api.md, Analytics):
--   {"properties": {"<key>": {"type": "string" | "number" | "integer" | "boolean" | "uuid" | "object" | "array",
--                             ...options of the type}},
--    "required": ["<key>", ...]}
-- options: string max_length (1..4096, default 200) and enum (strings); number and integer min, max;
-- object max_keys (1..100, default 20); array max_items (1..1000, default 20) and items (a scalar spec).
-- Keys not in properties are refused; so is JSON null.
create table audit.analytics_event_types (
  event_name text primary key check (event_name ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$' and char_length(event_name) between 2 and 80),
  product text not null check (product ~ '^[a-z_]{2,30}$'),
  property_schema jsonb not null default '{"properties": {}}',
  description text not null check (char_length(description) between 1 and 500),
  created_at timestamptz not null default now()
);

-- One property spec of a schema being registered; raises 22023 with what is wrong.
create or replace function private.check_property_spec(p_event_name text, p_key text, p_spec jsonb, p_scalar_only boolean)
returns void
language plpgsql
immutable
set search_path = ''
as $$
declare
  kind text := p_spec ->> 'type';
  allowed text[];
  bad text;
  option text;
begin
  if jsonb_typeof(p_spec) is distinct from 'object' then
    raise exception 'event "%": the spec of "%" must be an object with a type', p_event_name, p_key using errcode = '22023';
  end if;
  allowed := case kind
    when 'string' then array['type', 'max_length', 'enum']
    when 'number' then array['type', 'min', 'max']
    when 'integer' then array['type', 'min', 'max']
    when 'boolean' then array['type']
    when 'uuid' then array['type']
    when 'object' then array['type', 'max_keys']
    when 'array' then array['type', 'max_items', 'items']
  end;
  if allowed is null or (p_scalar_only and kind in ('object', 'array')) then
    raise exception 'event "%": "%" has type %, not one of %', p_event_name, p_key, coalesce(p_spec -> 'type', 'null'),
      case when p_scalar_only then 'string, number, integer, boolean, uuid' else 'string, number, integer, boolean, uuid, object, array' end
      using errcode = '22023';
  end if;
  select k into bad from jsonb_object_keys(p_spec) k where k <> all (allowed) limit 1;
  if bad is not null then
    raise exception 'event "%": "%" (%) takes no option "%"', p_event_name, p_key, kind, bad using errcode = '22023';
  end if;
  foreach option in array array['max_length', 'max_keys', 'max_items'] loop
    if p_spec ? option and not (jsonb_typeof(p_spec -> option) = 'number' and (p_spec ->> option)::numeric = trunc((p_spec ->> option)::numeric)
                                and (p_spec ->> option)::numeric between 1 and case option when 'max_length' then 4096 when 'max_keys' then 100 else 1000 end) then
      raise exception 'event "%": % of "%" must be an integer from 1 to %', p_event_name, option, p_key,
        case option when 'max_length' then 4096 when 'max_keys' then 100 else 1000 end using errcode = '22023';
    end if;
  end loop;
  foreach option in array array['min', 'max'] loop
    if p_spec ? option and jsonb_typeof(p_spec -> option) <> 'number' then
      raise exception 'event "%": % of "%" must be a number', p_event_name, option, p_key using errcode = '22023';
    end if;
  end loop;
  if (p_spec -> 'min')::numeric > (p_spec -> 'max')::numeric then
    raise exception 'event "%": min of "%" is above its max', p_event_name, p_key using errcode = '22023';
  end if;
  if p_spec ? 'enum' and not (jsonb_typeof(p_spec -> 'enum') = 'array' and jsonb_array_length(p_spec -> 'enum') between 1 and 100
                             and not exists (select 1 from jsonb_array_elements(p_spec -> 'enum') e where jsonb_typeof(e) <> 'string')) then
    raise exception 'event "%": enum of "%" must be a list of 1 to 100 strings', p_event_name, p_key using errcode = '22023';
  end if;
  if p_spec ? 'items' then
    perform private.check_property_spec(p_event_name, p_key || '[]', p_spec -> 'items', true);
  end if;
end
$$;

-- A whole property schema; raises 22023 with what is wrong.
create or replace function private.check_property_schema(p_event_name text, p_schema jsonb)
returns void
language plpgsql
immutable
set search_path = ''
as $$
declare
  bad text;
  property record;
begin
  if jsonb_typeof(p_schema) is distinct from 'object' or jsonb_typeof(p_schema -> 'properties') is distinct from 'object' then
    raise exception 'event "%": a property schema is an object with "properties" (an object)', p_event_name using errcode = '22023';
  end if;
  select k into bad from jsonb_object_keys(p_schema) k where k not in ('properties', 'required') limit 1;
  if bad is not null then
    raise exception 'event "%": a property schema has "properties" and "required" only, not "%"', p_event_name, bad using errcode = '22023';
  end if;
  if (select count(*) from jsonb_object_keys(p_schema -> 'properties')) > 50 then
    raise exception 'event "%": at most 50 properties', p_event_name using errcode = '22023';
  end if;
  for property in select key, value from jsonb_each(p_schema -> 'properties') loop
    if property.key !~ '^[a-z][a-z0-9_]{0,62}$' then
      raise exception 'event "%": property name "%" must be lower_snake_case (at most 63 characters)', p_event_name, property.key using errcode = '22023';
    end if;
    perform private.check_property_spec(p_event_name, property.key, property.value, false);
  end loop;
  if p_schema ? 'required' then
    if jsonb_typeof(p_schema -> 'required') <> 'array' then
      raise exception 'event "%": "required" is a list of property names', p_event_name using errcode = '22023';
    end if;
    select coalesce(r #>> '{}', r::text) into bad from jsonb_array_elements(p_schema -> 'required') r
     where jsonb_typeof(r) <> 'string' or not (p_schema -> 'properties') ? (r #>> '{}') limit 1;
    if bad is not null then
      raise exception 'event "%": required "%" is not one of its properties', p_event_name, bad using errcode = '22023';
    end if;
  end if;
end
$$;

create or replace function private.check_analytics_event_type()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform private.check_property_schema(new.event_name, new.property_schema);
  return new;
end
$$;
create trigger check_analytics_event_type before insert or update on audit.analytics_event_types
  for each row execute function private.check_analytics_event_type();

-- What is wrong with one value against its spec, or null when it fits.
create or replace function private.property_problem(p_spec jsonb, p_value jsonb)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  kind text := p_spec ->> 'type';
  limit_value integer;
  item jsonb;
  problem text;
begin
  case kind
    when 'string', 'uuid' then
      if jsonb_typeof(p_value) <> 'string' then
        return 'must be a ' || kind;
      end if;
      if kind = 'uuid' and (p_value #>> '{}') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
        return 'must be a uuid';
      end if;
      limit_value := coalesce((p_spec ->> 'max_length')::integer, case kind when 'uuid' then 36 else 200 end);
      if char_length(p_value #>> '{}') > limit_value then
        return format('is longer than %s characters', limit_value);
      end if;
      if p_spec ? 'enum' and not (p_spec -> 'enum') @> jsonb_build_array(p_value) then
        return 'must be one of ' || (select string_agg(e, ', ') from jsonb_array_elements_text(p_spec -> 'enum') e);
      end if;
    when 'number', 'integer' then
      if jsonb_typeof(p_value) <> 'number' or (kind = 'integer' and p_value::numeric <> trunc(p_value::numeric)) then
        return 'must be a' || case kind when 'integer' then 'n integer' else ' number' end;
      end if;
      if p_value::numeric < (p_spec -> 'min')::numeric then
        return 'must be at least ' || (p_spec ->> 'min');
      end if;
      if p_value::numeric > (p_spec -> 'max')::numeric then
        return 'must be at most ' || (p_spec ->> 'max');
      end if;
    when 'boolean' then
      if jsonb_typeof(p_value) <> 'boolean' then
        return 'must be a boolean';
      end if;
    when 'object' then
      if jsonb_typeof(p_value) <> 'object' then
        return 'must be an object';
      end if;
      limit_value := coalesce((p_spec ->> 'max_keys')::integer, 20);
      if (select count(*) from jsonb_object_keys(p_value)) > limit_value then
        return format('has more than %s keys', limit_value);
      end if;
    when 'array' then
      if jsonb_typeof(p_value) <> 'array' then
        return 'must be an array';
      end if;
      limit_value := coalesce((p_spec ->> 'max_items')::integer, 20);
      if jsonb_array_length(p_value) > limit_value then
        return format('has more than %s items', limit_value);
      end if;
      if p_spec ? 'items' then
        for item in select e from jsonb_array_elements(p_value) e loop
          problem := private.property_problem(p_spec -> 'items', item);
          if problem is not null then
            return 'has an item that ' || problem;
          end if;
        end loop;
      end if;
    else
      return 'has no valid spec';
  end case;
  return null;
end
$$;

-- Properties against an event's schema; raises 22023 naming the property and what is wrong.
create or replace function private.check_event_properties(p_event_name text, p_schema jsonb, p_properties jsonb)
returns void
language plpgsql
immutable
set search_path = ''
as $$
declare
  property record;
  missing text;
  problem text;
begin
  for property in select key, value from jsonb_each(p_properties) loop
    if not (p_schema -> 'properties') ? property.key then
      raise exception 'event "%": unknown property "%"', p_event_name, left(property.key, 100) using errcode = '22023';
    end if;
    problem := private.property_problem(p_schema -> 'properties' -> property.key, property.value);
    if problem is not null then
      raise exception 'event "%": property "%" %', p_event_name, property.key, problem using errcode = '22023';
    end if;
  end loop;
  select r into missing from jsonb_array_elements_text(coalesce(p_schema -> 'required', '[]')) r where not p_properties ? r limit 1;
  if missing is not null then
    raise exception 'event "%": property "%" is required', p_event_name, missing using errcode = '22023';
  end if;
end
$$;

create table audit.analytics_events (
  id bigint generated always as identity,
  user_id uuid,
  session_id text check (char_length(session_id) <= 100),
  -- A registered event, checked by the two writers (track_event, record_analytics_event) rather than
  -- by a foreign key: the key's check locks the event type's row (FOR KEY SHARE) on every insert, so
  -- every concurrent writer of one event queued on that row and dirtied its page.
  event_name text not null,
  properties jsonb not null default '{}',
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  primary key (id, received_at)
) partition by range (received_at);
create index analytics_events_user_idx on audit.analytics_events (user_id, received_at desc);
create index analytics_events_name_idx on audit.analytics_events (event_name, occurred_at);

-- The core's own events; the products' are in their migrations.
insert into audit.analytics_event_types (event_name, product, property_schema, description) values
  ('page_view', 'core',
   '{"properties": {"path": {"type": "string", "max_length": 2000}, "referrer": {"type": "string", "max_length": 2000},
                    "title": {"type": "string", "max_length": 300}},
     "required": ["path"]}',
   'A page or screen the client showed.');

-- Page views, API and error logs (seed 002): written by the service, read by staff.
create table audit.page_views (
  id bigint generated always as identity,
  user_id uuid,
  session_id text,
  path text not null,
  referrer text,
  user_agent text,
  created_at timestamptz not null default now(),
  primary key (id, created_at)
) partition by range (created_at);
create index page_views_created_at_idx on audit.page_views (created_at);
create index page_views_user_idx on audit.page_views (user_id);

create table audit.api_logs (
  id bigint generated always as identity,
  user_id uuid,
  method text not null,
  path text not null,
  status integer not null,
  duration_ms integer,
  created_at timestamptz not null default now(),
  primary key (id, created_at)
) partition by range (created_at);
create index api_logs_created_at_idx on audit.api_logs (created_at);
create index api_logs_user_idx on audit.api_logs (user_id);

create table audit.error_logs (
  id bigint generated always as identity,
  user_id uuid,
  source text not null,
  message text not null,
  context jsonb not null default '{}',
  created_at timestamptz not null default now(),
  primary key (id, created_at)
) partition by range (created_at);
create index error_logs_created_at_idx on audit.error_logs (created_at);
create index error_logs_user_idx on audit.error_logs (user_id);

-- Daily roll-ups (seed 001): per-user activity and platform metrics.
create table audit.user_analytics (
  day date not null,
  user_id uuid not null,
  events integer not null default 0,
  page_views integer not null default 0,
  messages_sent integer not null default 0,
  credits_spent bigint not null default 0,
  primary key (day, user_id)
);
create index user_analytics_user_idx on audit.user_analytics (user_id, day desc);

create table audit.system_metrics (
  id bigint generated always as identity primary key,
  metric_name text not null,
  metric_value numeric(20, 4) not null,
  metric_unit text,
  dimensions jsonb not null default '{}',
  aggregation_level text not null default 'daily' check (aggregation_level in ('minute', 'hourly', 'daily')),
  measured_at timestamptz not null,
  unique (metric_name, aggregation_level, measured_at)
);

-- Grants and policies ----------------------------------------------------------------------------------------------
revoke all on audit.security_events, audit.domain_events, audit.analytics_events, audit.analytics_event_types, audit.page_views, audit.api_logs, audit.error_logs,
  audit.user_analytics, audit.system_metrics from anon, authenticated;
grant select on audit.security_events, audit.domain_events, audit.analytics_events, audit.page_views, audit.api_logs, audit.error_logs,
  audit.user_analytics, audit.system_metrics to authenticated;
revoke insert, update, delete, truncate on audit.domain_events from service_role;
-- Written only by the functions that check the event is registered.
revoke insert, update on audit.analytics_events from service_role;

alter table audit.security_events enable row level security;
alter table audit.domain_events enable row level security;
alter table audit.analytics_events enable row level security;
alter table audit.analytics_event_types enable row level security;
alter table audit.page_views enable row level security;
alter table audit.api_logs enable row level security;
alter table audit.error_logs enable row level security;
alter table audit.user_analytics enable row level security;
alter table audit.system_metrics enable row level security;

create policy "staff read security events" on audit.security_events for select to authenticated using ((select private.has_permission('audit.read')));
create policy "staff read domain events" on audit.domain_events for select to authenticated using ((select private.has_permission('audit.read')));
create policy "staff read analytics events" on audit.analytics_events for select to authenticated using ((select private.has_permission('audit.read')));
create policy "staff read page views" on audit.page_views for select to authenticated using ((select private.has_permission('audit.read')));
create policy "staff read API logs" on audit.api_logs for select to authenticated using ((select private.has_permission('audit.read')));
create policy "staff read error logs" on audit.error_logs for select to authenticated using ((select private.has_permission('audit.read')));
create policy "users and staff read daily analytics" on audit.user_analytics for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('audit.read')));
create policy "staff read system metrics" on audit.system_metrics for select to authenticated using ((select private.has_permission('audit.read')));

-- Partitions (20261122000350_partitions.sql) --------------------------------------------------------------------------
-- A period per table by volume: a day for the busiest (API logs, page views, raw analytics, whose
-- roll-up reads one day), a month for the rest. Retention, in days, is a setting of each: logs
-- retention.log_days, analytics retention.analytics_days; security and domain events are kept until
-- their setting is above 0.
insert into private.system_configuration (config_key, config_value, value_type, description, is_public, validation_rules) values
  ('retention.security_event_days', '0', 'number', 'Days security events are kept; 0 keeps them all', false, '{"min": 0, "max": 3650}'),
  ('retention.domain_event_days', '0', 'number', 'Days domain events are kept; 0 keeps them all', false, '{"min": 0, "max": 3650}');
select private.register_partitioned_table('audit.api_logs', 'core', 'day', 14, 'retention.log_days');
select private.register_partitioned_table('audit.page_views', 'core', 'day', 14, 'retention.log_days');
select private.register_partitioned_table('audit.analytics_events', 'core', 'day', 14, 'retention.analytics_days');
select private.register_partitioned_table('audit.error_logs', 'core', 'month', 3, 'retention.log_days');
select private.register_partitioned_table('audit.security_events', 'core', 'month', 3, 'retention.security_event_days');
select private.register_partitioned_table('audit.domain_events', 'core', 'month', 3, 'retention.domain_event_days');

-- Functions ----------------------------------------------------------------------------------------------------------
-- Client analytics: a registered event (PA001 otherwise) whose properties fit its schema (22023 with
-- what is wrong), rate-limited per user, one row per event.
create or replace function public.track_event(p_event_name text, p_properties jsonb default '{}', p_session_id text default null, p_occurred_at timestamptz default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  allowed integer := coalesce(private.config_number('analytics.events_per_minute'), 120)::integer;
  properties jsonb := coalesce(p_properties, '{}');
  property_schema jsonb;
begin
  if jsonb_typeof(properties) <> 'object' or pg_column_size(properties) > 4096 then
    raise exception 'properties must be a JSON object under 4 kB' using errcode = '22023';
  end if;
  select t.property_schema into property_schema from audit.analytics_event_types t where t.event_name = p_event_name;
  if not found then
    raise exception 'unknown analytics event "%"', left(p_event_name, 100) using errcode = 'PA001';
  end if;
  perform private.check_event_properties(p_event_name, property_schema, properties);
  if char_length(p_session_id) > 100 then
    raise exception 'session_id is at most 100 characters' using errcode = '22023';
  end if;
  if p_occurred_at is not null and (p_occurred_at > now() + interval '5 minutes' or p_occurred_at < now() - interval '1 day') then
    raise exception 'occurred_at must be within the last day' using errcode = '22023';
  end if;
  -- The core's limiter: PA111 with retry_after (20261122000260_rate_limits.sql).
  perform private.rate_limit('analytics:track:' || caller::text, interval '1 minute', allowed);
  insert into audit.analytics_events (user_id, session_id, event_name, properties, occurred_at)
  values (caller, p_session_id, p_event_name, properties, coalesce(p_occurred_at, now()));
end
$$;

-- Server-side analytics: a product's function records what it did itself (a room join), with the
-- client's limits and schema checks left out (the server wrote the properties). The event must be
-- registered (PA001). Returns the event's id. PL/pgSQL, so that its insert's plan is kept (a
-- SQL function with SET search_path is planned again at every call: half the cost of a room join's event).
create or replace function private.record_analytics_event(p_user_id uuid, p_event_name text, p_properties jsonb)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  event_id bigint;
begin
  perform from audit.analytics_event_types t where t.event_name = p_event_name;
  if not found then
    raise exception 'unknown analytics event "%"', left(p_event_name, 100) using errcode = 'PA001';
  end if;
  insert into audit.analytics_events (user_id, event_name, properties, occurred_at)
  values (p_user_id, p_event_name, coalesce(p_properties, '{}'), now())
  returning id into event_id;
  return event_id;
end
$$;
revoke execute on function private.record_analytics_event(uuid, text, jsonb) from service_role;

-- Maintenance jobs, each a function of its own ---------------------------------------------------------------------------
-- Invitations past their expiry and never accepted.
create or replace function private.delete_expired_invitations()
returns integer
language sql
security definer
set search_path = ''
as $$
  with gone as (delete from public.invitations where accepted_at is null and expires_at < now() - interval '1 day' returning 1)
  select count(*)::integer from gone
$$;

-- The roll-up also reads a day of messages and of usage transfers, which are not partitioned (they keep
-- their history): block-range indexes on created_at (a few pages, next to nothing per insert, for rows
-- that arrive in created_at order) keep that read proportional to the day rather than to the history.
create index messages_created_at_brin on public.messages using brin (created_at);
create index transfers_created_at_brin on billing.transfers using brin (created_at);

-- Yesterday's (or p_day's) per-user activity and platform metrics; re-running a day replaces it. Its
-- bounds are UTC days, as the partitions are, so the analytics and page views of a day are read from
-- that day's partition alone (the planner prunes the others; 46_partitions shows the plan).
create or replace function private.roll_up_day(p_day date default (now() - interval '1 day')::date)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  day_start timestamptz := p_day::timestamp at time zone 'UTC';
  day_end timestamptz := (p_day + 1)::timestamp at time zone 'UTC';
  rows_written integer;
begin
  delete from audit.user_analytics where day = p_day;
  insert into audit.user_analytics (day, user_id, events, page_views, messages_sent, credits_spent)
  select p_day, u.user_id, sum(u.events)::integer, sum(u.page_views)::integer, sum(u.messages)::integer, sum(u.credits)::bigint
    from (
      select user_id, count(*) as events, 0 as page_views, 0 as messages, 0 as credits from audit.analytics_events
       where received_at >= day_start and received_at < day_end and user_id is not null group by user_id
      union all
      select user_id, 0, count(*), 0, 0 from audit.page_views where created_at >= day_start and created_at < day_end and user_id is not null group by user_id
      union all
      select author_id, 0, 0, count(*), 0 from public.messages where created_at >= day_start and created_at < day_end and author_id is not null group by author_id
      union all
      select (metadata ->> 'spent_by')::uuid, 0, 0, 0, sum(amount) from billing.transfers
       where created_at >= day_start and created_at < day_end and kind = 'usage' and asset = 'CREDIT' and metadata ? 'spent_by'
       group by 1
    ) u
   group by u.user_id;
  get diagnostics rows_written = row_count;
  insert into audit.system_metrics (metric_name, metric_value, metric_unit, aggregation_level, measured_at)
  values
    ('active_users', rows_written, 'users', 'daily', day_start),
    ('new_users', (select count(*) from public.profiles where created_at >= day_start and created_at < day_end), 'users', 'daily', day_start),
    ('messages_sent', (select count(*) from public.messages where created_at >= day_start and created_at < day_end), 'messages', 'daily', day_start),
    ('credits_spent', (select coalesce(sum(amount), 0) from billing.transfers where created_at >= day_start and created_at < day_end and kind = 'usage' and asset = 'CREDIT'), 'credits', 'daily', day_start)
  on conflict (metric_name, aggregation_level, measured_at) do update set metric_value = excluded.metric_value;
  return rows_written;
end
$$;

select cron.schedule('delete-expired-invitations', '15 * * * *', 'select private.delete_expired_invitations()');
select cron.schedule('roll-up-yesterday', '5 0 * * *', 'select private.roll_up_day()');

revoke execute on function audit.record_security_event(uuid, text, text, text, jsonb) from anon, authenticated;
grant execute on function public.track_event(text, jsonb, text, timestamptz) to authenticated;
