-- Staff roles: the catalog, the Custom Access Token hook, granting and revoking (super_admin only,
-- audited), and self-escalation attempts.
begin;
select plan(30);

select tests.create_user('root@example.com') as root \gset
select tests.create_user('admin@example.com') as admin \gset
select tests.create_user('alice@example.com') as alice \gset
select tests.create_user('bob@example.com') as bob \gset
insert into public.user_staff_roles (user_id, role) values (:'root', 'super_admin'), (:'admin', 'admin');

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

-- Auth runs the hook as supabase_auth_admin, which reads the staff tables through its own policies.
set local role supabase_auth_admin;
select public.custom_access_token_hook(jsonb_build_object('user_id', :'root', 'claims', '{}'::jsonb)) -> 'claims' -> 'staff_roles' as root_roles \gset
reset role;
select is(:'root_roles'::jsonb, '["super_admin"]', 'supabase_auth_admin runs the hook and sees a super_admin''s role');

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
select is((select count(*) from public.staff_roles)::int, 4, 'signed-in users read the role catalog');
select is((select count(*) from public.user_staff_roles)::int, 0, 'an ordinary user sees no one''s staff roles');
select tests.authenticate_as(:'admin');
select is((select array_agg(role) from public.user_staff_roles), array['admin'], 'a staff member sees their own roles only');
select tests.authenticate_as(:'root');
select ok((select count(*) from public.user_staff_roles) >= 2, 'a super_admin sees every holder');

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
select throws_ok(format($$select public.grant_staff_role(%L, 'emperor')$$, :'bob'), '22023', null, 'an unknown role is refused');
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

select * from finish();
rollback;
