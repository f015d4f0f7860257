-- Trust and safety: the registries of report targets and moderation actions that products fill,
-- reports with their workflow, moderation actions and their log, friendships, what blocks hide,
-- content preferences and the image type library. (Verification is in its own migration, 20261122001310.)

-- Registries: what can be reported, and what moderators can do to it ---------------------------------------------
-- The core names no product. A product registers its report target types (with a function that says
-- whether an id is a target the caller may report) and the moderation actions on them (with the
-- handler public.moderate runs), in its own migration; the core registers its own targets below.
-- Function references are text signatures (reg* types do not survive pg_upgrade), checked when a row
-- is registered and resolved with to_regprocedure when used.

create table public.report_target_types (
  target_type text primary key check (target_type ~ '^[a-z][a-z0-9_]{1,39}$'),
  product text not null check (product ~ '^[a-z_]{2,30}$'),
  -- reportable(p_target_id text) returns boolean: true when the id names a target of this type that
  -- the caller (auth.uid()) may report; false for anything else, malformed ids included.
  check_function text not null,
  -- Optional on_report(p_report_id uuid, p_target_id text) returns void: what filing a report of this
  -- type does besides queueing it (a product holds a disputed earning), in the report's transaction,
  -- once per report. It runs with the core's rights, so clients must not be able to execute it.
  on_report text,
  description text not null check (char_length(description) between 1 and 500),
  created_at timestamptz not null default now()
);

create table public.moderation_actions (
  target_type text not null references public.report_target_types (target_type) on delete cascade,
  -- The workflow's own entries in the moderation log are not actions.
  action text not null check (action ~ '^[a-z][a-z0-9_]{1,39}$'
                              and action not in ('assign_report', 'resolve_report', 'dismiss_report', 'verify', 'reject_verification', 'revoke_verification')),
  product text not null check (product ~ '^[a-z_]{2,30}$'),
  -- handler(p_target_id text, p_reason text, p_context jsonb) returns jsonb: does the action (raising
  -- PA001 when the target is not there, PA115 when it is not in a state for it); p_context has
  -- report_id, until and moderator_id when known; what it returns is added to the log entry's details.
  -- It runs with public.moderate's rights, after the moderation.act check, so clients must not be
  -- able to execute it themselves.
  handler text not null,
  description text not null check (char_length(description) between 1 and 500),
  created_at timestamptz not null default now(),
  primary key (target_type, action)
);

-- A registered function the core runs with its own rights (a moderation handler, a report hook):
-- one a client could call would skip the checks the core makes before running it.
create or replace function private.require_server_only(p_function regprocedure, p_what text)
returns regprocedure
language plpgsql
stable
set search_path = ''
as $$
begin
  if has_function_privilege('anon', p_function, 'execute') or has_function_privilege('authenticated', p_function, 'execute') then
    raise exception 'the % % must not be executable by anon or authenticated', p_what, p_function using errcode = '22023';
  end if;
  return p_function;
end
$$;

create or replace function private.check_report_target_type()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.check_function := private.registered_function(new.check_function, array['text']::regtype[], 'boolean')::text;
  if new.on_report is not null then
    new.on_report := private.require_server_only(
      private.registered_function(new.on_report, array['uuid', 'text']::regtype[], 'void'), 'report hook')::text;
  end if;
  return new;
end
$$;
create trigger check_report_target_type before insert or update on public.report_target_types
  for each row execute function private.check_report_target_type();

create or replace function private.check_moderation_action()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- A handler a client could call would skip the moderation.act check.
  new.handler := private.require_server_only(
    private.registered_function(new.handler, array['text', 'text', 'jsonb']::regtype[], 'jsonb'), 'moderation handler')::text;
  return new;
end
$$;
create trigger check_moderation_action before insert or update on public.moderation_actions
  for each row execute function private.check_moderation_action();

-- Evidence files are the reporter's own: every path is under <reporter id>/ in the report-evidence
-- bucket, without empty, "." or ".." segments.
create or replace function private.paths_in_folder(p_paths text[], p_folder text)
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
declare
  path text;
