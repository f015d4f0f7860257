-- Calls: started and ended by a conversation's participants through RPCs, one active call per
-- conversation, read by participants only (and no longer once they leave), refused to strangers,
-- suspended users, anon and blocked users. The credentials for the media are the rtc-credentials
-- function's (tests/functions/rtc-credentials.test.ts).
begin;
select plan(26);

select tests.create_user('alice@example.com') as alice \gset
select tests.create_user('bob@example.com') as bob \gset
select tests.create_user('carol@example.com') as carol \gset
select tests.create_user('dave@example.com') as dave \gset

select tests.authenticate_as(:'alice');
select public.start_direct_conversation(:'bob') as direct \gset
select public.create_conversation('group', array[:'bob', :'dave']::uuid[], 'Call group') as grp \gset

-- Starting --------------------------------------------------------------------------------------------------------
select public.start_call(:'direct') as call \gset
select is((:'call'::public.calls).status || ' by ' || ((:'call'::public.calls).started_by = :'alice'), 'active by true', 'a participant starts a call');
select tests.authenticate_as(:'bob');
select is((public.start_call(:'direct')).id, (:'call'::public.calls).id, 'the other side starting too gets the call already on');
select is((select count(*) from public.calls where id = (:'call'::public.calls).id)::int, 1, 'participants read the call');
select tests.authenticate_as(:'carol');
select throws_ok(format($$select public.start_call(%L)$$, :'direct'), '42501', null, 'a stranger starts no call in the conversation');
select is((select count(*) from public.calls where conversation_id = :'direct')::int, 0, '... and reads none of its calls');
select throws_ok(format($$select public.end_call(%L)$$, (:'call'::public.calls).id), '42501', null, '... nor ends one');
select throws_ok($$select public.end_call(gen_random_uuid())$$, 'PA001', null, 'ending a call that does not exist is refused');
select tests.clear_authentication();
select throws_ok($$select * from public.calls$$, '42501', null, 'anon reads no call');
select throws_ok(format($$select public.start_call(%L)$$, :'direct'), '42501', null, 'anon starts no call');

-- Nobody writes calls directly ---------------------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
select throws_ok(format($$insert into public.calls (conversation_id, started_by) values (%L, %L)$$, :'grp', :'alice'), '42501', null,
  'participants do not insert calls directly');
select throws_ok(format($$update public.calls set status = 'ended', ended_at = now() where id = %L$$, (:'call'::public.calls).id), '42501', null,
  '... nor update them');
select throws_ok(format($$delete from public.calls where id = %L$$, (:'call'::public.calls).id), '42501', null, '... nor delete them');

-- Suspended users ----------------------------------------------------------------------------------------------------
reset role;
update public.profiles set status = 'suspended' where id = :'dave';
select tests.authenticate_as(:'dave');
select throws_ok(format($$select public.start_call(%L)$$, :'grp'), '42501', null, 'a suspended participant starts no call');
select tests.authenticate_as(:'alice');
select public.start_call(:'grp') as group_call \gset
select tests.authenticate_as(:'dave');
select throws_ok(format($$select public.end_call(%L)$$, (:'group_call'::public.calls).id), '42501', null, '... nor ends one');
select is((select count(*) from public.calls where id = (:'group_call'::public.calls).id)::int, 1, '... and still reads the calls of their conversations');

-- Ending -------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'bob');
select public.end_call((:'call'::public.calls).id) as ended \gset
select is((:'ended'::public.calls).status || ' by ' || ((:'ended'::public.calls).ended_by = :'bob') || ' at ' || ((:'ended'::public.calls).ended_at = now()),
  'ended by true at true', 'a participant ends the call');
select tests.authenticate_as(:'alice');
select ok((public.end_call((:'call'::public.calls).id)).ended_by = :'bob', 'ending it again changes nothing');
select isnt((public.start_call(:'direct')).id, (:'call'::public.calls).id, 'once ended, starting a call makes a new one');
select is((select count(*) from public.calls where conversation_id = :'direct' and status = 'active')::int, 1, '... one active call at a time');
reset role;
select throws_ok(format($$insert into public.calls (conversation_id) values (%L)$$, :'direct'), '23505', null, '... even for the server');
select throws_ok(format($$update public.calls set status = 'ended' where conversation_id = %L$$, :'direct'), '23514', null,
  'an ended call has an end time');

-- Leaving the conversation, blocks ------------------------------------------------------------------------------------
select tests.authenticate_as(:'bob');
select from public.leave_conversation(:'grp');
select is((select count(*) from public.calls where conversation_id = :'grp')::int, 0, 'someone who left the conversation no longer reads its calls');
select throws_ok(format($$select public.end_call(%L)$$, (:'group_call'::public.calls).id), '42501', null, '... nor ends them');
insert into public.blocks (blocker_id, blocked_id) values (:'bob', :'alice');
select tests.authenticate_as(:'alice');
select throws_ok(format($$select public.start_call(%L)$$, :'direct'), '42501', 'you cannot call this user', 'a blocked user cannot call in a direct conversation');
select tests.authenticate_as(:'bob');
select throws_ok(format($$select public.start_call(%L)$$, :'direct'), '42501', 'you cannot call this user', '... nor can the one who blocked');

reset role;
select ok(exists (select 1 from pg_publication_tables where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = 'calls'),
  'calls reach participants through Realtime (postgres_changes under RLS)');

select * from finish();
rollback;
