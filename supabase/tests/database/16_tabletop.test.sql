-- Tabletop: campaign content by role (anon, player, GM, another group's member, staff), the
-- marketplace flows (publish, book, pay, cancel, complete, review, dispute), the price split and
-- the GM's aggregates.
begin;
select plan(68);

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
select tests.authenticate_as(:'player');
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
select throws_ok(format($$update tabletop.game_listings set price_per_seat_cents = 5000 where id = %L$$, :'bait'), 'PA116', null,
  'a published free listing cannot be made paid by a plain update while payouts are not enabled');
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
select tests.authenticate_as(:'staff');
select is((tabletop.resolve_dispute(:'dispute', 'partial_refund', 500, 'ended 30 minutes early')).resolution, 'partial_refund', 'staff resolve with a partial refund');
select is((select amount || ' ' || status from billing.seller_earnings where source_id = :'booking'), '1212 pending', 'the GM''s earning is reduced and due again');
select is((select refund_amount_cents from tabletop.bookings where id = :'booking'), 500::bigint, 'the booking records the refund');
reset role;
select is(billing.ledger_violations(), '{}'::text[], 'and the ledger balances');

select * from finish();
rollback;
