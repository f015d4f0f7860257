-- Conversation subjects: the registry (registration, refusal of the unregistered, the product's
-- predicate deciding topic access), and the attacks it closes: a stranger binding a conversation to
-- someone else's campaign or room, a removed member keeping the campaign's channels and topic, a
-- demoted GM keeping gm_only. Realtime is acted as it acts: role, claims and realtime.topic set,
-- then a select (join) or an insert (send) on realtime.messages.
begin;
select plan(43);

select tests.create_user('gm@example.com') as gm \gset
select tests.create_user('player@example.com') as player \gset
select tests.create_user('cogm@example.com') as cogm \gset
select tests.create_user('stranger@example.com') as stranger \gset


-- The registry --------------------------------------------------------------------------------------------------
select is((select product from private.conversation_subjects where subject_type = 'campaign'), 'tabletop', 'tabletop registers the campaign subject');
select throws_ok($$insert into private.conversation_subjects (subject_type, product, topic_prefix, opener, participant_role, topic_predicate)
                   values ('ghost', 'probe', 'ghost', 'public.create_conversation(text, uuid[], text, integer, boolean)', 'tests.nothing(uuid, text, uuid)', 'tests.nothing(uuid, uuid)')$$,
  '42883', null, 'a registration naming a missing function is refused');
select throws_ok($$insert into private.conversation_subjects (subject_type, product, topic_prefix, opener, participant_role, topic_predicate)
                   values ('ghost', 'probe', 'ghost', 'public.create_conversation(text, uuid[], text, integer, boolean)',
                           'private.tabletop_campaign_topic_allowed(uuid, uuid)', 'private.tabletop_campaign_topic_allowed(uuid, uuid)')$$,
  '22023', null, 'a registration with a function of the wrong shape is refused');
select throws_ok($$select private.open_subject_channel('no_such_subject', gen_random_uuid(), 'main', 'x', null, '{}')$$, 'PA001', null,
  'a channel about an unregistered subject is refused');
select throws_ok($$insert into public.conversations (kind, subject_type, subject_id) values ('channel', 'no_such_subject', gen_random_uuid())$$, '23503', null,
  '... even written directly, by the database itself');

-- A probe product: its predicate alone decides who uses probe:<id>.
create table tests.probe_members (subject_id uuid, user_id uuid);
create function tests.probe_role(p_subject_id uuid, p_channel_type text, p_user_id uuid) returns text language sql as $$
  select 'member' from tests.probe_members where subject_id = p_subject_id and user_id = p_user_id
$$;
create function tests.probe_allowed(p_subject_id uuid, p_user_id uuid) returns boolean language sql as $$
  select exists (select 1 from tests.probe_members where subject_id = p_subject_id and user_id = p_user_id)
$$;
insert into private.conversation_subjects (subject_type, product, topic_prefix, opener, participant_role, topic_predicate)
values ('probe', 'probe', 'probe', 'tests.probe_allowed(uuid, uuid)', 'tests.probe_role(uuid, text, uuid)', 'tests.probe_allowed(uuid, uuid)');
select gen_random_uuid() as probe \gset
insert into tests.probe_members values (:'probe', :'player');
select tests.seed_topic('probe:' || :'probe');
select private.open_subject_channel('probe', :'probe', 'main', 'Probe', :'player', array[:'player', :'stranger']::uuid[]) as probe_channel \gset
select is(array(select user_id from public.conversation_participants where conversation_id = :'probe_channel'), array[:'player'::uuid],
  'opening a channel lets in only those the product''s rule allows');
select tests.authenticate_as(:'player');
select ok(tests.topic_visible('probe:' || :'probe'), 'the product''s predicate lets its member join probe:<id>');
select tests.authenticate_as(:'stranger');
select ok(not tests.topic_visible('probe:' || :'probe'), '... and keeps everyone else out');
select ok(not tests.topic_send('probe:' || :'probe'), '... of sending too');
reset role;
insert into tests.probe_members values (:'probe', :'stranger');
select private.sync_subject_participant('probe', :'probe', :'stranger');
select tests.authenticate_as(:'stranger');
select ok(tests.topic_visible('probe:' || :'probe') and exists (select 1 from public.conversations where id = :'probe_channel'),
  'when the product admits someone and syncs, they join the topic and the channel');
reset role;
select tests.seed_topic('room:' || :'probe');
select tests.authenticate_as(:'player');
select ok(not tests.topic_visible('room:' || :'probe') and not tests.topic_send('room:' || :'probe'), 'a topic prefix nobody registered is nobody''s');
select ok(not tests.topic_visible('probe:not-a-uuid'), 'a malformed topic is nobody''s');

-- The tabletop campaign: channels and topic follow the group ------------------------------------------------------
select tests.authenticate_as(:'gm');
select (public.create_group('Wyrm Table', 'wyrm-table')).id as grp \gset
select public.get_group_invite_code(:'grp') as code \gset
insert into tabletop.campaigns (group_id, name) values (:'grp', 'Curse of the Wyrm') returning id as campaign \gset
select tests.authenticate_as(:'player');
select public.join_group_by_code(:'code');
select tests.authenticate_as(:'cogm');
select public.join_group_by_code(:'code');
select tests.authenticate_as(:'gm');
select public.change_group_member_role(:'grp', :'cogm', 'gm');
select tabletop.open_campaign_channel(:'campaign', 'ooc') as ooc \gset
select tabletop.open_campaign_channel(:'campaign', 'gm_only') as gm_only \gset
select throws_ok(format($$select tabletop.open_campaign_channel(%L, 'lounge')$$, :'campaign'), '22023', null, 'a campaign channel has one of the campaign''s types');
reset role;
select tests.seed_topic('campaign:' || :'campaign');
select tests.seed_topic('room:' || :'grp');

