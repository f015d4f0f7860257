-- The refused side of the core's policies and guards, each by the role that must be refused (anon,
-- a stranger, a member without the right, a suspended user, an ordinary user for staff-only reads):
-- nothing is seen and nothing changes. The rows a refused role must not see are seeded first by the
-- test's superuser, so an opened policy would show them. Each assertion here was written for a
-- mutant of `npm run test:mutation` that no other test noticed.
begin;
select plan(98);

select tests.create_user('ann@example.com', '{"display_name": "Ann"}') as ann \gset
select tests.create_user('ben@example.com', '{"display_name": "Ben"}') as ben \gset
select tests.create_user('cat@example.com', '{"display_name": "Cat"}') as cat \gset
select tests.create_user('sus@example.com', '{"display_name": "Sus"}') as sus \gset
select tests.create_user('gone@example.com', '{"display_name": "Gone"}') as gone \gset
select tests.create_user('mod@example.com') as moderator \gset
select tests.create_user('admin@example.com') as admin \gset
select tests.create_user('boss@example.com') as boss \gset
insert into public.user_staff_roles (user_id, role) values (:'moderator', 'moderator'), (:'admin', 'admin'), (:'boss', 'super_admin');
update public.profiles set status = 'deleted', deleted_at = now() where id = :'gone';

-- What the refused roles must not see, seeded by the superuser ---------------------------------------------
insert into audit.api_logs (user_id, method, path, status) values (:'ben', 'GET', '/rest/v1/profiles', 200);
insert into audit.domain_events (aggregate_type, aggregate_id, event_type, actor_id) values ('user', :'ben', 'probe.happened', :'ben');
insert into audit.system_metrics (metric_name, metric_value, measured_at) values ('probe.requests', 42, now());
insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, active) values ('probe-retired-model', 'openai', 1, 1, false);
insert into billing.plans (id, product, name, active) values ('probe-retired', 'core', 'Retired plan', false);
insert into billing.ai_user_limits (user_id, requests_per_minute) values (:'ben', 5);
insert into billing.provider_balances (provider, balance) values ('probe-provider', 100);
insert into billing.stripe_customers (id, user_id) values ('cus_probe_ben', :'ben');
insert into billing.subscriptions (stripe_subscription_id, stripe_customer_id, user_id, status, last_event_at)
values ('sub_probe_ben', 'cus_probe_ben', :'ben', 'active', now());

-- Staff-only and owner-only reads ------------------------------------------------------------------------------
select tests.authenticate_as(:'cat');
select is(tests.rows_visible('select * from audit.api_logs'), 0::bigint, 'an ordinary user reads no API logs');
select is(tests.rows_visible('select * from audit.domain_events'), 0::bigint, '... no domain events');
select is(tests.rows_visible('select * from audit.system_metrics'), 0::bigint, '... no system metrics');
select is(tests.rows_visible('select * from billing.provider_balances'), 0::bigint, '... no provider balances');
select is(tests.rows_visible('select * from billing.ai_user_limits'), 0::bigint, '... nor another user''s AI limits');
select is(tests.rows_visible('select * from billing.stripe_customers'), 0::bigint, '... nor their Stripe customer');
select is(tests.rows_visible('select * from billing.subscriptions'), 0::bigint, '... nor their subscription');
select is(tests.rows_visible($$select * from billing.ai_model_prices where model = 'probe-retired-model'$$), 0::bigint, 'a retired model price is not shown to users');
select is(tests.rows_visible($$select * from billing.plans where id = 'probe-retired'$$), 0::bigint, '... nor a retired plan');
select tests.clear_authentication();
select is(tests.rows_visible($$select * from billing.ai_model_prices where model = 'probe-retired-model'$$), 0::bigint, 'anon sees no retired model price');
select is(tests.rows_visible($$select * from billing.plans where id = 'probe-retired'$$), 0::bigint, '... nor a retired plan');
select tests.authenticate_as(:'moderator');
select is(tests.rows_visible('select * from audit.api_logs') + tests.rows_visible('select * from audit.domain_events')
          + tests.rows_visible('select * from audit.system_metrics'), 0::bigint, 'staff without audit.read read none of the logs either');
