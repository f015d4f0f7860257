-- Identity as shipped (issue 23, item 8), the database's side: an invitation sent to an email is
-- accepted only from a confirmed address; staff actions that move money (resolving a dispute) need a
-- session verified with MFA (aal2). supabase/config.toml's side: tests/integration/tabletop-identity.test.ts.
begin;
select plan(8);

select tests.create_user('id-owner@example.com') as owner \gset
select tests.create_user('id-confirmed@example.com') as confirmed \gset
select tests.create_user('id-unconfirmed@example.com') as unconfirmed \gset
select tests.create_user('id-staff@example.com') as staff \gset
insert into public.user_staff_roles (user_id, role) values (:'staff', 'admin');
update auth.users set email_confirmed_at = null where id = :'unconfirmed';

select tests.authenticate_as(:'owner');
select (public.create_group('Identity table', 'identity-table')).id as grp \gset
select token as to_unconfirmed from public.invite_to_group(:'grp', 'id-unconfirmed@example.com') \gset
select token as to_confirmed from public.invite_to_group(:'grp', 'id-confirmed@example.com') \gset
select token as by_id from public.invite_to_group(:'grp', null, :'unconfirmed') \gset

select tests.authenticate_as(:'unconfirmed');
select throws_ok(format($$select public.accept_invitation(%L)$$, :'to_unconfirmed'), 'PA142', null,
  'an unconfirmed email does not accept an invitation sent to it');
select is((select accepted_at from public.invitations where invited_email = 'id-unconfirmed@example.com'), null, '... which stays open');
select lives_ok(format($$select public.accept_invitation(%L)$$, :'by_id'), 'an invitation to the user''s id needs no email');
select tests.authenticate_as(:'confirmed');
select lives_ok(format($$select public.accept_invitation(%L)$$, :'to_confirmed'), 'a confirmed email accepts');

-- A dispute to resolve.
reset role;
select billing.register_connected_account('acct_id_gm', :'owner');
update billing.connected_accounts set payouts_enabled = true where id = 'acct_id_gm';
select tests.authenticate_as(:'owner');
insert into tabletop.gm_profiles (user_id) values (:'owner') returning id as gm_profile \gset
insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes, min_players, scheduled_start)
values (:'gm_profile', 'Free', 'x', 'D&D 5e', 0, 'one_shot', 60, 1, now() + interval '1 day') returning id as listing \gset
select tabletop.publish_listing(:'listing');
select tests.authenticate_as(:'confirmed');
select (tabletop.book_seat(:'listing')).id as booking \gset
reset role;
update tabletop.bookings set session_date = now() - interval '2 hours' where id = :'booking';
select tests.authenticate_as(:'confirmed');
select (tabletop.open_dispute(:'booking', 'quality', 'Too short')).id as dispute \gset

select tests.authenticate_as(:'staff');
select throws_ok(format($$select tabletop.resolve_dispute(%L, 'release')$$, :'dispute'), '42501', 'dispute resolutions need a session verified with MFA (aal2)',
  'staff resolve no dispute from a session without MFA');
select is((select status from tabletop.disputes where id = :'dispute'), 'open', '... which stays open');
select tests.authenticate_as(:'staff', 'aal2');
select is((tabletop.resolve_dispute(:'dispute', 'release')).status, 'resolved', 'at aal2 they do');
select tests.authenticate_as_service_role();
select lives_ok($$select private.require_aal2('server work')$$, 'the server (service_role) has no session to verify');

select * from finish();
rollback;
