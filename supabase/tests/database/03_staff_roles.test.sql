-- Staff roles: the catalog, the Custom Access Token hook, granting and revoking (super_admin only,
-- audited), self-escalation attempts, product staff permissions (a probe product registered here),
-- and suspended staff losing their permissions while their token is still valid.
begin;
select plan(82);

select tests.create_user('root@example.com') as root \gset
select tests.create_user('admin@example.com') as admin \gset
select tests.create_user('alice@example.com') as alice \gset
select tests.create_user('bob@example.com') as bob \gset
select tests.create_user('mod@example.com') as mod \gset
select tests.create_user('carol@example.com') as carol \gset
insert into public.user_staff_roles (user_id, role) values (:'root', 'super_admin'), (:'admin', 'admin'), (:'mod', 'moderator');

-- The hook ----------------------------------------------------------------------------------------
select is(
  public.custom_access_token_hook(jsonb_build_object('user_id', :'admin', 'claims', '{"sub": "x", "role": "authenticated", "aal": "aal1"}'::jsonb)) -> 'claims',
  jsonb_build_object('sub', 'x', 'role', 'authenticated', 'aal', 'aal1', 'staff_roles', jsonb_build_array('admin'),
    'staff_permissions', (select to_jsonb(array_agg(p order by p)) from unnest((select permissions from public.staff_roles where role = 'admin')) p)),
  'the hook adds the staff roles and permissions of a staff member and keeps the other claims');
select is(
  public.custom_access_token_hook(jsonb_build_object('user_id', :'alice', 'claims', '{"sub": "x", "role": "authenticated"}'::jsonb, 'authentication_method', 'password')),
  jsonb_build_object('user_id', :'alice', 'claims', '{"sub": "x", "role": "authenticated"}'::jsonb, 'authentication_method', 'password'),
  'the hook passes a non-staff user''s event through unchanged');
update public.profiles set status = 'suspended' where id = :'admin';
select ok(not (public.custom_access_token_hook(jsonb_build_object('user_id', :'admin', 'claims', '{}'::jsonb)) -> 'claims' ? 'staff_roles'),
  'a suspended staff member gets no staff claims');
update public.profiles set status = 'active' where id = :'admin';

-- Auth calls the hook as supabase_auth_admin, which postgres cannot become on the platform: the
-- hook is called here as postgres with the event Auth sends, and what supabase_auth_admin needs is
-- checked in the catalog (EXECUTE, schema USAGE, SELECT and a policy on every table the hook reads).
select is(
  public.custom_access_token_hook(jsonb_build_object('user_id', :'root', 'authentication_method', 'password',
    'claims', jsonb_build_object('iss', 'http://127.0.0.1:54321/auth/v1', 'aud', 'authenticated', 'sub', :'root',
      'exp', 2000000000, 'iat', 1900000000, 'role', 'authenticated', 'aal', 'aal1', 'session_id', gen_random_uuid(),
      'email', 'root@example.com', 'phone', '', 'is_anonymous', false))) -> 'claims' -> 'staff_roles',
  '["super_admin"]', 'the hook adds a super_admin''s role to the event Auth sends');
select ok(has_function_privilege('supabase_auth_admin', 'public.custom_access_token_hook(jsonb)', 'execute')
  and has_schema_privilege('supabase_auth_admin', 'public', 'usage'), 'supabase_auth_admin may call the hook');
select ok(has_table_privilege('supabase_auth_admin', t, 'select')
  and exists (select 1 from pg_policies where format('%I.%I', schemaname, tablename)::regclass = t::regclass
                and cmd in ('SELECT', 'ALL') and 'supabase_auth_admin' = any (roles) and qual = 'true'),
  format('supabase_auth_admin reads %s through its own policy', t))
  from unnest(array['public.staff_roles', 'public.user_staff_roles', 'public.profiles']) t;

select tests.authenticate_as(:'alice');
select throws_ok(format($$select public.custom_access_token_hook('{"user_id": "%s", "claims": {}}')$$, :'alice'), '42501', null, 'an authenticated user cannot call the hook');
select tests.clear_authentication();
select throws_ok($$select public.custom_access_token_hook('{"claims": {}}')$$, '42501', null, 'anon cannot call the hook');
select tests.authenticate_as_service_role();
select throws_ok($$select public.custom_access_token_hook('{"claims": {}}')$$, '42501', null, 'service_role does not call the hook either');

