-- Groups: public and private visibility (anon included), invite codes, joining, capacity, roles,
-- per-group permissions, removal and leaving, suspended users.
begin;
select plan(72);

select tests.create_user('gm@example.com') as owner \gset
select tests.create_user('bob@example.com') as bob \gset
select tests.create_user('carol@example.com') as carol \gset
select tests.create_user('dave@example.com') as dave \gset
select tests.create_user('eve@example.com') as eve \gset
select tests.create_user('admin@example.com') as admin \gset
insert into public.user_staff_roles (user_id, role) values (:'admin', 'admin');

select tests.authenticate_as(:'owner');
select (public.create_group('Friday Night', 'friday-night', null, false, 4)).id as private_group \gset
select (public.create_group('Open Table', 'open-table', null, true)).id as public_group \gset
select throws_ok($$select public.create_group('Again', 'friday-night')$$, '23505', null, 'slugs are unique among groups outside organizations');
select public.get_group_invite_code(:'private_group') as code \gset
select ok(:'code' ~ '^[A-Za-z0-9]{12}$', 'a group gets an invite code');
select throws_ok($$insert into public.groups (name, slug) values ('Direct', 'direct')$$, '42501', null, 'groups are created only through the RPC');

-- Visibility --------------------------------------------------------------------------------------
select tests.clear_authentication();
select is((select array_agg(id) from public.groups where id in (:'private_group', :'public_group')), array[:'public_group'::uuid], 'anon sees public groups only');
select throws_ok('select * from public.group_members', '42501', null, 'anon cannot read members');
select tests.authenticate_as(:'bob');
select is((select array_agg(id) from public.groups where id in (:'private_group', :'public_group')), array[:'public_group'::uuid], 'a non-member sees public groups only');
select is((select count(*) from public.group_members where group_id = :'private_group')::int, 0, 'a non-member sees no members of a private group');
select throws_ok(format($$select public.get_group_invite_code(%L)$$, :'private_group'), '42501', null, 'a non-member cannot read the invite code');
select throws_ok($$select * from private.group_invite_codes$$, '42501', null, 'invite codes are not readable as a table');
select tests.authenticate_as(:'admin');
select is((select count(*) from public.groups where id = :'private_group')::int, 1, 'staff with users.read_all see private groups');
select tests.authenticate_as_service_role();
select is((select count(*) from public.group_members where group_id = :'private_group')::int, 1, 'service_role sees members');
select throws_ok('truncate public.group_members', '42501', null, 'not even service_role truncates members: leaving goes through row triggers');

-- Joining by code ---------------------------------------------------------------------------------
select tests.authenticate_as(:'bob');
select is(public.join_group_by_code(:'code'), :'private_group'::uuid, 'a user joins with the invite code');
select is((select role::text from public.group_members where group_id = :'private_group' and user_id = :'bob'), 'player', '... as a player');
select throws_ok(format($$select public.join_group_by_code(%L)$$, :'code'), '23505', null, 'joining twice is refused');
select throws_ok($$select public.join_group_by_code('nope')$$, 'PA001', null, 'an unknown code is refused');
select is((select count(*) from public.group_members where group_id = :'private_group')::int, 2, 'a member sees the other members');
select throws_ok(format($$select public.get_group_invite_code(%L)$$, :'private_group'), '42501', null, 'a player cannot read the invite code');
select lives_ok(format($$update public.group_members set nickname = 'Bobby', notify_chat_mentions = false where group_id = %L and user_id = auth.uid()$$, :'private_group'),
  'a member edits their nickname and notifications');
select throws_ok(format($$update public.group_members set role = 'gm' where group_id = %L and user_id = auth.uid()$$, :'private_group'), '42501', null, 'a member cannot change their own role');
update public.groups set name = 'Bob''s group' where id = :'private_group';
select is((select name from public.groups where id = :'private_group'), 'Friday Night', 'a player cannot edit the group');

-- Suspended users ---------------------------------------------------------------------------------
reset role;
update public.profiles set status = 'suspended' where id = :'eve';
select tests.authenticate_as(:'eve');
select throws_ok(format($$select public.join_group_by_code(%L)$$, :'code'), '42501', null, 'a suspended user cannot join');
reset role;
update public.profiles set status = 'active' where id = :'eve';

