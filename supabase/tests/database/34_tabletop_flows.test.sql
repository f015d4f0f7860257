-- Tabletop flows a player and a GM go through (issue 23): the listing lifecycle (cancel, unpublish,
-- complete, a started session, moving a session, recurring sessions), a booking seating its player at
-- the listing's table and a cancelled one unseating them, and the player's protection from a no-show
-- (disputes from the session's end, automatic completion, a suspended GM's listings). Each from the
-- side that may and the side that may not.
begin;
select plan(73);

select tests.create_user('flow-gm@example.com') as gm \gset
select tests.create_user('flow-gm2@example.com') as gm2 \gset
select tests.create_user('flow-p1@example.com') as p1 \gset
select tests.create_user('flow-p2@example.com') as p2 \gset
select tests.create_user('flow-p3@example.com') as p3 \gset
select tests.create_user('flow-outsider@example.com') as outsider \gset
select tests.create_user('flow-staff@example.com') as staff \gset
insert into public.user_staff_roles (user_id, role) values (:'staff', 'admin');
select billing.register_connected_account('acct_flow_gm', :'gm');
select billing.register_connected_account('acct_flow_gm2', :'gm2');
update billing.connected_accounts set payouts_enabled = true, charges_enabled = true, details_submitted = true where id in ('acct_flow_gm', 'acct_flow_gm2');

-- A paid booking, as the webhook's purchase handler confirms it.
create function pg_temp.pay(p_booking uuid) returns uuid language plpgsql as $$
declare
  payment uuid;
begin
  insert into billing.payments (stripe_payment_intent_id, user_id, kind, purpose_ref, amount, currency, status, metadata)
  select 'pi_' || b.id, b.player_id, 'product', b.id, b.amount_cents, 'USD', 'pending', '{"product_type": "tabletop_booking"}'
    from tabletop.bookings b where b.id = p_booking
  returning id into payment;
  perform private.grant_payment(payment);
  return payment;
end
$$;
-- Time passes: a listing's session (and its open bookings') starts at p_start.
create function pg_temp.travel(p_listing uuid, p_start timestamptz) returns void language plpgsql as $$
begin
  alter table tabletop.game_listings disable trigger check_listing_move;
  alter table tabletop.game_listings disable trigger move_bookings;
  update tabletop.game_listings set scheduled_start = p_start where id = p_listing;
  update tabletop.bookings set session_date = p_start where listing_id = p_listing and status in ('pending', 'confirmed');
  alter table tabletop.game_listings enable trigger check_listing_move;
  alter table tabletop.game_listings enable trigger move_bookings;
end
$$;
create function pg_temp.listing(p_gm uuid, p_title text, p_price bigint, p_start interval, p_schedule jsonb default null) returns uuid language plpgsql as $$
declare
  created uuid;
begin
  insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes,
                                      min_players, max_players, scheduled_start, recurring_schedule)
  select g.id, p_title, 'A game', 'D&D 5e', p_price, case when p_schedule is null then 'one_shot' else 'campaign' end, 180, 1, 4,
         now() + p_start, p_schedule
    from tabletop.gm_profiles g where g.user_id = p_gm
  returning id into created;
  return created;
end
$$;
grant execute on all functions in schema pg_temp to authenticated;

select tests.authenticate_as(:'gm');
insert into tabletop.gm_profiles (user_id, is_listed) values (:'gm', true);
select tests.authenticate_as(:'gm2');
insert into tabletop.gm_profiles (user_id, is_listed) values (:'gm2', true);

-- 1. Listing lifecycle ---------------------------------------------------------------------------------------------
-- Publishing makes the listing's table: a group of the GM's with a campaign and its channels.
select tests.authenticate_as(:'gm');
select pg_temp.listing(:'gm', 'Cancelled table', 2000, interval '5 days') as l_cancel \gset
select tabletop.publish_listing(:'l_cancel');
select group_id as g_cancel from tabletop.game_listings where id = :'l_cancel' \gset
select is((select role::text from public.group_members where group_id = :'g_cancel' and user_id = :'gm'), 'owner', 'publishing gives the listing a table the GM owns');
select is((select array_agg(c.channel_type order by c.channel_type) from public.conversations c join tabletop.campaigns k on k.id = c.subject_id
            where k.listing_id = :'l_cancel'), array['dice', 'ic', 'ooc'], '... with a campaign of the listing and its channels');