select is(tests.rows_visible('select * from billing.provider_balances') + tests.rows_visible('select * from billing.ai_user_limits'), 0::bigint,
  'staff without config.manage or support.read read no provider balances and no AI limits');
select tests.authenticate_as(:'admin');
select ok(tests.rows_visible('select * from audit.api_logs') > 0 and tests.rows_visible('select * from audit.system_metrics') > 0
          and tests.rows_visible('select * from billing.provider_balances') > 0 and tests.rows_visible('select * from billing.ai_user_limits') > 0,
  'the allowed side: an admin reads them');
select tests.authenticate_as(:'ben');
select is(tests.rows_visible('select * from billing.stripe_customers') + tests.rows_visible('select * from billing.subscriptions')
          + tests.rows_visible('select * from billing.ai_user_limits'), 3::bigint, '... and the owner reads their own');

-- An organization's Stripe customer, from a member who is not an admin
select tests.authenticate_as(:'ann');
select (public.create_organization('Refusal Guild', 'refusal-guild')).id as org \gset
select token as ben_token from public.invite_to_organization(:'org', null, :'ben', 'member') \gset
select tests.authenticate_as(:'ben');
select public.accept_invitation(:'ben_token');
reset role;
insert into billing.stripe_customers (id, organization_id) values ('cus_probe_guild', :'org');
select tests.authenticate_as(:'ben');
select is(tests.rows_visible($$select * from billing.stripe_customers where id = 'cus_probe_guild'$$), 0::bigint,
  'an organization''s plain member does not read its Stripe customer');
select tests.authenticate_as(:'ann');
select is(tests.rows_visible($$select * from billing.stripe_customers where id = 'cus_probe_guild'$$), 1::bigint, '... its owner does');

-- Blocks ----------------------------------------------------------------------------------------------------
insert into public.blocks (blocker_id, blocked_id) values (:'ann', :'cat');
reset role;
insert into public.blocks (blocker_id, blocked_id) values (:'ben', :'cat');
update public.profiles set status = 'suspended' where id = :'sus';
select tests.authenticate_as(:'ann');
select ok(tests.refused(format($$insert into public.blocks (blocker_id, blocked_id) values (%L, %L)$$, :'ben', :'ann')),
  'nobody records a block in another user''s name');
select is(tests.rows_affected('delete from public.blocks'), 1::bigint, 'lifting every block one can lifts only one''s own');
reset role;
select is((select count(*) from public.blocks where blocker_id = :'ben')::int, 1, '... another user''s block stands');
select tests.authenticate_as(:'sus');
select ok(tests.refused(format($$insert into public.blocks (blocker_id, blocked_id) values (%L, %L)$$, :'sus', :'ann')), 'a suspended user blocks no one');

-- Friendships ---------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'ann');
select (public.request_friendship(:'ben')).id as friendship \gset
select throws_ok(format($$select public.request_friendship(%L)$$, :'sus'), 'PA001', null, 'no friend request to a suspended user');
select throws_ok(format($$select public.request_friendship(%L)$$, :'gone'), 'PA001', null, '... nor to a deleted one');
select throws_ok(format($$select public.respond_friendship(%L, true)$$, :'friendship'), 'PA001', null, 'the requester cannot accept their own request');
select tests.authenticate_as(:'cat');
select is(tests.rows_visible('select * from public.friendships'), 0::bigint, 'a third user reads nobody''s friendships');
select throws_ok(format($$select public.remove_friendship(%L)$$, :'ann'), 'PA001', null, 'removing a friendship that does not exist says so');
reset role;
select is((select array_agg(status) from public.friendships where requester_id in (:'ann', :'sus', :'gone') or addressee_id in (:'sus', :'gone')),
  array['pending'], '... and the request is still pending, with no other made');