-- Capacity ----------------------------------------------------------------------------------------
select tests.authenticate_as(:'carol');
select lives_ok(format($$select public.join_group_by_code(%L)$$, :'code'), 'Carol takes the third seat');
select tests.authenticate_as(:'dave');
select lives_ok(format($$select public.join_group_by_code(%L)$$, :'code'), 'Dave takes the last seat');
select tests.authenticate_as(:'eve');
select throws_ok(format($$select public.join_group_by_code(%L)$$, :'code'), 'PA004', null, 'a full group takes no one more');

-- Roles, permissions, removal -----------------------------------------------------------------------
select tests.authenticate_as(:'bob');
select throws_ok(format($$select public.remove_group_member(%L, %L)$$, :'private_group', :'carol'), '42501', null, 'a player cannot remove another player');
select throws_ok(format($$select public.change_group_member_role(%L, %L, 'gm')$$, :'private_group', :'bob'), '42501', null, 'a player cannot promote themselves');
select throws_ok(format($$select public.set_group_permission(%L, %L, 'manage_members', true)$$, :'private_group', :'bob'), '42501', null, 'a player cannot grant themselves permissions');
select tests.authenticate_as(:'eve');
select throws_ok(format($$select public.remove_group_member(%L, %L)$$, :'private_group', :'carol'), '42501', null, 'a non-member cannot remove members');

-- Refused sides of the membership RPCs (one implementation with organizations: see 04) -------------
-- Now: owner owns, Bob, Carol and Dave are players, Eve a stranger.
select tests.authenticate_as(:'eve');
select throws_ok(format($$select public.remove_group_member(%L, %L)$$, :'private_group', :'admin'), '42501', null, '... and learns nothing about non-members (42501, not PA001)');
select throws_ok(format($$select public.change_group_member_role(%L, %L, 'gm')$$, :'private_group', :'carol'), '42501', null, 'a stranger cannot change roles');
select throws_ok(format($$select public.transfer_group_ownership(%L, %L)$$, :'private_group', :'eve'), '42501', null, 'a stranger cannot take ownership');
select throws_ok(format($$select * from public.invite_to_group(%L, 'x@example.com')$$, :'private_group'), '42501', null, 'a stranger cannot invite');
select throws_ok(format($$select public.leave_group(%L)$$, :'private_group'), 'PA001', null, 'a stranger has nothing to leave');
select tests.authenticate_as(:'bob');
select throws_ok(format($$select * from public.invite_to_group(%L, 'x@example.com')$$, :'private_group'), '42501', null, 'a player cannot invite');
select throws_ok(format($$select public.transfer_group_ownership(%L, %L)$$, :'private_group', :'bob'), '42501', null, 'a player cannot take ownership');
select throws_ok(format($$select public.remove_group_member(%L, %L)$$, :'private_group', :'bob'), '22023', null, 'removing oneself is leaving');
select tests.authenticate_as(:'owner');
select throws_ok(format($$select * from public.invite_to_group(%L, 'x@example.com', null, 'owner')$$, :'private_group'), '22023', null, 'nobody is invited as owner');
select throws_ok(format($$select * from public.invite_to_group(%L)$$, :'private_group'), '22023', null, 'an invitation names someone');
select throws_ok(format($$select public.remove_group_member(%L, %L)$$, :'private_group', :'eve'), 'PA001', null, 'the owner removing a non-member is told so');
select throws_ok(format($$select public.remove_group_member(%L, %L)$$, gen_random_uuid(), :'bob'), 'PA001', null, 'no such group');
select throws_ok(format($$select public.change_group_member_role(%L, %L, 'player')$$, :'private_group', :'owner'), '42501', null, 'the owner''s role is not changed, only transferred');
select throws_ok(format($$select public.transfer_group_ownership(%L, %L)$$, :'private_group', :'eve'), '22023', null, 'ownership goes only to a member');
select throws_ok(format($$select public.transfer_group_ownership(%L, %L)$$, :'private_group', :'owner'), '22023', null, 'ownership goes to someone else');

