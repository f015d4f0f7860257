-- Profiles: created at sign-up, kept in step with Auth, readable and editable by the right people,
-- protected columns, suspension and the shared write predicate.
begin;
select plan(49);

select tests.create_user('alice@example.com', '{"display_name": "Alice"}') as alice \gset
select tests.create_user('bob.builder@example.com') as bob \gset
select tests.create_user('x@example.com', '{"full_name": "  "}') as shorty \gset
select tests.create_user('mod@example.com') as moderator \gset
select tests.create_user('pic@example.com', '{"avatar_url": "https://images.example.com/pic.png"}') as pic \gset
select tests.create_user('xss@example.com', '{"avatar_url": "javascript:alert(document.cookie)"}') as xss \gset
select tests.create_user('support@example.com') as support \gset
insert into public.user_staff_roles (user_id, role) values (:'moderator', 'moderator'), (:'support', 'support');

-- Sign-up -----------------------------------------------------------------------------------------
select is((select display_name from public.profiles where id = :'alice'), 'Alice', 'sign-up takes the display name from metadata');
select is((select display_name from public.profiles where id = :'bob'), 'bob.builder', 'without one, the email''s local part');
select is((select display_name from public.profiles where id = :'shorty'), 'user-' || left(:'shorty', 8), 'a name too short for the seeds'' check is made valid');
select is((select status from public.profiles where id = :'alice'), 'active', 'a new profile is active');
select is((select email from public.private_profiles where id = :'alice'), 'alice@example.com', 'the private profile has the email');
select is((select avatar_url from public.profiles where id = :'pic'), 'https://images.example.com/pic.png', 'sign-up takes an https avatar from metadata');
select is((select avatar_url from public.profiles where id = :'xss'), null, '... and drops one that is not http(s), without failing the sign-up');

update auth.users set email = 'alice@new.example.com', last_sign_in_at = '2026-11-01 10:00+00' where id = :'alice';
select is((select email from public.private_profiles where id = :'alice'), 'alice@new.example.com', 'an email change reaches the profile');
select is((select last_login_at from public.private_profiles where id = :'alice'), '2026-11-01 10:00+00'::timestamptz, 'a sign-in reaches last_login_at');

-- Reading -----------------------------------------------------------------------------------------
select tests.clear_authentication();
select throws_ok('select * from public.profiles', '42501', null, 'anon cannot read profiles');
select throws_ok('select * from public.private_profiles', '42501', null, 'anon cannot read private profiles');

select tests.authenticate_as(:'alice');
select is((select count(*) from public.profiles where id in (:'alice', :'bob'))::int, 2, 'a user reads other users'' public profiles');
select is((select count(*) from public.private_profiles)::int, 1, 'a user reads only their own private profile');
select is((select id from public.private_profiles), :'alice'::uuid, '... which is theirs');

select tests.authenticate_as(:'support');
select is((select count(*) from public.private_profiles where id in (:'alice', :'bob'))::int, 2, 'staff with users.read_all read private profiles');
select tests.authenticate_as(:'moderator');
select is((select count(*) from public.private_profiles where id in (:'alice', :'bob'))::int, 0, 'staff without users.read_all do not');

select tests.authenticate_as_service_role();
select is((select count(*) from public.private_profiles where id in (:'alice', :'bob'))::int, 2, 'service_role reads every private profile');

