-- Tabletop, the refused side: for every policy and RPC guard, the role that must be refused (anon, a
-- stranger, another group's member, a player where only GMs may, a suspended user) tries, and nothing
-- is seen or changed. Each assertion fails when its policy is opened (USING or WITH CHECK `true`) or
-- its guard removed (`npm run test:mutation`). The rows the refused roles must not reach are seeded
-- first, by the table owner; the allowed side is in 16_tabletop and 17_tabletop_streaming.
begin;
select plan(94);

select tests.create_user('refusal-owner@example.com') as owner \gset
select tests.create_user('refusal-gm@example.com') as gm \gset
select tests.create_user('refusal-player@example.com') as player \gset
select tests.create_user('refusal-player2@example.com') as player2 \gset
select tests.create_user('refusal-outsider@example.com') as outsider \gset
select tests.create_user('refusal-booker@example.com') as booker \gset
select tests.create_user('refusal-staff@example.com') as staff \gset
insert into public.user_staff_roles (user_id, role) values (:'staff', 'admin');

-- The seed ------------------------------------------------------------------------------------------------------------------
-- A group (owner, a GM, two players) with a campaign and its content; the outsider is another group's member.
select tests.authenticate_as(:'owner');
select (public.create_group('Refusal Table', 'refusal-table')).id as grp \gset
select tests.authenticate_as(:'outsider');
select public.create_group('Outsider Table', 'outsider-table');
reset role;
insert into public.group_members (group_id, user_id, role) values (:'grp', :'gm', 'gm'), (:'grp', :'player', 'player'), (:'grp', :'player2', 'player');
insert into tabletop.campaigns (group_id, name, status) values (:'grp', 'Refused Campaign', 'active') returning id as campaign \gset
insert into tabletop.characters (campaign_id, owner_id, name) values (:'campaign', :'player', 'Ayla') returning id as ayla \gset
insert into tabletop.scenes (campaign_id, name) values (:'campaign', 'The Gate') returning id as scene \gset
insert into tabletop.journals (campaign_id, author_id, title, visibility) values (:'campaign', :'player', 'Ayla''s diary', 'players') returning id as diary \gset
-- Streaming: an overlay, the campaign's stream settings, the owner's connection, a retired template.
insert into tabletop.stream_overlays (campaign_id, created_by, overlay_type, name, access_token_hash)
values (:'campaign', :'owner', 'dice', 'Dice', extensions.digest('refusal-token', 'sha256')) returning id as overlay \gset
insert into tabletop.stream_view_configs (campaign_id, camera_mode) values (:'campaign', 'follow');
select tabletop.store_streaming_connection(:'owner', 'twitch', 'sealed', null, 'key1', null, 'tw-refusal', 'refusal', null, null) as connection \gset
insert into tabletop.overlay_templates (name, overlay_type, html_template, css_template, is_active)
values ('Refusal retired', 'dice', '<b>{{total}}</b>', '', false) returning id as retired \gset
-- Marketplace: the owner is a listed GM who can be paid; the outsider an unlisted GM. The owner's
-- listings: published, draft, cancelled. The booker's bookings of the published one: completed,
-- completed with an open and a resolved dispute and a private review, cancelled after its session.
insert into tabletop.gm_profiles (user_id, headline, is_listed) values (:'owner', 'Listed GM', true) returning id as gm_a \gset
insert into tabletop.gm_profiles (user_id, headline, is_listed) values (:'outsider', 'Unlisted GM', false) returning id as gm_b \gset
select billing.register_connected_account('acct_refusal', :'owner');
update billing.connected_accounts set payouts_enabled = true, charges_enabled = true, details_submitted = true where id = 'acct_refusal';
insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes, status, published_at, scheduled_start)
values (:'gm_a', 'Open table', 'Published', 'D&D 5e', 1000, 'one_shot', 120, 'published', now(), now() + interval '5 days') returning id as published \gset
insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes, status)
values (:'gm_a', 'Draft table', 'Not yet', 'D&D 5e', 0, 'one_shot', 120, 'draft') returning id as draft \gset
insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes, status)
values (:'gm_a', 'Cancelled table', 'Called off', 'D&D 5e', 0, 'one_shot', 120, 'cancelled') returning id as cancelled_listing \gset
insert into tabletop.bookings (listing_id, player_id, amount_cents, platform_fee_cents, processing_fee_cents, gm_payout_cents, currency, status,
                               session_date, confirmed_at, completed_at, review_window_ends_at)
