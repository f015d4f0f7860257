-- Studio play, every table from both sides (anon, a user, another user, a member and a non-member,
-- a space's owner, support, admin, service_role): games (premium sessions charged once per key through
-- the core's priced items, score bounds and minimum duration refused and recorded, best scores and
-- ranks), avatars, spaces on the core's occupancy (capacity, one open visit per avatar, the visit
-- closing with its seat, the space:<id> topic), first responders (the flag only through a
-- first_responder verification decision), support groups (private ones hidden, responders' groups
-- for verified responders, max_members, roles, the group chat and its topic).
begin;
select plan(160);

select tests.create_user('play-alice@example.com') as alice \gset
select tests.create_user('play-bob@example.com') as bob \gset
select tests.create_user('play-carol@example.com') as carol \gset
select tests.create_user('play-support@example.com') as support \gset
select tests.create_user('play-admin@example.com') as admin \gset
select tests.create_user('play-checker@example.com') as checker \gset
select tests.create_user('play-suspended@example.com') as suspended \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support'), (:'admin', 'admin'), (:'checker', 'studio_responder_verifier');
update public.profiles set status = 'suspended' where id = :'suspended';

-- Credits for alice and bob.
select tests.authenticate_as_service_role();
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'alice', 'CREDIT'), 100, 'bonus', 'play-alice-credits');
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'bob', 'CREDIT'), 3, 'bonus', 'play-bob-credits');
reset role;

-- Games: the catalog ------------------------------------------------------------------------------------------------
insert into studio.games_catalog (slug, name, category, min_score, max_score, min_duration_seconds)
values ('play-free', 'Free game', 'arcade', 0, 1000, 30) returning id as free_game \gset
insert into studio.games_catalog (slug, name, category, is_premium, credit_cost, min_score, max_score, min_duration_seconds)
values ('play-premium', 'Premium game', 'arcade', true, 7, 0, 1000, 0) returning id as premium_game \gset
insert into billing.priced_items (product, item_type, item_id, price) values ('studio', 'game', :'premium_game', 7);
insert into studio.games_catalog (slug, name, category, active) values ('play-retired', 'Retired', 'arcade', false) returning id as retired_game \gset
set constraints all immediate;
select throws_ok($$insert into studio.games_catalog (slug, name, category, is_premium, credit_cost) values ('play-unpriced', 'x', 'arcade', true, 3)$$,
  '23514', null, 'a premium game without its priced item is refused (at commit)');
select throws_ok(format($$update studio.games_catalog set credit_cost = 9 where id = %L$$, :'premium_game'), '23514', null,
  '... and so is a price that differs from its priced item');
select throws_ok($$insert into studio.games_catalog (slug, name, category, is_premium, credit_cost) values ('play-free-cost', 'x', 'arcade', false, 3)$$,
  '23514', null, 'a free game costs nothing');
set constraints all deferred;

select tests.clear_authentication();
select is((select count(*) from studio.games_catalog where slug like 'play-%')::int, 2, 'anon reads the active games, not the retired one');
select throws_ok($$insert into studio.games_catalog (slug, name, category) values ('play-anon', 'x', 'arcade')$$, '42501', null, 'anon cannot add games');
select throws_ok(format($$select studio.start_game(%L, 'anon-1')$$, :'free_game'), '42501', null, 'anon cannot start a game');
select tests.authenticate_as(:'alice');
select throws_ok(format($$update studio.games_catalog set credit_cost = 0, is_premium = false where id = %L$$, :'premium_game'), '42501', null,
  'a user cannot change a game');
select throws_ok($$insert into studio.games_catalog (slug, name, category) values ('play-user', 'x', 'arcade')$$, '42501', null, '... nor add one');
select throws_ok($$select * from studio.game_play_counts$$, '42501', null, '... nor read the play-count shards');

