-- System configuration (seed 001): typed values with validation; a public subset for clients,
-- sensitive values for super_admin only. The database's own rules read their settings here.

create table private.system_configuration (
  config_key text primary key check (config_key ~ '^[a-z0-9_.]{2,100}$'),
  config_value jsonb not null,
  value_type text not null check (value_type in ('string', 'number', 'boolean', 'json')),
  description text,
  is_sensitive boolean not null default false,
  is_public boolean not null default false,
  -- For numbers: {"min": .., "max": ..}; for strings: {"pattern": ".."}.
  validation_rules jsonb not null default '{}',
  updated_at timestamptz not null default now(),
  updated_by uuid,
  check (not (is_sensitive and is_public)),
  check (case value_type when 'string' then jsonb_typeof(config_value) = 'string' when 'number' then jsonb_typeof(config_value) = 'number'
                         when 'boolean' then jsonb_typeof(config_value) = 'boolean' else true end)
);
insert into private.system_configuration (config_key, config_value, value_type, description, is_public, validation_rules) values
  ('platform.name', '"Platform"', 'string', 'Shown in clients', true, '{}'),
  ('messages.edit_window_minutes', '15', 'number', 'How long authors may edit a message', true, '{"min": 0, "max": 1440}'),
  ('retention.log_days', '90', 'number', 'Days page views, API and error logs are kept', false, '{"min": 7, "max": 3650}'),
  ('retention.analytics_days', '365', 'number', 'Days raw analytics events are kept', false, '{"min": 30, "max": 3650}'),
  ('analytics.events_per_minute', '120', 'number', 'Client analytics events a user may send a minute', false, '{"min": 1, "max": 10000}'),
  ('messages.per_minute', '30', 'number', 'Messages a user may send a minute', true, '{"min": 1, "max": 1000}');

alter table private.system_configuration enable row level security;

-- A number setting for the database's own rules (null when the key is unknown). Triggers call it as the
-- client, so clients can reach it: a sensitive value is never answered while a client's request is being
-- served (anon or authenticated, by the JWT or the role set for it), only to the server (service_role,
-- scheduled jobs); and only numbers are read, so no other value surfaces, not even in an error.
create or replace function private.config_number(p_key text)
returns numeric
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  entry private.system_configuration;
begin
  select * into entry from private.system_configuration where config_key = p_key;
  if not found then
    return null;
  end if;
  if entry.is_sensitive and (coalesce(auth.role(), '') in ('anon', 'authenticated')
                             or pg_catalog.current_setting('role') in ('anon', 'authenticated')) then
    raise exception 'configuration % is sensitive: it is not read for a client', p_key using errcode = '42501';
  end if;
  if entry.value_type <> 'number' then
    raise exception 'configuration % is not a number', p_key using errcode = '22023';
  end if;
  return (entry.config_value #>> '{}')::numeric;
end
$$;

-- Configuration: clients read the public subset; staff with config.manage read the rest except
-- sensitive values, which only super_admin (staff.manage) sees; changes are validated.
create or replace function public.public_config()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_object_agg(config_key, config_value), '{}') from private.system_configuration where is_public
$$;

create or replace function public.config_entries()
returns table (config_key text, config_value jsonb, value_type text, description text, is_sensitive boolean, is_public boolean, updated_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.require_staff_permission('config.manage');
  return query
    select c.config_key, case when c.is_sensitive and not private.has_permission('staff.manage') then null else c.config_value end,
           c.value_type, c.description, c.is_sensitive, c.is_public, c.updated_at
      from private.system_configuration c order by c.config_key;
end
$$;

create or replace function public.set_config_value(p_key text, p_value jsonb)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  editor uuid := private.require_staff_permission('config.manage');
  entry private.system_configuration;
begin
  select * into entry from private.system_configuration where config_key = p_key for update;
  if not found then
    raise exception 'unknown configuration key %', p_key using errcode = 'PA001';
  end if;
  if entry.is_sensitive and not private.has_permission('staff.manage') then
    raise exception 'only a super_admin changes sensitive configuration' using errcode = '42501';
  end if;
  if entry.value_type = 'number' and jsonb_typeof(p_value) = 'number'
     and ((entry.validation_rules ? 'min' and (p_value #>> '{}')::numeric < (entry.validation_rules ->> 'min')::numeric)
       or (entry.validation_rules ? 'max' and (p_value #>> '{}')::numeric > (entry.validation_rules ->> 'max')::numeric)) then
    raise exception '% must be between % and %', p_key, entry.validation_rules ->> 'min', entry.validation_rules ->> 'max' using errcode = '22023';
  end if;
  if entry.value_type = 'string' and entry.validation_rules ? 'pattern' and (p_value #>> '{}') !~ (entry.validation_rules ->> 'pattern') then
    raise exception '% does not match its pattern', p_key using errcode = '22023';
  end if;
  update private.system_configuration set config_value = p_value, updated_at = now(), updated_by = editor where config_key = p_key;
exception when check_violation then
  raise exception '% takes a % value', p_key, entry.value_type using errcode = '22023';
end
$$;

grant execute on function public.config_entries(), public.set_config_value(text, jsonb) to authenticated;
grant execute on function public.public_config() to anon, authenticated;
grant execute on function private.config_number(text) to authenticated, service_role;