-- Conversations ----------------------------------------------------------------------------------------------
select tests.authenticate_as(:'ann');
select public.create_conversation('group', array[:'ben']::uuid[], 'Ann''s table') as conv \gset
insert into public.messages (conversation_id, content) values (:'conv', 'hello Ben');
select tests.authenticate_as(:'ben');
select public.mark_conversation_read(:'conv');
reset role;
update public.profiles set status = 'active' where id = :'sus';
select tests.authenticate_as(:'sus');
select public.create_conversation('group', array[:'ann']::uuid[], 'Sus''s table') as sus_conv \gset
reset role;
update public.profiles set status = 'suspended' where id = :'sus';

select tests.authenticate_as(:'cat');
select is(tests.rows_visible(format('select * from public.conversation_participants where conversation_id = %L', :'conv')), 0::bigint,
  'a stranger reads nobody who takes part in a conversation');
select is(tests.rows_visible('select * from public.message_receipts'), 0::bigint, '... nor anybody''s read receipts');
select throws_ok(format($$select public.mark_conversation_read(%L)$$, :'conv'), '42501', null, 'a stranger cannot mark a conversation read');
select throws_ok(format($$select public.create_conversation('group', array[%L]::uuid[], 'Sneaky')$$, :'ben'), '42501', null,
  'nor start a conversation with a user who blocked them');
select tests.authenticate_as(:'ann');
select throws_ok($$select public.create_conversation('group', (select array_agg(gen_random_uuid()) from generate_series(1, 101)), 'Crowd')$$, '22023', null,
  'a conversation takes at most 100 participants');
select throws_ok(format($$select public.start_direct_conversation(%L)$$, :'sus'), 'PA001', null, 'no direct conversation with a suspended user');
select tests.authenticate_as(:'ben');
select ok(tests.refused(format($$update public.conversations set title = 'Ben''s now' where id = %L$$, :'conv')),
  'a participant who is not the owner does not rename the conversation');
select lives_ok(format('update public.conversation_participants set muted = true where conversation_id = %L', :'conv'),
  'a participant mutes a conversation with a filter that matches everyone in it');
select tests.authenticate_as(:'sus');
select is(tests.rows_affected(format($$update public.conversations set title = 'Still mine' where id = %L$$, :'sus_conv')), 0::bigint,
  'a suspended owner does not rename their conversation');
reset role;
select is((select count(*) from public.message_receipts r join public.messages m on m.id = r.message_id where m.conversation_id = :'conv')::int, 1,
  'the stranger left no receipt');
select is((select count(*) from public.conversations where created_by in (:'ann', :'cat'))::int, 1, 'the refused conversations were not created');
select is((select array_agg(title order by title) from public.conversations where id in (:'conv', :'sus_conv')), array['Ann''s table', 'Sus''s table'],
  'no title changed');
select is((select array_agg(muted order by muted) from public.conversation_participants where conversation_id = :'conv'), array[false, true],
  '... which mutes them and nobody else');

-- Notifications ---------------------------------------------------------------------------------------------
insert into public.notifications (user_id, type) values (:'ann', 'probe.note'), (:'ben', 'probe.note');
select tests.authenticate_as(:'ann');
select lives_ok('update public.notifications set read_at = now()', 'a user marks all their notifications read');
reset role;
select is((select count(*) from public.notifications where user_id = :'ben' and type = 'probe.note' and read_at is null)::int, 1,
  '... and another user''s stay unread');