select is((select array_agg(user_id::text || ':' || role order by user_id::text) from public.conversation_participants where conversation_id = :'gm_only'),
  (select array_agg(u || ':gm' order by u) from unnest(array[:'gm', :'cogm']) u), 'the GM-only channel has the owner and the GMs, as gm');
select is((select count(*) from public.conversation_participants where conversation_id = :'ooc')::int, 3, 'the open channel has every member');

-- A stranger
select tests.authenticate_as(:'stranger');
select throws_ok(format($$select tabletop.open_campaign_channel(%L, 'ooc')$$, :'campaign'), '42501', null, 'a stranger opens no channel of the campaign');
select throws_ok(format($$select public.create_conversation('channel', array[%L]::uuid[], 'fake')$$, :'player'), '22023', null,
  'nor a channel through the core''s create_conversation');
select throws_ok(format($$select public.create_conversation(p_kind => 'group', p_participant_ids => array[%L]::uuid[], p_subject_type => 'campaign', p_subject_id => %L)$$,
                        :'player', :'campaign'), '42883', null,
  '... which takes no subject at all');
select throws_ok(format($$insert into public.conversations (kind, subject_type, subject_id) values ('channel', 'campaign', %L)$$, :'campaign'), '42501', null,
  '... nor by writing the table');
select ok(not tests.topic_visible('campaign:' || :'campaign'), 'a stranger does not join the campaign''s topic');
select ok(not tests.topic_send('campaign:' || :'campaign'), '... nor send on it');
select ok(not tests.topic_visible('room:' || :'grp') and not tests.topic_send('room:' || :'grp'), '... nor a room topic of the same id');
select is((select count(*) from public.messages where conversation_id in (:'ooc', :'gm_only'))::int, 0, 'a stranger reads nothing of the channels');
select public.create_conversation('group', array[:'player']::uuid[], 'Not a channel') as lure \gset

-- A player
select tests.authenticate_as(:'player');
select ok(tests.topic_visible('campaign:' || :'campaign') and tests.topic_send('campaign:' || :'campaign'), 'a player joins and sends on the campaign topic');
select lives_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'hello table')$$, :'ooc'), 'a player writes in the open channel');
select is((select count(*) from public.conversations where id = :'gm_only')::int, 0, 'a player does not see the GM-only channel');
select throws_ok(format($$select public.leave_conversation(%L)$$, :'ooc'), '22023', null, 'a channel is left by leaving its subject, not on its own');

-- Removed
select tests.authenticate_as(:'gm');
select public.remove_group_member(:'grp', :'player');
select tests.authenticate_as(:'player');
select is((select count(*) from public.conversations where id in (:'ooc', :'gm_only'))::int, 0, 'a removed player loses the campaign''s channels at once');
select is((select count(*) from public.messages where conversation_id = :'ooc')::int, 0, '... and their messages');
select throws_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'still here?')$$, :'ooc'), '42501', null, '... and cannot write');
select ok(not tests.topic_visible('campaign:' || :'campaign'), '... nor join the campaign topic');
select ok(not tests.topic_send('campaign:' || :'campaign'), '... nor send on it');
select ok(not tests.topic_visible('conversation:' || :'ooc'), '... nor the channel''s own topic');

-- Re-admitted
select public.join_group_by_code(:'code');
select is((select role from public.conversation_participants where conversation_id = :'ooc' and user_id = :'player'), 'member', 're-admitted, the player is back in the open channel');
select ok(tests.topic_visible('campaign:' || :'campaign'), '... and on the topic');
select is((select count(*) from public.conversation_participants where conversation_id = :'gm_only' and user_id = :'player')::int, 0, '... not in the GM-only one');
select ok(not exists (select 1 from public.conversation_participants where conversation_id = :'lure' and user_id = :'cogm'),
  'joining a group never adds anyone to a conversation a stranger made');

-- Demoted
select tests.authenticate_as(:'gm');
select public.change_group_member_role(:'grp', :'cogm', 'player');
select tests.authenticate_as(:'cogm');
select is((select count(*) from public.conversations where id = :'gm_only')::int, 0, 'a GM demoted to player loses the GM-only channel');
select is((select role from public.conversation_participants where conversation_id = :'ooc' and user_id = :'cogm'), 'member', '... keeps the open one, as a member');
select ok(tests.topic_visible('campaign:' || :'campaign'), '... and the campaign topic');
select tests.authenticate_as(:'gm');
select public.change_group_member_role(:'grp', :'cogm', 'gm');
select is((select role from public.conversation_participants where conversation_id = :'gm_only' and user_id = :'cogm'), 'gm', 'promoted again, they are back in the GM-only channel');

-- The subject goes (deleted, then purged), its channels go
select tabletop.delete_content('campaign', :'campaign');
reset role;
select is((select count(*) from public.conversation_participants where conversation_id in (:'ooc', :'gm_only'))::int, 0,
  'deleting a campaign archives its channels: nobody takes part any more');
update tabletop.campaigns set deleted_at = now() - interval '31 days' where id = :'campaign';
select private.tabletop_purge_deleted();
select is((select count(*) from public.conversations where id in (:'ooc', :'gm_only'))::int, 0, '... and purging it closes them');

select * from finish();
rollback;
