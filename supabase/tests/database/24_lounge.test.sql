-- Lounge (seed 004): profiles with suffixed names, rooms, memberships on the core's seats (join,
-- matchmake, leave, heartbeat, sweeper, capacity), inventory and purchases, profile cards and
-- friends online, reports in a room; every table from both sides (anon, two users, a moderator,
-- service_role). Realtime topics and rate limits: 25_lounge_realtime.
-- now() is the transaction's start throughout: a seat "unseen for 100 s" is one whose times are moved back.
begin;
select plan(158);

select tests.create_user('alice@example.com') as alice \gset
select tests.create_user('bob@example.com') as bob \gset
select tests.create_user('carol@example.com') as carol \gset
select tests.create_user('dave@example.com') as dave \gset
select tests.create_user('erin@example.com') as erin \gset
select tests.create_user('mod@example.com') as moderator \gset
select tests.create_user('p1@example.com') as p1 \gset
select tests.create_user('p2@example.com') as p2 \gset
select tests.create_user('p3@example.com') as p3 \gset
select tests.create_user('p4@example.com') as p4 \gset
insert into public.user_staff_roles (user_id, role) values (:'moderator', 'moderator');
select id as eu_lounge from lounge.rooms where created_by is null and region = 'eu' and theme = 'lounge' \gset
select id as eu_dance from lounge.rooms where created_by is null and region = 'eu' and theme = 'dance' \gset
select id as hat from lounge.inventory_items where sku = 'hat-neon' \gset
select id as jacket from lounge.inventory_items where sku = 'jacket-leather' \gset
select id as wave from lounge.inventory_items where sku = 'emote-wave' \gset
select id as mojito from lounge.inventory_items where sku = 'drink-mojito' \gset

-- Profiles: names ---------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
select is((lounge.set_display_name('Neo')).display_name, 'Neo#0001', 'the first "Neo" gets suffix 0001');
select tests.authenticate_as(:'bob');
select is((lounge.set_display_name('neo')).display_name, 'neo#0002', 'another user asking for "neo" gets the next suffix (case ignored)');
select tests.authenticate_as(:'alice');
select is((lounge.set_display_name('NEO')).display_name, 'NEO#0001', 'changing only the case keeps one''s suffix');
select throws_ok($$select lounge.set_display_name('x')$$, '22023', null, 'a one-letter name is refused');
select throws_ok($$select lounge.set_display_name('<script>')$$, '22023', null, '... and one with markup');
select throws_ok($$select lounge.set_display_name(repeat('a', 25))$$, '22023', null, '... and one over 24 characters');
select tests.authenticate_as(:'carol');
select is((lounge.set_display_name('Trinity')).display_name, 'Trinity#0001', 'another name starts at 0001');
select tests.authenticate_as(:'dave');
select lounge.set_display_name('Morpheus');
select tests.clear_authentication();
select throws_ok($$select lounge.set_display_name('Ghost')$$, '42501', null, 'anon sets no name');
select throws_ok($$select * from lounge.profiles$$, '42501', null, 'anon reads no lounge profile');

-- Profiles: the owner's columns, nobody else's ------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
select is(tests.rows_affected($$update lounge.profiles set bio = 'Follow the rabbit', interests = '{music,chess}', avatar_id = 'robot' where user_id = auth.uid()$$),
  1::bigint, 'the owner updates bio, interests and avatar');
select throws_ok($$update lounge.profiles set name_suffix = 7 where user_id = auth.uid()$$, '42501', null, 'the suffix is not the owner''s to set');
select throws_ok($$update lounge.profiles set name_base = 'Smith' where user_id = auth.uid()$$, '42501', null, '... nor the name (lounge.set_display_name)');
select throws_ok(format($$insert into lounge.profiles (user_id, name_base, name_suffix) values (%L, 'Fake', 1)$$, :'erin'), '42501', null,
  'profiles are not inserted directly');
