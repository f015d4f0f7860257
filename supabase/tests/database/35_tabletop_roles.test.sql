-- Tabletop (issue 23): the six grantable group permissions each guard the action they name, spectators
-- read but do not post in character, whispers reach only their named recipients; verified reviews and
-- public-only averages; session reminders and chat mentions honouring the members' settings; the
-- seed's key-query indexes, checked with EXPLAIN.
begin;
select plan(59);

select tests.create_user('roles-gm@example.com') as gm \gset
select tests.create_user('roles-trusted@example.com') as trusted \gset
select tests.create_user('roles-plain@example.com') as plain \gset
select tests.create_user('roles-third@example.com') as third \gset
select tests.create_user('roles-spectator@example.com') as spectator \gset
select tests.create_user('roles-outsider@example.com') as outsider \gset

select tests.authenticate_as(:'gm');
select (public.create_group('Roles table', 'roles-table')).id as grp \gset
select public.get_group_invite_code(:'grp') as code \gset
insert into tabletop.campaigns (group_id, name) values (:'grp', 'The long road') returning id as campaign \gset
select token as spectator_token from public.invite_to_group(:'grp', null, :'spectator', 'spectator') \gset
select tests.authenticate_as(:'trusted');
select public.join_group_by_code(:'code');
select tests.authenticate_as(:'plain');
select public.join_group_by_code(:'code');
select tests.authenticate_as(:'third');
select public.join_group_by_code(:'code');
select tests.authenticate_as(:'spectator');
select public.accept_invitation(:'spectator_token');

-- 5. Permissions -----------------------------------------------------------------------------------------------------------
-- manage_campaigns
select tests.authenticate_as(:'trusted');
select throws_ok(format($$insert into tabletop.campaigns (group_id, name) values (%L, 'Mine')$$, :'grp'), '42501', null,
  'a player without manage_campaigns creates no campaign');
select tests.authenticate_as(:'gm');
select public.set_group_permission(:'grp', :'trusted', 'manage_campaigns', true);
select tests.authenticate_as(:'trusted');
select lives_ok(format($$insert into tabletop.campaigns (group_id, name) values (%L, 'Side quest')$$, :'grp'), '... with it, they do');
select is(tests.rows_affected(format($$update tabletop.campaigns set status = 'active' where id = %L$$, :'campaign')), 1::bigint, '... and run the group''s campaigns');
select lives_ok(format($$select tabletop.open_campaign_channel(%L, 'ooc')$$, :'campaign'), '... and open their channels');
select tests.authenticate_as(:'plain');
select is(tests.rows_affected(format($$update tabletop.campaigns set status = 'paused' where id = %L$$, :'campaign')), 0::bigint, 'a player without it runs none');
select throws_ok(format($$select tabletop.open_campaign_channel(%L, 'ic')$$, :'campaign'), '42501', null, '... and opens no channel');
-- manage_scenes
select tests.authenticate_as(:'trusted');
select throws_ok(format($$insert into tabletop.scenes (campaign_id, name) values (%L, 'Bridge')$$, :'campaign'), '42501', null,
  'manage_campaigns does not give scenes');
select tests.authenticate_as(:'gm');
select public.set_group_permission(:'grp', :'trusted', 'manage_scenes', true);
insert into tabletop.scenes (campaign_id, name) values (:'campaign', 'The inn') returning id as scene \gset
select tests.authenticate_as(:'trusted');
select lives_ok(format($$insert into tabletop.scenes (campaign_id, name) values (%L, 'Bridge')$$, :'campaign'), 'manage_scenes gives scenes');
select is(tests.rows_affected(format($$update tabletop.scenes set is_active = true where id = %L$$, :'scene')), 1::bigint, '... edits them');
select tests.authenticate_as(:'plain');
select throws_ok(format($$insert into tabletop.scenes (campaign_id, name) values (%L, 'Cellar')$$, :'campaign'), '42501', null, 'a plain player makes no scene');
select throws_ok(format($$select tabletop.delete_content('scene', %L)$$, :'scene'), 'PA001', null, '... nor removes one');
-- manage_journals
select tests.authenticate_as(:'gm');
insert into tabletop.journals (campaign_id, title, visibility) values (:'campaign', 'The villain', 'gm_only') returning id as secret \gset
select tests.authenticate_as(:'trusted');
select is((select count(*) from tabletop.journals where id = :'secret')::int, 0, 'GM-only journals are hidden without manage_journals');
select tests.authenticate_as(:'gm');
select public.set_group_permission(:'grp', :'trusted', 'manage_journals', true);
select tests.authenticate_as(:'trusted');
select is((select count(*) from tabletop.journals where id = :'secret')::int, 1, 'manage_journals reads them');
select lives_ok(format($$insert into tabletop.journals (campaign_id, title, visibility) values (%L, 'Plot notes', 'gm_only')$$, :'campaign'), '... and writes them');
select is(tests.rows_affected(format($$update tabletop.journals set visibility = 'players' where id = %L$$, :'secret')), 1::bigint, '... and lifts the restriction');
select tests.authenticate_as(:'plain');
select throws_ok(format($$insert into tabletop.journals (campaign_id, title, visibility) values (%L, 'Mine', 'gm_only')$$, :'campaign'), '42501', null,
  'a plain player writes no GM-only journal');
