-- Messaging: who reads and writes conversations and messages, whispers, edits, blocks, the rate
-- limit, unread counts and the conversation list, notifications, retention, Realtime topics and
-- storage, from both sides.
begin;
select plan(78);

select tests.create_user('ann@example.com', '{"display_name": "Ann"}') as ann \gset
select tests.create_user('ben@example.com', '{"display_name": "Ben"}') as ben \gset
select tests.create_user('cat@example.com', '{"display_name": "Cat"}') as cat \gset
select tests.create_user('mod@example.com') as moderator \gset
insert into public.user_staff_roles (user_id, role) values (:'moderator', 'moderator');

-- Conversations -------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'ann');
select public.start_direct_conversation(:'ben') as dm \gset
select is(public.start_direct_conversation(:'ben'), :'dm'::uuid, 'a pair has one direct conversation');
select public.create_conversation('group', array[:'ben', :'cat']::uuid[], 'Table talk') as grp \gset
select throws_ok(format($$select public.start_direct_conversation(%L)$$, :'ann'), '22023', null, 'not with oneself');
select throws_ok($$insert into public.conversations (kind) values ('group')$$, '42501', null, 'conversations are made through the RPCs');
select throws_ok(format($$insert into public.conversation_participants (conversation_id, user_id) values (%L, %L)$$, :'dm', :'cat'), '42501', null,
  'nobody adds participants directly');

insert into public.messages (conversation_id, content) values (:'dm', 'hi Ben');
select lives_ok(format($$insert into public.messages (conversation_id, content, type, roll_data) values (%L, '2d6: 7', 'roll', '{"dice": "2d6", "total": 7}')$$, :'grp'),
  'a participant sends a dice roll');
select is((select author_id from public.messages where content = 'hi Ben'), :'ann'::uuid, 'the author is the caller, whatever the client says');
select throws_ok(format($$insert into public.messages (conversation_id, content, author_id) values (%L, 'forged', %L)$$, :'dm', :'ben'), '42501', null,
  'the author cannot be chosen');
select throws_ok(format($$insert into public.messages (conversation_id, content, type) values (%L, 'Ann is now an admin', 'system')$$, :'dm'), '42501', null,
  'clients write no system messages');
select throws_ok(format($$insert into public.messages (conversation_id, content, type, roll_data) values (%L, 'big', 'roll', jsonb_build_object('x', repeat('a', 5000)))$$, :'grp'),
  '23514', null, 'roll data is bounded');
select throws_ok(format($$insert into public.messages (conversation_id, content, attachments) values (%L, 'files', (select jsonb_agg(i) from generate_series(1, 11) i))$$, :'grp'),
  '23514', null, 'attachments are bounded');
select lives_ok(format($$insert into public.messages (conversation_id, content, whisper_to) values (%L, 'psst Ben', array[%L]::uuid[])$$, :'grp', :'ben'),
  'a whisper to one participant');
select throws_ok(format($$insert into public.messages (conversation_id, content, whisper_to) values (%L, 'psst', array[%L]::uuid[])$$, :'dm', :'cat'), '22023', null,
  'whispers go only to participants');

-- Reading -----------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'ben');
select is((select count(*) from public.messages where conversation_id = :'grp')::int, 2, 'a whisper''s recipient reads it');
select is((select unread_count from public.conversation_participants where conversation_id = :'dm' and user_id = :'ben'), 1, 'the recipient has one unread');
select is((select count(*) from public.notifications where type = 'message')::int, 3, 'and notifications for each message they may read');
select tests.authenticate_as(:'cat');
select is((select count(*) from public.messages where conversation_id = :'grp')::int, 1, 'another participant does not read the whisper');
select is((select unread_count from public.conversation_participants where conversation_id = :'grp' and user_id = :'cat'), 1, '... nor counts it unread');
select is((select count(*) from public.messages where conversation_id = :'dm')::int, 0, 'a non-participant reads nothing of a conversation');
select is((select count(*) from public.conversations where id = :'dm')::int, 0, '... not even that it exists');
select throws_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'let me in')$$, :'dm'), '42501', null, '... and cannot write to it');
select tests.clear_authentication();
select throws_ok($$select * from public.messages$$, '42501', null, 'anon reads no messages');
select throws_ok($$select * from public.conversations$$, '42501', null, 'anon reads no conversations');
select tests.authenticate_as(:'moderator');
select is((select count(*) from public.messages where conversation_id = :'grp')::int, 0, 'a moderator reads no conversation that was not reported');
select tests.authenticate_as_service_role();
select is((select count(*) from public.messages where conversation_id in (:'dm', :'grp'))::int, 3, 'service_role reads all');