select throws_ok($$delete from lounge.profiles where user_id = auth.uid()$$, '42501', null, '... nor deleted');
select throws_ok($$update lounge.profiles set avatar_id = 'dragon' where user_id = auth.uid()$$, '23503', null, 'an unknown avatar is refused');
select throws_ok($$update lounge.profiles set interests = '{a,b,c,d,e,f,g,h,i,j,k}' where user_id = auth.uid()$$, '23514', null, 'at most 10 interests');
select throws_ok($$update lounge.profiles set interests = '{"Rock And Roll"}' where user_id = auth.uid()$$, '23514', null, '... each a lower-case tag');
select throws_ok($$update lounge.profiles set bio = repeat('b', 501) where user_id = auth.uid()$$, '23514', null, 'the bio is bounded');
select throws_ok($$update lounge.profiles set avatar_config = jsonb_build_object('colors', repeat('x', 3000)) where user_id = auth.uid()$$, '23514', null,
  'the avatar configuration is bounded');
select throws_ok(format($$update lounge.profiles set avatar_config = '{"cosmetics": ["%s"]}' where user_id = auth.uid()$$, :'hat'), 'PA182', null,
  'a cosmetic the owner does not own cannot be equipped');
select throws_ok($$update lounge.profiles set avatar_config = '{"cosmetics": "hat"}' where user_id = auth.uid()$$, '22023', null,
  'equipped cosmetics are a list of item ids');
select tests.authenticate_as(:'bob');
select is(tests.rows_affected(format($$update lounge.profiles set bio = 'hacked' where user_id = %L$$, :'alice')), 0::bigint,
  'another user''s profile is not updated');
select is(tests.rows_affected($$update lounge.profiles set bio = 'Mine only'$$), 1::bigint, '... even by an update of every row: only one''s own');
select is(tests.rows_visible(format($$select * from lounge.profiles where user_id = %L$$, :'alice')), 0::bigint,
  '... nor read directly (only through profile_card)');
select is(tests.rows_visible($$select * from lounge.profiles$$), 1::bigint, 'a user reads their own lounge profile');
reset role;
update public.profiles set status = 'suspended' where id = :'dave';
select tests.authenticate_as(:'dave');
select throws_ok($$update lounge.profiles set bio = 'still here' where user_id = auth.uid()$$, '42501', null, 'a suspended user does not change their profile');
reset role;
update public.profiles set status = 'active' where id = :'dave';
select tests.authenticate_as(:'moderator');
select ok(tests.rows_visible($$select * from lounge.profiles$$) >= 4, 'a moderator reads every lounge profile');
reset role;
insert into lounge.avatars (id, name, active) values ('retired-avatar', 'Retired', false);
select tests.clear_authentication();
select is(tests.rows_visible($$select * from lounge.avatars$$), 4::bigint, 'anon reads the known avatars (the active ones)');
select throws_ok($$insert into lounge.avatars (id, name) values ('evil', 'Evil')$$, '42501', null, '... and adds none');