select tests.authenticate_as(:'p1');
select (tabletop.book_seat(:'l_cancel')).id as b_c1 \gset
select tests.authenticate_as(:'p2');
select (tabletop.book_seat(:'l_cancel')).id as b_c2 \gset
select tests.authenticate_as(:'p3');
select (tabletop.book_seat(:'l_cancel')).id as b_c3 \gset
reset role;
select pg_temp.pay(:'b_c1');
select pg_temp.pay(:'b_c2');
select tests.authenticate_as(:'p1');
select throws_ok(format($$select tabletop.cancel_listing(%L)$$, :'l_cancel'), 'PA001', null, 'a player does not cancel the GM''s listing');
select tests.authenticate_as(:'gm2');
select throws_ok(format($$select tabletop.cancel_listing(%L)$$, :'l_cancel'), 'PA001', null, '... nor does another GM');
select tests.clear_authentication();
select throws_ok(format($$select tabletop.cancel_listing(%L)$$, :'l_cancel'), '42501', null, '... nor anon');
select tests.authenticate_as(:'gm');
select throws_ok(format($$select tabletop.cancel_listing(%L, repeat('x', 1001))$$, :'l_cancel'), '22023', null, 'a cancellation''s reason is bounded');
select is((tabletop.cancel_listing(:'l_cancel', 'The GM is ill')).status, 'cancelled', 'the GM cancels their listing');
select is((select string_agg(status || ' ' || refund_amount_cents, ', ' order by player_id = :'p3', player_id = :'p2') from tabletop.bookings where listing_id = :'l_cancel'),
  'cancelled 2000, cancelled 2000, cancelled 0', '... every paid booking is refunded in full, the unpaid one has nothing to refund');
select throws_ok(format($$select tabletop.cancel_listing(%L)$$, :'l_cancel'), 'PA115', null, 'a cancelled listing is not cancelled again');
reset role;
select is((select count(*) || ' ' || sum(amount) from billing.refund_requests where source_type = 'tabletop_booking' and source_id in (:'b_c1', :'b_c2', :'b_c3')),
  '2 4000', '... and each paid player is refunded once');
select is((select count(*) from public.notifications where type = 'tabletop.listing_cancelled' and payload ->> 'listing_id' = :'l_cancel')::int, 3,
  'every player of the listing is told');
select tests.authenticate_as(:'p1');
select throws_ok(format($$select tabletop.book_seat(%L)$$, :'l_cancel'), 'PA001', null, 'a cancelled listing takes no bookings');

-- A session that has started takes no bookings; the sweeper closes its listing.
select tests.authenticate_as(:'gm');
select pg_temp.listing(:'gm', 'Started table', 0, interval '1 day') as l_started \gset
select tabletop.publish_listing(:'l_started');
reset role;
select pg_temp.travel(:'l_started', now() - interval '1 minute');
select tests.authenticate_as(:'p1');
select throws_ok(format($$select tabletop.book_seat(%L)$$, :'l_started'), 'PA140', null, 'a listing whose session has started takes no booking');
reset role;
select is(private.tabletop_sweep() ->> 'closed', '1', 'the sweeper closes a listing whose session started');
select tests.clear_authentication();
select is((select status from tabletop.game_listings where id = :'l_started'), 'closed', '... which stays public, closed');
select tests.authenticate_as(:'gm');
select pg_temp.listing(:'gm', 'Backdated', 0, interval '-1 hour') as l_backdated \gset
select throws_ok(format($$select tabletop.publish_listing(%L)$$, :'l_backdated'), 'PA140', null, 'a listing whose session has started is not published');
select throws_ok(format($$update tabletop.game_listings set scheduled_start = now() + interval '1 day' where id = %L$$, :'l_started'), 'PA115', null,
  'a closed listing keeps its date');