-- Games: sessions -----------------------------------------------------------------------------------------------------
select throws_ok(format($$select studio.start_game(%L, 'retired-1')$$, :'retired_game'), 'PA001', null, 'a retired game does not start');
select (studio.start_game(:'premium_game', 'premium-1')).id as premium_session \gset
select is((select credits_charged from studio.game_sessions where id = :'premium_session'), 7::bigint, 'a premium game charges its price');
select is((studio.start_game(:'premium_game', 'premium-1')).id, :'premium_session'::uuid, 'the same key answers the same session');
select is((select available from billing.my_balances() where owner_type = 'user' and asset = 'CREDIT'), 93::bigint, '... charged once');
select throws_ok(format($$select studio.start_game(%L, 'premium-1')$$, :'free_game'), 'PA106', null, 'the key cannot start another game');
select throws_ok($$select studio.run_tool((select id from studio.tools_catalog where slug = 'vectorize'), '{}', 'premium-1')$$, 'PA106', null,
  '... nor pay for anything else');
select isnt((studio.start_game(:'premium_game', 'premium-2')).id, :'premium_session'::uuid, 'a new key is a new session');
select is((select available from billing.my_balances() where owner_type = 'user' and asset = 'CREDIT'), 86::bigint, '... charged again');
select (studio.start_game(:'free_game', 'free-1')).id as free_session \gset
select is((studio.start_game(:'free_game', 'free-1')).id, :'free_session'::uuid, 'a free game''s key answers one session too');
select is((select credits_charged from studio.game_sessions where id = :'free_session'), 0::bigint, '... charging nothing');
select throws_ok(format($$select studio.start_game(%L, 'free-1')$$, :'premium_game'), 'PA106', null, '... and its key cannot buy a premium game');
select throws_ok($$insert into studio.game_sessions (user_id, game_id, idempotency_key) select auth.uid(), id, 'forged' from studio.games_catalog limit 1$$,
  '42501', null, 'a session is not inserted directly');
select throws_ok(format($$update studio.game_sessions set status = 'finished', score = 999, completed = true, ended_at = now() where id = %L$$, :'free_session'),
  '42501', null, '... nor finished by a plain update');

select tests.authenticate_as(:'bob');
select throws_ok(format($$select studio.start_game(%L, 'bob-premium')$$, :'premium_game'), 'PA101', null, 'without the credits, no premium session');
select is((select count(*) from studio.game_sessions where user_id = :'bob')::int, 0, '... and none is recorded');
select is((select count(*) from studio.game_sessions where id = :'free_session')::int, 0, 'another user does not read the session');
select throws_ok(format($$select studio.finish_game(%L, 10)$$, :'free_session'), 'PA001', null, '... nor finish it');

-- Finishing: bounds and the minimum duration (30 s for the free game), on server time.
select tests.authenticate_as(:'alice');
select is((studio.finish_game(:'free_session', 500)).status, 'refused', 'a result faster than the game''s minimum duration is refused');
select is((select refusal_reason from studio.game_sessions where id = :'free_session'), 'too_fast', '... as too fast');
select throws_ok(format($$select studio.finish_game(%L, 500)$$, :'free_session'), 'PA115', null, '... and the session cannot be finished again');
reset role;
select is((select details ->> 'reason' from audit.security_events where user_id = :'alice' and event_type = 'studio.game_result_refused'
            order by id desc limit 1), 'too_fast', 'the refusal is recorded in audit.security_events');