-- Rooms ------------------------------------------------------------------------------------------------------------------
select throws_ok($$select * from lounge.rooms$$, '42501', null, 'anon reads no room');
select tests.authenticate_as(:'bob');
select is(tests.rows_visible($$select * from lounge.rooms where created_by is null$$), 9::bigint, 'signed-in users read the system rooms');
select throws_ok($$insert into lounge.rooms (name, theme, region) values ('Mine', 'dance', 'eu')$$, '42501', null, 'rooms are not inserted directly');
select throws_ok(format($$update lounge.rooms set capacity = 500 where id = %L$$, :'eu_lounge'), '42501', null, '... nor updated (capacity least of all)');
select tests.authenticate_as(:'alice');
select (lounge.create_room('Alice''s den', 'lounge', 'eu', true, 3)).id as den \gset
select (lounge.create_room('Tiny', 'sports', 'me', false, 2)).id as tiny \gset
select throws_ok($$select lounge.create_room('Bad', 'opera', 'eu')$$, '22023', null, 'a theme is lounge, dance or sports');
select throws_ok($$select lounge.create_room('Huge', 'dance', 'eu', false, 100000)$$, '22023', null, 'capacity is bounded');
select throws_ok($$select lounge.create_room(repeat('n', 81), 'dance', 'eu')$$, '22023', null, 'the name is bounded');
select throws_ok($$select lounge.create_room('Far', 'dance', 'Europe!')$$, '22023', null, 'a region is a short lower-case code');
-- The description is checked at every write that sets it, whoever writes (here the tables' owner);
-- the joins' occupancy updates do not set it.
reset role;
select throws_ok(format($$update lounge.rooms set name = ' ' where id = %L$$, :'tiny'), '23514', null, 'a room''s name is checked at each update that sets it');
select throws_ok(format($$update lounge.rooms set theme = 'opera', occupancy = 0 where id = %L$$, :'tiny'), '23514', null, '... its theme, whatever else the update sets');
select throws_ok(format($$update lounge.rooms set capacity = 1 where id = %L$$, :'tiny'), '23514', null, '... its capacity');
select throws_ok($$insert into lounge.rooms (name, theme, region) values ('Owner''s', 'dance', 'EU')$$, '23514', null, '... and its region, on insert too');
select tests.authenticate_as(:'alice');
select is(tests.rows_visible(format($$select * from lounge.rooms where id = %L$$, :'den')), 1::bigint, 'the creator reads her private room');
select tests.authenticate_as(:'bob');
select is(tests.rows_visible(format($$select * from lounge.rooms where id = %L$$, :'den')), 0::bigint, 'others do not');
select throws_ok(format($$select lounge.join_room(%L)$$, :'den'), '42501', null, '... nor join it');
select throws_ok(format($$select lounge.invite_to_room(%L, auth.uid())$$, :'den'), '42501', null, '... nor invite themselves');
select tests.authenticate_as(:'alice');
select throws_ok(format($$select lounge.invite_to_room(%L, %L)$$, :'eu_lounge', :'bob'), '42501', null, 'nobody invites to a system room');
select throws_ok(format($$select lounge.invite_to_room(%L, %L)$$, :'tiny', :'bob'), '22023', null, 'a public room needs no invitation');
select invitation_id as bob_invitation from lounge.invite_to_room(:'den', :'bob') \gset
select tests.authenticate_as(:'bob');
select is(tests.rows_visible(format($$select * from lounge.rooms where id = %L$$, :'den')), 1::bigint, 'an invitee reads the private room');
select is(tests.rows_visible(format($$select * from public.invitations where subject_type = 'room' and subject_id = %L$$, :'den')), 1::bigint,
  '... and the invitation');
select tests.authenticate_as(:'carol');
select is(tests.rows_visible(format($$select * from public.invitations where id = %L$$, :'bob_invitation')), 0::bigint, 'others do not read it');
select tests.authenticate_as(:'moderator');
select is(tests.rows_visible(format($$select * from lounge.rooms where id = %L$$, :'den')), 1::bigint, 'moderators read private rooms');

-- Memberships: joining, capacity, moving, leaving ------------------------------------------------------------------------
select tests.authenticate_as(:'bob');
select throws_ok(format($$select public.join_seat('lounge_room', %L)$$, :'eu_lounge'), '42501', null,
  'a lounge seat is not taken through the core''s RPC directly (no membership, event or limit)');
select is((lounge.join_room(:'den')).join_source, 'invite', 'the invitee joins the private room by invitation');
select tests.authenticate_as(:'alice');
select is((lounge.join_room(:'den')).join_source, 'direct', 'its creator joins directly');
select is((select count(*) from lounge.room_memberships where room_id = :'den')::int, 2, 'a member reads the room''s open memberships');
select tests.authenticate_as(:'carol');
select is(tests.rows_visible(format($$select * from lounge.room_memberships where room_id = %L$$, :'den')), 0::bigint, 'a non-member reads none');
select throws_ok($$insert into lounge.room_memberships (id, room_id, user_id, join_source) values (gen_random_uuid(), gen_random_uuid(), auth.uid(), 'direct')$$,
  '42501', null, 'memberships are not written directly');
select (lounge.join_room(:'tiny')).id as carol_tiny \gset
select tests.authenticate_as(:'dave');
select lounge.join_room(:'tiny');
select tests.authenticate_as(:'erin');
select throws_ok(format($$select lounge.join_room(%L)$$, :'tiny'), 'PA004', null, 'a full room takes nobody else');
select throws_ok($$select lounge.join_room(gen_random_uuid())$$, 'PA001', null, 'an unknown room is refused');
select tests.authenticate_as(:'carol');
select is((lounge.join_room(:'tiny')).id, :'carol_tiny'::uuid, 'joining the room one is in keeps the membership');
select (lounge.join_room(:'eu_lounge')).id as carol_eu \gset
select is((select closed_reason from public.seats where id = :'carol_tiny'), 'moved', 'joining another room moves the member out of the first');
select is((select occupancy from lounge.rooms where id = :'eu_lounge'), (select count(*)::int from lounge.room_memberships where room_id = :'eu_lounge' and left_at is null),
  '... and the room joined counts its open seats in its occupancy hint');
select is((select count(*) from public.seats where user_id = :'carol' and kind = 'lounge_room' and left_at is null)::int, 1, '... one open membership per user');
select is(tests.rows_visible(format($$select * from lounge.room_memberships where id = %L$$, :'carol_tiny')), 1::bigint, 'a user keeps reading their own past memberships');
select tests.authenticate_as(:'dave');
select is(tests.rows_visible(format($$select * from lounge.room_memberships where id = %L$$, :'carol_tiny')), 0::bigint,
  '... but others do not read a membership that has ended');
reset role;
-- A move out touches no other room's row (the hint of the room left waits for its next join, leave or recount).
update lounge.rooms set occupancy = 40 where id = :'tiny';
select tests.authenticate_as(:'erin');
select is((lounge.join_room(:'tiny')).room_id, :'tiny'::uuid, '... and the freed place can be taken');
reset role;
select is((select occupancy from lounge.rooms where id = :'tiny'), 2, '... and a join sets the room''s hint to its open seats, whatever it said before');
select is((select array_agg(event_name || ':' || (properties ->> 'room_id' = :'tiny')::text order by id) from audit.analytics_events where user_id = :'carol'),
  array['room_join:true', 'room_leave:true', 'room_join:false'], 'joins and moves write room_join and room_leave events');

select tests.authenticate_as(:'carol');
select is((lounge.leave_room()).id, :'carol_eu'::uuid, 'leave_room leaves the caller''s room');
select is((select closed_reason from public.seats where id = :'carol_eu'), 'left', '... closing the seat');
select ok(lounge.leave_room() is null, 'leaving again leaves nothing');
reset role;
select is((select properties ->> 'room_id' from audit.analytics_events where user_id = :'carol' order by id desc limit 1), :'eu_lounge', '... and writes room_leave');

-- Heartbeats and the sweeper -------------------------------------------------------------------------------------------
select tests.authenticate_as(:'carol');
select throws_ok($$select lounge.heartbeat()$$, 'PA115', null, 'a heartbeat outside any room asks to join again');
select tests.authenticate_as(:'dave');
reset role;
update public.seats set joined_at = joined_at - interval '60 seconds', last_seen_at = last_seen_at - interval '60 seconds'
 where user_id = :'dave' and kind = 'lounge_room' and left_at is null;
select tests.authenticate_as(:'dave');
select is((lounge.heartbeat()).last_seen_at, now(), 'a heartbeat keeps the seat seen');
reset role;
update public.seats set joined_at = joined_at - interval '100 seconds', last_seen_at = last_seen_at - interval '100 seconds'
 where user_id = :'dave' and kind = 'lounge_room' and left_at is null;
select tests.authenticate_as(:'dave');
select throws_ok($$select lounge.heartbeat()$$, 'PA115', null, 'a seat unseen for 90 s is not revived by a heartbeat');
reset role;
select ok(private.sweep_seats() >= 1, 'the sweeper closes memberships unseen for 90 s');
select is((select s.closed_reason from public.seats s join lounge.room_memberships m on m.id = s.id where m.user_id = :'dave' order by s.joined_at desc limit 1),
  'swept', '... as swept');
select is((select count(*) from audit.analytics_events where user_id = :'dave' and event_name = 'room_leave')::int, 1,
  'a swept membership''s room_leave is written by the sweep itself');
select is((select (properties ->> 'seconds_in_room')::int from audit.analytics_events where user_id = :'dave' and event_name = 'room_leave' order by id desc limit 1),
  60, '... with the time from joining to last seen');
select is(private.sweep_seats(), 0, '... once');
update lounge.rooms set occupancy = 40 where id = :'tiny';
select ok(private.lounge_recount_occupancy() >= 1, 'the occupancy hint is recounted');
select is((select occupancy from lounge.rooms where id = :'tiny'), 1, '... from the open seats');

-- Removing a member ------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'bob');
select throws_ok(format($$select lounge.remove_member(%L, %L)$$, :'den', :'alice'), '42501', null, 'a member does not remove others');
select tests.authenticate_as(:'alice');
select ok(lounge.remove_member(:'den', :'bob'), 'the creator removes a member');
reset role;
select is((select s.closed_reason from public.seats s where s.user_id = :'bob' and s.place_id = :'den'), 'removed', '... whose seat closes');
select is((select count(*) from audit.analytics_events where user_id = :'bob' and event_name = 'room_leave' and properties ->> 'room_id' = :'den')::int, 1,
  '... and whose room_leave is written');