-- Groups ---------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'ann');
select (public.create_group('Refusal table', 'refusal-table')).id as grp \gset
reset role;
select code from private.group_invite_codes where group_id = :'grp' \gset
update public.profiles set status = 'active' where id = :'sus';
select tests.authenticate_as(:'sus');
select public.join_group_by_code(:'code');
update public.group_members set nickname = 'Sus' where user_id = auth.uid();
reset role;
update public.profiles set status = 'suspended' where id = :'sus';
select tests.authenticate_as(:'ben');
select public.join_group_by_code(:'code');
select throws_ok(format($$select public.regenerate_group_invite_code(%L)$$, :'grp'), '42501', null, 'a player does not change the invite code');
select throws_ok($$select public.join_group_by_code('no-such-code')$$, 'PA001', 'no group has that invite code', 'an unknown invite code is refused as such');
select throws_ok(format($$select public.create_group('Ben''s guild table', 'ben-guild-table', %L)$$, :'org'), '42501', null,
  'an organization''s plain member creates no group of it');
select tests.authenticate_as(:'cat');
select throws_ok(format($$select public.regenerate_group_invite_code(%L)$$, :'grp'), '42501', null, 'nor does a stranger');
select throws_ok(format($$select public.create_group('Cat''s guild table', 'cat-guild-table', %L)$$, :'org'), '42501', null,
  'a stranger creates no group of an organization');
select tests.authenticate_as(:'ann');
select throws_ok(format($$select public.set_group_permission(%L, %L, 'invite_members', true)$$, :'grp', :'cat'), 'PA001', null,
  'the owner grants no permission to someone outside the group');
select tests.authenticate_as(:'sus');
select is(tests.rows_affected($$update public.group_members set nickname = 'Suspended' where user_id = auth.uid()$$), 0::bigint,
  'a suspended member does not change their membership settings');
reset role;
select is((select code from private.group_invite_codes where group_id = :'grp'), :'code', 'the invite code is unchanged');
select is((select count(*) from public.groups where slug in ('ben-guild-table', 'cat-guild-table'))::int, 0, 'no refused group was created');
select is((select count(*) from public.group_permissions where group_id = :'grp')::int, 0, 'no permission was granted');
select is((select nickname from public.group_members where group_id = :'grp' and user_id = :'sus'), 'Sus', 'the suspended member''s nickname is unchanged');

-- Invitations ----------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'ann');
select throws_ok(format($$select public.revoke_invitation(%L)$$, gen_random_uuid()), 'PA001', null, 'revoking an invitation that does not exist says so');
select throws_ok(format($$select public.revoke_invitation((select id from public.invitations where organization_id = %L))$$, :'org'), 'PA001', null,
  '... and so does revoking one already accepted');

-- Reports and moderation --------------------------------------------------------------------------------------------
select tests.authenticate_as(:'sus');
select ok(tests.refused(format($$insert into public.reports (target_type, target_id, reason) values ('user', %L, 'spam')$$, :'ann')),
  'a suspended user files no report');
select tests.authenticate_as(:'ann');
insert into public.reports (target_type, target_id, reason) values ('user', :'ben', 'spam') returning id as open_report \gset
insert into public.reports (target_type, target_id, reason) values ('user', :'cat', 'spam') returning id as closed_report \gset
select tests.authenticate_as(:'moderator');
select public.resolve_report(:'closed_report', 'dismissed', 'nothing to see');
select throws_ok(format($$select public.resolve_report(%L, 'open', 'reopened')$$, :'open_report'), '22023', null, 'a report is only resolved or dismissed');
select throws_ok(format($$select public.assign_report(%L)$$, :'closed_report'), 'PA001', null, 'a closed report is not taken');
select throws_ok(format($$select public.assign_report(%L)$$, gen_random_uuid()), 'PA001', null, '... nor one that does not exist');
select throws_ok(format($$select public.moderate('warn', 'user', %L, '  ')$$, :'ben'), '22023', null, 'a moderation action needs a reason');
select throws_ok(format($$select public.moderate('warn', 'user', %L, 'spam', %L)$$, :'ben', gen_random_uuid()), 'PA001', null,
  '... and a report it names must exist');
