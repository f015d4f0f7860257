-- Tabletop: campaign content by role (anon, player, GM, another group's member, staff), the
-- marketplace flows (publish, book, pay, cancel, complete, review, dispute), the price split and
-- the GM's aggregates.
begin;
select plan(88);

select tests.create_user('gm@example.com', '{"display_name": "Game Master"}') as gm \gset
select tests.create_user('player@example.com') as player \gset
select tests.create_user('second@example.com') as second \gset
select tests.create_user('outsider@example.com') as outsider \gset
select tests.create_user('support@example.com') as staff \gset
insert into public.user_staff_roles (user_id, role) values (:'staff', 'admin');

-- Campaign content -------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'gm');
select (public.create_group('Dragon Table', 'dragon-table')).id as grp \gset
select public.get_group_invite_code(:'grp') as code \gset
insert into tabletop.campaigns (group_id, name, status) values (:'grp', 'Curse of the Wyrm', 'active') returning id as campaign \gset
insert into tabletop.scenes (campaign_id, name) values (:'campaign', 'The Cave');
insert into tabletop.journals (campaign_id, title, visibility) values (:'campaign', 'Secret plot', 'gm_only'), (:'campaign', 'Session 1', 'players'), (:'campaign', 'World map', 'public');
select tests.authenticate_as(:'player');
select public.join_group_by_code(:'code');
select is((select count(*) from tabletop.campaigns where id = :'campaign')::int, 1, 'a player reads their group''s campaign');
select is((select array_agg(title order by title) from tabletop.journals where campaign_id = :'campaign'), array['Session 1', 'World map'],
  'a player reads players'' and public journals, not the GM''s');
select lives_ok(format($$insert into tabletop.characters (campaign_id, name, game_data) values (%L, 'Ayla', '{"hp": 12}')$$, :'campaign'), 'a player creates a character');
select throws_ok(format($$insert into tabletop.scenes (campaign_id, name) values (%L, 'My scene')$$, :'campaign'), '42501', null, 'scenes are the GM''s');
select throws_ok(format($$insert into tabletop.journals (campaign_id, title, visibility) values (%L, 'peek', 'gm_only')$$, :'campaign'), '42501', null,
  'a player writes no GM-only journal');
update tabletop.campaigns set status = 'paused' where id = :'campaign';
select is((select status from tabletop.campaigns where id = :'campaign'), 'active', 'a player does not run the campaign');
select tests.authenticate_as(:'gm');
select is((select count(*) from tabletop.journals where campaign_id = :'campaign')::int, 3, 'the GM reads every journal');
select lives_ok(format($$update tabletop.characters set game_data = '{"hp": 9}' where campaign_id = %L$$, :'campaign'), 'the GM edits characters');
select tests.authenticate_as(:'outsider');
select is((select count(*) from tabletop.campaigns)::int + (select count(*) from tabletop.scenes)::int + (select count(*) from tabletop.characters)::int, 0,
  'another group''s member reads nothing of the campaign');
select is((select array_agg(title) from tabletop.journals where campaign_id = :'campaign'), array['World map'], '... but its public journals');
select tests.clear_authentication();
select is((select array_agg(title) from tabletop.journals where campaign_id = :'campaign'), array['World map'], 'anon reads public journals');
select throws_ok($$select * from tabletop.campaigns$$, '42501', null, 'anon reads no campaigns');
select tests.authenticate_as(:'staff');
select is((select count(*) from tabletop.campaigns where id = :'campaign')::int, 1, 'staff read campaigns');
select tests.authenticate_as(:'outsider');
select (public.create_group('Other Table', 'other-table')).id as other_grp \gset
insert into tabletop.campaigns (group_id, name) values (:'other_grp', 'Elsewhere') returning id as other_campaign \gset
insert into tabletop.journals (campaign_id, title) values (:'other_campaign', 'My notes') returning id as other_journal \gset
select throws_ok(format($$insert into tabletop.journals (campaign_id, title, parent_id) values (%L, 'nest', %L)$$, :'other_campaign',
                        (select id from tabletop.journals where title = 'World map')), '22023', null, 'a journal cannot nest under another campaign''s journal');
