-- Occupancy: the seat-kind registry, join/heartbeat/leave under capacity, the readers' policy from
-- both sides, the sweeper, and "has an open seat" as a conversation subject's topic predicate. A
-- probe product registers its kind (and a subject) inside this transaction, as a product migration would.
-- now() is the transaction's start throughout: a seat "unseen for 100 s" is one whose times are moved back.
begin;
select plan(74);

select tests.create_user('alice@example.com') as alice \gset
select tests.create_user('bob@example.com') as bob \gset
select tests.create_user('carol@example.com') as carol \gset
select tests.create_user('dave@example.com') as dave \gset
select tests.create_user('banned@example.com') as banned \gset
select tests.create_user('mod@example.com') as moderator \gset
insert into public.user_staff_roles (user_id, role) values (:'moderator', 'moderator');

-- The probe product: places with a capacity column and a list of users who may not sit there.
create table tests.probe_places (id uuid primary key default gen_random_uuid(), capacity integer not null, banned uuid[] not null default '{}');
create function tests.probe_capacity(p_place_id uuid) returns integer language sql stable as $$
  select capacity from tests.probe_places where id = p_place_id
$$;
create function tests.probe_may_sit(p_place_id uuid, p_user_id uuid) returns boolean language sql stable as $$
  select not (p_user_id = any (banned)) from tests.probe_places where id = p_place_id
$$;
insert into tests.probe_places (capacity) values (2) returning id as room_a \gset
insert into tests.probe_places (capacity, banned) values (5, array[:'banned'::uuid]) returning id as room_b \gset
insert into tests.probe_places (capacity) values (1) returning id as room_c \gset

-- The registry ---------------------------------------------------------------------------------------------------
select throws_ok($$insert into private.seat_kinds (kind, product, capacity, may_sit) values ('ghost', 'probe', 'tests.nothing(uuid)', 'tests.probe_may_sit(uuid, uuid)')$$,
  '42883', null, 'a seat kind naming a missing function is refused');
select throws_ok($$insert into private.seat_kinds (kind, product, capacity, may_sit) values ('ghost', 'probe', 'tests.probe_may_sit(uuid, uuid)', 'tests.probe_may_sit(uuid, uuid)')$$,
  '22023', null, '... and one with a function of the wrong shape');
select throws_ok($$insert into private.seat_kinds (kind, product, capacity, may_sit) values ('ghost', 'probe', 'tests.probe_capacity(uuid)', 'tests.probe_capacity(uuid)')$$,
  '22023', null, '... for who may sit too');
select lives_ok($$insert into private.seat_kinds (kind, product, capacity, may_sit) values ('probe_room', 'probe', 'tests.probe_capacity(uuid)', 'tests.probe_may_sit(uuid, uuid)')$$,
  'a product registers a seat kind with its capacity and who may sit');
select tests.authenticate_as(:'alice');
select throws_ok(format($$select public.join_seat('lounge_rooom', %L)$$, :'room_a'), 'PA001', 'unknown seat kind "lounge_rooom"', 'a seat of an unregistered kind is refused');
select throws_ok(format($$select private.has_open_seat('probe_room', %L, %L)$$, :'room_a', :'alice'), '42501', null,
  'a client cannot ask whether any user sits somewhere');
select throws_ok(format($$select private.take_seat('probe_room', %L, %L, 1000)$$, :'room_a', :'alice'), '42501', null,
  '... nor take a seat past the product''s checks (private.take_seat)');
reset role;
select throws_ok(format($$select private.has_open_seat('lounge_rooom', %L, %L)$$, :'room_a', :'alice'), 'PA001', null, '... and the core asking about an unknown kind is refused');
select tests.authenticate_as(:'alice');
select throws_ok($$select * from private.seat_kinds$$, '42501', null, 'clients do not read the registry');

-- Joining ---------------------------------------------------------------------------------------------------------
select public.join_seat('probe_room', :'room_a') as alice_a \gset
select ok((select left_at is null and user_id = :'alice' and place_id = :'room_a' from public.seats where id = (:'alice_a'::public.seats).id),
  'an active user takes a seat');