-- Unpublishing.
select pg_temp.listing(:'gm', 'Unpublished table', 0, interval '3 days') as l_unpub \gset
select tabletop.publish_listing(:'l_unpub');
select tests.authenticate_as(:'p1');
select throws_ok(format($$select tabletop.unpublish_listing(%L)$$, :'l_unpub'), 'PA001', null, 'a player does not unpublish a listing');
select tests.authenticate_as(:'gm');
select is((tabletop.unpublish_listing(:'l_unpub')).status, 'draft', 'the GM unpublishes their listing');
select throws_ok(format($$select tabletop.unpublish_listing(%L)$$, :'l_unpub'), 'PA115', null, 'a draft is not unpublished');
select tests.clear_authentication();
select is((select count(*) from tabletop.game_listings where id = :'l_unpub')::int, 0, '... out of the public''s sight');
select tests.authenticate_as(:'p1');
select throws_ok(format($$select tabletop.book_seat(%L)$$, :'l_unpub'), 'PA001', null, '... and closed to bookings');

-- Completing a listing after its session.
select tests.authenticate_as(:'gm');
select pg_temp.listing(:'gm', 'Completed table', 2000, interval '2 days') as l_done \gset
select tabletop.publish_listing(:'l_done');
select tests.authenticate_as(:'p1');
select (tabletop.book_seat(:'l_done')).id as b_done \gset
reset role;
select pg_temp.pay(:'b_done');
select tests.authenticate_as(:'gm');
select throws_ok(format($$select tabletop.complete_listing(%L)$$, :'l_done'), 'PA115', null, 'a listing is not completed before its session ends');
reset role;
select pg_temp.travel(:'l_done', now() - interval '1 hour');
select private.tabletop_sweep();
select tests.authenticate_as(:'gm');
select throws_ok(format($$select tabletop.complete_listing(%L)$$, :'l_done'), 'PA115', null, '... nor while its session, started, is still going on');
select is((select status from tabletop.game_listings where id = :'l_done'), 'closed', '... it stays closed');
reset role;
update tabletop.bookings set session_date = now() - interval '4 hours' where id = :'b_done';
select tests.authenticate_as(:'p1');
select throws_ok(format($$select tabletop.complete_listing(%L)$$, :'l_done'), 'PA001', null, 'a player does not complete the listing');
select tests.authenticate_as(:'gm');
select is((tabletop.complete_listing(:'l_done')).status, 'completed', 'after the session the GM completes the listing');
select is((select status from tabletop.bookings where id = :'b_done'), 'completed', '... and its bookings');
reset role;
select is((select amount || ' ' || status from billing.seller_earnings where source_id = :'b_done'), '1712 pending', '... the GM''s share is earned');
-- A draft (unpublished) listing is not completed as a whole: its bookings are, one by one.
select tests.authenticate_as(:'gm');
select pg_temp.listing(:'gm', 'Drafted again', 0, interval '2 days') as l_draft_done \gset
select tabletop.publish_listing(:'l_draft_done');
select tests.authenticate_as(:'p2');
select tabletop.book_seat(:'l_draft_done');
select tests.authenticate_as(:'gm');
select tabletop.unpublish_listing(:'l_draft_done');
reset role;
update tabletop.bookings set session_date = now() - interval '5 hours' where listing_id = :'l_draft_done';
select tests.authenticate_as(:'gm');
select throws_ok(format($$select tabletop.complete_listing(%L)$$, :'l_draft_done'), 'PA115', null, 'a draft listing is not completed');

-- Moving a session: the bookings move, the players are told, the refund rule counts from the new date.
select tests.authenticate_as(:'gm');
select pg_temp.listing(:'gm', 'Moved table', 2000, interval '5 days') as l_moved \gset
select tabletop.publish_listing(:'l_moved');
select tests.authenticate_as(:'p2');
select (tabletop.book_seat(:'l_moved')).id as b_moved \gset
reset role;
select pg_temp.pay(:'b_moved');
select tests.authenticate_as(:'p2');
update tabletop.game_listings set scheduled_start = now() + interval '1 hour' where id = :'l_moved';
select is((select scheduled_start > now() + interval '4 days' from tabletop.game_listings where id = :'l_moved'), true, 'a player does not move the GM''s session');
select tests.authenticate_as(:'gm');
select throws_ok(format($$update tabletop.game_listings set scheduled_start = now() - interval '1 hour' where id = %L$$, :'l_moved'), '22023', null,
  'a booked session is not moved into the past');