select tests.authenticate_as(:'alice');
select (studio.start_game(:'free_game', 'free-2')).id as free_session_2 \gset
reset role;
update studio.game_sessions set started_at = now() - interval '5 minutes', created_at = now() - interval '5 minutes' where id = :'free_session_2';
select tests.authenticate_as(:'alice');
select is((studio.finish_game(:'free_session_2', 5000)).refusal_reason, 'score_out_of_bounds', 'a score above the game''s maximum is refused');
select is((select count(*) from studio.game_leaderboards where user_id = :'alice')::int, 0, '... and reaches no leaderboard');
select (studio.start_game(:'free_game', 'free-3')).id as free_session_3 \gset
reset role;
update studio.game_sessions set started_at = now() - interval '5 minutes', created_at = now() - interval '5 minutes' where id = :'free_session_3';
select tests.authenticate_as(:'alice');
select throws_ok(format($$select studio.finish_game(%L, null)$$, :'free_session_3'), '22023', null, 'a score is required');
select is((studio.finish_game(:'free_session_3', 400)).status, 'finished', 'a result within bounds after the minimum duration is accepted');
select ok((select duration_seconds >= 300 and completed from studio.game_sessions where id = :'free_session_3'), '... with the server''s duration');
select is((select score from studio.game_leaderboards where user_id = :'alice' and game_id = :'free_game'), 400::bigint, '... and reaches the leaderboard');
select throws_ok(format($$update studio.game_leaderboards set score = 1000000 where game_id = %L$$, :'free_game'), '42501', null,
  'nobody writes a leaderboard directly');
select throws_ok(format($$insert into studio.game_leaderboards (game_id, user_id, score) values (%L, auth.uid(), 1)$$, :'free_game'), '42501', null,
  '... nor inserts into it');

-- Best score, ranks.
reset role;
select private.studio_record_score(:'free_game', :'bob', 700, null);
select private.studio_record_score(:'free_game', :'carol', 400, null);
update studio.game_leaderboards set achieved_at = now() + interval '1 second' where user_id = :'carol';
select private.studio_record_score(:'free_game', :'alice', 300, null);
select is((select score from studio.game_leaderboards where user_id = :'alice' and game_id = :'free_game'), 400::bigint, 'a worse score keeps the best');
select tests.clear_authentication();
select is(array(select rank || ':' || score from studio.game_leaderboard(:'free_game')), array['1:700', '2:400', '2:400'],
  'anon reads the board in rank order, ties sharing a rank');
select is((select player_id from studio.game_leaderboard(:'free_game') offset 1 limit 1), :'alice'::uuid, '... the earlier of a tie listed first');
select is((select rank from studio.game_rank(:'free_game', :'carol')), 2::bigint, 'a player''s rank counts the better scores');
select is((select count(*) from studio.game_leaderboards where game_id = :'free_game')::int, 3, 'anon reads the leaderboard table');
select tests.authenticate_as(:'bob');
select is((select rank from studio.game_rank(:'free_game')), 1::bigint, 'a user reads their own rank');
select is((select count(*) from studio.game_leaderboard(:'free_game', 1, 0))::int, 1, 'a page of the board has its size');

-- Staff and the service.
select tests.authenticate_as(:'support');
select is((select count(*) from studio.game_sessions where user_id = :'alice')::int, 5, 'support reads the players'' sessions');
select throws_ok(format($$update studio.game_sessions set score = 1 where id = %L$$, :'free_session_3'), '42501', null, '... and changes none');
select tests.authenticate_as(:'admin');
select is((select count(*) from audit.security_events where user_id = :'alice' and event_type = 'studio.game_result_refused')::int, 2,
  'an admin reads the refusals');
select tests.authenticate_as(:'carol');
select is((select count(*) from audit.security_events)::int, 0, 'a user reads no security events');
select tests.authenticate_as(:'suspended');
select throws_ok(format($$select studio.start_game(%L, 'sus-1')$$, :'free_game'), '42501', null, 'a suspended user cannot play');
reset role;
select is(private.studio_roll_up_play_counts() >= 2, true, 'the play counts roll up');
select is((select play_count from studio.games_catalog where id = :'free_game'), 3::bigint, '... to the sessions started (not the replays)');
select is((select play_count from studio.games_catalog where id = :'premium_game'), 2::bigint, '... for each game');