select throws_ok(format($$update tabletop.journals set parent_id = (select id from tabletop.journals where title = 'World map') where id = %L$$, :'other_journal'),
  '22023', null, '... on insert or on update');
select throws_ok(format($$insert into tabletop.campaigns (group_id, name, listing_id) values (%L, 'Hijack', gen_random_uuid())$$, :'other_grp'), '42501', null,
  'a client does not link a campaign to a listing');
select throws_ok(format($$update tabletop.journals set content = repeat('x', 100001) where id = %L$$, :'other_journal'), '23514', null, 'journal content is bounded');
reset role;
select id as secret_plot from tabletop.journals where title = 'Secret plot' and campaign_id = :'campaign' \gset
select tests.authenticate_as(:'player');
select throws_ok(format($$insert into tabletop.journals (campaign_id, title, parent_id) values (%L, 'probe', %L)$$, :'campaign', :'secret_plot'),
  '22023', 'a journal''s parent is another journal of the same campaign', 'a player cannot nest under, and so learn of, a GM-only journal');
insert into tabletop.journals (campaign_id, title) values (:'campaign', 'My theory') returning id as theory \gset
select tests.authenticate_as(:'gm');
update tabletop.journals set visibility = 'gm_only' where id = :'theory';
select tests.authenticate_as(:'player');
select throws_ok(format($$update tabletop.journals set visibility = 'players' where id = %L$$, :'theory'), '42501', null,
  'a journal''s author cannot reverse the GM''s restriction');
select throws_ok(format($$update tabletop.characters set game_data = jsonb_build_object('x', repeat('a', 70000)) where campaign_id = %L$$, :'campaign'), '23514', null,
  'character data is bounded');
select tests.authenticate_as(:'gm');
select lives_ok(format($$update tabletop.journals set visibility = 'players' where id = %L$$, :'theory'), '... a GM lifts it');

-- Campaign chat
select tests.authenticate_as(:'gm');
select tabletop.open_campaign_channel(:'campaign', 'ooc') as ooc \gset
select tabletop.open_campaign_channel(:'campaign', 'gm_only') as gm_channel \gset
select tests.authenticate_as(:'player');
select throws_ok(format($$select tabletop.open_campaign_channel(%L, 'ic')$$, :'campaign'), '42501', null, 'players open no channels');
select lives_ok(format($$insert into public.messages (conversation_id, content, type, roll_data) values (%L, '1d20: 17', 'roll', '{"total": 17}')$$, :'ooc'),
  'a player rolls in the out-of-character channel');
select is((select count(*) from public.conversations where id = :'gm_channel')::int, 0, 'the GM-only channel is not the player''s');

-- GM profile and listings ------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'gm');
insert into tabletop.gm_profiles (user_id, headline, is_listed) values (:'gm', 'Tactical dungeons', true) returning id as gm_profile \gset
select throws_ok($$update tabletop.gm_profiles set total_reviews = 99, average_rating = 5 where user_id = auth.uid()$$, '42501', null, 'a GM cannot set their own aggregates');
insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes, min_players, max_players, scheduled_start)
values (:'gm_profile', 'Wyrm one-shot', 'A dragon', 'D&D 5e', 2000, 'one_shot', 240, 1, 2, now() + interval '5 days') returning id as listing \gset
insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes, scheduled_start)
values (:'gm_profile', 'Free intro', 'Learn to play', 'D&D 5e', 0, 'one_shot', 120, now() + interval '30 hours') returning id as free_listing \gset
select throws_ok(format($$update tabletop.game_listings set status = 'published' where id = %L$$, :'listing'), '42501', null, 'the status changes only through the RPCs');
select throws_ok(format($$select tabletop.publish_listing(%L)$$, :'listing'), 'PA116', null, 'a paid listing needs payouts enabled');
reset role;
select billing.register_connected_account('acct_gm', :'gm');
update billing.connected_accounts set payouts_enabled = true, charges_enabled = true, details_submitted = true where id = 'acct_gm';
select tests.authenticate_as(:'gm');
select is((tabletop.publish_listing(:'listing')).status, 'published', 'with payouts enabled it is published');
select tabletop.publish_listing(:'free_listing');
select tests.authenticate_as(:'second');
insert into tabletop.gm_profiles (user_id, headline) values (:'second', 'New GM') returning id as second_gm \gset
insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes, scheduled_start)
values (:'second_gm', 'Free first', 'then paid', 'D&D 5e', 0, 'one_shot', 120, now() + interval '3 days') returning id as bait \gset
select tabletop.publish_listing(:'bait');
select throws_ok(format($$insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, currency, listing_type, session_length_minutes)
                          values (%L, 'Credits', 'x', 'D&D 5e', 100, 'CREDIT', 'one_shot', 120)$$, :'second_gm'), '23514', null,
  'a seat is priced in money, never in credits (checkout could not take them)');
