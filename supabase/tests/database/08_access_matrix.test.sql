-- The remaining sides of the identity tables' policies: anon is refused everywhere but public
-- groups, service_role reads everything, and group permissions and invitations stay with the group.
begin;
select plan(20);

select tests.create_user('owner@example.com') as owner \gset
select tests.create_user('bob@example.com') as bob \gset
select tests.create_user('carol@example.com') as carol \gset
select tests.create_user('support@example.com') as support \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support');

select tests.authenticate_as(:'owner');
select (public.create_group('Table', 'matrix-table')).id as grp \gset
select public.get_group_invite_code(:'grp') as code \gset
select * from public.invite_to_group(:'grp', 'someone@example.com');
select tests.authenticate_as(:'bob');
select public.join_group_by_code(:'code');
select tests.authenticate_as(:'owner');
select public.set_group_permission(:'grp', :'bob', 'manage_journals', true);

-- anon
select tests.clear_authentication();
select throws_ok(format('select * from %s', t), '42501', null, format('anon cannot read %s', t))
  from unnest(array['public.staff_roles', 'public.user_staff_roles', 'public.organization_members',
                    'public.group_permissions', 'public.invitations', 'audit.audit_log']) t;
select throws_ok($$select public.join_group_by_code('x')$$, '42501', null, 'anon cannot call membership RPCs');

-- group permissions and invitations stay with the group
select tests.authenticate_as(:'bob');
select is((select count(*) from public.group_permissions where group_id = :'grp')::int, 1, 'a member reads the group''s permissions');
select is((select count(*) from public.invitations where group_id = :'grp')::int, 0, 'a player does not read the group''s invitations');
select tests.authenticate_as(:'carol');
select is((select count(*) from public.group_permissions where group_id = :'grp')::int, 0, 'a non-member reads no permissions');
select is((select count(*) from public.invitations where group_id = :'grp')::int, 0, '... and no invitations');
select throws_ok(format($$insert into public.group_permissions (group_id, user_id, permission) values (%L, %L, 'manage_members')$$, :'grp', :'carol'),
  '42501', null, 'nobody inserts permissions directly');
select throws_ok(format($$insert into public.group_members (group_id, user_id) values (%L, %L)$$, :'grp', :'carol'),
  '42501', null, 'nobody inserts memberships directly');
select tests.authenticate_as(:'owner');
select is((select count(*) from public.invitations where group_id = :'grp')::int, 1, 'the owner reads the group''s invitations');
select tests.authenticate_as(:'support');
select is((select count(*) from public.invitations where group_id = :'grp')::int, 1, 'staff with users.read_all read invitations');

-- service_role reads everything
select tests.authenticate_as_service_role();
select ok((select count(*) from public.profiles) >= 4, 'service_role reads profiles');
select is((select count(*) from public.staff_roles where product = 'core')::int, 4, 'service_role reads the role catalog');
select ok((select count(*) from public.user_staff_roles) >= 1, 'service_role reads role holders');
select is((select count(*) from public.group_permissions where group_id = :'grp')::int, 1, 'service_role reads group permissions');
select is((select count(*) from public.invitations where group_id = :'grp')::int, 1, 'service_role reads invitations');

select * from finish();
rollback;