-- The one helper ----------------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select ok(private.has_permission('users.suspend'), 'an admin''s JWT carries users.suspend');
select ok(not private.has_permission('staff.manage'), '... but not staff.manage');
select tests.authenticate_as(:'alice');
select ok(not private.has_permission('users.suspend'), 'an ordinary user has no staff permission');
select tests.authenticate_as_service_role();
select ok(private.has_permission('staff.manage'), 'service_role may do what staff may');

-- Reading -----------------------------------------------------------------------------------------
select tests.clear_authentication();
select throws_ok('select * from public.user_staff_roles', '42501', null, 'anon cannot read staff roles');
select tests.authenticate_as(:'alice');
select is((select count(*) from public.staff_roles where product = 'core')::int, 4, 'signed-in users read the role catalog');
select is((select count(*) from public.user_staff_roles)::int, 0, 'an ordinary user sees no one''s staff roles');
select tests.authenticate_as(:'admin');
select is((select array_agg(role) from public.user_staff_roles), array['admin'], 'a staff member sees their own roles only');
select tests.authenticate_as(:'root');
select ok((select count(*) from public.user_staff_roles) >= 3, 'a super_admin sees every holder');

-- Self-escalation ---------------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
select throws_ok(format($$insert into public.user_staff_roles (user_id, role) values (%L, 'super_admin')$$, :'alice'), '42501', null, 'a user cannot insert a staff role for themselves');
select throws_ok($$update public.staff_roles set permissions = array['staff.manage'] where role = 'support'$$, '42501', null, 'a user cannot edit the role catalog');
select throws_ok(format($$select public.grant_staff_role(%L, 'super_admin')$$, :'alice'), '42501', null, 'a user cannot grant themselves a role');
select tests.authenticate_as(:'admin');
select throws_ok(format($$select public.grant_staff_role(%L, 'moderator')$$, :'alice'), '42501', null, 'an admin cannot grant roles: only super_admin');
select throws_ok(format($$delete from public.user_staff_roles where user_id = %L$$, :'root'), '42501', null, 'an admin cannot delete role holders directly');

-- Granting and revoking -----------------------------------------------------------------------------
select tests.authenticate_as(:'root');
select lives_ok(format($$select public.grant_staff_role(%L, 'moderator')$$, :'bob'), 'a super_admin grants a role');
select throws_ok(format($$select public.grant_staff_role(%L, 'emperor')$$, :'bob'), 'PA001', null, 'an unknown role is refused');
select throws_ok(format($$select public.revoke_staff_role(%L, 'support')$$, :'bob'), 'PA001', null, 'revoking a role the user lacks says so');
select throws_ok(format($$select public.revoke_staff_role(%L, 'super_admin')$$, :'root'), 'PA006', null, 'the last super_admin cannot be revoked');
select lives_ok(format($$select public.revoke_staff_role(%L, 'moderator')$$, :'bob'), 'a super_admin revokes a role');

reset role;
select is(
  (select array_agg(operation order by id) from audit.audit_log where table_name = 'user_staff_roles' and row_key ->> 'user_id' = :'bob'),
  array['INSERT', 'DELETE'], 'the grant and the revoke are audited');
select is((select actor_id from audit.audit_log where table_name = 'user_staff_roles' and row_key ->> 'user_id' = :'bob' limit 1),
  :'root'::uuid, '... with the super_admin as actor');

select tests.authenticate_as(:'admin');
select ok((select count(*) from audit.audit_log where table_name = 'user_staff_roles') >= 2, 'staff with audit.read read the audit log');
select throws_ok($$delete from audit.audit_log$$, '42501', null, 'nobody edits the audit log, staff included');

-- The permission registry ---------------------------------------------------------------------------
reset role;
select is(
  (select array_agg(distinct m[1] order by m[1]) from (
     select regexp_matches(prosrc, '(?:has_permission|require_staff_permission)\(''([^'']*)''', 'g') from pg_proc
     union all
     select regexp_matches(coalesce(qual, '') || ' ' || coalesce(with_check, ''), 'has_permission\(''([^'']*)''', 'g') from pg_policies
   ) found (m)
   where m[1] not in (select permission from public.staff_permissions)),
  null, 'every permission a function or a policy reads is registered');
select ok(
  (select bool_and(permission in (select sp.permission from public.staff_permissions sp where sp.product = 'core'))
     from public.staff_roles r, unnest(r.permissions) permission where r.product = 'core'),
  'the core''s roles hold the core''s registered permissions');