reset role;
select is((select array_agg(status || ':' || coalesce(assigned_to::text, '-') || ':' || coalesce(resolution, '-') order by status)
             from public.reports where id in (:'open_report', :'closed_report')),
  array['dismissed:-:nothing to see', 'open:-:-'], 'the reports are as they were');
select is((select count(*) from public.reports where reporter_id = :'sus')::int, 0, '... and the suspended user''s was not filed');
select is((select count(*) from public.notifications where user_id = :'ben' and type = 'moderation.warning')::int
          + (select count(*) from audit.moderation_log where target_id = :'ben')::int, 0, 'nobody was warned and nothing logged');

-- Staff ----------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'boss');
select throws_ok(format($$select public.grant_staff_role(%L, 'support')$$, :'sus'), 'PA001', null, 'no staff role for a suspended user');
select tests.authenticate_as(:'moderator');
select throws_ok(format($$select public.suspend_user(%L, 'spam', now() - interval '1 day')$$, :'ben'), '22023', null, 'a suspension ends in the future');
select throws_ok(format($$select public.suspend_user(%L, 'spam')$$, gen_random_uuid()), 'PA001', null, 'no suspension of a user who does not exist');
select throws_ok(format($$select public.suspend_user(%L, 'spam')$$, :'gone'), 'PA001', null, '... nor of a deleted one');
reset role;
select is((select count(*) from public.user_staff_roles where user_id = :'sus')::int, 0, 'the suspended user holds no staff role');
select is((select status from public.profiles where id = :'ben') || ' ' || (select status from public.profiles where id = :'gone'), 'active deleted',
  'nobody''s status changed');
select is((select suspension_reason from public.private_profiles where id = :'gone'), null, '... and no reason was recorded');

-- Configuration ----------------------------------------------------------------------------------------------------
insert into private.system_configuration (config_key, config_value, value_type, is_sensitive, validation_rules) values
  ('probe.secret', '"kept"', 'string', true, '{}'),
  ('probe.code', '"abc"', 'string', false, '{"pattern": "^[a-z]+$"}');