select is(tests.rows_affected(format($$update tabletop.journals set title = 'Defaced' where id = %L$$, :'secret')), 0::bigint, '... nor edits another''s journal');
-- moderate_chat
select tests.authenticate_as(:'gm');
select tabletop.open_campaign_channel(:'campaign', 'ic') as ic \gset
select id as ooc from public.conversations where subject_id = :'campaign' and channel_type = 'ooc' \gset
select tests.authenticate_as(:'plain');
insert into public.messages (conversation_id, content) values (:'ooc', 'something rude') returning id as rude \gset
select tests.authenticate_as(:'third');
select throws_ok(format($$select tabletop.remove_campaign_message(%s)$$, :'rude'), 'PA001', null, 'a player without moderate_chat removes no message');
select tests.authenticate_as(:'outsider');
select throws_ok(format($$select tabletop.remove_campaign_message(%s)$$, :'rude'), 'PA001', null, '... nor does a stranger');
select tests.authenticate_as(:'gm');
select public.set_group_permission(:'grp', :'third', 'moderate_chat', true);
select tests.authenticate_as(:'third');
select lives_ok(format($$select tabletop.remove_campaign_message(%s)$$, :'rude'), 'moderate_chat removes a message from the campaign''s channels');
reset role;
select is((select deleted_at is not null and content = '' from public.messages where id = :'rude'), true, '... it is deleted for everyone');
-- invite_members, manage_members
select tests.authenticate_as(:'plain');
select throws_ok(format($$select * from public.invite_to_group(%L, 'friend@example.com')$$, :'grp'), '42501', null, 'a plain player invites no one');
select tests.authenticate_as(:'gm');
select public.set_group_permission(:'grp', :'plain', 'invite_members', true);
select tests.authenticate_as(:'plain');
select lives_ok(format($$select * from public.invite_to_group(%L, 'friend@example.com')$$, :'grp'), 'invite_members invites players');
select throws_ok(format($$select * from public.invite_to_group(%L, 'gm@example.com', null, 'gm')$$, :'grp'), '42501', null, '... but not GMs');
select throws_ok(format($$select public.remove_group_member(%L, %L)$$, :'grp', :'third'), '42501', null, 'invite_members removes no one');
select tests.authenticate_as(:'gm');
select public.set_group_permission(:'grp', :'plain', 'manage_members', true);

-- Spectators and whispers
select tests.authenticate_as(:'spectator');
select is((select count(*) from public.conversations where id = :'ic')::int, 1, 'a spectator reads the in-character channel');
select throws_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'I am the dragon')$$, :'ic'), '42501', null,
  '... but does not post in character');
