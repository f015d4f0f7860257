-- Lounge Realtime: `room:<id>` topics as Realtime checks them (realtime.messages policies with
-- realtime.topic() set: joining = select, sending Broadcast / tracking Presence = insert) for a member,
-- a non-member, a member who left, moved, was swept or removed, a suspended member, and the invitee of
-- a private room before and after joining; and the lounge's rate limits (seed rl:ws:{userId}:{eventType}).
begin;
select plan(28);

select tests.create_user('rt-alice@example.com') as alice \gset
select tests.create_user('rt-bob@example.com') as bob \gset
select tests.create_user('rt-carol@example.com') as carol \gset
select tests.create_user('rt-dave@example.com') as dave \gset
select tests.create_user('rt-erin@example.com') as erin \gset
select id as room from lounge.rooms where created_by is null and region = 'eu' and theme = 'lounge' \gset
select id as other from lounge.rooms where created_by is null and region = 'eu' and theme = 'sports' \gset
select tests.seed_topic('room:' || :'room');

select tests.authenticate_as(:'alice');
select lounge.join_room(:'room');
select ok(tests.topic_visible('room:' || :'room'), 'a member joins the room''s topic');
select ok(tests.topic_send('room:' || :'room'), '... and sends Broadcast and tracks Presence on it');
select ok(not tests.topic_visible('room:' || :'other'), '... but not another room''s');
select tests.authenticate_as(:'bob');
select ok(not tests.topic_visible('room:' || :'room'), 'a non-member does not join the topic');
select ok(not tests.topic_send('room:' || :'room'), '... nor sends on it');
select tests.clear_authentication();
select ok(not tests.topic_visible('room:' || :'room'), 'anon does not join it');
select tests.authenticate_as(:'bob');
select lounge.join_room(:'room');
select ok(tests.topic_visible('room:' || :'room'), 'joining the room gives the topic at once');
select lounge.leave_room();
select ok(not tests.topic_visible('room:' || :'room') and not tests.topic_send('room:' || :'room'), 'a member who left loses it at once');
select lounge.join_room(:'room');
select lounge.join_room(:'other');
select ok(not tests.topic_visible('room:' || :'room'), '... and one who moved to another room');

-- Swept: unseen for 90 s loses the topic before the sweeper runs.
select tests.authenticate_as(:'carol');
select lounge.join_room(:'room');
reset role;
update public.seats set joined_at = now() - interval '91 seconds', last_seen_at = now() - interval '91 seconds'
 where user_id = :'carol' and kind = 'lounge_room' and left_at is null;
select tests.authenticate_as(:'carol');
select ok(not tests.topic_visible('room:' || :'room'), 'a member unseen for 90 s loses the topic');

-- Suspended: a suspended member neither joins nor sends, seat or not.
select tests.authenticate_as(:'dave');
select lounge.join_room(:'room');
reset role;
update public.profiles set status = 'suspended' where id = :'dave';
select tests.authenticate_as(:'dave');
select ok(not tests.topic_visible('room:' || :'room'), 'a suspended member does not join the topic');
select ok(not tests.topic_send('room:' || :'room'), '... nor sends on it');
select throws_ok($$select lounge.heartbeat()$$, '42501', null, '... nor keeps the seat');
reset role;
update public.profiles set status = 'active' where id = :'dave';

-- Removed: the topic goes at once and `kick` is broadcast to those still on the channel.
select tests.authenticate_as(:'alice');
select (lounge.create_room('Den', 'lounge', 'eu', true, 5)).id as den \gset
select lounge.join_room(:'den');
reset role;
select tests.seed_topic('room:' || :'den');

-- Invitee of a private room: the room yes, the topic only once in it.
select tests.authenticate_as(:'alice');
select token as erin_token from lounge.invite_to_room(:'den', :'erin') \gset
select tests.authenticate_as(:'erin');
select ok(not tests.topic_visible('room:' || :'den'), 'an invitee who has not joined does not join the topic');
select is(public.accept_invitation(:'erin_token'), :'den'::uuid, 'the invitee accepts the invitation (the room''s id back)');
select is((lounge.join_room(:'den')).join_source, 'invite', '... joins by invitation');
select ok(tests.topic_visible('room:' || :'den') and tests.topic_send('room:' || :'den'), '... and then uses the topic');
select tests.authenticate_as(:'bob');
select ok(not tests.topic_visible('room:' || :'den'), 'someone not invited does not');
select throws_ok(format($$select lounge.join_room(%L)$$, :'den'), '42501', null, '... nor joins the room');
select tests.authenticate_as(:'alice');
select lounge.remove_member(:'den', :'erin');
select tests.authenticate_as(:'erin');
select ok(not tests.topic_visible('room:' || :'den'), 'a removed member loses the topic at once');
select tests.authenticate_as(:'alice');
select is((select count(*) from realtime.messages where topic = 'room:' || :'den' and event = 'kick')::int, 1,
  'the members still there receive `kick`');

-- Rate limits: lounge:<event>:<user id> on the core's limiter, per user a minute.
reset role;
update private.system_configuration set config_value = '2' where config_key in
  ('lounge.joins_per_minute', 'lounge.matchmakes_per_minute', 'lounge.heartbeats_per_minute', 'lounge.reports_per_minute', 'lounge.purchases_per_minute');
select tests.create_user('rt-fast@example.com') as fast \gset
select tests.create_user('rt-slow@example.com') as slow \gset
select tests.authenticate_as(:'fast');
select lounge.join_room(:'room');
select lounge.join_room(:'other');
select throws_ok(format($$select lounge.join_room(%L)$$, :'room'), 'PA111', null, 'joins are limited per user a minute');
select lounge.heartbeat();
select lounge.heartbeat();
select throws_ok($$select lounge.heartbeat()$$, 'PA111', null, '... and heartbeats');
select lounge.matchmake('eu');
select lounge.matchmake('eu');
select throws_ok($$select lounge.matchmake('eu')$$, 'PA111', null, '... and matchmaking');
select lounge.report_user(:'alice', null, 'spam');
select lounge.report_user(:'bob', null, 'spam');
select throws_ok(format($$select lounge.report_user(%L, null, 'spam')$$, :'carol'), 'PA111', null, '... and reports');
reset role;
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'fast', 'CREDIT'), 1000, 'bonus', 'fast-bonus');
select id as mojito from lounge.inventory_items where sku = 'drink-mojito' \gset
select tests.authenticate_as(:'fast');
select lounge.buy_item(:'mojito', 'credits', 'k1');
select lounge.buy_item(:'mojito', 'credits', 'k1');
select throws_ok(format($$select lounge.buy_item(%L, 'credits', 'k2')$$, :'mojito'), 'PA111', null, '... and purchases, retries included');
select tests.authenticate_as(:'slow');
select ok((lounge.join_room(:'room')).id is not null, 'another user''s limit is their own');
reset role;
select is((select count(*) from private.rate_limits where key like 'lounge:%:' || :'fast')::int, 5, 'one limiter key per lounge event and user');

select * from finish();
rollback;