-- Avatars -----------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
insert into studio.avatars (name, appearance, is_active) values ('Alice prime', '{"model": "fox", "scale": 1.2}', true) returning id as alice_avatar \gset
insert into studio.avatars (name) values ('Alice alt') returning id as alice_alt \gset
select throws_ok(format($$update studio.avatars set is_active = true where id = %L$$, :'alice_alt'), '23505', null, 'one active avatar at a time');
select throws_ok($$insert into studio.avatars (name, appearance) values ('x', '{"script": "<b>"}')$$, '23514', null, 'appearance takes known keys only');
select throws_ok($$insert into studio.avatars (name, appearance) values ('x', '{"scale": 40}')$$, '23514', null, '... within their bounds');
select throws_ok($$insert into studio.avatars (name, appearance) values ('x', '[1]')$$, '23514', null, '... as an object');
select throws_ok(format($$insert into studio.avatars (user_id, name) values (%L, 'x')$$, :'bob'), '42501', null, 'a user cannot create an avatar for another');
select tests.authenticate_as(:'bob');
insert into studio.avatars (name, is_active) values ('Bob', true) returning id as bob_avatar \gset
select is((select count(*) from studio.avatars where user_id = :'alice')::int, 0, 'another user does not read the avatars (not in a space together)');
select ok(tests.refused(format($$update studio.avatars set name = 'pwned' where id = %L$$, :'alice_avatar')), '... nor renames them');
select ok(tests.refused(format($$delete from studio.avatars where id = %L$$, :'alice_avatar')), '... nor deletes them');
select throws_ok(format($$update studio.avatars set user_id = %L where id = %L$$, :'alice', :'bob_avatar'), '42501', null, 'an avatar stays its owner''s');
select tests.clear_authentication();
select throws_ok($$select * from studio.avatars$$, '42501', null, 'anon reads no avatars');

-- Spaces --------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'carol');
insert into studio.avatars (name, is_active) values ('Carol', true) returning id as carol_avatar \gset
insert into studio.virtual_spaces (name, type, capacity, coordinates) values ('Carol''s hall', 'room', 2, '{"x": 1, "y": 2, "z": 0}') returning id as hall \gset
insert into studio.virtual_spaces (name, type, is_public) values ('Carol''s den', 'room', false) returning id as den \gset
select throws_ok($$insert into studio.virtual_spaces (name, type, coordinates) values ('x', 'room', '{"x": "far"}')$$, '23514', null, 'coordinates are numbers');
select throws_ok($$insert into studio.virtual_spaces (name, type, capacity) values ('x', 'room', 100000)$$, '23514', null, 'capacity is bounded');
select throws_ok(format($$insert into studio.virtual_spaces (name, type, owner_id) values ('x', 'room', %L)$$, :'alice'), '42501', null,
  'a space is created for oneself only');