values (:'published', :'booker', 1000, 100, 59, 841, 'USD', 'completed', now() - interval '5 hours', now() - interval '1 day', now(), now() + interval '14 days')
returning id as completed \gset
insert into tabletop.bookings (listing_id, player_id, amount_cents, platform_fee_cents, processing_fee_cents, gm_payout_cents, currency, status,
                               session_date, confirmed_at, completed_at, review_window_ends_at)
values (:'published', :'booker', 1000, 100, 59, 841, 'USD', 'completed', now() - interval '5 hours', now() - interval '1 day', now(), now() + interval '14 days')
returning id as disputed \gset
insert into tabletop.bookings (listing_id, player_id, amount_cents, platform_fee_cents, processing_fee_cents, gm_payout_cents, currency, status,
                               session_date, cancelled_at, cancelled_by)
values (:'published', :'booker', 1000, 100, 59, 841, 'USD', 'cancelled', now() - interval '5 hours', now() - interval '1 day', :'booker')
returning id as cancelled_booking \gset
insert into tabletop.disputes (booking_id, opened_by, gm_id, player_id, dispute_type, opener_statement)
values (:'disputed', :'booker', :'gm_a', :'booker', 'quality', 'Too short') returning id as open_dispute \gset
insert into tabletop.disputes (booking_id, opened_by, gm_id, player_id, dispute_type, opener_statement, status, resolution, refund_amount_cents, resolved_at)
values (:'disputed', :'booker', :'gm_a', :'booker', 'other', 'Earlier', 'resolved', 'release', 0, now()) returning id as resolved_dispute \gset
insert into tabletop.reviews (booking_id, reviewer_id, gm_id, rating, review_text, is_public)
values (:'disputed', :'booker', :'gm_a', 3, 'Private feedback', false) returning id as review \gset

-- Campaigns --------------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'player');
select throws_ok(format($$insert into tabletop.campaigns (group_id, name) values (%L, 'Player''s own')$$, :'grp'), '42501', null,
  'a player creates no campaign in the group (owners and GMs do)');
select tests.authenticate_as(:'outsider');
select throws_ok(format($$insert into tabletop.campaigns (group_id, name) values (%L, 'Intruder''s')$$, :'grp'), '42501', null,
  '... nor does another group''s member');
select tests.authenticate_as(:'gm');
select ok(tests.refused(format('delete from tabletop.campaigns where id = %L', :'campaign')), 'a GM who is not the group''s owner deletes no campaign');
select tests.authenticate_as(:'outsider');
select ok(tests.refused('delete from tabletop.campaigns'), 'another group''s member''s unqualified delete removes no campaign');
reset role;
select is((select array_agg(name) from tabletop.campaigns where group_id = :'grp'), array['Refused Campaign'], '... the group has its one campaign, no other');

-- Characters -------------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'outsider');
select throws_ok(format($$insert into tabletop.characters (campaign_id, name) values (%L, 'Stowaway')$$, :'campaign'), '42501', null,
  'another group''s member creates no character in the campaign');
select tests.authenticate_as(:'player');
select throws_ok(format($$insert into tabletop.characters (campaign_id, owner_id, name) values (%L, %L, 'Puppet')$$, :'campaign', :'player2'), '42501', null,
  'a player creates no character owned by another player');
select tests.authenticate_as(:'player2');
select ok(tests.refused(format($$update tabletop.characters set name = 'Renamed' where id = %L$$, :'ayla')), 'another player edits no one else''s character');
select ok(tests.refused(format('delete from tabletop.characters where id = %L', :'ayla')), '... nor deletes it');
select tests.authenticate_as(:'outsider');
select ok(tests.refused('delete from tabletop.characters'), 'an outsider''s unqualified delete removes no campaign''s characters');
reset role;
select is((select array_agg(name || ' ' || owner_id) from tabletop.characters where campaign_id = :'campaign'), array['Ayla ' || :'player'],
  '... the campaign has its one character, unchanged');