select is((public.join_seat('probe_room', :'room_a')).id, (:'alice_a'::public.seats).id, 'joining the place again keeps the same seat');
select throws_ok($$select public.join_seat('probe_room', gen_random_uuid())$$, 'PA001', null, 'a place the product does not know is refused');
select throws_ok($$select public.join_seat('probe_room', null)$$, '22023', null, 'a place is required');
select tests.authenticate_as(:'bob');
select public.join_seat('probe_room', :'room_a') as bob_a \gset
select tests.authenticate_as(:'carol');
select throws_ok(format($$select public.join_seat('probe_room', %L)$$, :'room_a'), 'PA004', 'this place is full (2 seats)', 'a full place takes nobody else');
select tests.authenticate_as(:'banned');
select throws_ok(format($$select public.join_seat('probe_room', %L)$$, :'room_b'), '42501', null, 'the product''s rule keeps out whom it refuses');
reset role;
update public.profiles set status = 'suspended' where id = :'dave';
select tests.authenticate_as(:'dave');
select throws_ok(format($$select public.join_seat('probe_room', %L)$$, :'room_b'), '42501', null, 'a suspended user takes no seat');
select tests.clear_authentication();
select throws_ok(format($$select public.join_seat('probe_room', %L)$$, :'room_b'), '42501', null, 'anon takes no seat');

-- One open seat per user per kind: sitting elsewhere moves alice, and frees her place in room A.
select tests.authenticate_as(:'alice');
select public.join_seat('probe_room', :'room_b') as alice_b \gset
select is((select closed_reason from public.seats where id = (:'alice_a'::public.seats).id), 'moved', 'sitting in another place of the kind closes the first seat');
select is((select count(*) from public.seats where user_id = :'alice' and left_at is null)::int, 1, '... so the user has one open seat of the kind');
select tests.authenticate_as(:'carol');
select public.join_seat('probe_room', :'room_a') as carol_a \gset
select ok((:'carol_a'::public.seats).left_at is null, '... and the freed place can be taken');
reset role;
update public.profiles set status = 'active' where id = :'dave';
select tests.authenticate_as(:'dave');
select public.join_seat('probe_room', :'room_c') as dave_c \gset
select tests.authenticate_as(:'bob');
select throws_ok(format($$select public.join_seat('probe_room', %L)$$, :'room_c'), 'PA004', null, 'a move to a full place is refused');
select ok((select left_at is null from public.seats where id = (:'bob_a'::public.seats).id), '... and the user keeps the seat they had');

-- Who reads seats ------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'bob');
select is(array(select user_id::text from public.seats where place_id = :'room_a' order by user_id::text),
  array(select u from unnest(array[:'bob', :'carol']) u order by u), 'those sitting in a place read its open seats');
select is((select count(*) from public.seats where id = (:'alice_a'::public.seats).id)::int, 0, '... not the seats that were there before');
select is((select count(*) from public.seats where place_id in (:'room_b', :'room_c'))::int, 0, '... nor the seats of places they are not in');
select tests.authenticate_as(:'alice');
select is((select count(*) from public.seats where user_id = :'alice')::int, 2, 'a user reads their own seats, closed ones too');
select tests.authenticate_as(:'banned');
select is((select count(*) from public.seats)::int, 0, 'someone sitting nowhere reads no seat');
select tests.authenticate_as(:'moderator');
select ok((select count(*) from public.seats where kind = 'probe_room') = 5, 'moderators read every seat');
select tests.clear_authentication();
select throws_ok($$select * from public.seats$$, '42501', null, 'anon reads no seat');
select tests.authenticate_as(:'alice');
select throws_ok(format($$insert into public.seats (kind, place_id, user_id) values ('probe_room', %L, %L)$$, :'room_a', :'alice'), '42501', null,
  'nobody writes seats directly (that would get past the capacity)');