reset role;
select is((select count(*) from realtime.messages where topic = 'room:' || :'den' and event = 'kick' and payload ->> 'user_id' = :'bob')::int, 1,
  '... and `kick` is broadcast on the room''s topic');
select tests.authenticate_as(:'alice');
select ok(not lounge.remove_member(:'den', :'bob'), 'removing someone not there removes nothing');

-- Matchmaking ---------------------------------------------------------------------------------------------------------------
-- me/dance: three rooms. "Chess" has a chess player, "Block" someone who blocked erin, "Busy" the most people.
reset role;
select tests.authenticate_as(:'alice');
select (lounge.create_room('Chess', 'dance', 'me')).id as chess \gset
select (lounge.create_room('Block', 'dance', 'me')).id as blockroom \gset
select (lounge.create_room('Busy', 'dance', 'me')).id as busy \gset
select tests.authenticate_as(:'p1');
select lounge.set_display_name('Pawn');
update lounge.profiles set interests = '{chess}' where user_id = auth.uid();
select lounge.join_room(:'chess');
select tests.authenticate_as(:'p2');
select lounge.join_room(:'blockroom');
insert into public.blocks (blocker_id, blocked_id) values (auth.uid(), :'erin');
select tests.authenticate_as(:'p3');
select lounge.join_room(:'busy');
select tests.authenticate_as(:'p4');
select lounge.join_room(:'busy');
select tests.authenticate_as(:'erin');
select is((lounge.matchmake('me', 'dance', '{chess}')).room_id, :'chess'::uuid, 'matchmaking prefers a room sharing an interest');
select is((select join_source from lounge.room_memberships where user_id = auth.uid() and room_id = :'chess'), 'matchmaking', '... joined by matchmaking');
select lounge.leave_room();
select isnt((lounge.matchmake('me', 'dance', '{}')).room_id, :'blockroom'::uuid, 'matchmaking never places a user with someone who blocked them');
select lounge.leave_room();
reset role;
delete from public.blocks where blocked_id = :'erin';
select tests.authenticate_as(:'erin');
select is((lounge.matchmake('me', 'dance', '{}')).room_id, :'busy'::uuid, 'without shared interests, the fullest room with space');
select throws_ok($$select lounge.matchmake('zz')$$, 'PA004', null, 'no room with space in the region: PA004');
select throws_ok($$select lounge.matchmake('Europe!')$$, '22023', null, 'the region is checked');
select throws_ok($$select lounge.matchmake('eu', 'opera')$$, '22023', null, '... and the theme');
select throws_ok($$select lounge.matchmake('eu', null, array_fill('x'::text, array[11]))$$, '22023', null, '... and the interests are bounded');
select lounge.leave_room();
select tests.clear_authentication();
select throws_ok($$select lounge.matchmake('eu')$$, '42501', null, 'anon does not matchmake');
select throws_ok(format($$select lounge.join_room(%L)$$, :'eu_lounge'), '42501', null, '... nor join');