select lives_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'great scene!')$$, :'ooc'), '... out of character they do');
select throws_ok(format($$select tabletop.open_whisper(%L, array[%L]::uuid[])$$, :'campaign', :'plain'), '42501', null, 'a spectator does not whisper');
select tests.authenticate_as(:'plain');
select lives_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'I draw my sword')$$, :'ic'), 'a player posts in character');
select tests.authenticate_as(:'gm');
select throws_ok(format($$select tabletop.open_campaign_channel(%L, 'whisper')$$, :'campaign'), '22023', null, 'whispers are not campaign-wide channels');
select tests.authenticate_as(:'plain');
select throws_ok(format($$select tabletop.open_whisper(%L, array[%L]::uuid[])$$, :'campaign', :'outsider'), '22023', null, 'a whisper goes to members only');
select throws_ok(format($$select tabletop.open_whisper(%L, array[%L]::uuid[])$$, :'campaign', :'spectator'), '22023', null, '... who play');
select tabletop.open_whisper(:'campaign', array[:'trusted']::uuid[], 'Plan B') as whisper \gset
insert into public.messages (conversation_id, content) values (:'whisper', 'Let us betray the king');
select tests.authenticate_as(:'trusted');
select is((select count(*) from public.messages where conversation_id = :'whisper')::int, 1, 'the named recipient reads the whisper');
select tests.authenticate_as(:'gm');
select is((select count(*) from public.conversations where id = :'whisper')::int, 0, 'nobody else sees it, the GM included');
select throws_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'I heard that')$$, :'whisper'), '42501', null, '... or posts in it');
select tests.authenticate_as(:'third');
select is((select count(*) from public.messages where conversation_id = :'whisper')::int, 0, '... nor another player');
select tests.authenticate_as(:'gm');
select public.remove_group_member(:'grp', :'trusted');
select tests.authenticate_as(:'trusted');
select is((select count(*) from public.conversations where id = :'whisper')::int, 0, 'a recipient who leaves the group is out of the whisper at once');

-- 6. Reviews ---------------------------------------------------------------------------------------------------------------------
reset role;
select billing.register_connected_account('acct_roles_gm', :'gm');
update billing.connected_accounts set payouts_enabled = true where id = 'acct_roles_gm';
select tests.authenticate_as(:'gm');
insert into tabletop.gm_profiles (user_id, is_listed) values (:'gm', true) returning id as gm_profile \gset
insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes, min_players, max_players, scheduled_start)
values (:'gm_profile', 'Paid', 'x', 'D&D 5e', 2000, 'one_shot', 60, 1, 4, now() + interval '20 hours'),
       (:'gm_profile', 'Free', 'x', 'D&D 5e', 0, 'one_shot', 60, 1, 4, now() + interval '3 days');
select id as paid_listing from tabletop.game_listings where title = 'Paid' \gset
select id as free_listing from tabletop.game_listings where title = 'Free' \gset
select tabletop.publish_listing(:'paid_listing');
select tabletop.publish_listing(:'free_listing');
select tests.authenticate_as(:'plain');
select (tabletop.book_seat(:'paid_listing')).id as paid_booking \gset
select (tabletop.book_seat(:'free_listing')).id as free_booking \gset
select tests.authenticate_as(:'third');
select (tabletop.book_seat(:'free_listing')).id as hidden_booking \gset
reset role;
insert into billing.payments (stripe_payment_intent_id, user_id, kind, purpose_ref, amount, currency, status, metadata)
values ('pi_roles', :'plain', 'product', :'paid_booking', 2000, 'USD', 'pending', '{"product_type": "tabletop_booking"}') returning id as payment \gset
select private.grant_payment(:'payment');

-- 7. Session reminders (before the sessions are moved into the past below)
select tests.authenticate_as(:'plain');
update public.group_members set notify_session_reminders = false where user_id = auth.uid()
   and group_id = (select group_id from tabletop.game_listings where id = :'paid_listing');
reset role;
select is(private.tabletop_send_session_reminders(), 1, 'a day before a session its table is reminded');
select is((select array_agg(user_id order by user_id) from public.notifications where type = 'tabletop.session_reminder' and payload ->> 'listing_id' = :'paid_listing'),
  (select array_agg(u order by u) from unnest(array[:'gm']::uuid[]) u), '... every member who keeps reminders on (the player turned them off)');
select is(private.tabletop_send_session_reminders(), 0, '... once per session');
select tests.authenticate_as(:'gm');
update tabletop.game_listings set scheduled_start = now() + interval '22 hours' where id = :'paid_listing';
reset role;
select is(private.tabletop_send_session_reminders(), 1, 'a moved session is reminded of again');
select is((select count(*) from public.notifications where type = 'tabletop.session_reminder' and payload ->> 'listing_id' = :'free_listing')::int, 0,
  'a session three days away is not reminded of yet');