select throws_ok(format($$update public.seats set last_seen_at = now() + interval '1 day' where id = %L$$, (:'alice_b'::public.seats).id), '42501', null,
  '... nor updates');
select throws_ok(format($$delete from public.seats where id = %L$$, (:'alice_b'::public.seats).id), '42501', null, '... nor deletes');

-- Heartbeat ------------------------------------------------------------------------------------------------------
reset role;
update public.seats set joined_at = now() - interval '80 seconds', last_seen_at = now() - interval '60 seconds' where id = (:'alice_b'::public.seats).id;
select tests.authenticate_as(:'alice');
select is((public.heartbeat_seat((:'alice_b'::public.seats).id)).last_seen_at, now(), 'a heartbeat keeps the seat open: seen now');
select throws_ok(format($$select public.heartbeat_seat(%L)$$, (:'alice_a'::public.seats).id), 'PA115', null, 'a closed seat is not revived by a heartbeat: join again');
select throws_ok(format($$select public.heartbeat_seat(%L)$$, (:'carol_a'::public.seats).id), 'PA001', null, 'nobody beats for someone else''s seat');
reset role;
update public.seats set joined_at = now() - interval '100 seconds', last_seen_at = now() - interval '100 seconds' where id = (:'carol_a'::public.seats).id;
select tests.authenticate_as(:'carol');
select throws_ok(format($$select public.heartbeat_seat(%L)$$, (:'carol_a'::public.seats).id), 'PA115', null, 'a seat unseen for 90 s is gone before the sweeper runs');
select tests.authenticate_as(:'bob');
select is(array(select user_id from public.seats where place_id = :'room_a'), array[:'bob'::uuid], '... others no longer see it');

-- Leaving ---------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
select throws_ok(format($$select public.leave_seat(%L)$$, (:'bob_a'::public.seats).id), 'PA001', null, 'nobody leaves someone else''s seat');
select is((public.leave_seat((:'alice_b'::public.seats).id)).closed_reason, 'left', 'a user leaves their seat');
select is((public.leave_seat((:'alice_a'::public.seats).id)).closed_reason, 'moved', 'leaving a closed seat changes nothing');

-- The sweeper -----------------------------------------------------------------------------------------------------
reset role;
update public.seats set joined_at = now() - interval '70 seconds', last_seen_at = now() - interval '70 seconds' where id = (:'bob_a'::public.seats).id;
select is(private.sweep_seats(), 1, 'the sweeper closes the seats unseen for 90 s, and only those');
select is((select closed_reason || ' at ' || (left_at = now() - interval '100 seconds') from public.seats where id = (:'carol_a'::public.seats).id),
  'swept at true', '... as swept, when last seen');
select ok((select left_at is null from public.seats where id = (:'bob_a'::public.seats).id), '... a seat seen 70 s ago stays open');
select is((select schedule from cron.job where jobname = 'sweep-unseen-seats'), '* * * * *', 'pg_cron runs the sweeper every minute');
-- A join sweeps the place it joins: room C's only seat, unseen, frees its place at once.
update public.seats set joined_at = now() - interval '95 seconds', last_seen_at = now() - interval '95 seconds' where id = (:'dave_c'::public.seats).id;
select tests.authenticate_as(:'carol');
select lives_ok(format($$select public.join_seat('probe_room', %L)$$, :'room_c'), 'joining a place closes its seats unseen for 90 s first');
reset role;
select is((select closed_reason from public.seats where id = (:'dave_c'::public.seats).id), 'swept', '... as swept');
-- A place with room leaves others' unseen seats to the sweeper (they count as gone already); a user's
-- own unseen seat is swept when they join again, not revived.
insert into tests.probe_places (capacity) values (3) returning id as room_d \gset
select tests.create_user('frank@example.com') as frank \gset
select tests.create_user('gina@example.com') as gina \gset
select tests.authenticate_as(:'frank');
select public.join_seat('probe_room', :'room_d') as frank_d \gset
reset role;
update public.seats set joined_at = now() - interval '95 seconds', last_seen_at = now() - interval '95 seconds' where id = (:'frank_d'::public.seats).id;
select tests.authenticate_as(:'gina');
select from public.join_seat('probe_room', :'room_d');
reset role;
select ok((select left_at is null from public.seats where id = (:'frank_d'::public.seats).id), 'joining a place with room leaves others'' unseen seats to the sweeper');
select tests.authenticate_as(:'frank');
select public.join_seat('probe_room', :'room_d') as frank_d2 \gset
reset role;
select is((select closed_reason from public.seats where id = (:'frank_d'::public.seats).id), 'swept', 'a user''s own unseen seat is swept when they join again');
select ok((:'frank_d2'::public.seats).id <> (:'frank_d'::public.seats).id and (:'frank_d2'::public.seats).joined_at = now(), '... and a new seat taken, not the old one revived');