-- Writing -----------------------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
select lives_ok($$update public.profiles set display_name = 'Alice A.', bio = 'GM since 1999' where id = auth.uid()$$, 'a user edits their own profile');
select is((select display_name from public.profiles where id = :'alice'), 'Alice A.', '... and the change is stored');
update public.profiles set display_name = 'Hacked' where id = :'bob';
select is((select display_name from public.profiles where id = :'bob'), 'bob.builder', 'a user cannot edit someone else''s profile');
select throws_ok($$update public.profiles set status = 'active' where id = auth.uid()$$, '42501', null, 'a user cannot change their own status');
select throws_ok($$update public.profiles set suspended_until = null where id = auth.uid()$$, '42501', null, '... nor their suspension');
select throws_ok($$update public.profiles set deleted_at = now() where id = auth.uid()$$, '42501', null, '... nor their deletion');
select throws_ok($$update public.private_profiles set email = 'x@evil.example' where id = auth.uid()$$, '42501', null, '... nor their synced email');
select throws_ok($$update public.private_profiles set suspension_reason = null where id = auth.uid()$$, '42501', null, '... nor the suspension reason');
select lives_ok($$update public.private_profiles set preferences = '{"theme": "dark"}' where id = auth.uid()$$, 'a user sets their preferences');
select throws_ok($$insert into public.profiles (id, display_name) values (gen_random_uuid(), 'Ghost')$$, '42501', null, 'nobody inserts profiles directly');
select throws_ok($$delete from public.profiles where id = auth.uid()$$, '42501', null, 'nobody deletes profiles directly');
select throws_ok($$update public.profiles set display_name = 'x' where id = auth.uid()$$, '23514', null, 'the display name check holds');
select throws_ok($$update public.profiles set avatar_url = 'javascript:alert(document.cookie)' where id = auth.uid()$$, '23514', null,
  'an avatar that is not an http(s) URL is refused (it would run in every viewer''s page)');
select throws_ok($$update public.profiles set avatar_url = 'data:image/svg+xml,<svg onload=alert(1)>' where id = auth.uid()$$, '23514', null, '... a data: URL too');
select lives_ok($$update public.profiles set avatar_url = 'https://images.example.com/alice.png' where id = auth.uid()$$, '... an https one is kept');

-- Suspension --------------------------------------------------------------------------------------
select throws_ok(format($$select public.suspend_user(%L, 'spam')$$, :'bob'), '42501', null, 'a user without users.suspend cannot suspend');
select tests.authenticate_as(:'support');
select throws_ok(format($$select public.suspend_user(%L, 'spam')$$, :'bob'), '42501', null, 'support staff cannot suspend');
select tests.authenticate_as(:'moderator');
select throws_ok(format($$select public.suspend_user(%L, '')$$, :'bob'), '22023', null, 'a suspension needs a reason');
select throws_ok(format($$select public.suspend_user(%L, 'me')$$, :'moderator'), '22023', null, 'staff cannot suspend themselves');
select lives_ok(format($$select public.suspend_user(%L, 'spam')$$, :'bob'), 'a moderator suspends a user');

select tests.authenticate_as(:'bob');
select is((select status from public.profiles where id = :'bob'), 'suspended', 'the suspended user still reads their profile');
select is((select suspension_reason from public.private_profiles where id = :'bob'), 'spam', '... and the reason');
update public.profiles set bio = 'still here' where id = :'bob';
select is((select bio from public.profiles where id = :'bob'), null, 'a suspended user cannot edit their profile');
select throws_ok($$select public.create_organization('Bob Co', 'bob-co')$$, '42501', null, 'a suspended user cannot call RPCs that write');

select tests.authenticate_as(:'moderator');
select lives_ok(format($$select public.lift_suspension(%L)$$, :'bob'), 'a moderator lifts the suspension');
select throws_ok(format($$select public.lift_suspension(%L)$$, :'bob'), 'PA001', null, 'lifting twice says the user is not suspended');
select tests.authenticate_as(:'bob');
update public.profiles set bio = 'back' where id = :'bob';
select is((select bio from public.profiles where id = :'bob'), 'back', 'after the lift the user writes again');

-- A suspension past its end counts as lifted.
reset role;
update public.profiles set status = 'suspended', suspended_until = now() - interval '1 minute' where id = :'bob';
select tests.authenticate_as(:'bob');
select ok(private.is_active_user(), 'an expired suspension no longer blocks writes');

-- Audit -------------------------------------------------------------------------------------------
reset role;
select ok(exists (select 1 from audit.audit_log where table_name = 'profiles' and row_key ->> 'id' = :'bob'
                  and new_data ->> 'status' = 'suspended' and actor_id = :'moderator'),
          'the suspension is in the audit log with the moderator as actor');
select tests.authenticate_as(:'alice');
select is((select count(*) from audit.audit_log)::int, 0, 'an ordinary user reads nothing of the audit log');
select tests.authenticate_as(:'moderator');
select is((select count(*) from audit.audit_log)::int, 0, 'staff without audit.read read nothing either');
select tests.authenticate_as_service_role();
select ok((select count(*) from audit.audit_log) > 0, 'service_role reads the audit log');

select * from finish();
rollback;