update tabletop.game_listings set scheduled_start = now() + interval '30 hours' where id = :'l_moved';
reset role;
select is((select session_date = l.scheduled_start from tabletop.bookings b join tabletop.game_listings l on l.id = b.listing_id where b.id = :'b_moved'), true,
  'moving the listing moves its bookings');
select is((select count(*) from public.notifications where user_id = :'p2' and type = 'tabletop.session_moved' and payload ->> 'booking_id' = :'b_moved')::int, 1,
  '... and tells their players');
select tests.authenticate_as(:'p2');
select is((tabletop.cancel_booking(:'b_moved')).refund_amount_cents, 1000::bigint, 'the refund rule counts from the new date (30 hours away: half)');

-- Recurring listings move on to their next session; each session is booked on its own.
select tests.authenticate_as(:'gm');
select throws_ok($$select pg_temp.listing(auth.uid(), 'Bad schedule', 0, interval '1 day', '{"frequency": "hourly"}')$$, '23514', null,
  'a recurring schedule is weekly, biweekly or monthly');
select pg_temp.listing(:'gm', 'Weekly table', 0, interval '1 day', '{"frequency": "weekly", "sessions": 2}') as l_weekly \gset
select tabletop.publish_listing(:'l_weekly');
select tests.authenticate_as(:'p3');
select (tabletop.book_seat(:'l_weekly')).id as b_week1 \gset
reset role;
select scheduled_start as first_start from tabletop.game_listings where id = :'l_weekly' \gset
select pg_temp.travel(:'l_weekly', now() - interval '1 hour');
select is(private.tabletop_sweep() ->> 'moved_on', '1', 'the sweeper moves a recurring listing on to its next session');
select is((select session_number || ' ' || current_players || ' ' || status || ' ' || (scheduled_start = now() - interval '1 hour' + interval '7 days')
             from tabletop.game_listings where id = :'l_weekly'), '2 0 published true', '... a week later, its seats free again');
select tests.authenticate_as(:'p3');
select is((tabletop.book_seat(:'l_weekly')).session_number, 2, 'the player books the next session');
select is((select string_agg(session_number || ' ' || status, ', ' order by session_number) from tabletop.bookings where listing_id = :'l_weekly'),
  '1 confirmed, 2 confirmed', '... keeping the first session''s booking');
reset role;
select pg_temp.travel(:'l_weekly', now() - interval '1 hour');
update tabletop.bookings set session_date = now() - interval '8 days' where id = :'b_week1';
select private.tabletop_sweep();
select is((select status from tabletop.game_listings where id = :'l_weekly'), 'closed', 'after its last session a recurring listing closes');

-- 2. A booking gives access -------------------------------------------------------------------------------------------
select tests.authenticate_as(:'gm');
select pg_temp.listing(:'gm', 'Access table', 2000, interval '5 days') as l_access \gset
select tabletop.publish_listing(:'l_access');
select group_id as g_access from tabletop.game_listings where id = :'l_access' \gset
select k.id as c_access from tabletop.campaigns k where k.listing_id = :'l_access' \gset
select tests.authenticate_as(:'p1');
select (tabletop.book_seat(:'l_access')).id as b_access \gset
select is((select count(*) from tabletop.campaigns where id = :'c_access')::int, 0, 'an unpaid booking gives no access to the table');
reset role;
select tests.seed_topic('campaign:' || :'c_access');
select pg_temp.pay(:'b_access');
select tests.authenticate_as(:'gm');
select throws_ok(format($$update tabletop.game_listings set group_id = null where id = %L$$, :'l_access'), 'PA115', null,
  'a listing that seated players keeps its table');