-- "Has an open seat" as a subject's topic predicate -----------------------------------------------------------------
reset role;
-- The product's wrapper, registered as its subject's topic predicate.
create function tests.probe_room_topic_allowed(p_room_id uuid, p_user_id uuid) returns boolean language sql stable as $$
  select private.has_open_seat('probe_room', p_room_id, p_user_id)
$$;
create function tests.probe_room_role(p_room_id uuid, p_channel_type text, p_user_id uuid) returns text language sql stable as $$
  select case when private.has_open_seat('probe_room', p_room_id, p_user_id) then 'member' end
$$;
insert into private.conversation_subjects (subject_type, product, topic_prefix, opener, participant_role, topic_predicate)
values ('probe_room', 'probe', 'probe_room', 'tests.probe_room_topic_allowed(uuid, uuid)', 'tests.probe_room_role(uuid, text, uuid)',
        'tests.probe_room_topic_allowed(uuid, uuid)');
select tests.seed_topic('probe_room:' || :'room_a');

select tests.authenticate_as(:'bob');
select ok(tests.topic_visible('probe_room:' || :'room_a') and tests.topic_send('probe_room:' || :'room_a'), 'someone sitting in the room joins and tracks presence on its topic');
select tests.authenticate_as(:'banned');
select ok(not tests.topic_visible('probe_room:' || :'room_a'), 'someone not sitting there does not join the topic');
select ok(not tests.topic_send('probe_room:' || :'room_a'), '... nor tracks presence on it');
select tests.authenticate_as(:'carol');
select ok(not tests.topic_visible('probe_room:' || :'room_a'), '... nor someone sitting in another place of the kind');
select tests.authenticate_as(:'alice');
select public.join_seat('probe_room', :'room_a') as alice_a2 \gset
select ok(tests.topic_visible('probe_room:' || :'room_a'), 'a user who takes a seat joins the topic at once');
select from public.leave_seat((:'alice_a2'::public.seats).id);
select ok(not tests.topic_visible('probe_room:' || :'room_a') and not tests.topic_send('probe_room:' || :'room_a'), 'a user who leaves loses the topic at once');
reset role;
update public.seats set joined_at = now() - interval '91 seconds', last_seen_at = now() - interval '91 seconds' where id = (:'bob_a'::public.seats).id;
select tests.authenticate_as(:'bob');
select ok(not tests.topic_visible('probe_room:' || :'room_a'), 'a user unseen for 90 s loses the topic before the sweeper runs');
reset role;
select from private.sweep_seats();
select tests.authenticate_as(:'bob');
select ok(not tests.topic_visible('probe_room:' || :'room_a') and (select closed_reason from public.seats where id = (:'bob_a'::public.seats).id) = 'swept',
  '... and once swept');