begin
  foreach path in array coalesce(p_paths, '{}') loop
    if path is null or char_length(path) > 1024 or left(path, char_length(p_folder) + 1) <> p_folder || '/'
       or exists (select 1 from unnest(string_to_array(path, '/')) segment where segment in ('', '.', '..')) then
      return false;
    end if;
  end loop;
  return true;
end
$$;

-- Reports ------------------------------------------------------------------------------------------------------
create table public.reports (
  id uuid primary key default gen_random_uuid(),
  reporter_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  -- A registered type; the insert trigger checks the target (unknown type or target: PA001).
  target_type text not null references public.report_target_types (target_type),
  target_id text not null check (char_length(target_id) between 1 and 100),
  -- Optionally where it happened (a user reported in a room): another registered target the reporter
  -- may report, checked by its type's function like the target.
  context_type text references public.report_target_types (target_type),
  context_id text check (char_length(context_id) between 1 and 100),
  check ((context_type is null) = (context_id is null)),
  reason text not null check (reason in ('harassment', 'spam', 'hate', 'inappropriate', 'fraud', 'impersonation', 'other')),
  description text check (char_length(description) <= 5000),
  -- Paths in the report-evidence bucket, under the reporter's folder; at most 10.
  evidence_paths text[] not null default '{}' check (octet_length(array_to_string(evidence_paths, '')) <= 10240),
  status text not null default 'open' check (status in ('open', 'reviewing', 'resolved', 'dismissed')),
  assigned_to uuid references public.profiles (id) on delete set null,
  resolution text check (char_length(resolution) <= 5000),
  resolved_by uuid references public.profiles (id) on delete set null,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint reports_evidence_in_reporter_folder
    check (cardinality(evidence_paths) <= 10 and private.paths_in_folder(evidence_paths, reporter_id::text))
);
-- One open report per reporter and target.
create unique index reports_one_open_per_target on public.reports (reporter_id, target_type, target_id) where status in ('open', 'reviewing');
create index reports_queue_idx on public.reports (status, created_at) where status in ('open', 'reviewing');
create index reports_target_idx on public.reports (target_type, target_id);
create index reports_context_idx on public.reports (context_type, context_id);
create index reports_assigned_to_idx on public.reports (assigned_to);
create index reports_resolved_by_idx on public.reports (resolved_by);
create trigger set_updated_at before update on public.reports for each row execute function private.set_updated_at();

-- A report names a registered target type and a target of it that the reporter may report: the
-- type's check function decides (it runs as the reporter's auth.uid(), with this function's rights).
create or replace function private.check_report_target()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  check_function text;
  reportable boolean;
begin
  select t.check_function into check_function from public.report_target_types t where t.target_type = new.target_type;
  if not found then
    raise exception 'unknown report target type "%"', new.target_type using errcode = 'PA001';
  end if;
  execute format('select %s($1)', private.registered_call(check_function)) into reportable using new.target_id;
  if not coalesce(reportable, false) then
    raise exception 'no reportable % "%"', new.target_type, new.target_id using errcode = 'PA001';
  end if;
  if new.context_type is not null then
    select t.check_function into check_function from public.report_target_types t where t.target_type = new.context_type;
    execute format('select %s($1)', private.registered_call(check_function)) into reportable using new.context_id;
    if not coalesce(reportable, false) then
      raise exception 'no reportable % "%" as the context', new.context_type, new.context_id using errcode = 'PA001';
    end if;
  end if;
  return new;
end
$$;
create trigger check_report_target before insert or update of target_type, target_id, context_type, context_id on public.reports
  for each row execute function private.check_report_target();

-- The target type's on_report hook, once the report is filed (a check function only answers).
create or replace function private.run_report_hook()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  hook text;
begin
  select t.on_report into hook from public.report_target_types t where t.target_type = new.target_type;
  if hook is not null then
    execute format('select %s($1, $2)', private.registered_call(hook)) using new.id, new.target_id;
  end if;
  return null;
end
$$;
create trigger run_report_hook after insert on public.reports
  for each row execute function private.run_report_hook();