select tests.authenticate_as(:'p1');
select is((select role::text from public.group_members where group_id = :'g_access' and user_id = auth.uid()), 'player', 'a confirmed booking makes the player a member of the table');
select is((select count(*) from public.conversations c where c.subject_type = 'campaign' and c.subject_id = :'c_access')::int, 3, '... with its channels');
select is(tests.topic_visible('campaign:' || :'c_access'), true, '... and its live topic');
select throws_ok(format($$update tabletop.bookings set access_granted = false where id = %L$$, :'b_access'), '42501', null, 'a player does not touch the access flag');
select tests.authenticate_as(:'p2');
select is((select count(*) from public.conversations c where c.subject_type = 'campaign' and c.subject_id = :'c_access')::int, 0, 'another player is not at the table');
select tests.authenticate_as(:'p1');
select tabletop.cancel_booking(:'b_access');
select is((select count(*) from public.group_members where group_id = :'g_access' and user_id = auth.uid())::int, 0, 'a cancelled booking takes the membership away');
select is((select count(*) from public.conversations c where c.subject_type = 'campaign' and c.subject_id = :'c_access')::int, 0, '... and the channels at once');
select is(tests.topic_visible('campaign:' || :'c_access'), false, '... and the topic');
-- A member before booking keeps their place when the booking is cancelled.
select tests.authenticate_as(:'gm');
select token as inv_token from public.invite_to_group(:'g_access', null, :'p2', 'player') \gset
select tests.authenticate_as(:'p2');
select public.accept_invitation(:'inv_token');
select (tabletop.book_seat(:'l_access')).id as b_member \gset
reset role;
select pg_temp.pay(:'b_member');
select tests.authenticate_as(:'p2');
select tabletop.cancel_booking(:'b_member');
select is((select count(*) from public.group_members where group_id = :'g_access' and user_id = auth.uid())::int, 1, 'a member who was there before keeps their place');
-- The table is a group the GM runs.
select tests.authenticate_as(:'outsider');
select (public.create_group('Not yours', 'not-yours')).id as g_foreign \gset
select tests.authenticate_as(:'gm');
select throws_ok(format($$update tabletop.game_listings set group_id = %L where id = %L$$, :'g_foreign', :'l_unpub'), '42501', null,
  'a GM does not seat players in someone else''s group');
select (public.create_group('My own table', 'my-own-table')).id as g_own \gset
select lives_ok(format($$update tabletop.game_listings set group_id = %L where id = %L$$, :'g_own', :'l_unpub'), '... their own group is fine');
select tests.authenticate_as(:'outsider');
update tabletop.game_listings set group_id = :'g_foreign' where id = :'l_unpub';
reset role;
select is((select group_id from tabletop.game_listings where id = :'l_unpub'), :'g_own'::uuid, 'nobody else changes a listing''s table');

-- 3. No-show protection -----------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'gm');
select pg_temp.listing(:'gm', 'No-show table', 2000, interval '3 days') as l_noshow \gset
select tabletop.publish_listing(:'l_noshow');
select tests.authenticate_as(:'p3');
select (tabletop.book_seat(:'l_noshow')).id as b_noshow \gset
reset role;
select pg_temp.pay(:'b_noshow');
select tests.authenticate_as(:'p3');
select throws_ok(format($$select tabletop.open_dispute(%L, 'no_show', 'early')$$, :'b_noshow'), 'PA115', null, 'no dispute before the session has ended');
reset role;
select pg_temp.travel(:'l_noshow', now() - interval '52 hours');
select tests.authenticate_as(:'outsider');
select throws_ok(format($$select tabletop.open_dispute(%L, 'no_show', 'not mine')$$, :'b_noshow'), '42501', null, 'a stranger opens no dispute');
select tests.authenticate_as(:'p3');
select is((tabletop.open_dispute(:'b_noshow', 'no_show', 'The GM never came')).status, 'open',
  'after a no-show the player opens a dispute though the GM never completed the booking');
reset role;
select private.tabletop_sweep();
select is((select status || ' ' || (completed_at is not null) from tabletop.bookings where id = :'b_noshow'), 'completed true',
  'a booking nobody completed is completed 48 hours after its session');