select tests.clear_authentication();
select is((select count(*) from studio.virtual_spaces where id in (:'hall', :'den'))::int, 1, 'anon reads the public space, not the private one');
select tests.authenticate_as(:'bob');
select is((select count(*) from studio.virtual_spaces where id in (:'hall', :'den'))::int, 1, 'another user reads the public space only');
select ok(tests.refused(format($$update studio.virtual_spaces set capacity = 1000 where id = %L$$, :'hall')), '... and changes nothing of it');
select ok(tests.refused(format($$delete from studio.virtual_spaces where id = %L$$, :'hall')), '... nor deletes it');
select throws_ok(format($$select studio.enter_space(%L)$$, :'den'), '42501', null, 'nobody but its owner enters a private space');
select throws_ok(format($$select studio.enter_space(%L, %L)$$, :'hall', :'alice_avatar'), 'PA001', null, 'one enters with one''s own avatar only');
select (studio.enter_space(:'hall')).id as bob_visit \gset
select is((select avatar_id from studio.space_visits where id = :'bob_visit'), :'bob_avatar'::uuid, 'the active avatar enters by default');
select is((studio.enter_space(:'hall')).id, :'bob_visit'::uuid, 'entering again is the same visit');
reset role;
select tests.seed_topic('space:' || :'hall');
select tests.authenticate_as(:'bob');
select ok(tests.topic_visible('space:' || :'hall') and tests.topic_send('space:' || :'hall'), 'a visitor joins and sends on space:<id>');
select tests.authenticate_as(:'alice');
select ok(not tests.topic_visible('space:' || :'hall'), 'someone outside the space does not');
select (studio.enter_space(:'hall')).id as alice_visit \gset
select is((select count(*) from studio.avatars where id = :'bob_avatar')::int, 1, 'visitors see each other''s avatars');
select is((select count(*) from studio.space_visits where space_id = :'hall')::int, 1, 'a visitor reads their own visits only');
select tests.authenticate_as(:'support');
select throws_ok(format($$select studio.enter_space(%L)$$, :'hall'), 'PA001', null, 'without an avatar, no entry');
insert into studio.avatars (name, is_active) values ('Support', true);
select throws_ok(format($$select studio.enter_space(%L)$$, :'hall'), 'PA004', null, 'a full space answers PA004');
select tests.authenticate_as(:'carol');
select is((select count(*) from studio.space_visits where space_id = :'hall')::int, 2, 'the space''s owner reads its visits');
select ok(not tests.topic_visible('space:' || :'hall'), '... but is not on its topic while not inside');
select tests.authenticate_as(:'bob');
select ok((studio.exit_space(:'bob_visit')).exited_at is not null, 'exiting closes the visit');
select ok((select duration_seconds is not null from studio.space_visits where id = :'bob_visit'), '... with its duration');
select ok(not tests.topic_visible('space:' || :'hall'), '... and the topic is lost at once');
select throws_ok($$update studio.space_visits set exited_at = null$$, '42501', null, 'visits are not written directly');
select tests.authenticate_as(:'alice');
select throws_ok(format($$select studio.exit_space(%L)$$, :'bob_visit'), 'PA001', null, 'a user cannot end another''s visit');
-- Leaving the seat directly, the sweeper or a move: the visit closes with its seat.
select (studio.enter_space(:'hall', :'alice_alt')).id as same_visit \gset
select is(:'same_visit'::uuid, :'alice_visit'::uuid, 'entering where one already is answers the open visit');
reset role;
update public.seats set last_seen_at = now() - interval '5 minutes', joined_at = now() - interval '10 minutes'
 where id = (select seat_id from studio.space_visits where id = :'alice_visit');
update studio.space_visits set entered_at = now() - interval '10 minutes' where id = :'alice_visit';
select is(private.sweep_seats() >= 1, true, 'the sweeper closes an unseen seat');
select is((select duration_seconds from studio.space_visits where id = :'alice_visit'), 300, '... and its visit, at the last heartbeat');
select tests.authenticate_as(:'alice');
select (studio.enter_space(:'hall')).id as alice_visit_2 \gset
select ok((select exited_at is null from studio.space_visits where id = :'alice_visit_2'), 'a new visit opens after the old one closed');
-- Closing the space to the public sends visitors out.
select tests.authenticate_as(:'carol');
update studio.virtual_spaces set is_public = false where id = :'hall';
select ok((select exited_at is not null from studio.space_visits where id = :'alice_visit_2'), 'a space that turns private sends its visitors out');
select tests.authenticate_as(:'alice');
select is((select count(*) from studio.virtual_spaces where id = :'hall')::int, 0, '... and they no longer see it');
select tests.authenticate_as(:'admin');
select is((select count(*) from studio.virtual_spaces where id in (:'hall', :'den'))::int, 2, 'moderating staff read private spaces');
select is((select count(*) from studio.space_visits where space_id = :'hall')::int, 3, '... and visits');

-- First responders ------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'bob');
insert into studio.first_responders (role, agency) values ('ems', 'County EMS') returning id as bob_responder \gset
select throws_ok($$insert into studio.first_responders (role) values ('wizard')$$, '23514', null, 'a responder''s role is one of four');
select throws_ok(format($$update studio.first_responders set verified = true where id = %L$$, :'bob_responder'), '42501', null,
  'a user cannot mark themselves verified');
select tests.authenticate_as(:'alice');
select is((select count(*) from studio.first_responders where user_id = :'bob')::int, 0, 'another user does not read the record');
select ok(tests.refused(format($$update studio.first_responders set agency = 'x' where id = %L$$, :'bob_responder')), '... nor changes it');
select tests.clear_authentication();
select throws_ok($$select * from studio.first_responders$$, '42501', null, 'anon reads no responders');
select tests.authenticate_as_service_role();
select throws_ok(format($$update studio.first_responders set verified = true where id = %L$$, :'bob_responder'), '42501', null,
  'not even the server sets the flag directly');
