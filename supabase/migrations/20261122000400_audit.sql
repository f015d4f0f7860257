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