create table audit.moderation_log (
  id bigint generated always as identity primary key,
  moderator_id uuid,
  -- A registered moderation action, or one of the workflow's steps.
  action text not null check (action ~ '^[a-z][a-z0-9_]{1,39}$'),
  target_type text not null,
  target_id text not null,
  report_id uuid,
  reason text,
  details jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index moderation_log_target_idx on audit.moderation_log (target_type, target_id, created_at desc);
create index moderation_log_moderator_idx on audit.moderation_log (moderator_id, created_at desc);

-- Friendships: one row per pair, whichever way the request went.
create table public.friendships (
  id uuid primary key default gen_random_uuid(),
  requester_id uuid not null references public.profiles (id) on delete cascade,
  addressee_id uuid not null references public.profiles (id) on delete cascade,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'declined')),
  created_at timestamptz not null default now(),
  responded_at timestamptz,
  check (requester_id <> addressee_id)
);
create unique index friendships_one_per_pair on public.friendships (least(requester_id, addressee_id), greatest(requester_id, addressee_id));
create index friendships_addressee_idx on public.friendships (addressee_id);
create index friendships_requester_idx on public.friendships (requester_id);

create table public.user_content_preferences (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  allow_mature_content boolean not null default false,
  -- Seed 003: warn before mature content, hide it even when allowed, and how strictly to filter.
  show_nsfw_warnings boolean not null default true,
  auto_hide_nsfw boolean not null default true,
  content_filter_level text not null default 'moderate' check (content_filter_level in ('strict', 'moderate', 'lenient')),
  blocked_categories text[] not null default '{}' check (cardinality(blocked_categories) <= 100 and octet_length(array_to_string(blocked_categories, '')) <= 5000),
  hidden_tags text[] not null default '{}' check (cardinality(hidden_tags) <= 200 and octet_length(array_to_string(hidden_tags, '')) <= 10000),
  preferred_languages text[] not null default '{}' check (cardinality(preferred_languages) <= 20 and octet_length(array_to_string(preferred_languages, '')) <= 400),
  updated_at timestamptz not null default now()
);
create trigger set_updated_at before update on public.user_content_preferences for each row execute function private.set_updated_at();

create table public.user_image_type_library (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  description text check (char_length(description) <= 2000),
  settings jsonb not null default '{}' check (octet_length(settings::text) <= 16384),
  created_at timestamptz not null default now(),
  unique (user_id, name)
);

-- Grants and policies ---------------------------------------------------------------------------------------------
-- Clients read the registries' names (a report form, a staff tool), never the function signatures.
revoke all on public.report_target_types, public.moderation_actions from anon, authenticated;
grant select (target_type, product, description) on public.report_target_types to authenticated;
grant select (target_type, action, product, description) on public.moderation_actions to authenticated;
alter table public.report_target_types enable row level security;
alter table public.moderation_actions enable row level security;
create policy "signed-in users read the report target types" on public.report_target_types for select to authenticated using (true);
create policy "moderators read the moderation actions" on public.moderation_actions for select to authenticated
  using ((select private.has_permission('moderation.act')));
grant execute on function private.paths_in_folder(text[], text) to authenticated, service_role;

revoke all on public.reports, public.friendships, public.user_content_preferences, public.user_image_type_library,
  audit.moderation_log from anon, authenticated;
grant select on public.reports, public.friendships, audit.moderation_log to authenticated;
grant insert (target_type, target_id, context_type, context_id, reason, description, evidence_paths) on public.reports to authenticated;
grant select, insert, update, delete on public.user_content_preferences, public.user_image_type_library to authenticated;

alter table public.reports enable row level security;
alter table public.friendships enable row level security;
alter table public.user_content_preferences enable row level security;
alter table public.user_image_type_library enable row level security;
alter table audit.moderation_log enable row level security;

create policy "reporters read their reports, moderators all" on public.reports for select to authenticated
  using (reporter_id = (select auth.uid()) or (select private.has_permission('reports.read')));
create policy "active users report" on public.reports for insert to authenticated
  with check (reporter_id = (select auth.uid()) and (select private.is_active_user()));
create policy "moderators read the moderation log" on audit.moderation_log for select to authenticated
  using ((select private.has_permission('moderation.act')) or (select private.has_permission('audit.read')));