reset role;
insert into storage.objects (bucket_id, name, owner_id) values ('verification-documents', :'bob' || '/badge.png', :'bob');
select tests.authenticate_as(:'bob');
insert into public.verification_requests (kind, document_paths) values ('first_responder', array[:'bob' || '/badge.png']) returning id as bob_request \gset
select tests.authenticate_as(:'support');
select is((select count(*) from studio.first_responders where user_id = :'bob')::int, 1, 'support reads responder records');
select throws_ok(format($$select public.decide_verification(%L, true)$$, :'bob_request'), '42501', null, '... but does not decide them');
select tests.authenticate_as(:'checker');
select is((select count(*) from studio.first_responders where user_id = :'bob')::int, 1, 'the responders'' checker reads the record');
select lives_ok(format($$select public.decide_verification(%L, true, 'badge checked')$$, :'bob_request'), '... and approves the request');
select is((select verified from studio.first_responders where user_id = :'bob'), true, 'the approval sets the flag');
select tests.authenticate_as(:'bob');
select ok(tests.refused(format($$update studio.first_responders set role = 'police' where id = %L$$, :'bob_responder')),
  'a verified record is not changed by its user');

-- Support groups ------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
select throws_ok($$select studio.create_support_group('Responders', 'first_responders')$$, '42501', null,
  'only verified responders create a first responders group');
select (studio.create_support_group('Night shift', 'general', true, 3)).id as private_group \gset
select (studio.create_support_group('Open circle', 'general', false, 20)).id as public_group \gset
select studio.support_group_invite_code(:'private_group') as code \gset
select tests.authenticate_as(:'bob');
select (studio.create_support_group('Responders', 'first_responders', true, 10)).id as responder_group \gset
select studio.support_group_invite_code(:'responder_group') as responder_code \gset
select is((select count(*) from studio.support_groups where id in (:'private_group', :'public_group'))::int, 1,
  'a non-member reads public groups, not private ones');
select throws_ok(format($$select studio.support_group_invite_code(%L)$$, :'private_group'), '42501', null, '... nor the invite code');
select throws_ok(format($$select studio.join_support_group(%L)$$, :'private_group'), 'PA001', null, 'a private group takes no one without its code');
select throws_ok(format($$select studio.join_support_group(%L, 'wrong')$$, :'private_group'), 'PA001', null, '... nor with a wrong one');
select is((studio.join_support_group(:'private_group', :'code')).role, 'member', 'the code lets a user join');
select is((select count(*) from studio.support_group_members where group_id = :'private_group')::int, 2, 'a member reads the members');
select tests.authenticate_as(:'carol');
select is((select count(*) from studio.support_group_members where group_id = :'private_group')::int, 0, 'a non-member reads no members');
select throws_ok(format($$select studio.join_support_group(%L, %L)$$, :'responder_group', :'responder_code'), '42501', null,
  'a first responders group takes verified responders only');
select is((studio.join_support_group(:'private_group', :'code')).role, 'member', 'carol joins');
select tests.authenticate_as(:'support');
select throws_ok(format($$select studio.join_support_group(%L, %L)$$, :'private_group', :'code'), 'PA004', null, 'a full group answers PA004');
select tests.authenticate_as(:'carol');
select ok(tests.refused(format($$update studio.support_groups set max_members = 50 where id = %L$$, :'private_group')),
  'a member does not change the group');
select throws_ok(format($$select studio.remove_support_group_member(%L, %L)$$, :'private_group', :'bob'), '42501', null, '... nor removes members');
select throws_ok(format($$insert into studio.support_group_members (group_id, user_id) values (%L, auth.uid())$$, :'public_group'), '42501', null,
  'memberships are not inserted directly');