-- Read state and the conversation list ------------------------------------------------------------------------------
select tests.authenticate_as(:'ben');
select is((select unread_count from public.my_conversations() where conversation_id = :'dm'), 1, 'the list shows the unread count');
select is((select participants -> 0 ->> 'display_name' from public.my_conversations() where conversation_id = :'dm'), 'Ann', '... and the others in it');
select is((select last_message_preview from public.my_conversations() where conversation_id = :'dm'), 'hi Ben', '... and the latest message');
select is((select last_message_preview from public.my_conversations() where conversation_id = :'grp'), null, 'a whisper is not previewed');
select is((select last_activity_at from public.conversation_participants where conversation_id = :'dm' and user_id = :'ann'),
  (select created_at from public.messages where conversation_id = :'dm' order by id desc limit 1),
  'a message moves the conversation up in every participant''s list, the author''s too');
reset role;
update public.conversation_participants set last_activity_at = '2026-01-02' where conversation_id = :'dm' and user_id = :'ben';
update public.conversation_participants set last_activity_at = '2026-01-01' where conversation_id = :'grp' and user_id = :'ben';
select tests.authenticate_as(:'ben');
select results_eq(format($$select conversation_id from public.my_conversations() where conversation_id in (%L, %L)$$, :'dm', :'grp'),
  format($$values (%L::uuid), (%L::uuid)$$, :'dm', :'grp'), 'the list is newest activity first');
select results_eq(format($$select conversation_id from public.my_conversations(30, '2026-01-02') where conversation_id in (%L, %L)$$, :'dm', :'grp'),
  format($$values (%L::uuid)$$, :'grp'), '... and the next page starts before the last row''s last_activity_at');
select public.mark_conversation_read(:'dm');
select is((select unread_count from public.conversation_participants where conversation_id = :'dm' and user_id = :'ben'), 0, 'reading clears the count');
select is((select count(*) from public.message_receipts where user_id = :'ben' and read_at is not null)::int, 1, 'and leaves a read receipt');
select tests.authenticate_as(:'ann');
select is((select count(*) from public.message_receipts)::int, 1, 'the author sees the receipt of their message');

-- Edits and deletion ------------------------------------------------------------------------------------------------------
select lives_ok($$update public.messages set content = 'hi Ben!' where content = 'hi Ben'$$, 'the author edits within the window');
select is((select last_message_preview from public.conversations where id = :'dm'), 'hi Ben!', '... and the preview shows the edit');
select ok((select edited_at is not null from public.messages where content = 'hi Ben!'), '... and the edit is marked');
select tests.authenticate_as(:'ben');
update public.messages set content = 'hacked' where content = 'hi Ben!';
select is((select count(*) from public.messages where content = 'hacked')::int, 0, 'someone else cannot edit it');
select throws_ok($$update public.messages set author_id = auth.uid()$$, '42501', null, '... nor take authorship');
reset role;
update public.messages set created_at = now() - interval '1 hour' where content = 'hi Ben!';
select tests.authenticate_as(:'ann');
select throws_ok($$update public.messages set content = 'too late' where content = 'hi Ben!'$$, 'PA114', null, 'past the edit window, no edits');
select lives_ok($$update public.messages set deleted_at = now() where content = 'hi Ben!'$$, 'the author deletes (softly) any time');
select is((select content from public.messages where deleted_at is not null and conversation_id = :'dm'), '', 'a deleted message keeps no content');
select is((select last_message_preview from public.conversations where id = :'dm'), null, '... and the conversation list no longer previews it');
update public.messages set deleted_at = null where deleted_at is not null;
select is((select count(*) from public.messages where deleted_at is not null and conversation_id = :'dm')::int, 1, 'and stays deleted');

