-- Account deletion: soft (by the user: scrubbed, memberships ended, signed out) and hard (the auth
-- user removed by the service: everything referencing the profile cascades).
begin;
select plan(20);

select tests.create_user('owner@example.com', '{"display_name": "Olivia"}') as owner \gset
select tests.create_user('bob@example.com', '{"display_name": "Bob"}') as bob \gset
insert into auth.sessions (id, user_id, created_at) values (gen_random_uuid(), :'bob', now());

select tests.authenticate_as(:'owner');
select (public.create_group('Table', 'table-1')).id as grp \gset
select (public.create_organization('Org', 'org-1')).id as org \gset
select token as bob_org_token from public.invite_to_organization(:'org', 'bob@example.com') \gset
select public.get_group_invite_code(:'grp') as code \gset
select tests.authenticate_as(:'bob');
select public.join_group_by_code(:'code');
select public.accept_invitation(:'bob_org_token');

-- Soft deletion by the user -------------------------------------------------------------------------
select tests.authenticate_as(:'owner');
select throws_ok('select public.delete_my_account()', 'PA005', null, 'an owner must transfer ownership before deleting their account');

select tests.authenticate_as(:'bob');
select lives_ok('select public.delete_my_account()', 'a member deletes their account');
select is((select status from public.profiles where id = :'bob'), 'deleted', 'the profile is marked deleted');
select is((select display_name from public.profiles where id = :'bob'), 'Deleted user', 'personal fields are scrubbed');
select is((select email from public.private_profiles where id = :'bob'), null, 'the email is scrubbed');
select is((select count(*) from public.group_members where user_id = :'bob')::int, 0, 'group memberships end');
select is((select count(*) from public.organization_members where user_id = :'bob')::int, 0, 'organization memberships end');
update public.private_profiles set preferences = '{"a": 1}' where id = auth.uid();
select is((select preferences from public.private_profiles where id = :'bob'), '{}'::jsonb, 'a deleted user still reads their data but writes nothing');
select throws_ok('select public.delete_my_account()', 'PA007', null, 'deleting twice says so');
reset role;
select is((select banned_until from auth.users where id = :'bob'), 'infinity'::timestamptz, 'the auth user is banned');
select is((select count(*) from auth.sessions where user_id = :'bob')::int, 0, 'their sessions end');

select tests.clear_authentication();
select throws_ok('select public.delete_my_account()', '42501', null, 'anon cannot delete accounts');

-- Hard deletion by the service --------------------------------------------------------------------
reset role;
select lives_ok(format('delete from auth.users where id = %L', :'owner'), 'the auth user of an owner can be hard-deleted');
select is((select count(*) from public.profiles where id = :'owner')::int, 0, 'the profile goes with it');
select is((select count(*) from public.group_members where user_id = :'owner')::int, 0, 'and the memberships');
select is((select owner_id from public.organizations where id = :'org'), null, 'the organization stays, without an owner, for staff to reassign');
select is((select created_by from public.groups where id = :'grp'), null, 'references such as created_by are cleared');

-- A user with money and credits: the books outlive them.
select tests.create_user('payer@example.com') as payer \gset
select tests.authenticate_as_service_role();
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'payer', 'CREDIT'), 40, 'bonus', 'payer-bonus');
select billing.user_account(:'payer', 'CREDIT') as payer_credits \gset
reset role;
select lives_ok(format('delete from auth.users where id = %L', :'payer'), 'a user with a ledger account can be hard-deleted');
select is((select user_id from billing.accounts where id = :'payer_credits'), null, 'the account stays, anonymous');
select is(billing.ledger_violations(), '{}'::text[], 'and the books still balance');

select * from finish();
rollback;