-- The group chat follows membership.
reset role;
select tests.seed_topic('support_group:' || :'private_group');
select tests.authenticate_as(:'carol');
select ok(tests.topic_visible('support_group:' || :'private_group'), 'a member is on the group''s topic');
select is((select count(*) from public.conversation_participants p join public.conversations c on c.id = p.conversation_id
            where c.subject_type = 'support_group' and c.subject_id = :'private_group')::int, 3, '... and the chat has every member');
select tests.authenticate_as(:'alice');
select throws_ok(format($$update studio.support_groups set max_members = 2 where id = %L$$, :'private_group'), '23514', null,
  'the limit never drops below the members');
select lives_ok(format($$select studio.set_support_group_role(%L, %L, 'moderator')$$, :'private_group', :'bob'), 'the owner makes a moderator');
select throws_ok(format($$select studio.set_support_group_role(%L, %L, 'owner')$$, :'private_group', :'bob'), '22023', null, '... roles are moderator or member');
select throws_ok(format($$select studio.set_support_group_role(%L, %L, 'member')$$, :'private_group', :'support'), 'PA001', null, '... of members');
select throws_ok(format($$select studio.remove_support_group_member(%L, %L)$$, :'private_group', :'support'), 'PA001', null, 'removing a non-member is PA001');
select tests.authenticate_as(:'bob');
select throws_ok(format($$select studio.remove_support_group_member(%L, %L)$$, :'private_group', :'alice'), '42501', null, 'a moderator cannot remove the owner');
select lives_ok(format($$select studio.remove_support_group_member(%L, %L)$$, :'private_group', :'carol'), '... but removes a member');
select tests.authenticate_as(:'carol');
select ok(not tests.topic_visible('support_group:' || :'private_group'), 'a removed member loses the topic at once');
select is((select count(*) from studio.support_groups where id = :'private_group')::int, 0, '... and the private group');
select throws_ok(format($$select studio.leave_support_group(%L)$$, :'private_group'), 'PA001', null, 'a non-member cannot leave');
select tests.authenticate_as(:'alice');
select throws_ok(format($$select studio.leave_support_group(%L)$$, :'private_group'), 'PA005', null, 'the owner cannot just leave');
select tests.authenticate_as(:'bob');
select lives_ok(format($$select studio.leave_support_group(%L)$$, :'private_group'), 'a member leaves');
select tests.clear_authentication();
select is((select count(*) from studio.support_groups where id in (:'private_group', :'public_group'))::int, 1, 'anon reads public groups only');
select throws_ok($$select * from studio.support_group_members$$, '42501', null, 'anon reads no members');
select tests.authenticate_as(:'admin');
select is((select count(*) from studio.support_groups where id in (:'private_group', :'public_group', :'responder_group'))::int, 3,
  'moderating staff read every group');
-- A renewal (a new approval replacing the current one) keeps the responder in their groups.
reset role;
insert into storage.objects (bucket_id, name, owner_id) values ('verification-documents', :'bob' || '/badge-2026.png', :'bob');
select tests.authenticate_as(:'bob');
insert into public.verification_requests (kind, document_paths) values ('first_responder', array[:'bob' || '/badge-2026.png']) returning id as bob_renewal \gset
select tests.authenticate_as(:'checker');
select public.decide_verification(:'bob_renewal', true, 'renewed badge');
reset role;
select ok((select verified from studio.first_responders where user_id = :'bob')
          and exists (select 1 from studio.support_groups where id = :'responder_group'), 'a renewal keeps the flag and the group');
-- A responder whose verification is revoked leaves the responders' groups at once.
select id as bob_verification from public.verifications where user_id = :'bob' and kind = 'first_responder' and revoked_at is null \gset
select tests.authenticate_as(:'checker');
select public.revoke_verification(:'bob_verification', 'badge expired');
select is((select verified from studio.first_responders where user_id = :'bob'), false, 'a revocation clears the flag');
reset role;
select is((select count(*) from studio.support_groups where id = :'responder_group')::int, 0, '... and the group they ran as a responder goes');