-- Scenes -----------------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'player');
select ok(tests.refused(format($$update tabletop.scenes set name = 'Player''s scene' where id = %L$$, :'scene')), 'a player edits no scene');
select ok(tests.refused(format('delete from tabletop.scenes where id = %L', :'scene')), '... nor deletes one they read');
select tests.authenticate_as(:'outsider');
select ok(tests.refused('delete from tabletop.scenes'), 'an outsider''s unqualified delete removes no scene');
reset role;
select is((select array_agg(name) from tabletop.scenes where campaign_id = :'campaign'), array['The Gate'], '... the scene is there, unchanged');

-- Journals ---------------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'player2');
select is(tests.rows_visible(format('select 1 from tabletop.journals where id = %L', :'diary')), 1::bigint, 'another player reads the players'' journal');
select ok(tests.refused(format($$update tabletop.journals set title = 'Defaced' where id = %L$$, :'diary')), '... but edits it not (its author and GMs do)');
select ok(tests.refused(format('delete from tabletop.journals where id = %L', :'diary')), '... nor deletes it');
select tests.authenticate_as(:'outsider');
select ok(tests.refused('delete from tabletop.journals'), 'an outsider''s unqualified delete removes no journal');
reset role;
select is((select array_agg(title) from tabletop.journals where campaign_id = :'campaign'), array['Ayla''s diary'], '... the journal is there, unchanged');

-- Stream overlays, stream settings, connections, templates ----------------------------------------------------------------------
select tests.authenticate_as(:'player');
select ok(tests.refused('delete from tabletop.stream_overlays'), 'a player''s unqualified delete removes no overlay of the campaign');
select ok(tests.refused('update tabletop.stream_overlays set is_active = false'), '... and changes none');
select is(tests.rows_visible(format('select 1 from tabletop.stream_view_configs where campaign_id = %L', :'campaign')), 1::bigint,
  'a player reads the campaign''s stream settings');
select ok(tests.refused(format($$update tabletop.stream_view_configs set camera_mode = 'fixed' where campaign_id = %L$$, :'campaign')), '... but changes them not');
select ok(tests.refused(format('delete from tabletop.stream_view_configs where campaign_id = %L', :'campaign')), '... nor removes them');
select tests.authenticate_as(:'outsider');
select is(tests.rows_visible('select 1 from tabletop.stream_view_configs'), 0::bigint, 'another group''s member reads no campaign''s stream settings');
select ok(tests.refused('delete from tabletop.stream_overlays'), '... removes no overlay');
select ok(tests.refused('delete from tabletop.stream_view_configs'), '... nor stream settings');
select ok(tests.refused('delete from tabletop.streaming_connections'), 'a stranger''s unqualified delete disconnects no one else''s streaming connection');
select is(tests.rows_visible(format('select 1 from tabletop.overlay_templates where id = %L', :'retired')), 0::bigint, 'a signed-in user reads no retired template');
select tests.clear_authentication();
select is(tests.rows_visible(format('select 1 from tabletop.overlay_templates where id = %L', :'retired')), 0::bigint, '... nor does anon');
reset role;
select is((select name || ' ' || is_active from tabletop.stream_overlays where campaign_id = :'campaign'), 'Dice true', 'the overlay is there, unchanged');
select is((select camera_mode from tabletop.stream_view_configs where campaign_id = :'campaign'), 'follow', '... and the stream settings');
select is((select count(*) from tabletop.streaming_connections where id = :'connection')::int, 1, '... and the connection');

