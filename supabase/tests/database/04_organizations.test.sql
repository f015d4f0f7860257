-- Organizations: creation, visibility, protected columns, invitations (by email and by user), roles,
-- capacity, the last-owner rule and ownership transfer.
begin;
select plan(70);

select tests.create_user('owner@example.com') as owner \gset
select tests.create_user('bob@example.com') as bob \gset
select tests.create_user('carol@example.com') as carol \gset
select tests.create_user('dave@example.com') as dave \gset
select tests.create_user('support@example.com') as support \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support');

select tests.authenticate_as(:'owner');
select (public.create_organization('Acme Guild', 'acme-guild')).id as org \gset
select is((select role::text from public.organization_members where organization_id = :'org' and user_id = :'owner'), 'owner', 'the creator is the owner member');
select is((select owner_id from public.organizations where id = :'org'), :'owner'::uuid, '... and the organization''s owner_id');
select throws_ok($$select public.create_organization('Other', 'acme-guild')$$, '23505', null, 'slugs are unique');
select throws_ok($$select public.create_organization('Bad', 'Bad Slug!')$$, '23514', null, 'slugs are validated');
select throws_ok($$insert into public.organizations (name, slug) values ('Direct', 'direct')$$, '42501', null, 'organizations are created only through the RPC');

-- Visibility --------------------------------------------------------------------------------------
select tests.clear_authentication();
select throws_ok('select * from public.organizations', '42501', null, 'anon cannot read organizations');
select tests.authenticate_as(:'bob');
select is((select count(*) from public.organizations where id = :'org')::int, 0, 'a non-member cannot see the organization');
select is((select count(*) from public.organization_members where organization_id = :'org')::int, 0, '... nor its members');
select tests.authenticate_as(:'support');
select is((select count(*) from public.organizations where id = :'org')::int, 1, 'staff with users.read_all see it');
select tests.authenticate_as_service_role();
select is((select count(*) from public.organization_members where organization_id = :'org')::int, 1, 'service_role sees its members');
select throws_ok('truncate public.organization_members', '42501', null, 'not even service_role truncates members: leaving goes through row triggers');

-- Protected columns -------------------------------------------------------------------------------
select tests.authenticate_as(:'owner');
select lives_ok(format($$update public.organizations set description = 'We play' where id = %L$$, :'org'), 'the owner edits the description');
select throws_ok(format($$update public.organizations set plan = 'enterprise' where id = %L$$, :'org'), '42501', null, 'the owner cannot change the plan');
select throws_ok(format($$update public.organizations set max_members = 500 where id = %L$$, :'org'), '42501', null, '... nor the member limit');
select throws_ok(format($$update public.organizations set owner_id = %L where id = %L$$, :'bob', :'org'), '42501', null, '... nor the owner column');
select throws_ok(format($$update public.organizations set website_url = 'javascript:alert(1)' where id = %L$$, :'org'), '23514', null,
  'the website is an http(s) URL only');
select throws_ok(format($$update public.organizations set logo_url = 'data:image/svg+xml,<svg onload=alert(1)>' where id = %L$$, :'org'), '23514', null,
  '... and so is the logo');
select lives_ok(format($$update public.organizations set website_url = 'https://guild.example.com', logo_url = 'https://guild.example.com/logo.png' where id = %L$$, :'org'),
  '... https ones are kept');

-- Invitations -------------------------------------------------------------------------------------
select token as bob_token from public.invite_to_organization(:'org', 'BOB@example.com', null, 'member') \gset
select token as carol_token from public.invite_to_organization(:'org', null, :'carol', 'admin') \gset
select throws_ok(format($$select * from public.invite_to_organization(%L, 'x@example.com', null, 'owner')$$, :'org'), '22023', null, 'nobody is invited as owner');
select is((select count(*) from public.invitations where organization_id = :'org')::int, 2, 'the owner sees the invitations');
select ok((select token_hash <> convert_to(:'bob_token', 'utf8') from public.invitations where invited_email = 'bob@example.com'), 'only a hash of the token is stored');