-- Blocking ---------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'ben');
insert into public.blocks (blocker_id, blocked_id) values (:'ben', :'ann');
select tests.authenticate_as(:'ann');
select throws_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'are you there?')$$, :'dm'), '42501', null,
  'a blocked user cannot message the user who blocked them');
select throws_ok(format($$select public.start_direct_conversation(%L)$$, :'ben'), '42501', null, '... nor start a conversation with them');
select is((select count(*) from public.blocks)::int, 0, 'and does not see the block');
select tests.authenticate_as(:'ben');
select throws_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'bye')$$, :'dm'), '42501', null,
  'the blocker does not message them either while the block stands');
select public.mark_conversation_read(:'grp');
select tests.authenticate_as(:'ann');
insert into public.messages (conversation_id, content) values (:'grp', 'ann in the group') returning id as ann_message \gset
select tests.authenticate_as(:'ben');
select is((select unread_count from public.conversation_participants where conversation_id = :'grp' and user_id = :'ben'), 0,
  'in a shared conversation, the blocked user''s message raises no unread count for the blocker');
select is((select count(*) from public.notifications where type = 'message' and payload ->> 'message_id' = :'ann_message')::int, 0,
  '... and no notification');
select is((select unread_count from public.conversation_participants where conversation_id = :'grp' and user_id = :'cat'), 2, 'others still count it');

-- Rate limit -----------------------------------------------------------------------------------------------------------------
reset role;
update private.system_configuration set config_value = '3' where config_key = 'messages.per_minute';
select tests.authenticate_as(:'cat');
insert into public.messages (conversation_id, content) select :'grp', 'spam ' || i from generate_series(1, 3) i;
select throws_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'one more')$$, :'grp'), 'PA113', null, 'sending is rate-limited per user');

-- Notifications ----------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'ann');
select (public.create_group('Chat group', 'chat-group')).id as chat_group \gset
select * from public.invite_to_group(:'chat_group', null, :'cat');
select tests.authenticate_as(:'cat');
select is((select payload ->> 'group_id' from public.notifications where type = 'invitation'), :'chat_group', 'an invitation notifies the invited user');
select tests.authenticate_as_service_role();
select private.notify(:'cat', 'test.ping', '{}') from generate_series(1, 3);
select private.notify(:'ben', 'test.ping', '{}') from generate_series(1, 5);
select tests.authenticate_as(:'cat');
select is(public.unread_notification_count(), (select count(*)::int from public.notifications where read_at is null and user_id = :'cat'),
  'the unread badge counts the caller''s own unread notifications');
select is(public.unread_notification_count(2), 2, '... up to the cap it is given');
select is(public.mark_notifications_read(), (select count(*)::int from public.notifications where read_at is null and user_id = :'cat'), 'notifications are marked read by their owner');
select is(public.unread_notification_count(), 0, '... and the badge is empty');
select is((select count(*) from public.notifications where read_at is null)::int, 0, '... all of them');
select tests.authenticate_as(:'ben');
select is((select count(*) from public.notifications where user_id = :'cat')::int, 0, 'nobody reads another''s notifications');
select is(public.unread_notification_count(), (select count(*)::int from public.notifications where read_at is null), '... nor counts them');
select cmp_ok(public.unread_notification_count(), '>=', 5, '... while their own count');