select throws_ok(format($$update tabletop.game_listings set price_per_seat_cents = 5000 where id = %L$$, :'bait'), 'PA116', null,
  'a published free listing cannot be made paid by a plain update while payouts are not enabled');
select throws_ok(format($$update tabletop.game_listings set thumbnail_url = 'javascript:alert(1)' where id = %L$$, :'bait'), '23514', null,
  'a listing''s thumbnail is an http(s) URL only');
select throws_ok(format($$update tabletop.game_listings set stream_channel_url = 'data:text/html,<script>alert(1)</script>' where id = %L$$, :'bait'), '23514', null,
  '... and so is its stream channel');
select lives_ok(format($$update tabletop.game_listings set thumbnail_url = 'https://cdn.example.com/t.png', stream_channel_url = 'https://twitch.tv/newgm' where id = %L$$, :'bait'),
  '... https ones are kept');
select tests.clear_authentication();
select is((select count(*) from tabletop.game_listings where id in (:'listing', :'free_listing'))::int, 2, 'anyone, anon included, reads published listings');
select is((select headline from tabletop.gm_profiles where id = :'gm_profile'), 'Tactical dungeons', '... and listed GM profiles');

-- Booking -------------------------------------------------------------------------------------------------------------------
select is((select platform_fee_cents || '+' || processing_fee_cents || '+' || gm_payout_cents from tabletop.price_split(2000)), '200+88+1712',
  'the price split: 10% platform, 2.9% + 30 processing, the rest to the GM');
select tests.authenticate_as(:'player');
select (tabletop.book_seat(:'listing')).id as booking \gset
select is((select status || ' ' || amount_cents from tabletop.bookings where id = :'booking'), 'pending 2000', 'a seat is taken, awaiting payment');
select throws_ok(format($$select tabletop.book_seat(%L)$$, :'listing'), '23505', null, 'one seat per player');
select throws_ok(format($$select * from tabletop.booking_price(%L, %L)$$, :'booking', :'player'), '42501', null, 'the price function is internal');
reset role;
select is((select amount from tabletop.booking_price(:'booking', :'player')), 2000::bigint, 'checkout prices the booking for its player');
select is((select count(*) from tabletop.booking_price(:'booking', :'second'))::int, 0, '... and for nobody else');
select tests.authenticate_as(:'second');
select (tabletop.book_seat(:'listing')).id as booking2 \gset
select is((select status from tabletop.game_listings where id = :'listing'), 'full', 'the last seat fills the table');
select tests.authenticate_as(:'outsider');
select throws_ok(format($$select tabletop.book_seat(%L)$$, :'listing'), 'PA004', null, 'a full table takes no one');
select is((select count(*) from tabletop.bookings)::int, 0, 'another user reads no one''s bookings');
select tests.authenticate_as(:'gm');
select is((select count(*) from tabletop.bookings where listing_id = :'listing')::int, 2, 'the GM reads their table''s bookings');
select throws_ok(format($$select tabletop.book_seat(%L)$$, :'listing'), '22023', null, 'a GM does not book their own table');