select tests.authenticate_as(:'bob');
select throws_ok(format($$select * from public.invite_to_organization(%L, 'x@example.com')$$, :'org'), '42501', null, 'a non-member cannot invite');
select is((select count(*) from public.invitations)::int, 1, 'an invitee sees their own invitation only');
select tests.authenticate_as(:'dave');
select throws_ok(format($$select public.accept_invitation(%L)$$, :'bob_token'), '42501', null, 'someone else cannot accept Bob''s invitation');
select throws_ok($$select public.accept_invitation('not-a-token')$$, 'PA001', null, 'an unknown token is refused');
select tests.authenticate_as(:'bob');
select is(public.accept_invitation(:'bob_token'), :'org'::uuid, 'Bob accepts his invitation by email');
select is((select role::text from public.organization_members where organization_id = :'org' and user_id = :'bob'), 'member', '... with the invited role');
select throws_ok(format($$select public.accept_invitation(%L)$$, :'bob_token'), 'PA002', null, 'a used invitation cannot be used again');
select is((select count(*) from public.organizations where id = :'org')::int, 1, 'a member now sees the organization');

reset role;
update public.invitations set expires_at = now() - interval '1 second' where invited_user_id = :'carol';
select tests.authenticate_as(:'carol');
select throws_ok(format($$select public.accept_invitation(%L)$$, :'carol_token'), 'PA003', null, 'an expired invitation is refused');
reset role;
update public.invitations set expires_at = now() + interval '1 day' where invited_user_id = :'carol';
select tests.authenticate_as(:'carol');
select lives_ok(format($$select public.accept_invitation(%L)$$, :'carol_token'), 'Carol accepts her invitation by user id');

-- Refused sides of the membership RPCs (one implementation with groups: see 05) --------------------
-- Now: owner owns, Carol is an admin, Bob a plain member, Dave a stranger.
select tests.authenticate_as(:'dave');
select throws_ok(format($$select public.remove_organization_member(%L, %L)$$, :'org', :'bob'), '42501', null, 'a stranger cannot remove a member');
select throws_ok(format($$select public.remove_organization_member(%L, %L)$$, :'org', :'support'), '42501', null, '... and learns nothing about non-members (42501, not PA001)');
select throws_ok(format($$select public.change_organization_member_role(%L, %L, 'manager')$$, :'org', :'bob'), '42501', null, 'a stranger cannot change roles');
select throws_ok(format($$select public.transfer_organization_ownership(%L, %L)$$, :'org', :'dave'), '42501', null, 'a stranger cannot take ownership');
select throws_ok(format($$select public.leave_organization(%L)$$, :'org'), 'PA001', null, 'a stranger has nothing to leave');
select tests.authenticate_as(:'bob');
select throws_ok(format($$select * from public.invite_to_organization(%L, 'x@example.com')$$, :'org'), '42501', null, 'a plain member cannot invite');
select throws_ok(format($$select public.remove_organization_member(%L, %L)$$, :'org', :'carol'), '42501', null, 'a plain member cannot remove anyone');
select throws_ok(format($$select public.change_organization_member_role(%L, %L, 'member')$$, :'org', :'carol'), '42501', null, 'a plain member cannot demote an admin');
select throws_ok(format($$select public.transfer_organization_ownership(%L, %L)$$, :'org', :'bob'), '42501', null, 'a plain member cannot take ownership');
select throws_ok(format($$select public.remove_organization_member(%L, %L)$$, :'org', :'bob'), '22023', null, 'removing oneself is leaving');
select tests.authenticate_as(:'carol');
select throws_ok(format($$select * from public.invite_to_organization(%L, 'x@example.com', null, 'admin')$$, :'org'), '42501', null, 'an admin cannot invite admins');
select throws_ok(format($$select public.change_organization_member_role(%L, %L, 'member')$$, :'org', :'carol'), '42501', null, 'an admin cannot change an admin''s role, their own included');
select tests.authenticate_as(:'owner');
select throws_ok(format($$select * from public.invite_to_organization(%L)$$, :'org'), '22023', null, 'an invitation names someone');
select throws_ok(format($$select public.change_organization_member_role(%L, %L, 'owner')$$, :'org', :'bob'), '22023', null, 'ownership is not a role change');
select throws_ok(format($$select public.change_organization_member_role(%L, %L, 'admin')$$, :'org', :'owner'), '42501', null, 'the owner''s role is not changed, only transferred');
select throws_ok(format($$select public.remove_organization_member(%L, %L)$$, :'org', :'dave'), 'PA001', null, 'the owner removing a non-member is told so');
select throws_ok(format($$select public.remove_organization_member(%L, %L)$$, gen_random_uuid(), :'bob'), 'PA001', null, 'no such organization');
select throws_ok(format($$select public.transfer_organization_ownership(%L, %L)$$, :'org', :'owner'), '22023', null, 'ownership goes to someone else');
select token as second_bob_token from public.invite_to_organization(:'org', null, :'bob') \gset
select token as dave_first_token from public.invite_to_organization(:'org', null, :'dave') \gset
select tests.authenticate_as(:'bob');
select throws_ok(format($$select public.accept_invitation(%L)$$, :'second_bob_token'), '23505', null, 'a member cannot join twice');