-- Leaving -----------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'cat');
select public.create_conversation('group', array[:'ben']::uuid[], 'Short-lived') as brief \gset
select tests.authenticate_as(:'ann');
select throws_ok(format($$select public.leave_conversation(%L)$$, :'brief'), '42501', null, 'one leaves only a conversation one is in');
select tests.authenticate_as(:'ben');
select public.leave_conversation(:'brief');
select is((select count(*) from public.conversations where id = :'brief')::int, 0, 'a participant leaves a group conversation and no longer reads it');
select tests.authenticate_as(:'cat');
select is((select array_agg(user_id) from public.conversation_participants where conversation_id = :'brief'), array[:'cat'::uuid], '... and the others see them gone');

-- Retention ---------------------------------------------------------------------------------------------------------------------------
reset role;
update public.conversations set retention_hours = 1 where id = :'grp';
update public.messages set created_at = now() - interval '2 hours' where conversation_id = :'grp' and content like 'spam%';
select is(private.delete_expired_messages(), 3, 'messages past their conversation''s retention are deleted');
select ok(exists (select 1 from cron.job where jobname = 'delete-expired-messages'), '... by pg_cron');

-- Realtime topics ----------------------------------------------------------------------------------------------------------------------
insert into realtime.messages (topic, extension, event, payload, private)
values ('conversation:' || :'grp', 'broadcast', 'seeded', '{}', true), ('conversation:' || :'dm', 'broadcast', 'seeded', '{}', true);
select tests.authenticate_as(:'cat');
select set_config('realtime.topic', 'conversation:' || :'grp', true);
select is((select count(*) from realtime.messages where topic = realtime.topic())::int, 1, 'a participant may join its conversation''s topic');
select lives_ok(format($$insert into realtime.messages (topic, extension, event, payload, private) values ('conversation:%s', 'broadcast', 'typing', '{}', true)$$, :'grp'),
  '... and broadcast typing without a table write of ours');
select set_config('realtime.topic', 'conversation:' || :'dm', true);
select throws_ok(format($$insert into realtime.messages (topic, extension, event, payload, private) values ('conversation:%s', 'broadcast', 'typing', '{}', true)$$, :'dm'),
  '42501', null, 'a non-participant cannot send on a conversation''s topic');
select is((select count(*) from realtime.messages where topic = 'conversation:' || :'dm')::int, 0, '... nor receive from it');
select tests.authenticate_as(:'ann');
select is((select count(*) from realtime.messages where topic = 'conversation:' || :'dm')::int, 1, 'a participant blocked by the other still receives on the direct topic');
select throws_ok(format($$insert into realtime.messages (topic, extension, event, payload, private) values ('conversation:%s', 'broadcast', 'typing', '{}', true)$$, :'dm'),
  '42501', null, '... but cannot send on it');

-- Storage ---------------------------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'cat');
select lives_ok(format($$insert into storage.objects (bucket_id, name, owner_id) values ('avatars', '%s/me.png', '%s')$$, :'cat', :'cat'), 'a user uploads their avatar into their folder');
select throws_ok(format($$insert into storage.objects (bucket_id, name, owner_id) values ('avatars', '%s/me.png', '%s')$$, :'ann', :'cat'), '42501', null, '... not into someone else''s');
select lives_ok(format($$insert into storage.objects (bucket_id, name, owner_id) values ('chat-attachments', '%s/notes.pdf', '%s')$$, :'grp', :'cat'),
  'a participant attaches a file to their conversation');
select tests.authenticate_as(:'ben');
select is((select count(*) from storage.objects where bucket_id = 'chat-attachments')::int, 1, 'another participant reads the attachment');
select tests.authenticate_as(:'moderator');
select is((select count(*) from storage.objects where bucket_id = 'chat-attachments')::int, 0, 'someone outside the conversation does not');
select tests.clear_authentication();
select is((select count(*) from storage.objects where bucket_id = 'avatars')::int, 1, 'anyone reads avatars');

select * from finish();
rollback;