select is((select amount || ' ' || status from billing.seller_earnings where source_id = :'b_noshow'), '1712 held', '... its earning held by the open dispute');
select tests.authenticate_as(:'staff', 'aal2');
select tabletop.resolve_dispute(id, 'refund', null, 'no-show confirmed') from tabletop.disputes where booking_id = :'b_noshow';
reset role;
select is((select status from billing.seller_earnings where source_id = :'b_noshow'), 'void', 'a refunded no-show pays the GM nothing');
select is((select amount from billing.refund_requests where source_type = 'tabletop_dispute'
            and source_id = (select id::text from tabletop.disputes where booking_id = :'b_noshow')), 2000::bigint, '... and refunds the player in full');
select is((select count(*) from public.group_members m join tabletop.game_listings l on l.group_id = m.group_id
            where l.id = :'l_noshow' and m.user_id = :'p3')::int, 0, '... whose seat at the table goes');

-- A dispute resolved before the sweeper reached the booking completes it, so its earning is settled.
select tests.authenticate_as(:'gm');
select pg_temp.listing(:'gm', 'Early dispute', 2000, interval '3 days') as l_early \gset
select tabletop.publish_listing(:'l_early');
select tests.authenticate_as(:'p1');
select (tabletop.book_seat(:'l_early')).id as b_early \gset
reset role;
select pg_temp.pay(:'b_early');
select pg_temp.travel(:'l_early', now() - interval '5 hours');
select private.tabletop_sweep();
select is((select status from tabletop.bookings where id = :'b_early'), 'confirmed', 'within 48 hours of the session the GM may still complete it');
select tests.authenticate_as(:'p1');
select (tabletop.open_dispute(:'b_early', 'quality', 'Half the time')).id as d_early \gset
select tests.authenticate_as(:'staff', 'aal2');
select tabletop.resolve_dispute(:'d_early', 'partial_refund', 500, 'cut short');
reset role;
select is((select b.status || ' ' || e.amount || ' ' || e.status from tabletop.bookings b join billing.seller_earnings e on e.source_id = b.id::text
            where b.id = :'b_early'), 'completed 1212 pending', 'resolving it completes the booking and settles the GM''s share');
select is((select count(*) from public.group_members m where m.group_id = (select group_id from tabletop.game_listings where id = :'l_early')
            and m.user_id = :'p1')::int, 1, '... a partial refund keeps the player''s seat');

-- A suspended GM's listings stop taking bookings and their open bookings are refunded.
select tests.authenticate_as(:'gm2');
select pg_temp.listing(:'gm2', 'Suspended table', 2000, interval '4 days') as l_susp \gset
select tabletop.publish_listing(:'l_susp');
select tests.authenticate_as(:'p1');
select (tabletop.book_seat(:'l_susp')).id as b_susp \gset
reset role;
select pg_temp.pay(:'b_susp');
select is(private.tabletop_sweep() ->> 'cancelled', '0', 'an active GM''s listings stay');
select tests.authenticate_as(:'staff');
select public.suspend_user(:'gm2', 'fraud');
select tests.authenticate_as(:'p2');
select throws_ok(format($$select tabletop.book_seat(%L)$$, :'l_susp'), 'PA141', null, 'a suspended GM''s listing takes no bookings');
reset role;
select is(private.tabletop_sweep() ->> 'cancelled', '1', 'the sweeper cancels the listings of a suspended GM');
select is((select status || ' ' || refund_amount_cents from tabletop.bookings where id = :'b_susp'), 'cancelled 2000', '... refunding their open bookings in full');
select is((select amount from billing.refund_requests where source_type = 'tabletop_booking' and source_id = :'b_susp'), 2000::bigint, '... through Stripe');
select is((select count(*) from public.notifications where user_id = :'p1' and type = 'tabletop.listing_cancelled' and payload ->> 'listing_id' = :'l_susp')::int, 1,
  '... and telling their players');

select is(billing.ledger_violations(), '{}'::text[], 'the ledger balances');
select * from finish();
rollback;