-- Paying: the webhook's purchase handler
reset role;
insert into billing.payments (stripe_checkout_session_id, user_id, kind, purpose_ref, amount, currency, status, metadata)
values ('cs_booking', :'player', 'product', :'booking', 2000, 'USD', 'pending', '{"product_type": "tabletop_booking"}') returning id as payment \gset
select private.grant_payment(:'payment');
select is((select status from tabletop.bookings where id = :'booking'), 'confirmed', 'a paid booking is confirmed through the purchase handler');

-- Cancelling: refunds by notice
select tests.authenticate_as(:'second');
select is((tabletop.cancel_booking(:'booking2', 'cannot come')).refund_amount_cents, 0::bigint, 'an unpaid booking cancels without a refund');
select is((select status from tabletop.game_listings where id = :'listing'), 'published', '... and frees its seat');
select (tabletop.book_seat(:'free_listing')).id as free_booking \gset
select is((select status from tabletop.bookings where id = :'free_booking'), 'confirmed', 'a free seat needs no payment');
reset role;
update tabletop.bookings set amount_cents = 1000, platform_fee_cents = 100, processing_fee_cents = 59, gm_payout_cents = 841 where id = :'free_booking';
select tests.authenticate_as(:'second');
select is((tabletop.cancel_booking(:'free_booking')).refund_amount_cents, 500::bigint, 'between 24 and 48 hours before, half is refunded');
select tests.authenticate_as(:'outsider');
select throws_ok(format($$select tabletop.cancel_booking(%L)$$, :'booking'), '42501', null, 'only the player or the GM cancels');

-- Completing, reviewing, aggregates
select tests.authenticate_as(:'player');
select throws_ok(format($$select tabletop.complete_booking(%L)$$, :'booking'), '42501', null, 'only the GM completes');
select throws_ok(format($$select tabletop.review_booking(%L, 5)$$, :'booking'), 'PA115', null, 'no review before the session is complete');
select tests.authenticate_as(:'gm');
select throws_ok(format($$select tabletop.complete_booking(%L)$$, :'booking'), 'PA115', null,
  'a GM cannot complete a booking before its session has ended (the earning would be payable and the dispute window gone)');
reset role;
update tabletop.bookings set session_date = now() - interval '5 hours' where id = :'booking';
select tests.authenticate_as(:'gm');
select is((tabletop.complete_booking(:'booking')).status, 'completed', 'after the session, the GM completes the booking');
select is((select total_sessions from tabletop.gm_profiles where id = :'gm_profile'), 1, 'the GM''s session count follows');
select is((select amount || ' ' || status from billing.seller_earnings where source_id = :'booking'), '1712 pending', 'the GM''s share is an earning, due after the hold window');
select tests.authenticate_as(:'player');
select lives_ok(format($$select tabletop.review_booking(%L, 4, 5, 4, 3, 'Great dragon')$$, :'booking'), 'the player reviews');
select throws_ok(format($$select tabletop.review_booking(%L, 1)$$, :'booking'), '23505', null, 'once');
select is((select average_rating || ' ' || average_storytelling || ' ' || total_reviews from tabletop.gm_profiles where id = :'gm_profile'), '4.00 5.00 1',
  'the GM''s averages follow the reviews');
select tests.authenticate_as(:'gm');
select lives_ok($$update tabletop.reviews set gm_response = 'Thank you!'$$, 'the GM answers a review');
select tests.authenticate_as(:'staff');
select is((tabletop.moderate_review((select id from tabletop.reviews), true, false, 'checking')).is_held, true, 'staff hold a review');
select is((select total_reviews from tabletop.gm_profiles where id = :'gm_profile'), 0, 'a held review leaves the averages');
select tests.clear_authentication();
select is((select count(*) from tabletop.reviews)::int, 0, 'and the public');