-- Suspended users: the owner can do nothing, a member cannot leave.
reset role;
update public.profiles set status = 'suspended' where id in (:'owner', :'dave');
select tests.authenticate_as(:'owner');
select throws_ok(format($$select * from public.invite_to_group(%L, 'x@example.com')$$, :'private_group'), '42501', null, 'a suspended owner cannot invite');
select throws_ok(format($$select public.remove_group_member(%L, %L)$$, :'private_group', :'carol'), '42501', null, '... nor remove a member');
select throws_ok(format($$select public.change_group_member_role(%L, %L, 'gm')$$, :'private_group', :'carol'), '42501', null, '... nor change a role');
select throws_ok(format($$select public.transfer_group_ownership(%L, %L)$$, :'private_group', :'carol'), '42501', null, '... nor transfer ownership');
select throws_ok(format($$select public.get_group_invite_code(%L)$$, :'private_group'), '42501', null, '... nor read the invite code');
select throws_ok(format($$select public.regenerate_group_invite_code(%L)$$, :'private_group'), '42501', null, '... nor change it');
select tests.authenticate_as(:'dave');
select throws_ok(format($$select public.leave_group(%L)$$, :'private_group'), '42501', null, 'a suspended member cannot leave');
reset role;
update public.profiles set status = 'active' where id = :'owner';
select tests.authenticate_as(:'owner');
select throws_ok(format($$select public.transfer_group_ownership(%L, %L)$$, :'private_group', :'dave'), '22023', null, 'ownership does not go to a suspended member');
reset role;
update public.profiles set status = 'active' where id = :'dave';
select is((select array_agg(user_id::text || ':' || role order by role, user_id) from public.group_members where group_id = :'private_group'),
          (select array_agg(u || ':' || r order by r::public.group_role, u) from (values (:'owner', 'owner'), (:'bob', 'player'), (:'carol', 'player'), (:'dave', 'player')) v (u, r)),
          'none of the refused calls changed a membership');

select tests.authenticate_as(:'owner');
select throws_ok(format($$select public.change_group_member_role(%L, %L, 'owner')$$, :'private_group', :'bob'), '22023', null, 'ownership is not a role change');
select lives_ok(format($$select public.change_group_member_role(%L, %L, 'gm')$$, :'private_group', :'bob'), 'the owner makes Bob a GM');
select lives_ok(format($$select public.set_group_permission(%L, %L, 'manage_members', true)$$, :'private_group', :'carol'), 'the owner grants Carol manage_members');
select throws_ok(format($$select public.set_group_permission(%L, %L, 'rule_the_world', true)$$, :'private_group', :'carol'), '22023', null, 'unknown permissions are refused');

select tests.authenticate_as(:'bob');
select ok(public.get_group_invite_code(:'private_group') is not null, 'a GM reads the invite code');
select throws_ok(format($$select public.remove_group_member(%L, %L)$$, :'private_group', :'owner'), '42501', null, 'nobody removes the owner');
select invitation_id as eve_invitation, token as eve_token from public.invite_to_group(:'private_group', 'eve@example.com', null, 'spectator') \gset
select throws_ok(format($$select * from public.invite_to_group(%L, 'x@example.com', null, 'gm')$$, :'private_group'), '42501', null, 'only the owner invites GMs');

select tests.authenticate_as(:'carol');
select throws_ok(format($$select public.remove_group_member(%L, %L)$$, :'private_group', :'bob'), '42501', null, 'manage_members does not reach GMs');
select lives_ok(format($$select public.remove_group_member(%L, %L)$$, :'private_group', :'dave'), 'manage_members removes a player');
select throws_ok(format($$select public.revoke_invitation(%L)$$, :'eve_invitation'), '42501', null, 'a member who did not invite cannot revoke an invitation');
select is((select count(*) from public.invitations where id = :'eve_invitation')::int, 0, '... nor see it');

reset role;
update public.profiles set status = 'suspended' where id = :'eve';
select tests.authenticate_as(:'eve');
select throws_ok(format($$select public.accept_invitation(%L)$$, :'eve_token'), '42501', null, 'a suspended invitee cannot accept');
reset role;
update public.profiles set status = 'active' where id = :'eve';
select tests.authenticate_as(:'eve');
select lives_ok(format($$select public.accept_invitation(%L)$$, :'eve_token'), 'Eve accepts the invitation into the freed seat');
select is((select role::text from public.group_members where group_id = :'private_group' and user_id = :'eve'), 'spectator', '... as a spectator');

-- Leaving and ownership -----------------------------------------------------------------------------
select lives_ok(format($$select public.leave_group(%L)$$, :'private_group'), 'a member leaves');
select throws_ok(format($$select public.leave_group(%L)$$, :'private_group'), 'PA001', null, 'leaving twice says not a member');
select tests.authenticate_as(:'owner');
select throws_ok(format($$select public.leave_group(%L)$$, :'private_group'), 'PA005', null, 'the last owner cannot leave');
select lives_ok(format($$select public.transfer_group_ownership(%L, %L)$$, :'private_group', :'bob'), 'the owner hands the group to Bob');
select is((select role::text from public.group_members where group_id = :'private_group' and user_id = :'owner'), 'gm', 'the former owner becomes a GM');

select * from finish();
rollback;