-- The core's hooks check what they are given.
select throws_ok($$insert into private.seat_kinds (kind, product, capacity, may_sit, on_close)
                   values ('probe_hook', 'probe', 'private.studio_space_capacity(uuid)', 'private.studio_may_enter_space(uuid, uuid)', 'private.studio_owns_space(uuid)')$$,
  '22023', null, 'a seat kind''s on_close must be (uuid) returning void');
select throws_ok($$insert into public.verification_kinds (kind, product, decide_permission, description, on_change)
                   values ('probe_hook', 'studio', 'responders.verify', 'x', 'private.studio_is_verified_responder(uuid)')$$,
  '22023', null, 'a verification kind''s on_change must be (uuid) returning void');

-- A suspended user keeps what they have but changes none of it; a member does not delete the group.
reset role;
insert into studio.avatars (user_id, name) values (:'suspended', 'Dormant') returning id as sus_avatar \gset
insert into studio.virtual_spaces (name, type, owner_id) values ('Dormant hall', 'room', :'suspended') returning id as sus_space \gset
insert into studio.first_responders (user_id, role) values (:'suspended', 'police') returning id as sus_responder \gset
insert into studio.support_groups (name, module, created_by) values ('Dormant circle', 'general', :'suspended') returning id as sus_group \gset
insert into studio.support_group_members (group_id, user_id, role) values (:'sus_group', :'suspended', 'owner'), (:'sus_group', :'alice', 'member');
select tests.authenticate_as(:'suspended');
select throws_ok($$insert into studio.avatars (name) values ('x')$$, '42501', null, 'a suspended user creates no avatar');
select ok(tests.refused(format($$update studio.avatars set name = 'x' where id = %L$$, :'sus_avatar')), '... changes none');
select ok(tests.refused(format($$delete from studio.avatars where id = %L$$, :'sus_avatar')), '... deletes none');
select throws_ok($$insert into studio.virtual_spaces (name, type) values ('x', 'room')$$, '42501', null, '... creates no space');
select ok(tests.refused(format($$update studio.virtual_spaces set name = 'x' where id = %L$$, :'sus_space')), '... changes none of theirs');
select ok(tests.refused(format($$delete from studio.virtual_spaces where id = %L$$, :'sus_space')), '... deletes none');
select ok(tests.refused(format($$update studio.first_responders set agency = 'x' where id = %L$$, :'sus_responder')), '... edits no responder record');
select ok(tests.refused(format($$update studio.support_groups set name = 'x' where id = %L$$, :'sus_group')), '... changes no group');
select ok(tests.refused(format($$delete from studio.support_groups where id = %L$$, :'sus_group')), '... deletes none');
select throws_ok(format($$select studio.open_space_channel(%L)$$, :'sus_space'), '42501', null, '... opens no chat');
reset role;
delete from studio.first_responders where user_id = :'suspended';
select tests.authenticate_as(:'suspended');
select throws_ok($$insert into studio.first_responders (role) values ('ems')$$, '42501', null, '... and does not register as a responder');
select tests.authenticate_as(:'alice');
select ok(tests.refused(format($$delete from studio.support_groups where id = %L$$, :'sus_group')), 'a member does not delete the group');
select throws_ok(format($$select studio.set_support_group_role(%L, %L, 'moderator')$$, :'sus_group', :'alice'), '42501', null,
  '... nor changes roles');
select throws_ok(format($$select studio.open_support_group_chat(%L)$$, :'sus_group'), '42501', null, '... nor opens the chat');
select throws_ok(format($$select studio.start_game(%L, 'free-org', %L)$$, :'free_game', gen_random_uuid()), '22023', null,
  'a free game is not paid by an organization');
select tests.authenticate_as(:'carol');
select ok((select studio.open_space_channel(:'den')) is not null, 'the owner of a space opens its chat');
select tests.authenticate_as(:'bob');
select throws_ok(format($$select studio.open_space_channel(%L)$$, :'den'), '42501', null, '... and nobody else');

select * from finish();
rollback;