-- Disputes
reset role;
update tabletop.bookings set session_date = now() - interval '8 days' where id = :'booking';
select tests.authenticate_as(:'player');
select throws_ok(format($$select tabletop.open_dispute(%L, 'quality', 'late')$$, :'booking'), 'PA115', null, 'a dispute is opened within 7 days of the session''s end');
reset role;
update tabletop.bookings set session_date = now() - interval '5 hours' where id = :'booking';
select tests.authenticate_as(:'player');
select (tabletop.open_dispute(:'booking', 'quality', 'The session ended early')).id as dispute \gset
reset role;
select is((select status from billing.seller_earnings where source_id = :'booking'), 'held', 'a dispute freezes the GM''s earning');
select tests.authenticate_as(:'gm');
select lives_ok(format($$select tabletop.respond_to_dispute(%L, 'We played three hours')$$, :'dispute'), 'the GM answers');
select throws_ok(format($$select tabletop.resolve_dispute(%L, 'release')$$, :'dispute'), '42501', null, 'only staff resolve');
select tests.authenticate_as(:'staff', 'aal2');
select is((tabletop.resolve_dispute(:'dispute', 'partial_refund', 500, 'ended 30 minutes early')).resolution, 'partial_refund', 'staff resolve with a partial refund');
select is((select amount || ' ' || status from billing.seller_earnings where source_id = :'booking'), '1212 pending', 'the GM''s earning is reduced and due again');
select is((select refund_amount_cents from tabletop.bookings where id = :'booking'), 500::bigint, 'the booking records the refund');
-- Unpaid holds, and a payment that arrives after its hold expired ------------------------------------------------------------
reset role;
select tests.create_user('hoarder@example.com') as hoarder \gset
select tests.create_user('late@example.com') as late \gset
select tests.create_user('later@example.com') as later \gset
select tests.authenticate_as(:'gm');
insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes, min_players, max_players, scheduled_start)
select :'gm_profile', 'Hold ' || i, 'Seats to hold', 'D&D 5e', 1500, 'one_shot', 180, 1, case when i = 5 then 1 else 2 end, now() + interval '5 days'
  from generate_series(1, 5) i;
select count(tabletop.publish_listing(id)) from tabletop.game_listings where title like 'Hold %';
select tests.authenticate_as(:'hoarder');
select tabletop.book_seat(id) from tabletop.game_listings where title in ('Hold 1', 'Hold 2', 'Hold 3');
select throws_ok($$select tabletop.book_seat((select id from tabletop.game_listings where title = 'Hold 4'))$$, 'PA130', null,
  'a player holds at most 3 unpaid seats at once');
select lives_ok(format($$select tabletop.book_seat(%L)$$, :'free_listing'), '... a free seat is no hold');
reset role;
update tabletop.bookings set created_at = now() - interval '31 minutes'
 where player_id = :'hoarder' and listing_id = (select id from tabletop.game_listings where title = 'Hold 1');
select tests.authenticate_as(:'hoarder');
select lives_ok($$select tabletop.book_seat((select id from tabletop.game_listings where title = 'Hold 4'))$$,
  'once a hold has run out (30 minutes), another seat can be held');

-- Hold 2 (2 seats): the late player's hold expires while they are at checkout; a seat is still free.
select tests.authenticate_as(:'late');
select (tabletop.book_seat((select id from tabletop.game_listings where title = 'Hold 2'))).id as late_booking \gset
-- Hold 5 (1 seat): the hold expires and someone else takes the seat before the payment arrives.
select (tabletop.book_seat((select id from tabletop.game_listings where title = 'Hold 5'))).id as lost_booking \gset
reset role;
update tabletop.bookings set created_at = now() - interval '31 minutes' where id in (:'late_booking', :'lost_booking');
select private.tabletop_expire_unpaid_bookings();
select is((select string_agg(status || ' ' || cancellation_reason, ', ') from tabletop.bookings where id in (:'late_booking', :'lost_booking')),
  'cancelled unpaid, cancelled unpaid', 'unpaid holds expire and give their seats back');