-- GM profiles ------------------------------------------------------------------------------------------------------------------
select tests.clear_authentication();
select is(tests.rows_visible(format('select 1 from tabletop.gm_profiles where id = %L', :'gm_b')), 0::bigint, 'anon reads no unlisted GM profile');
select tests.authenticate_as(:'player');
select is(tests.rows_visible(format('select 1 from tabletop.gm_profiles where id = %L', :'gm_b')), 0::bigint, '... nor a signed-in user not its GM');
select tests.authenticate_as(:'player2');
select throws_ok(format($$insert into tabletop.gm_profiles (user_id, headline) values (%L, 'Made for you')$$, :'player'), '42501', null,
  'a user makes no GM profile for someone else');
select tests.authenticate_as(:'outsider');
select ok(tests.refused(format($$update tabletop.gm_profiles set headline = 'Hijacked' where id = %L$$, :'gm_a')), 'a GM edits no other GM''s profile');
reset role;
select is((select count(*) from tabletop.gm_profiles where user_id = :'player')::int, 0, 'no GM profile was made');
select is((select headline from tabletop.gm_profiles where id = :'gm_a'), 'Listed GM', '... and the other GM''s is unchanged');

-- Listings ---------------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'outsider');
select is(tests.rows_visible(format('select 1 from tabletop.game_listings where id in (%L, %L)', :'draft', :'cancelled_listing')), 0::bigint,
  'a signed-in user reads no other GM''s draft or cancelled listing');
select throws_ok(format($$insert into tabletop.game_listings (gm_id, title, description, game_system, listing_type, session_length_minutes)
                         values (%L, 'In your name', 'x', 'D&D 5e', 'one_shot', 60)$$, :'gm_a'), '42501', null,
  'a GM drafts no listing under another GM''s profile');
select ok(tests.refused(format($$update tabletop.game_listings set price_per_seat_cents = 1, title = 'Cheap' where id = %L$$, :'published')),
  '... and edits no other GM''s published listing, price included');
reset role;
select is((select string_agg(title || ' ' || price_per_seat_cents, ', ' order by title) from tabletop.game_listings where gm_id = :'gm_a'),
  'Cancelled table 0, Draft table 0, Open table 1000', '... the GM''s listings are as they were');

-- Reviews and disputes: read by their two sides and staff -------------------------------------------------------------------------
select tests.authenticate_as(:'outsider');
select is(tests.rows_visible(format('select 1 from tabletop.reviews where id = %L', :'review')), 0::bigint, 'another GM reads no private review of a GM');
select ok(tests.refused(format($$update tabletop.reviews set gm_response = 'Not mine to answer' where id = %L$$, :'review')), '... nor answers it');
select is(tests.rows_visible('select 1 from tabletop.disputes'), 0::bigint, '... and reads no dispute of another GM''s booking');
select tests.authenticate_as(:'player2');
select is(tests.rows_visible('select 1 from tabletop.reviews'), 0::bigint, 'a stranger reads no private review');
select is(tests.rows_visible('select 1 from tabletop.disputes'), 0::bigint, '... and no dispute');
select tests.authenticate_as(:'booker');
select is(tests.rows_visible('select 1 from tabletop.disputes'), 2::bigint, 'the player reads their disputes');

-- Marketplace RPCs: the input each guard refuses, and nothing written ---------------------------------------------------------------
select tests.authenticate_as(:'outsider');
select throws_ok(format('select tabletop.publish_listing(%L)', :'draft'), 'PA001', null, 'a GM publishes no other GM''s draft');
select tests.authenticate_as(:'owner');
select throws_ok(format('select tabletop.publish_listing(%L)', gen_random_uuid()), 'PA001', null, '... nor a listing that does not exist');
select throws_ok(format('select tabletop.publish_listing(%L)', :'cancelled_listing'), 'PA115', null, 'a cancelled listing is not published again');
select tests.authenticate_as(:'booker');
select throws_ok(format('select tabletop.book_seat(%L)', :'draft'), 'PA001', null, 'no seat is booked at a draft listing');
select throws_ok(format('select tabletop.book_seat(%L)', :'cancelled_listing'), 'PA001', null, '... nor at a cancelled one');
reset role;
select is((select string_agg(title || ' ' || status || ' ' || current_players || ' ' || coalesce(published_at::text, '-'), ', ' order by title)
             from tabletop.game_listings where id in (:'draft', :'cancelled_listing')),
  'Cancelled table cancelled 0 -, Draft table draft 0 -', '... the listings keep their status and seats');
