-- Trust and safety: the report workflow, moderation actions and their log, reported conversations
-- for moderators, friendships, what blocks hide and preferences, from both sides (verification: 26_verification).
begin;
select plan(34);

select tests.create_user('rita@example.com') as rita \gset
select tests.create_user('troll@example.com') as troll \gset
select tests.create_user('sam@example.com') as sam \gset
select tests.create_user('mod@example.com') as moderator \gset
insert into public.user_staff_roles (user_id, role) values (:'moderator', 'moderator');

-- A conversation with an offending message
select tests.authenticate_as(:'troll');
select public.create_conversation('group', array[:'rita', :'sam']::uuid[], 'Lobby') as lobby \gset
insert into public.messages (conversation_id, content) values (:'lobby', 'you are all terrible');
select id as bad_message from public.messages where content = 'you are all terrible' \gset

-- Reports
select tests.authenticate_as(:'rita');
select lives_ok(format($$insert into public.reports (target_type, target_id, reason, description) values ('message', %L, 'harassment', 'insults')$$, :'bad_message'),
  'a user reports a message');
select throws_ok(format($$insert into public.reports (target_type, target_id, reason) values ('message', %L, 'spam')$$, :'bad_message'), '23505', null,
  'not the same thing twice while the report is open');
select throws_ok(format($$insert into public.reports (target_type, target_id, reason, status) values ('user', %L, 'spam', 'resolved')$$, :'troll'), '42501', null,
  'a reporter cannot set the status');
select id as report from public.reports \gset
select tests.authenticate_as(:'sam');
select is((select count(*) from public.reports)::int, 0, 'another user does not see the report');
select tests.clear_authentication();
select throws_ok($$select * from public.reports$$, '42501', null, 'anon sees no reports');

select tests.authenticate_as(:'moderator');
select is((select count(*) from public.reports where id = :'report')::int, 1, 'a moderator sees every report');
select is((select count(*) from public.messages where conversation_id = :'lobby')::int, 1, 'a moderator reads the reported conversation');
select is((public.assign_report(:'report')).status, 'reviewing', 'a moderator takes the report');
select lives_ok(format($$select public.moderate('hide_content', 'message', %L, 'insults', %L)$$, :'bad_message', :'report'), 'and hides the message');
select lives_ok(format($$select public.moderate('warn', 'user', %L, 'insults', %L)$$, :'troll', :'report'), 'and warns its author');
select is((public.resolve_report(:'report', 'resolved', 'message removed, user warned')).status, 'resolved', 'then resolves the report');
select is((select array_agg(action order by id) from audit.moderation_log where report_id = :'report'),
  array['assign_report', 'hide_content', 'warn', 'resolve_report'], 'every step is in the moderation log');
select throws_ok(format($$select public.resolve_report(%L, 'dismissed', 'again')$$, :'report'), 'PA001', null, 'a closed report stays closed');
select is((select count(*) from public.messages where conversation_id = :'lobby')::int, 0, 'once resolved, the conversation is the participants'' again');

select tests.authenticate_as(:'rita');
select is((select status || ': ' || resolution from public.reports where id = :'report'), 'resolved: message removed, user warned', 'the reporter sees the outcome');
select ok(exists (select 1 from public.notifications where type = 'report.resolved'), '... and is notified of it');
select is((select content from public.messages where id = :'bad_message'), '', 'the hidden message is gone for everyone');
select tests.authenticate_as(:'troll');
select ok(exists (select 1 from public.notifications where type = 'moderation.warning'), 'the warned user is notified');
select throws_ok(format($$select public.moderate('suspend', 'user', %L, 'revenge')$$, :'rita'), '42501', null, 'an ordinary user cannot moderate');
select throws_ok(format($$select public.assign_report(%L)$$, :'report'), '42501', null, '... nor take reports');
select is((select count(*) from audit.moderation_log)::int, 0, '... nor read the log');
select tests.authenticate_as(:'moderator');
select lives_ok(format($$select public.moderate('suspend', 'user', %L, 'repeated insults', null, now() + interval '7 days')$$, :'troll'), 'a moderator suspends');
select is((select status from public.profiles where id = :'troll'), 'suspended', '... through the profile status');

-- Friendships and blocks
select tests.authenticate_as(:'rita');
select public.request_friendship(:'sam') as friendship \gset
select tests.authenticate_as(:'sam');
select throws_ok(format($$select public.request_friendship(%L)$$, :'rita'), '23505', null, 'a friendship is unique per pair, whichever way');
select is((public.respond_friendship((select id from public.friendships), true)).status, 'accepted', 'the addressee accepts');
select throws_ok($$insert into public.friendships (requester_id, addressee_id) values (auth.uid(), auth.uid())$$, '42501', null, 'friendships change only through the RPCs');
select tests.authenticate_as(:'rita');
select is((select count(*) from public.friendships where status = 'accepted')::int, 1, 'both sides see it');
insert into public.blocks (blocker_id, blocked_id) values (:'rita', :'sam');
select is((select count(*) from public.friendships)::int, 0, 'a block ends the friendship');
select throws_ok(format($$select public.request_friendship(%L)$$, :'sam'), '42501', null, 'and stops friend requests');
select tests.authenticate_as(:'sam');
insert into public.messages (conversation_id, content) values (:'lobby', 'hello from sam');
select tests.authenticate_as(:'rita');
select is((select count(*) from public.messages where content = 'hello from sam')::int, 0, 'the blocker does not see the blocked user''s messages');

-- Preferences and the image type library
select lives_ok($$insert into public.user_content_preferences (user_id, hidden_tags) values (auth.uid(), '{gore}')$$, 'a user sets their content preferences');
select lives_ok($$insert into public.user_image_type_library (user_id, name) values (auth.uid(), 'Headshot')$$, 'and adds an image type');
select tests.authenticate_as(:'sam');
select is((select count(*) from public.user_content_preferences)::int + (select count(*) from public.user_image_type_library)::int, 0, 'others see neither');
select throws_ok(format($$insert into public.user_image_type_library (user_id, name) values (%L, 'Mine now')$$, :'rita'), '42501', null, 'nor write them');

select * from finish();
rollback;