-- A probe product registers a staff permission, a table its policy guards, and a role.
create schema probe;
create table probe.sessions (id int primary key, note text);
alter table probe.sessions enable row level security;
grant usage on schema probe to authenticated;
grant select on probe.sessions to authenticated;
create policy "session monitors read sessions" on probe.sessions for select to authenticated
  using ((select private.has_permission('sessions.monitor')));
insert into probe.sessions values (1, 'a session');

select lives_ok($$insert into public.staff_permissions (permission, product, description)
  values ('sessions.monitor', 'probe', 'Reads sessions and their calls; never money')$$, 'a product registers a staff permission');
select throws_ok($$insert into public.staff_permissions (permission, product, description) values ('monitor', 'probe', 'No area')$$,
  '23514', null, 'a permission is named <area>.<action>');
select throws_ok($$insert into public.staff_permissions (permission, product, description) values ('sessions.monitor', 'other', 'Taken')$$,
  '23505', null, 'a permission is registered once');
select throws_ok($$insert into public.staff_roles (role, product, description, permissions)
  values ('probe_spy', 'probe', 'Spies', array['sessions.monitor', 'sessions.record'])$$,
  'PA001', 'unknown staff permission "sessions.record"', 'a role cannot hold a permission no one registered');
select throws_ok($$update public.staff_roles set permissions = array_append(permissions, 'users.delete') where role = 'moderator'$$,
  'PA001', null, '... nor gain one later, core roles included');
select throws_ok($$insert into public.staff_roles (role, product, description, permissions)
  values ('probe_root', 'probe', 'Escalates', array['sessions.monitor', 'staff.manage'])$$,
  '42501', null, 'a product''s role cannot hold the core''s permissions');
select throws_ok($$update public.staff_roles set permissions = array_append(permissions, 'sessions.monitor') where role = 'moderator'$$,
  '42501', null, '... nor a core role a product''s');
select throws_ok($$insert into public.staff_roles (role, product, description, permissions)
  values ('monitor', 'probe', 'Unprefixed', array['sessions.monitor'])$$,
  '23514', null, 'a product''s role is named after the product');
select lives_ok($$insert into public.staff_roles (role, product, description, permissions)
  values ('probe_monitor', 'probe', 'Monitors sessions', array['sessions.monitor'])$$, 'a product registers a role bundling its permissions');
select throws_ok($$delete from public.staff_permissions where permission = 'sessions.monitor'$$,
  '23503', null, 'a permission a role holds stays registered');
select throws_ok($$update public.staff_permissions set permission = 'sessions.watch' where permission = 'sessions.monitor'$$,
  '23503', null, '... under its name');

-- Clients never write the registry.
select tests.clear_authentication();
select throws_ok('select * from public.staff_permissions', '42501', null, 'anon cannot read the permission catalog');
select throws_ok($$insert into public.staff_permissions (permission, product, description) values ('x.y', 'probe', 'anon')$$,
  '42501', null, 'anon cannot register a permission');
select tests.authenticate_as(:'alice');
select ok((select count(*) from public.staff_permissions) >= 9, 'signed-in users read the permission catalog');
select throws_ok($$insert into public.staff_permissions (permission, product, description) values ('xx.yy', 'probe', 'mine')$$,
  '42501', null, 'a user cannot register a permission');
select throws_ok($$update public.staff_permissions set product = 'probe' where permission = 'staff.manage'$$,
  '42501', null, 'a user cannot edit the permission catalog');
select throws_ok($$insert into public.staff_roles (role, product, description, permissions) values ('probe_mine', 'probe', 'mine', '{}')$$,
  '42501', null, 'a user cannot register a role');
select tests.authenticate_as(:'root');
select throws_ok($$insert into public.staff_permissions (permission, product, description) values ('xx.yy', 'probe', 'root')$$,
  '42501', null, 'a super_admin cannot register a permission either: migrations do');
select throws_ok($$delete from public.staff_roles where role = 'probe_monitor'$$,
  '42501', null, '... nor remove a role');

-- Granting a product's role ---------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select throws_ok(format($$select public.grant_staff_role(%L, 'probe_monitor')$$, :'carol'), '42501', null, 'an admin cannot grant a product''s role');
select tests.authenticate_as(:'carol');
select throws_ok(format($$select public.grant_staff_role(%L, 'probe_monitor')$$, :'carol'), '42501', null, 'a user cannot grant it to themselves');
select tests.authenticate_as(:'root');
select lives_ok(format($$select public.grant_staff_role(%L, 'probe_monitor')$$, :'carol'), 'a super_admin grants a product''s role');
select tests.authenticate_as(:'carol');
select throws_ok(format($$select public.grant_staff_role(%L, 'probe_monitor')$$, :'alice'), '42501', null, 'its holder cannot pass it on');
reset role;
select is((select actor_id from audit.audit_log where table_name = 'user_staff_roles' and operation = 'INSERT'
             and row_key = jsonb_build_object('user_id', :'carol', 'role', 'probe_monitor')),
  :'root'::uuid, 'the grant is audited with the super_admin as actor');