select is((select count(*) from tabletop.bookings where listing_id in (:'draft', :'cancelled_listing'))::int, 0, '... and no booking was written');

select tests.authenticate_as(:'booker');
select throws_ok(format('select tabletop.cancel_booking(%L)', gen_random_uuid()), 'PA001', null, 'cancelling a booking that does not exist fails');
select throws_ok(format('select tabletop.cancel_booking(%L)', :'completed'), 'PA115', null, 'a completed booking is not cancelled');
select throws_ok(format('select tabletop.cancel_booking(%L)', :'cancelled_booking'), 'PA115', null, '... nor a cancelled one again');
select tests.authenticate_as(:'owner');
select throws_ok(format('select tabletop.complete_booking(%L)', :'cancelled_booking'), 'PA115', null, 'a GM completes no cancelled booking');
reset role;
select is((select string_agg(status || ' ' || coalesce(refund_amount_cents::text, '-') || ' ' || coalesce(cancellation_reason, '-'), ', ' order by status)
             from tabletop.bookings where id in (:'completed', :'cancelled_booking')),
  'cancelled - -, completed - -', '... the bookings are as they were');
select is((select total_sessions from tabletop.gm_profiles where id = :'gm_a'), 0, '... the GM''s session count too');
select is((select count(*) from billing.seller_earnings where source_id in (:'completed', :'cancelled_booking'))::int, 0, '... and no earning was recorded');

select tests.authenticate_as(:'outsider');
select throws_ok(format($$select tabletop.review_booking(%L, 1, p_text => 'Never played')$$, :'completed'), '42501', null,
  'a stranger reviews no one else''s booking');
select throws_ok(format($$select tabletop.open_dispute(%L, 'other', 'Not my booking')$$, :'completed'), '42501', null,
  '... and opens no dispute on it');
select throws_ok(format($$select tabletop.respond_to_dispute(%L, 'Butting in')$$, :'open_dispute'), 'PA001', null,
  '... and answers no dispute that is not theirs');
select tests.authenticate_as(:'booker');
select throws_ok(format($$select tabletop.respond_to_dispute(%L, 'Answering myself')$$, :'open_dispute'), 'PA001', null,
  'who opened a dispute does not answer it');
reset role;
select is((select count(*) from tabletop.reviews where booking_id = :'completed')::int + (select count(*) from tabletop.disputes where booking_id = :'completed')::int,
  0, '... no review or dispute was written');
select is((select responder_statement from tabletop.disputes where id = :'open_dispute'), null, '... and the open dispute has no answer');

select tests.authenticate_as(:'staff', 'aal2');
select throws_ok(format($$select tabletop.moderate_review(%L, true, false, 'no such review')$$, gen_random_uuid()), 'PA001', null,
  'moderating a review that does not exist fails');
select throws_ok(format($$select tabletop.resolve_dispute(%L, 'refund')$$, :'resolved_dispute'), 'PA001', null, 'a resolved dispute is not resolved again');
select throws_ok(format($$select tabletop.resolve_dispute(%L, 'partial_refund', 5000)$$, :'open_dispute'), '22023', null,
  'a refund is not more than the booking''s amount');
select throws_ok(format($$select tabletop.resolve_dispute(%L, 'partial_refund', 0)$$, :'open_dispute'), '22023', null, '... a partial refund not nothing');
select throws_ok(format($$select tabletop.resolve_dispute(%L, 'pardon')$$, :'open_dispute'), '22023', null, '... and a resolution is one of three');
reset role;
select is((select count(*) from audit.moderation_log where target_type = 'review')::int, 0, '... no moderation was logged');
select is((select string_agg(status || ' ' || coalesce(resolution, '-') || ' ' || coalesce(refund_amount_cents::text, '-'), ', ' order by status)
             from tabletop.disputes where booking_id = :'disputed'), 'open - -, resolved release 0', '... the disputes are as they were');