create policy "both sides read a friendship" on public.friendships for select to authenticated
  using (requester_id = (select auth.uid()) or addressee_id = (select auth.uid()));
create policy "users read their content preferences" on public.user_content_preferences for select to authenticated
  using (user_id = (select auth.uid()));
create policy "active users set their content preferences" on public.user_content_preferences for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_active_user()));
create policy "active users change their content preferences" on public.user_content_preferences for update to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active_user())) with check (user_id = (select auth.uid()));
create policy "users clear their content preferences" on public.user_content_preferences for delete to authenticated
  using (user_id = (select auth.uid()));
create policy "users read their image types" on public.user_image_type_library for select to authenticated
  using (user_id = (select auth.uid()));
create policy "active users add image types" on public.user_image_type_library for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_active_user()));
create policy "active users change their image types" on public.user_image_type_library for update to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active_user())) with check (user_id = (select auth.uid()));
create policy "users remove their image types" on public.user_image_type_library for delete to authenticated
  using (user_id = (select auth.uid()));
-- Reported conversations, for moderators (messaging's read policies and retention read this set) ----------------------------------------------
create or replace function private.reported_conversation_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select r.target_id::uuid from public.reports r
     where r.status in ('open', 'reviewing') and r.target_type = 'conversation' and r.target_id ~ '^[0-9a-f-]{36}$'
    union
    select m.conversation_id from public.reports r join public.messages m on m.id::text = r.target_id
     where r.status in ('open', 'reviewing') and r.target_type = 'message';
end
$$;
grant execute on function private.reported_conversation_ids() to authenticated, service_role;


-- Workflow RPCs -----------------------------------------------------------------------------------------------------
create or replace function private.log_moderation(p_action text, p_target_type text, p_target_id text, p_report_id uuid, p_reason text, p_details jsonb)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into audit.moderation_log (moderator_id, action, target_type, target_id, report_id, reason, details)
  values (auth.uid(), p_action, p_target_type, p_target_id, p_report_id, p_reason, coalesce(p_details, '{}'))
$$;

create or replace function public.assign_report(p_report_id uuid, p_moderator_id uuid default null)
returns public.reports
language plpgsql
security definer
set search_path = ''
as $$
declare
  moderator uuid := coalesce(p_moderator_id, private.require_staff_permission('moderation.act'));
  updated public.reports;
begin
  perform private.require_staff_permission('moderation.act');
  update public.reports set assigned_to = moderator, status = 'reviewing'
   where id = p_report_id and status in ('open', 'reviewing')
  returning * into updated;
  if not found then
    raise exception 'no open report %', p_report_id using errcode = 'PA001';
  end if;
  perform private.log_moderation('assign_report', updated.target_type, updated.target_id, updated.id, null, jsonb_build_object('assigned_to', moderator));
  return updated;
end
$$;

-- Closes a report as resolved or dismissed and tells the reporter the outcome.
create or replace function public.resolve_report(p_report_id uuid, p_outcome text, p_resolution text)
returns public.reports
language plpgsql
security definer
set search_path = ''
as $$
declare
  moderator uuid := private.require_staff_permission('moderation.act');
  updated public.reports;
begin
  if p_outcome not in ('resolved', 'dismissed') then
    raise exception 'a report is resolved or dismissed' using errcode = '22023';
  end if;
  update public.reports set status = p_outcome, resolution = p_resolution, resolved_by = moderator, resolved_at = now()
   where id = p_report_id and status in ('open', 'reviewing')
  returning * into updated;
  if not found then
    raise exception 'no open report %', p_report_id using errcode = 'PA001';
  end if;
  perform private.log_moderation(case p_outcome when 'resolved' then 'resolve_report' else 'dismiss_report' end,
    updated.target_type, updated.target_id, updated.id, p_resolution, '{}');
  perform private.notify(updated.reporter_id, 'report.' || p_outcome, jsonb_build_object('report_id', updated.id, 'resolution', p_resolution));
  return updated;
end
$$;

-- Moderation: a moderator runs an action registered for the target's type; each is logged.
create or replace function public.moderate(
  p_action text, p_target_type text, p_target_id text, p_reason text, p_report_id uuid default null, p_until timestamptz default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  moderator uuid := private.require_staff_permission('moderation.act');
  handler text;
  details jsonb;
begin
  if nullif(btrim(p_reason), '') is null then
    raise exception 'a moderation action needs a reason' using errcode = '22023';
  end if;
  if not exists (select 1 from public.report_target_types t where t.target_type = p_target_type) then
    raise exception 'unknown report target type "%"', p_target_type using errcode = 'PA001';
  end if;
  select a.handler into handler from public.moderation_actions a where a.target_type = p_target_type and a.action = p_action;
  if not found then
    raise exception 'moderation action "%" is not registered for target type "%"', p_action, p_target_type using errcode = 'PA001';
  end if;
  if p_report_id is not null and not exists (select 1 from public.reports r where r.id = p_report_id) then
    raise exception 'no report %', p_report_id using errcode = 'PA001';
  end if;
  execute format('select %s($1, $2, $3)', private.registered_call(handler)) into details
    using p_target_id, p_reason, jsonb_strip_nulls(jsonb_build_object('report_id', p_report_id, 'until', p_until, 'moderator_id', moderator));
  perform private.log_moderation(p_action, p_target_type, p_target_id, p_report_id, p_reason,
    coalesce(details, '{}') || case when p_until is null then '{}' else jsonb_build_object('until', p_until) end);
end
$$;

-- The core's targets and actions ------------------------------------------------------------------------------------
-- The uuid a target id spells, or null.
create or replace function private.target_uuid(p_target_id text)
returns uuid
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p_target_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return p_target_id::uuid;
  end if;
  return null;
end
$$;

-- Users: anyone else who has not deleted their account.
create or replace function private.reportable_user(p_target_id text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
declare
  target uuid := private.target_uuid(p_target_id);
begin
  return target is distinct from auth.uid()
     and exists (select 1 from public.profiles p where p.id = target and p.status <> 'deleted');
end
$$;

-- Messages: one the reporter can read (their conversation; a whisper only its author and recipients).
create or replace function private.reportable_message(p_target_id text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  if p_target_id !~ '^[0-9]{1,18}$' then
    return false;
  end if;
  return exists (
    select 1 from public.messages m
     where m.id = p_target_id::bigint and m.deleted_at is null
       and m.conversation_id in (select private.my_conversation_ids())
       and (m.whisper_to is null or m.author_id = auth.uid() or auth.uid() = any (m.whisper_to)));
end
$$;

-- Conversations: one the reporter takes part in.
create or replace function private.reportable_conversation(p_target_id text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  return private.target_uuid(p_target_id) in (select private.my_conversation_ids());
end
$$;

-- The profile a user target names, or PA001.
create or replace function private.moderated_user(p_target_id text)
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  target uuid := private.target_uuid(p_target_id);
begin
  if not exists (select 1 from public.profiles p where p.id = target) then
    raise exception 'no user "%"', p_target_id using errcode = 'PA001';
  end if;
  return target;
end
$$;

create or replace function private.moderate_warn_user(p_target_id text, p_reason text, p_context jsonb)
returns jsonb
language plpgsql
set search_path = ''
as $$
begin
  perform private.notify(private.moderated_user(p_target_id), 'moderation.warning',
    jsonb_build_object('reason', p_reason, 'report_id', p_context -> 'report_id'));
  return '{}'::jsonb;
end
$$;

create or replace function private.moderate_suspend_user(p_target_id text, p_reason text, p_context jsonb)
returns jsonb
language plpgsql
set search_path = ''
as $$
begin
  perform public.suspend_user(private.moderated_user(p_target_id), p_reason, (p_context ->> 'until')::timestamptz);
  return '{}'::jsonb;
end
$$;

create or replace function private.moderate_lift_suspension(p_target_id text, p_reason text, p_context jsonb)
returns jsonb
language sql
set search_path = ''
as $$
  select public.lift_suspension(private.moderated_user(p_target_id));
  select '{}'::jsonb
$$;

-- Hiding a message soft-deletes it for everyone (messaging clears its content).
create or replace function private.moderation_hide_message(p_target_id text)
returns jsonb
language plpgsql
set search_path = ''
as $$
begin
  if p_target_id ~ '^[0-9]{1,18}$' then
    update public.messages set deleted_at = now() where id = p_target_id::bigint and deleted_at is null;
  end if;
  if p_target_id !~ '^[0-9]{1,18}$' or not found then
    raise exception 'no visible message "%"', p_target_id using errcode = 'PA001';
  end if;
  return '{}'::jsonb;
end
$$;

create or replace function private.moderate_hide_message(p_target_id text, p_reason text, p_context jsonb)
returns jsonb
language sql
set search_path = ''
as $$
  select private.moderation_hide_message(p_target_id)
$$;

insert into public.report_target_types (target_type, product, check_function, description) values
  ('user', 'core', 'private.reportable_user(text)', 'Another user (target id: their user id).'),
  ('message', 'core', 'private.reportable_message(text)', 'A message the reporter can read (target id: the message id).'),
  ('conversation', 'core', 'private.reportable_conversation(text)', 'A conversation the reporter takes part in (target id: its id).');
insert into public.moderation_actions (target_type, action, product, handler, description) values
  ('user', 'warn', 'core', 'private.moderate_warn_user(text, text, jsonb)', 'Sends the user a moderation.warning notification with the reason.'),
  ('user', 'suspend', 'core', 'private.moderate_suspend_user(text, text, jsonb)', 'Suspends the user, until p_until when given (needs users.suspend).'),
  ('user', 'lift', 'core', 'private.moderate_lift_suspension(text, text, jsonb)', 'Lifts the user''s suspension (needs users.suspend).'),
  ('message', 'hide_content', 'core', 'private.moderate_hide_message(text, text, jsonb)', 'Soft-deletes the message for everyone.');

-- Friendships: request (refused across a block), answer, remove.
create or replace function public.request_friendship(p_user_id uuid)
returns public.friendships
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  created public.friendships;
begin
  if exists (select 1 from public.blocks where (blocker_id = p_user_id and blocked_id = caller) or (blocker_id = caller and blocked_id = p_user_id)) then
    raise exception 'you cannot befriend this user' using errcode = '42501';
  end if;
  if not exists (select 1 from public.profiles where id = p_user_id and status = 'active') then
    raise exception 'no active user %', p_user_id using errcode = 'PA001';
  end if;
  insert into public.friendships (requester_id, addressee_id) values (caller, p_user_id)
  on conflict do nothing
  returning * into created;
  if created.id is null then
    raise exception 'there is already a friendship or request between you' using errcode = '23505';
  end if;
  perform private.notify(p_user_id, 'friendship.requested', jsonb_build_object('friendship_id', created.id, 'from', caller));
  return created;
end
$$;

create or replace function public.respond_friendship(p_friendship_id uuid, p_accept boolean)
returns public.friendships
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  updated public.friendships;
begin
  update public.friendships set status = case when p_accept then 'accepted' else 'declined' end, responded_at = now()
   where id = p_friendship_id and addressee_id = caller and status = 'pending'
  returning * into updated;
  if not found then
    raise exception 'no pending request % for you', p_friendship_id using errcode = 'PA001';
  end if;
  return updated;
end
$$;

create or replace function public.remove_friendship(p_user_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  delete from public.friendships
   where least(requester_id, addressee_id) = least(caller, p_user_id) and greatest(requester_id, addressee_id) = greatest(caller, p_user_id);
  if not found then
    raise exception 'no friendship with %', p_user_id using errcode = 'PA001';
  end if;
end
$$;

-- A block ends any friendship between the two.
create or replace function private.block_ends_friendship()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.friendships
   where least(requester_id, addressee_id) = least(new.blocker_id, new.blocked_id)
     and greatest(requester_id, addressee_id) = greatest(new.blocker_id, new.blocked_id);
  return null;
end
$$;
create trigger block_ends_friendship after insert on public.blocks for each row execute function private.block_ends_friendship();

grant execute on function public.assign_report(uuid, uuid), public.resolve_report(uuid, text, text),
  public.moderate(text, text, text, text, uuid, timestamptz), public.request_friendship(uuid), public.respond_friendship(uuid, boolean),
  public.remove_friendship(uuid) to authenticated;
