-- The audit trail: a generic trigger records who changed what (old and new values) on roles,
-- memberships, organizations and profile status. Staff with audit.read read it; nobody edits it.

create table audit.audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text not null,
  table_schema text not null,
  table_name text not null,
  operation text not null check (operation in ('INSERT', 'UPDATE', 'DELETE')),
  row_key jsonb not null,
  old_data jsonb,
  new_data jsonb
);
comment on table audit.audit_log is 'Append-only: who (actor_id, actor_role) changed which row (row_key) of which table, with the old and new values.';
comment on column audit.audit_log.actor_id is 'auth.uid() of the caller; null for service_role and database jobs. Not a foreign key: the log outlives users.';
create index audit_log_table_idx on audit.audit_log (table_schema, table_name, occurred_at desc);
create index audit_log_actor_idx on audit.audit_log (actor_id, occurred_at desc);

revoke all on audit.audit_log from anon, authenticated;
grant select on audit.audit_log to authenticated;
alter table audit.audit_log enable row level security;
create policy "staff with audit.read can read the audit log" on audit.audit_log
  for select to authenticated using ((select private.has_permission('audit.read')));

-- Trigger: `execute function private.audit_row_change('key_column', ...)` names the row's key columns.
create or replace function private.audit_row_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  old_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  new_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  key jsonb := '{}';
  key_column text;
begin
  foreach key_column in array tg_argv loop
    key := key || jsonb_build_object(key_column, coalesce(new_row, old_row) -> key_column);
  end loop;
  insert into audit.audit_log (actor_id, actor_role, table_schema, table_name, operation, row_key, old_data, new_data)
  values (auth.uid(), coalesce(auth.role(), 'database'), tg_table_schema, tg_table_name, tg_op, key, old_row, new_row);
  return null;
end
$$;

create trigger audit_row_change after insert or update or delete on public.user_staff_roles
  for each row execute function private.audit_row_change('user_id', 'role');
create trigger audit_status_change after update of status, suspended_until on public.profiles
  for each row when (old.status is distinct from new.status or old.suspended_until is distinct from new.suspended_until)
  execute function private.audit_row_change('id');

-- Retention ---------------------------------------------------------------------------------------------------------------
-- Rows older than retention.audit_days leave the live log every night: moved to audit.audit_log_archive
-- while retention.audit_archive_days is above 0 (and dropped from the archive after that many more
-- days), dropped at once when it is 0. Both are settings of private.system_configuration.
create table audit.audit_log_archive (like audit.audit_log including defaults including constraints);
alter table audit.audit_log_archive add primary key (id);
create index audit_log_archive_occurred_idx on audit.audit_log_archive (occurred_at);
comment on table audit.audit_log_archive is 'Audit log rows past retention.audit_days, kept retention.audit_archive_days more (0: not archived).';
revoke all on audit.audit_log_archive from anon, authenticated;
grant select on audit.audit_log_archive to authenticated;
alter table audit.audit_log_archive enable row level security;
create policy "staff with audit.read can read the archived audit log" on audit.audit_log_archive
  for select to authenticated using ((select private.has_permission('audit.read')));

insert into private.system_configuration (config_key, config_value, value_type, description, is_public, validation_rules) values
  ('retention.audit_days', '365', 'number', 'Days audit log rows stay in the live log', false, '{"min": 30, "max": 3650}'),
  ('retention.audit_archive_days', '2555', 'number', 'Days the archive keeps them afterwards; 0 drops them instead', false, '{"min": 0, "max": 3650}');

create or replace function private.apply_audit_retention()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  live_cutoff timestamptz := now() - make_interval(days => coalesce(private.config_number('retention.audit_days'), 365)::integer);
  archive_days integer := coalesce(private.config_number('retention.audit_archive_days'), 2555)::integer;
  archived integer := 0;
  dropped integer := 0;
begin
  with moved as (delete from audit.audit_log where occurred_at < live_cutoff returning *),
       kept as (insert into audit.audit_log_archive select * from moved where archive_days > 0 returning 1)
  select (select count(*) from kept), (select count(*) from moved) - (select count(*) from kept) into archived, dropped;
  delete from audit.audit_log_archive where occurred_at < live_cutoff - make_interval(days => archive_days);
  return jsonb_build_object('archived', archived, 'dropped', dropped);
end
$$;
select cron.schedule('audit-retention', '41 2 * * *', 'select private.apply_audit_retention()');