select is((select refund_amount_cents from tabletop.bookings where id = :'disputed'), null, '... and the booking records no refund');

-- Suspended users: they keep reading and write nothing -------------------------------------------------------------------------------
reset role;
update public.profiles set status = 'suspended' where id in (:'owner', :'player');
select tests.authenticate_as(:'player');
select is(tests.rows_visible(format('select 1 from tabletop.characters where id = %L', :'ayla')), 1::bigint, 'a suspended player reads their character');
select ok(tests.refused(format($$update tabletop.characters set name = 'Suspended edit' where id = %L$$, :'ayla')), '... but edits it not');
select ok(tests.refused(format($$update tabletop.journals set title = 'Suspended edit' where id = %L$$, :'diary')), '... nor their journal');
select throws_ok(format($$insert into tabletop.characters (campaign_id, name) values (%L, 'New while suspended')$$, :'campaign'), '42501', null,
  '... and creates no character');
select throws_ok(format($$insert into tabletop.gm_profiles (user_id, headline) values (%L, 'Suspended GM')$$, :'player'), '42501', null,
  '... and becomes no GM');
select tests.authenticate_as(:'owner');
select is(tests.rows_visible(format('select 1 from tabletop.scenes where id = %L', :'scene')), 1::bigint, 'a suspended GM reads their campaign''s scenes');
select ok(tests.refused(format($$update tabletop.scenes set name = 'Suspended edit' where id = %L$$, :'scene')), '... but edits them not');
select ok(tests.refused(format($$update tabletop.stream_overlays set name = 'Suspended edit' where id = %L$$, :'overlay')), '... nor the overlays');
select ok(tests.refused(format($$update tabletop.stream_view_configs set camera_mode = 'fixed' where campaign_id = %L$$, :'campaign')), '... nor the stream settings');
select throws_ok(format($$insert into tabletop.campaigns (group_id, name) values (%L, 'New while suspended')$$, :'grp'), '42501', null,
  '... and creates no campaign');
select ok(tests.refused(format($$update tabletop.gm_profiles set headline = 'Suspended edit' where id = %L$$, :'gm_a')), 'a suspended GM edits no GM profile');
select ok(tests.refused(format($$update tabletop.game_listings set price_per_seat_cents = 9900 where id = %L$$, :'published')), '... no listing, price included');
select ok(tests.refused(format($$update tabletop.reviews set gm_response = 'Suspended answer' where id = %L$$, :'review')), '... answers no review');
select throws_ok(format($$insert into tabletop.game_listings (gm_id, title, description, game_system, listing_type, session_length_minutes)
                         values (%L, 'New while suspended', 'x', 'D&D 5e', 'one_shot', 60)$$, :'gm_a'), '42501', null,
  '... and drafts no listing');
reset role;
select is((select name from tabletop.characters where id = :'ayla') || ', ' || (select title from tabletop.journals where id = :'diary')
          || ', ' || (select name from tabletop.scenes where id = :'scene') || ', ' || (select name from tabletop.stream_overlays where id = :'overlay')
          || ', ' || (select camera_mode from tabletop.stream_view_configs where campaign_id = :'campaign'),
  'Ayla, Ayla''s diary, The Gate, Dice, follow', 'nothing the suspended users touched changed');
select is((select headline from tabletop.gm_profiles where id = :'gm_a') || ', ' || (select price_per_seat_cents from tabletop.game_listings where id = :'published')
          || ', ' || coalesce((select gm_response from tabletop.reviews where id = :'review'), '-')
          || ', ' || (select count(*) from tabletop.game_listings where gm_id = :'gm_a') || ', ' || (select count(*) from tabletop.campaigns where group_id = :'grp')
          || ', ' || (select count(*) from tabletop.characters where campaign_id = :'campaign') || ', ' || (select count(*) from tabletop.gm_profiles where user_id = :'player'),
  'Listed GM, 1000, -, 3, 1, 1, 0', '... in the marketplace either');

select * from finish();
rollback;