-- Inventory -------------------------------------------------------------------------------------------------------------------
select is(tests.rows_visible($$select * from lounge.inventory_items$$), 4::bigint, 'anon reads the active items');
reset role;
insert into lounge.inventory_items (sku, type, name, price_credits, active) values ('retired', 'cosmetic', 'Retired', 10, false);
select tests.authenticate_as(:'bob');
select is(tests.rows_visible($$select * from lounge.inventory_items where sku = 'retired'$$), 0::bigint, 'an inactive item is not shown');
select throws_ok($$insert into lounge.inventory_items (sku, type, name, price_credits) values ('free', 'cosmetic', 'Free', 1)$$, '42501', null,
  'users add no items');
select throws_ok(format($$update lounge.inventory_items set price_credits = 1 where id = %L$$, :'hat'), '42501', null, '... nor change prices');
select is((select count(*) from billing.priced_items where item_type = 'lounge_item' and item_id = :'hat')::int, 2, 'an item''s prices are registered in each asset');

-- Bob has 10.00 USD and 1,000 credits.
select tests.authenticate_as_service_role();
select billing.transfer(billing.platform_account('stripe_clearing', 'USD'), billing.user_account(:'bob', 'USD'), 1000, 'top_up', 'bob-top-up');
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'bob', 'CREDIT'), 1000, 'bonus', 'bob-bonus');
select tests.authenticate_as(:'bob');
select is((lounge.buy_item(:'hat', 'credits', 'hat-1')).quantity, 1, 'a cosmetic bought with credits is granted');
select is((select balance from billing.accounts where user_id = :'bob' and asset = 'CREDIT'), 800::bigint, '... and paid once');
select is((lounge.buy_item(:'hat', 'credits', 'hat-1')).quantity, 1, 'a retry with the same key returns the same grant');
select is((select balance from billing.accounts where user_id = :'bob' and asset = 'CREDIT'), 800::bigint, '... and charges nothing');
select throws_ok(format($$select lounge.buy_item(%L, 'credits', 'hat-2')$$, :'hat'), 'PA180', null, 'a cosmetic owned already is not bought again');
select is((select balance from billing.accounts where user_id = :'bob' and asset = 'CREDIT'), 800::bigint, '... nothing charged');
select throws_ok(format($$select lounge.buy_item(%L, 'credits', 'hat-1')$$, :'mojito'), 'PA106', null, 'one key pays for one thing only');
select throws_ok(format($$select lounge.buy_item(%L, 'credits', 'jacket-1')$$, :'jacket'), 'PA001', null, 'an item without a credits price is not sold for credits');
select is((lounge.buy_item(:'jacket', 'money', 'jacket-1')).item_id, :'jacket'::uuid, 'an item is bought with money from the wallet');
select is((select balance from billing.accounts where user_id = :'bob' and asset = 'USD'), 501::bigint, '... in its currency''s minor units');
select throws_ok(format($$select lounge.buy_item(%L, 'gold', 'x-1')$$, :'mojito'), '22023', null, 'pay with money or credits');
reset role;
select id as retired from lounge.inventory_items where sku = 'retired' \gset
select tests.authenticate_as(:'bob');
select throws_ok(format($$select lounge.buy_item(%L, 'credits', 'x-2')$$, :'retired'), 'PA001', format('no item %s on sale', :'retired'),
  'an inactive item is not sold');