select tests.authenticate_as(:'admin');
select throws_ok($$select public.set_config_value('probe.nothing', '1')$$, 'PA001', null, 'an unknown configuration key is refused');
select throws_ok($$select public.set_config_value('probe.secret', '"changed"')$$, '42501', null, 'an admin does not change sensitive configuration');
select throws_ok($$select public.set_config_value('probe.code', '"ABC1"')$$, '22023', null, 'a string must match its pattern');
reset role;
select is((select array_agg(config_value #>> '{}' order by config_key) from private.system_configuration where config_key like 'probe.%'), array['abc', 'kept'],
  'the configuration is unchanged');
select is((select count(*) from private.system_configuration where config_key = 'probe.nothing')::int, 0, '... and has no new key');

-- Verification -------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'ann');
insert into storage.objects (bucket_id, name, owner_id) values ('verification-documents', :'ann' || '/passport.pdf', :'ann');
insert into public.verification_requests (kind, document_paths) values ('identity', array[:'ann' || '/passport.pdf']) returning id as request \gset
select tests.authenticate_as(:'moderator');
select throws_ok(format($$select public.decide_verification(%L, null)$$, :'request'), '22023', null, 'a decision approves or rejects');
select is((select status from public.verification_requests where id = :'request'), 'pending', '... and the request stays pending');
select public.decide_verification(:'request', true);
select id as verification from public.verifications where request_id = :'request' \gset
select tests.authenticate_as(:'cat');
select throws_ok(format($$select public.revoke_verification(%L, 'spite')$$, gen_random_uuid()), '42501', null,
  'an ordinary user revokes no verification, and learns nothing of which exist');
select throws_ok(format($$select public.revoke_verification(%L, 'spite')$$, :'verification'), '42501', null, '... not an existing one either');
reset role;
select is((select revoked_at from public.verifications where id = :'verification'), null, 'the verification stands');

-- Callers with no user: a JWT of the authenticated role without a subject
select tests.act_as('authenticated', '{"role": "authenticated"}');
select throws_ok('select public.delete_my_account()', '42501', null, 'deleting one''s account needs a signed-in user');
select throws_ok('select * from public.my_verifications()', '42501', null, '... and so does reading one''s verifications');

-- Preferences and the image type library ---------------------------------------------------------------------
select tests.authenticate_as(:'sus');
select ok(tests.refused($$insert into public.user_content_preferences (user_id, hidden_tags) values (auth.uid(), '{gore}')$$),
  'a suspended user sets no content preferences');
reset role;
insert into public.user_content_preferences (user_id, hidden_tags) values (:'ben', '{spiders}'), (:'sus', '{clowns}');
insert into public.user_image_type_library (user_id, name) values (:'ben', 'Ben''s portrait'), (:'sus', 'Sus''s portrait');
select tests.authenticate_as(:'ann');
insert into public.user_content_preferences (user_id, hidden_tags) values (:'ann', '{gore}');
insert into public.user_image_type_library (user_id, name) values (:'ann', 'Headshot');
select ok(tests.refused(format($$insert into public.user_content_preferences (user_id, hidden_tags) values (%L, '{}')$$, :'cat')),
  'nobody sets another user''s content preferences');
select ok(tests.refused(format('update public.user_content_preferences set user_id = %L', :'cat')), '... nor hands theirs to another user');
select ok(tests.refused(format('update public.user_image_type_library set user_id = %L', :'cat')), '... nor their image types');
select is(tests.rows_affected('delete from public.user_content_preferences'), 1::bigint, 'clearing every preference one can clears only one''s own');
select is(tests.rows_affected('delete from public.user_image_type_library'), 1::bigint, '... and removing every image type only one''s own');
select tests.authenticate_as(:'sus');
select ok(tests.refused($$update public.user_content_preferences set allow_mature_content = true where user_id = auth.uid()$$),
  'a suspended user does not change their content preferences');
select ok(tests.refused($$update public.user_image_type_library set name = 'Renamed' where user_id = auth.uid()$$), '... nor their image types');
reset role;
select is((select count(*) from public.user_content_preferences where user_id in (:'ben', :'sus', :'cat'))::int
          + (select count(*) from public.user_image_type_library where user_id in (:'ben', :'sus', :'cat'))::int, 4,
  'the other users'' preferences and image types are all still theirs');
select is((select allow_mature_content::text || ' ' || (select name from public.user_image_type_library where user_id = :'sus')
             from public.user_content_preferences where user_id = :'sus'), 'false Sus''s portrait', '... and unchanged');

-- Storage ---------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'ann');
insert into storage.objects (bucket_id, name, owner_id) values ('avatars', :'ann' || '/me.png', :'ann') returning id as avatar \gset
select ok(tests.refused(format($$update storage.objects set name = '%s/me.png' where id = %L$$, :'ben', :'avatar')),
  'an owner does not move their avatar into another user''s folder');
select ok(tests.refused(format($$update storage.objects set name = '%s/../%s/me.png' where id = %L$$, :'ann', :'ben', :'avatar')),
  'a rename to a name with .. segments is refused');
select tests.authenticate_as(:'ben');
select is(tests.rows_affected(format($$update storage.objects set owner_id = %L, name = '%s/me.png' where id = %L$$, :'ben', :'ben', :'avatar')), 0::bigint,
  'another user does not take over an avatar they can read');
set local storage.allow_delete_query = 'true';
select is(tests.rows_affected(format('delete from storage.objects where id = %L', :'avatar')), 0::bigint, '... nor delete it');
reset storage.allow_delete_query;
reset role;
select is((select owner_id || ' ' || name from storage.objects where id = :'avatar'), :'ann' || ' ' || :'ann' || '/me.png', 'the avatar is as it was');

select * from finish();
rollback;