-- Suspended users: the owner can do nothing, a member cannot leave, an invitee cannot accept.
reset role;
update public.profiles set status = 'suspended' where id in (:'owner', :'bob', :'dave');
select tests.authenticate_as(:'owner');
select throws_ok(format($$select * from public.invite_to_organization(%L, 'x@example.com')$$, :'org'), '42501', null, 'a suspended owner cannot invite');
select throws_ok(format($$select public.remove_organization_member(%L, %L)$$, :'org', :'bob'), '42501', null, '... nor remove a member');
select throws_ok(format($$select public.change_organization_member_role(%L, %L, 'manager')$$, :'org', :'bob'), '42501', null, '... nor change a role');
select throws_ok(format($$select public.transfer_organization_ownership(%L, %L)$$, :'org', :'carol'), '42501', null, '... nor transfer ownership');
select tests.authenticate_as(:'bob');
select throws_ok(format($$select public.leave_organization(%L)$$, :'org'), '42501', null, 'a suspended member cannot leave');
select tests.authenticate_as(:'dave');
select throws_ok(format($$select public.accept_invitation(%L)$$, :'dave_first_token'), '42501', null, 'a suspended invitee cannot accept');
reset role;
update public.profiles set status = 'active' where id in (:'owner', :'dave');
select tests.authenticate_as(:'owner');
select throws_ok(format($$select public.transfer_organization_ownership(%L, %L)$$, :'org', :'bob'), '22023', null, 'ownership does not go to a suspended member');
reset role;
update public.profiles set status = 'active' where id = :'bob';
select is((select array_agg(user_id::text || ':' || role order by role) from public.organization_members where organization_id = :'org'),
          array[:'owner' || ':owner', :'carol' || ':admin', :'bob' || ':member'], 'none of the refused calls changed a membership');

-- Roles and removal -------------------------------------------------------------------------------
select tests.authenticate_as(:'bob');
select throws_ok(format($$select public.change_organization_member_role(%L, %L, 'admin')$$, :'org', :'bob'), '42501', null, 'a member cannot promote themselves');
update public.organizations set description = 'Bob was here' where id = :'org';
select is((select description from public.organizations where id = :'org'), 'We play', 'a member cannot edit the organization');
select tests.authenticate_as(:'carol');
select throws_ok(format($$select public.change_organization_member_role(%L, %L, 'admin')$$, :'org', :'bob'), '42501', null, 'an admin cannot make admins');
select lives_ok(format($$select public.change_organization_member_role(%L, %L, 'manager')$$, :'org', :'bob'), 'an admin makes a member a manager');
select throws_ok(format($$select public.remove_organization_member(%L, %L)$$, :'org', :'owner'), '42501', null, 'nobody removes the owner');

-- Capacity ----------------------------------------------------------------------------------------
reset role;
update public.organizations set max_members = 3 where id = :'org';
select tests.authenticate_as(:'owner');
select token as dave_token from public.invite_to_organization(:'org', 'dave@example.com') \gset
select tests.authenticate_as(:'dave');
select throws_ok(format($$select public.accept_invitation(%L)$$, :'dave_token'), 'PA004', null, 'a full organization takes no one more');

-- Owner rules -------------------------------------------------------------------------------------
select tests.authenticate_as(:'owner');
select throws_ok(format($$select public.leave_organization(%L)$$, :'org'), 'PA005', null, 'the last owner cannot leave');
select throws_ok(format($$select public.transfer_organization_ownership(%L, %L)$$, :'org', :'dave'), '22023', null, 'ownership goes only to a member');
select lives_ok(format($$select public.transfer_organization_ownership(%L, %L)$$, :'org', :'carol'), 'the owner transfers ownership');
select is((select owner_id from public.organizations where id = :'org'), :'carol'::uuid, 'the new owner is recorded');
select lives_ok(format($$select public.leave_organization(%L)$$, :'org'), 'the former owner can now leave');

reset role;
select ok(exists (select 1 from audit.audit_log where table_name = 'organization_members' and operation = 'DELETE'
                  and row_key ->> 'user_id' = :'owner'), 'membership changes are audited');

select * from finish();
rollback;