select lounge.buy_item(:'mojito', 'credits', 'mojito-1');
select is((lounge.buy_item(:'mojito', 'credits', 'mojito-2')).quantity, 2, 'drinks add up');
select is((lounge.consume_item(:'mojito')).quantity, 1, 'a drink is used up one at a time');
select throws_ok(format($$select lounge.consume_item(%L)$$, :'hat'), 'PA181', null, 'a cosmetic is not consumed');
select is((select count(*) from lounge.purchases)::int, 4, 'the buyer reads their purchases');
select is(tests.rows_affected(format($$update lounge.profiles set avatar_config = '{"colors": {"skin": "#a0522d"}, "cosmetics": ["%s", "%s"]}' where user_id = auth.uid()$$,
  :'hat', :'jacket')), 1::bigint, 'owned cosmetics are equipped');
select throws_ok(format($$update lounge.profiles set avatar_config = '{"emotes": ["%s"]}' where user_id = auth.uid()$$, :'hat'), 'PA182', null,
  'a cosmetic is not equipped as an emote');
select throws_ok($$insert into lounge.user_inventory (user_id, item_id) select auth.uid(), id from lounge.inventory_items where sku = 'emote-wave'$$, '42501', null,
  'nobody grants themselves an item');
select throws_ok(format($$update lounge.user_inventory set quantity = 99 where item_id = %L$$, :'mojito'), '42501', null, '... or more drinks');
select tests.authenticate_as(:'carol');
select is(tests.rows_visible($$select * from lounge.user_inventory$$) + tests.rows_visible($$select * from lounge.purchases$$), 0::bigint,
  'others read neither the inventory nor the purchases');