-- The claim and the one helper.
select is(
  public.custom_access_token_hook(jsonb_build_object('user_id', :'carol', 'claims', '{"role": "authenticated"}'::jsonb)) -> 'claims',
  '{"role": "authenticated", "staff_roles": ["probe_monitor"], "staff_permissions": ["sessions.monitor"]}'::jsonb,
  'the hook puts a product''s role and permissions into the JWT');
select tests.authenticate_as(:'carol');
select is(auth.jwt() -> 'staff_permissions', '["sessions.monitor"]', 'the holder''s token carries the product''s permission');
select ok(private.has_permission('sessions.monitor'), 'has_permission reads it');
select ok(not private.has_permission('users.read_all'), '... and the holder has no core permission');
select is((select count(*) from probe.sessions)::int, 1, '... and reads what the product''s policy lets monitors read');
select tests.authenticate_as(:'mod');
select ok(not private.has_permission('sessions.monitor'), 'a core moderator does not have it');
select is((select count(*) from probe.sessions)::int, 0, '... and reads none of it');
select tests.authenticate_as(:'alice');
select ok(not private.has_permission('sessions.monitor'), 'an ordinary user does not have it');
select is((select count(*) from probe.sessions)::int, 0, '... and reads none of it');
select tests.authenticate_as(:'root');
select lives_ok(format($$select public.revoke_staff_role(%L, 'probe_monitor')$$, :'carol'), 'a super_admin revokes a product''s role');

-- Suspended staff -------------------------------------------------------------------------------------
-- A moderator's and an admin's tokens are issued; then both are suspended. The tokens carry the
-- permissions until they expire, and are worth nothing from the moment the suspension is recorded.
select tests.authenticate_as(:'alice');
insert into public.reports (target_type, target_id, reason) values ('user', :'bob', 'spam');
select tests.authenticate_as(:'mod');
select current_setting('request.jwt.claims') as mod_claims \gset
select is((select count(*) from public.reports)::int, 1, 'a moderator reads the report queue');
select tests.authenticate_as(:'admin');
select current_setting('request.jwt.claims') as admin_claims \gset
select ok((select count(*) from audit.audit_log) > 0, 'an admin reads the audit log');
select public.suspend_user(:'mod', 'abuse of the report queue');
select tests.authenticate_as(:'root');
select public.suspend_user(:'admin', 'abuse of the audit log', now() + interval '1 day');

select tests.act_as('authenticated', :'mod_claims');
select ok((auth.jwt() -> 'staff_permissions') ? 'reports.read', 'the suspended moderator''s token still carries reports.read');
select ok(not private.has_permission('reports.read'), '... but has_permission reads the suspension');
select is((select count(*) from public.reports)::int, 0, '... and the report queue reads empty');
select throws_ok(format($$select public.suspend_user(%L, 'revenge')$$, :'alice'), '42501', null, '... and staff RPCs refuse');
select tests.act_as('authenticated', :'admin_claims');
select ok(not private.has_permission('audit.read'), 'a suspended admin''s token gives no audit.read');
select is((select count(*) from audit.audit_log)::int, 0, '... and the audit log reads empty');
select is((select count(*) from public.private_profiles)::int, 1, '... and only their own private profile');

-- A suspension that has ended counts as lifted, as everywhere else (before the job clears it).
reset role;
update public.profiles set suspended_until = now() - interval '1 minute' where id = :'admin';
select ok(public.custom_access_token_hook(jsonb_build_object('user_id', :'admin', 'claims', '{}'::jsonb)) -> 'claims' ? 'staff_roles',
  'once a suspension has ended a new token carries the staff claims');
select tests.act_as('authenticated', :'admin_claims');
select ok(private.has_permission('audit.read'), '... and the old token works again');
reset role;
update public.profiles set status = 'deleted', suspended_until = null, deleted_at = now() where id = :'mod';
select tests.act_as('authenticated', :'mod_claims');
select ok(not private.has_permission('reports.read'), 'a deleted staff member''s token gives nothing');

select * from finish();
rollback;