select tests.authenticate_as(:'later');
select tabletop.book_seat((select id from tabletop.game_listings where title = 'Hold 5'));
reset role;
create function pg_temp.paid(p_event text, p_type text, p_session text, p_booking uuid, p_player uuid) returns jsonb language sql as $$
  select jsonb_build_object('id', p_event, 'type', p_type, 'api_version', billing.stripe_api_version(), 'created', extract(epoch from now())::bigint, 'data', jsonb_build_object('object',
    jsonb_build_object('id', p_session, 'mode', 'payment', 'payment_status', 'paid', 'amount_total', 1500, 'currency', 'usd', 'payment_intent', 'pi_' || p_session,
                       'metadata', jsonb_build_object('purpose', 'product', 'product_type', 'tabletop_booking', 'ref', p_booking, 'user_id', p_player))))
$$;
select is(billing.handle_stripe_event(pg_temp.paid('evt_late', 'checkout.session.completed', 'cs_late', :'late_booking', :'late')), 'processed',
  'a payment for an expired hold does not fail the webhook');
select is((select b.status || ' ' || (b.payment_id = p.id) || ' ' || l.current_players || ' ' || l.status
             from tabletop.bookings b join tabletop.game_listings l on l.id = b.listing_id join billing.payments p on p.stripe_checkout_session_id = 'cs_late'
            where b.id = :'late_booking'), 'confirmed true 2 full',
  '... with a seat free, the booking gets it back, paid (and the table fills)');
select is(billing.handle_stripe_event(pg_temp.paid('evt_lost', 'checkout.session.completed', 'cs_lost', :'lost_booking', :'late')), 'processed',
  'a payment for an expired hold whose seat is gone does not fail the webhook either');
select is((select b.status || ' ' || b.refund_amount_cents || ' ' || l.current_players from tabletop.bookings b join tabletop.game_listings l on l.id = b.listing_id
            where b.id = :'lost_booking'), 'cancelled 1500 1', '... the booking stays cancelled, the table is not oversold');
select is((select string_agg(r.amount || ' ' || r.status || ' ' || r.source_type, ', ') from billing.refund_requests r join billing.payments p on p.id = r.payment_id
            where p.stripe_checkout_session_id = 'cs_lost'), '1500 pending tabletop_booking_payment', '... and the whole payment is refunded automatically');
select is(billing.handle_stripe_event(pg_temp.paid('evt_lost', 'checkout.session.completed', 'cs_lost', :'lost_booking', :'late')), 'duplicate',
  'the same event delivered again is a duplicate');
select is(billing.handle_stripe_event(pg_temp.paid('evt_lost_async', 'checkout.session.async_payment_succeeded', 'cs_lost', :'lost_booking', :'late')), 'processed',
  '... and another event of the same checkout applies nothing new');
select is(billing.handle_stripe_event(pg_temp.paid('evt_late_async', 'checkout.session.async_payment_succeeded', 'cs_late', :'late_booking', :'late')), 'processed',
  '... for either outcome');
select is((select count(*) from billing.refund_requests r join billing.payments p on p.id = r.payment_id where p.stripe_checkout_session_id in ('cs_lost', 'cs_late'))::int
        || ' ' || (select current_players from tabletop.game_listings where title = 'Hold 2')
        || ' ' || (select count(*) from billing.payments where stripe_checkout_session_id in ('cs_lost', 'cs_late') and status = 'succeeded'),
  '1 2 2', 'one refund, one seat, each payment granted once');
select tests.authenticate_as(:'late');
select is((select status from tabletop.bookings where id = :'late_booking'), 'confirmed', 'the player sees their booking confirmed');
select is((select count(*) from billing.refund_requests)::int, 1, '... and the refund of the other payment');

reset role;
select is(billing.ledger_violations(), '{}'::text[], 'and the ledger balances');

select * from finish();
rollback;