select throws_ok(format($$select lounge.buy_item(%L, 'credits', 'c-1')$$, :'hat'), 'PA101', null, 'without the credits, nothing is bought');
select is(tests.rows_visible($$select * from lounge.user_inventory$$), 0::bigint, '... nor granted');
select tests.authenticate_as(:'moderator');
select ok(tests.rows_visible($$select * from lounge.user_inventory$$) >= 3, 'moderators read inventories');

-- Profile cards and friends online --------------------------------------------------------------------------------------------
-- alice (limited, in Tiny) and bob are friends; carol is not.
reset role;
update lounge.profiles set privacy_level = 'limited' where user_id = :'alice';
insert into public.friendships (requester_id, addressee_id, status, responded_at) values (:'alice', :'bob', 'accepted', now());
select tests.authenticate_as(:'alice');
select lounge.join_room(:'tiny');
select tests.authenticate_as(:'carol');
select is((select (display_name, bio, interests, current_room_id)::text from lounge.profile_card(:'alice')), '(NEO#0001,,,)',
  'a limited profile shows a non-friend its name only');
select is((select bio from lounge.profile_card(:'dave')), null, '(dave has no bio)');
select tests.authenticate_as(:'bob');
select is((select (bio, interests, current_room_id)::text from lounge.profile_card(:'alice')), format('("Follow the rabbit","{music,chess}",%s)', :'tiny'),
  'a friend sees bio, interests and the current room');
select is((select user_id from lounge.friends_online()), :'alice'::uuid, 'friends_online lists a friend in a room');
select is((select room_id from lounge.friends_online()), :'tiny'::uuid, '... with the room');
select tests.authenticate_as(:'alice');
select lounge.join_room((lounge.create_room('Secret', 'lounge', 'eu', true)).id);
select tests.authenticate_as(:'bob');
select is((select room_id from lounge.friends_online()), null, 'a private room the friend may not read is not named');
select tests.authenticate_as(:'alice');
insert into public.blocks (blocker_id, blocked_id) values (auth.uid(), :'bob');
select tests.authenticate_as(:'bob');
select is((select count(*) from lounge.friends_online())::int, 0, 'across a block nobody is online');
select is((select count(*) from lounge.profile_card(:'alice'))::int, 0, '... and no card is shown');
select tests.authenticate_as(:'carol');
select is((select count(*) from lounge.friends_online())::int, 0, 'a user without friends in rooms sees nobody');
select tests.clear_authentication();
select throws_ok(format($$select * from lounge.profile_card(%L)$$, :'alice'), '42501', null, 'anon reads no card');

-- Reports in a room --------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'carol');
select lounge.report_user(:'dave', :'tiny', 'harassment', 'Shouting', '{}') as report \gset
select is((select (target_type, target_id, context_type, context_id)::text from public.reports where id = :'report'),
  format('(user,%s,room,%s)', :'dave', :'tiny'), 'a user reported in a room: the room is the report''s context');
select throws_ok(format($$select lounge.report_user(%L, %L, 'spam')$$, :'alice', :'den'), 'PA001', null,
  'a private room the reporter never saw is no context');
select throws_ok(format($$insert into public.reports (target_type, target_id, context_type, context_id, reason) values ('user', %L, 'room', %L, 'spam')$$,
  :'alice', :'den'), 'PA001', null, '... through the table either');
reset role;
select is((select properties ->> 'report_type' from audit.analytics_events where user_id = :'carol' and event_name = 'report_user'), 'harassment',
  'the report writes report_user');