update tabletop.bookings set session_date = now() - interval '2 hours' where id in (:'paid_booking', :'free_booking', :'hidden_booking');
select tests.authenticate_as(:'gm');
select tabletop.complete_booking(id) from tabletop.bookings where id in (:'paid_booking', :'free_booking', :'hidden_booking');
select tests.authenticate_as(:'plain');
select is((tabletop.review_booking(:'paid_booking', 5)).is_verified, true, 'a review of a completed, paid booking is verified');
select is((tabletop.review_booking(:'free_booking', 3)).is_verified, false, 'a review of a seat nobody paid for is not');
select throws_ok(format($$update tabletop.reviews set is_verified = true where booking_id = %L$$, :'free_booking'), '42501', null, 'a reviewer does not verify themselves');
select tests.authenticate_as(:'third');
select is((tabletop.review_booking(:'hidden_booking', 1, p_public => false)).is_public, false, 'a player may review privately');
reset role;
select is((select average_rating || ' ' || total_reviews from tabletop.gm_profiles where id = :'gm_profile'), '4.00 2',
  'the GM''s averages count the public reviews only');
select tests.authenticate_as(:'gm');
select is((select count(*) from tabletop.reviews where gm_id = :'gm_profile')::int, 3, '... the GM still reads the private one');

-- 7. Chat mentions -----------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'third');
update public.group_members set notify_chat_mentions = false where user_id = auth.uid() and group_id = :'grp';
select tests.authenticate_as(:'gm');
insert into public.messages (conversation_id, content) values (:'ooc', format('<@%s> and <@%s> and <@%s>, to the inn!', :'plain', :'third', :'outsider'));
select tests.authenticate_as(:'plain');
select is((select count(*) from public.notifications where type = 'tabletop.chat_mention')::int, 1, 'a mentioned member is notified');
select tests.authenticate_as(:'third');
select is((select count(*) from public.notifications where type = 'tabletop.chat_mention')::int, 0, '... unless they turned mentions off');
select tests.authenticate_as(:'outsider');
select is((select count(*) from public.notifications where type = 'tabletop.chat_mention')::int, 0, '... and nobody outside the channel');
select tests.authenticate_as(:'gm');
insert into public.messages (conversation_id, content, whisper_to) values (:'ooc', format('psst <@%s>, <@%s>', :'plain', :'spectator'), array[:'spectator']::uuid[]);
select tests.authenticate_as(:'plain');
select is((select count(*) from public.notifications where type = 'tabletop.chat_mention')::int, 1, 'a mention in a whisper reaches only its recipients');
select tests.authenticate_as(:'spectator');
select is((select count(*) from public.notifications where type = 'tabletop.chat_mention')::int, 1, '... who are notified');
select tests.authenticate_as(:'plain');
insert into public.messages (conversation_id, content) values (:'ooc', format('I, <@%s>, agree', :'plain'));
select is((select count(*) from public.notifications where type = 'tabletop.chat_mention')::int, 1, 'mentioning oneself notifies no one');

-- 10. Key-query indexes --------------------------------------------------------------------------------------------------------
reset role;
insert into tabletop.active_streams (user_id, streaming_connection_id, platform, stream_url, viewer_count)
select :'gm', tabletop.store_streaming_connection(:'gm', 'twitch', 'sealed', null, 'k1', null, 'tw1', 'gm', 'https://twitch.tv/gm', null),
       'twitch', 'https://twitch.tv/gm', 10;
create function pg_temp.plan(p_query text) returns text language plpgsql as $$
declare
  line text;
  plan text := '';
begin
  set local enable_seqscan = off;
  for line in execute 'explain ' || p_query loop
    plan := plan || line || E'\n';
  end loop;
  reset enable_seqscan;
  return plan;
end
$$;
select ok(pg_temp.plan($$select id from tabletop.gm_profiles where is_listed order by average_rating desc nulls last, total_reviews desc limit 10$$)
          like '%gm_profiles_leaderboard_idx%', 'the GM leaderboard reads its index');
select ok(pg_temp.plan($$select id from tabletop.game_listings where status in ('published', 'full') and game_system = 'D&D 5e' order by scheduled_start limit 20$$)
          like '%game_listings_system_idx%', 'listings by game system read theirs');
select ok(pg_temp.plan(format($$select id from tabletop.bookings where player_id = %L and status = 'confirmed' and session_date > now() order by session_date$$, :'plain'))
          like '%bookings_upcoming_idx%', 'a player''s upcoming bookings read theirs');
select ok(pg_temp.plan($$select id from tabletop.live_streams order by viewer_count desc limit 20$$)
          like '%active_streams_viewers_idx%', 'live streams by viewer count read theirs');

select * from finish();
rollback;