-- The product sends someone out.
select tests.authenticate_as(:'dave');
select public.join_seat('probe_room', :'room_a') as dave_a \gset
select ok(tests.topic_visible('probe_room:' || :'room_a'), 'dave sits in room A and joins its topic');
reset role;
select is(private.close_seats('probe_room', :'room_a', :'dave'), 1, 'the product closes one user''s seat in a place');
select tests.authenticate_as(:'dave');
select ok(not tests.topic_visible('probe_room:' || :'room_a'), '... who loses the topic at once');
select is((select closed_reason from public.seats where id = (:'dave_a'::public.seats).id), 'removed', '... the seat closed as removed');
reset role;
select throws_ok($$select private.close_seats('lounge_rooom', gen_random_uuid())$$, 'PA001', null, 'closing seats of an unknown kind is an error');
select tests.authenticate_as(:'dave');
select throws_ok(format($$select private.close_seats('probe_room', %L)$$, :'room_c'), '42501', null, 'clients cannot close seats');

-- The on_close hook: a trigger made for the kind at registration, remade and dropped with it.
reset role;
create table tests.probe_closed_seats (seat_id uuid, reason text);
create function tests.probe_closed(p_seat_id uuid) returns void language sql as $$
  insert into tests.probe_closed_seats select id, closed_reason from public.seats where id = p_seat_id
$$;
select tests.create_user('erin@example.com') as erin \gset
update private.seat_kinds set on_close = 'tests.probe_closed(uuid)' where kind = 'probe_room';
select ok(exists (select 1 from pg_trigger where tgrelid = 'public.seats'::regclass and tgname = 'seat_closed_probe_room'),
  'registering an on_close hook makes the kind''s trigger on the seats');
select tests.authenticate_as(:'erin');
select public.join_seat('probe_room', :'room_b') as erin_b \gset
select from public.leave_seat((:'erin_b'::public.seats).id);
select public.join_seat('probe_room', :'room_b') as erin_b2 \gset
reset role;
select private.close_seats('probe_room', :'room_b', :'erin');
select results_eq($$select seat_id, reason from tests.probe_closed_seats order by reason$$,
  format($$values (%L::uuid, 'left'), (%L::uuid, 'removed')$$, (:'erin_b'::public.seats).id, (:'erin_b2'::public.seats).id),
  '... which calls the hook once for each seat of the kind that closes, however it closes');
select from public.leave_seat((:'erin_b'::public.seats).id);
select is((select count(*)::int from tests.probe_closed_seats), 2, '... and not for a seat already closed');
update private.seat_kinds set on_close = null where kind = 'probe_room';
select ok(not exists (select 1 from pg_trigger where tgrelid = 'public.seats'::regclass and tgname = 'seat_closed_probe_room')
          and to_regproc('private.seat_closed_probe_room') is null, 'a kind whose hook is taken away loses its trigger and function');
select tests.authenticate_as(:'erin');
select public.join_seat('probe_room', :'room_b') as erin_b3 \gset
select from public.leave_seat((:'erin_b3'::public.seats).id);
reset role;
select is((select count(*)::int from tests.probe_closed_seats), 2, '... and closing its seats calls nothing');
reset role;
select throws_ok($$select private.seat_closed_lounge_room()$$, '0A000', null, 'the generated hook triggers are triggers, not functions to call');
select tests.authenticate_as_service_role();
select throws_ok($$insert into public.seats (kind, place_id, user_id) values ('probe_rooom', gen_random_uuid(), auth.uid())$$, '42501', null,
  'the server''s role does not write seats past the RPCs either');
reset role;
select throws_ok(format($$insert into public.seats (kind, place_id, user_id) values ('probe_rooom', %L, %L)$$, :'room_a', :'erin'), '23503',
  'unknown seat kind "probe_rooom"', 'a seat names a registered kind (checked by trigger, not by a foreign key that locks the kind''s row)');
select throws_ok(format($$update public.seats set kind = 'probe_rooom' where id = %L$$, (:'erin_b3'::public.seats).id), '23503', null,
  '... on update too');
select throws_ok($$delete from private.seat_kinds where kind = 'probe_room'$$, '23503', 'seat kind "probe_room" has seats',
  'a kind with seats stays registered');
select throws_ok($$update private.seat_kinds set kind = 'probe_hall' where kind = 'probe_room'$$, '23503', null, '... and keeps its name');

select * from finish();
rollback;