-- Anon and the server ---------------------------------------------------------------------------------------------------------
select tests.clear_authentication();
select throws_ok($$select * from lounge.room_memberships$$, '42501', null, 'anon reads no membership');
select throws_ok($$select * from lounge.user_inventory$$, '42501', null, '... no inventory');
select throws_ok($$select * from lounge.purchases$$, '42501', null, '... no purchase');
select throws_ok(format($$select lounge.buy_item(%L, 'credits', 'anon-1')$$, :'hat'), '42501', null, '... and buys nothing');
select tests.authenticate_as_service_role();
select ok(tests.rows_visible($$select * from lounge.profiles$$) >= 4 and tests.rows_visible($$select * from lounge.room_memberships$$) >= 10,
  'the server reads every profile and membership');
select throws_ok($$select private.lounge_seat_closed(gen_random_uuid())$$, '42501', null, '... but does not write the lounge''s leaves');
select throws_ok(format($$insert into lounge.room_memberships (id, room_id, user_id, join_source) values (gen_random_uuid(), %L, %L, 'direct')$$, :'eu_lounge', :'alice'),
  '42501', null, '... nor memberships');
select throws_ok(format($$update lounge.room_memberships set join_source = 'invite' where room_id = %L$$, :'tiny'), '42501', null, '... nor changes one');

-- A membership is its seat ------------------------------------------------------------------------------------------------
reset role;
select ok((select bool_and(m.join_source = s.source and m.room_id = s.place_id and m.user_id = s.user_id and m.joined_at = s.joined_at)
             from lounge.room_memberships m join public.seats s on s.id = m.id) and
          (select count(*) from lounge.room_memberships) = (select count(*) from public.seats where kind = 'lounge_room'),
  'every lounge seat is a membership, its source the join_source');
select throws_ok(format($$insert into public.seats (kind, place_id, user_id, source) values ('lounge_room', %L, %L, 'Not A Source')$$, :'tiny', :'erin'), '23514', null,
  'a seat''s source is a short lower-case word');
select tests.authenticate_as(:'alice');
select (lounge.create_room('Doomed', 'dance', 'eu', false, 10)).id as doomed \gset
select tests.authenticate_as(:'bob');
select lounge.join_room(:'doomed');
reset role;
delete from lounge.rooms where id = :'doomed';
select is((select count(*) from public.seats where kind = 'lounge_room' and place_id = :'doomed')::int, 0, 'a deleted room takes its visits with it');
select is((select count(*) from audit.analytics_events where user_id = :'bob' and event_name = 'room_leave' and properties ->> 'room_id' = :'doomed')::int, 1,
  '... those still in it leaving it (room_leave written)');
select tests.authenticate_as(:'carol');
select is((select closed_reason from lounge.room_memberships where id = :'carol_tiny'), 'moved', 'a membership shows its seat''s state');
select is((select name from lounge.room_memberships m, lounge.rooms(m) where m.id = :'carol_tiny'), 'Tiny', 'a membership''s room is embedded through lounge.rooms');
select is((select count(*) from lounge.rooms(row(gen_random_uuid(), :'den', auth.uid(), 'direct', now(), now(), null, null)::lounge.room_memberships))::int, 0,
  '... as the rooms'' policy shows it (a private room the caller may not read: nothing)');

-- A room emptied by moves -------------------------------------------------------------------------------------------------
reset role;
insert into lounge.rooms (name, theme, region, capacity) values ('Brief', 'lounge', 'zq', 2) returning id as brief \gset
select tests.authenticate_as(:'p1');
select lounge.join_room(:'brief');
select tests.authenticate_as(:'p2');
select lounge.join_room(:'brief');
select lounge.join_room(:'eu_lounge');
select tests.authenticate_as(:'p1');
select lounge.join_room(:'eu_lounge');
reset role;
select is((select occupancy from lounge.rooms where id = :'brief'), 2, 'a room emptied by moves keeps its hint (a join never waits for the room it leaves)');
select tests.authenticate_as(:'p3');
select is((lounge.matchmake('zq')).room_id, :'brief'::uuid, '... and matchmaking that finds every room full counts them again, and seats the caller there');

select * from finish();
rollback;
