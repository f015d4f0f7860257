-- The studio's plans, the seed's profile and credits, the bots and the learning writer, from both
-- sides: anon, a user, another user, support (support.read), an admin (config.manage), service_role.
-- get_user_credits and billing.my_balances are pinned during an open AI hold.
begin;
select plan(130);

select tests.create_user('bots-alice@example.com') as alice \gset
select tests.create_user('bots-bob@example.com') as bob \gset
select tests.create_user('bots-support@example.com') as support \gset
select tests.create_user('bots-admin@example.com') as admin \gset
select tests.create_user('bots-owner@example.com') as owner \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support'), (:'admin', 'admin'), (:'owner', 'super_admin');
insert into studio.bot_allowed_hosts (host, note) values ('status.example.com', 'pgTAP') on conflict (host) do nothing;

-- Plans -------------------------------------------------------------------------------------------------------
select results_eq($$select id, tier, monthly_credits, features ->> 'tier' from billing.plans where product = 'studio' order by tier$$,
  $$values ('studio-light'::text, 1, 500::bigint, 'light'::text), ('studio-standard', 2, 1500, 'standard'),
           ('studio-advanced', 3, 4000, 'advanced'), ('studio-premium', 4, 10000, 'premium')$$,
  'the studio registers light, standard, advanced and premium with their monthly credits');
select is_empty(format($$select * from billing.current_plan('studio', %L)$$, :'alice'), 'without a subscription a user has no studio plan');
insert into billing.subscriptions (stripe_subscription_id, user_id, plan_id, status, last_event_at)
values ('sub_bots_alice', :'alice', 'studio-standard', 'active', now()) returning id as sub \gset
select is((select plan_id || '/' || status from billing.current_plan('studio', :'alice')), 'studio-standard/active',
  'billing.current_plan answers the subscribed plan');

-- Credits during an open AI hold -----------------------------------------------------------------------------------------------
insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, minimum_credits, max_output_tokens)
values ('m-bots', 'openai', 2, 10, 1, 1000);
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'alice', 'CREDIT'), 100, 'bonus', 'bots-fund-alice');
insert into studio.javari_conversations (user_id, provider, model) values (:'alice', 'openai', 'm-bots') returning id as conversation \gset
select request_id as held_request, reserved_credits as held from billing.ai_reserve(:'alice', 'm-bots', 1000, 10, 'conversation', :'conversation', null, 'bots-hold', 'What is new?') \gset
select is(:'held'::bigint, 11::bigint, 'an AI request holds 11 credits');

select tests.authenticate_as(:'alice');
select is(public.get_user_credits(:'alice'), 100, 'get_user_credits is the balance, the open hold included (the seed''s sum of entries)');
select results_eq($$select balance, held, available from billing.my_balances() where owner_type = 'user' and asset = 'CREDIT'$$,
  $$values (100::bigint, 11::bigint, 89::bigint)$$, 'billing.my_balances: what is held and what is available');
select results_eq($$select credits, role, subscription_tier, subscription_status, subscription_id, plan_id, monthly_credits from studio.my_profile()$$,
  format($$values (100, 'user'::text, 'standard'::text, 'active'::text, %L::uuid, 'studio-standard'::text, 1500::bigint)$$, :'sub'),
  'my_profile: credits, role, tier, status and id of the subscription');
select is((select email || '|' || (last_login_at is null)::text from studio.my_profile()), 'bots-alice@example.com|true', '... with email and last login');
select is((select count(*) from studio.my_profile())::int, 1, '... one row, the caller''s');
select tests.authenticate_as(:'bob');
select throws_ok(format('select public.get_user_credits(%L)', :'alice'), '42501', null, 'another user cannot read someone''s credits');
select is((select credits from studio.my_profile()), 0, 'another user''s profile has their own credits');
select is((select subscription_tier from studio.my_profile()), null, '... and no tier without a subscription');
select tests.authenticate_as(:'support');
select is(public.get_user_credits(:'alice'), 100, 'support reads a user''s credits');
select is((select role from studio.my_profile()), 'admin', 'staff are admin in the profile');
select tests.authenticate_as(:'owner');
select is((select role from studio.my_profile()), 'owner', 'a super_admin is owner');
select tests.clear_authentication();
select throws_ok('select * from studio.my_profile()', '42501', null, 'anon has no profile');
select tests.authenticate_as_service_role();
select throws_ok('select * from studio.my_profile()', '42501', 'not signed in', '... nor has a caller without a user, the service role');
select tests.clear_authentication();
select throws_ok(format('select public.get_user_credits(%L)', :'alice'), '42501', null, '... and reads no credits');
reset role;
select billing.ai_settle(:'held_request', 1000, 500, 'Plenty.');
select tests.authenticate_as(:'alice');
select is(public.get_user_credits(:'alice'), 93, 'after settlement the balance drops by what was used (2 + 5)');
select is((select available from billing.my_balances() where owner_type = 'user' and asset = 'CREDIT'), 93::bigint, '... and nothing is held');

-- An organization's credits_pool is its CREDIT account
select (public.create_organization('Bots Org', 'bots-org')).id as org \gset
reset role;
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.organization_account(:'org', 'CREDIT'), 250, 'bonus', 'bots-fund-org');
select tests.authenticate_as(:'alice');
select is((select balance from billing.my_balances() where owner_type = 'organization' and organization_id = :'org' and asset = 'CREDIT'),
  250::bigint, 'an organization''s credits_pool is its CREDIT account, read by its members');
select tests.authenticate_as(:'bob');
select is((select count(*) from billing.my_balances() where organization_id = :'org')::int, 0, '... and not by others');

-- Bots: endpoints and schedules (admin, config.manage) -----------------------------------------------------------
select tests.authenticate_as(:'admin');
select lives_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-own', 'Own', '*/5 * * * *', '/functions/v1/pg-check')$$,
  'an admin adds a bot calling our own function');
select lives_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-host', 'Host', '0 3 * * 1', 'https://status.example.com/check')$$,
  '... or an allowed host');
select throws_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-evil', 'Evil', '* * * * *', 'https://evil.example.net/x')$$,
  'PA160', null, 'an endpoint outside the allowed hosts is refused');
select throws_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-evil', 'Evil', '* * * * *', 'https://status.example.com.evil.net/x')$$,
  'PA160', null, '... a host that only starts like an allowed one too');
select throws_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-evil', 'Evil', '* * * * *', 'http://status.example.com/x')$$,
  'PA160', null, '... plain http too');
select throws_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-evil', 'Evil', '* * * * *', 'https://x@status.example.com/x')$$,
  'PA160', null, '... credentials in the URL too');
select throws_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-evil', 'Evil', '* * * * *', '/functions/v1/../../admin')$$,
  'PA160', null, '... and a path that leaves our functions');
select throws_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-evil', 'Evil', '* * * * *', '/functions/v1/bots-runner')$$,
  'PA160', null, '... and the runner itself');
select throws_ok($$update studio.bots set api_endpoint = 'https://evil.example.net/x' where name = 'pg-host'$$,
  'PA160', null, 'a plain update cannot point a bot outside either');
select throws_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-cron', 'Cron', '61 * * * *', '/functions/v1/x')$$,
  '23514', null, 'a schedule is a valid cron expression');
select throws_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-cron', 'Cron', '0 0 31 2 *', '/functions/v1/x')$$,
  '23514', null, '... that matches some day');
select throws_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-own', 'Again', '* * * * *', '/functions/v1/x')$$,
  '23505', null, 'a bot''s name is unique');
select is((select next_execution_at from studio.bots where name = 'pg-host'), private.studio_cron_next('0 3 * * 1', now()),
  'the next run follows the schedule');
select ok((select extract(dow from next_execution_at at time zone 'UTC') = 1 and to_char(next_execution_at at time zone 'UTC', 'HH24:MI') = '03:00'
             from studio.bots where name = 'pg-host'), '... Monday 03:00 UTC');
update studio.bots set status = 'paused' where name = 'pg-host';
select is((select next_execution_at from studio.bots where name = 'pg-host'), null, 'a paused bot has no next run');
update studio.bots set status = 'active' where name = 'pg-host';
select isnt((select next_execution_at from studio.bots where name = 'pg-host'), null, '... until it is active again');
select throws_ok($$update studio.bots set total_runs = 99 where name = 'pg-own'$$, '42501', null, 'run totals are the triggers'', not staff''s');
select throws_ok($$update studio.bots set next_execution_at = now() where name = 'pg-own'$$, '42501', null, '... nor is the next run');
select lives_ok($$insert into studio.bot_knowledge (category, issue_pattern, solution) values ('pg', 'disk full', 'rotate logs')$$,
  'an admin adds a knowledge entry');
select throws_ok($$update studio.bot_knowledge set times_applied = 5 where category = 'pg'$$, '42501', null, '... whose counts the triggers keep');
select id as own_bot from studio.bots where name = 'pg-own' \gset
select id as knowledge from studio.bot_knowledge where category = 'pg' \gset

-- Runs (service_role) -----------------------------------------------------------------------------------------------
reset role;
update studio.bots set status = 'paused' where name not like 'pg-%';
update studio.bots set next_execution_at = now() - interval '1 second' where name = 'pg-own';
select tests.authenticate_as(:'admin');
select throws_ok($$select * from studio.claim_due_bots('pg', 10)$$, '42501', null, 'staff cannot claim runs');
select tests.authenticate_as_service_role();
select results_eq($$select bot_name, api_endpoint, http_method, timeout_ms from studio.claim_due_bots('pgtap-runner', 10)$$,
  $$values ('pg-own'::text, '/functions/v1/pg-check'::text, 'POST'::text, 60000)$$, 'the runner claims the due bot');
select e.id as run1 from studio.bot_executions e join studio.bots b on b.id = e.bot_id where b.name = 'pg-own' and e.status = 'running' \gset
select ok((select next_execution_at > now() from studio.bots where name = 'pg-own'), '... and its next run moves to the next slot');
update studio.bots set next_execution_at = now() - interval '1 second' where name = 'pg-own';
select is_empty($$select * from studio.claim_due_bots('pgtap-other', 10)$$, 'a bot with a run under way is not claimed again');
select throws_ok(format($$select studio.record_bot_run(%L, true, 200, null, '{"a": 1}')$$, :'run1'), '22023', null, 'findings are an array');
select is((studio.record_bot_run(:'run1', true, 200, null, format($$[
    {"severity": "low", "category": "disk", "title": "Disk at 91%%", "affected_component": "db",
     "action": {"type": "cleanup", "description": "rotated logs", "success": true, "knowledge_id": "%s"}},
    {"severity": "critical", "category": "payments", "title": "Webhook failures", "description": "5 in a row", "escalate": true}
  ]$$, :'knowledge')::jsonb)).status, 'succeeded', 'the runner records a run with its findings');
select throws_ok(format($$select studio.record_bot_run(%L, false, 500, 'again')$$, :'run1'), 'PA161', null, 'a run is recorded once');
select results_eq($$select total_runs, successful_runs, failed_runs, avg_execution_time_ms is not null, last_execution_at is not null from studio.bots where name = 'pg-own'$$,
  $$values (1, 1, 0, true, true)$$, 'the bot''s totals, average time and last run follow its runs');
select results_eq(format($$select findings_count, execution_time_ms >= 0, http_status from studio.bot_executions where id = %L$$, :'run1'),
  $$values (2, true, 200)$$, 'the run counts its findings; its time is the server''s');
select results_eq(format($$select times_applied, times_successful, success_rate, last_used_at is not null from studio.bot_knowledge where id = %L$$, :'knowledge'),
  $$values (1, 1, 100.00::numeric, true)$$, 'the knowledge entry applied counts the action');
select is((select resolution_method from studio.bot_findings where title = 'Disk at 91%'), 'auto_fixed', 'a successful action resolves its finding');
select results_eq($$select t.severity, t.status, t.assignee from studio.bot_tickets t join studio.bot_findings f on f.id = t.finding_id where f.title = 'Webhook failures'$$,
  $$values ('critical'::text, 'open'::text, 'javari'::text)$$, 'an escalated finding opens a ticket for Javari');
select id as ticket from studio.bot_tickets where title = 'Webhook failures' \gset
reset role;
-- (Every holder: this test's support, admin and super_admin, and whoever else the seed made staff.)
select results_eq(format($$select user_id from public.notifications where type = 'studio.bot_ticket_opened' and payload ->> 'ticket_id' = %L order by 1$$, :'ticket'),
  $$select distinct u.user_id from public.user_staff_roles u join public.staff_roles r on r.role = u.role join public.profiles p on p.id = u.user_id
     where 'support.read' = any (r.permissions) and p.status = 'active' order by 1$$,
  'support is notified: every active holder of support.read (support, admin, super_admin)');
select is((select count(*) from public.notifications where type = 'studio.bot_ticket_opened' and user_id in (:'alice', :'bob'))::int, 0,
  '... and no user');

-- A failed run, a knowledge entry that does not exist, a run past its timeout, an endpoint no longer allowed
update studio.bots set next_execution_at = now() - interval '1 second' where name = 'pg-own';
select tests.authenticate_as_service_role();
select execution_id as run2 from studio.claim_due_bots('pgtap-runner', 10) \gset
select throws_ok(format($$select studio.record_bot_run(%L, true, 200, null, '[{"severity": "low", "category": "x", "title": "y", "action": {"type": "t", "description": "d", "success": false, "knowledge_id": "%s"}}]')$$,
  :'run2', gen_random_uuid()), '23503', null, 'an action cannot name an unknown knowledge entry');
select is((studio.record_bot_run(:'run2', false, 503, 'HTTP 503')).error_message, 'HTTP 503', 'a failed run keeps its error');
select results_eq($$select total_runs, successful_runs, failed_runs from studio.bots where name = 'pg-own'$$, $$values (2, 1, 1)$$, '... and counts as failed');
reset role;
update studio.bots set next_execution_at = now() - interval '1 second' where name = 'pg-own';
select tests.authenticate_as_service_role();
select execution_id as run3 from studio.claim_due_bots('pgtap-runner', 10) \gset
reset role;
update studio.bot_executions set started_at = now() - interval '10 minutes' where id = :'run3';
select tests.authenticate_as_service_role();
select is_empty($$select * from studio.claim_due_bots('pgtap-runner', 10)$$, 'nothing due now');
select results_eq(format($$select status, error_message from studio.bot_executions where id = %L$$, :'run3'),
  $$values ('failed'::text, 'no result before the bot''s timeout'::text)$$, 'a run past its timeout is recorded as failed by the next claim');
reset role;
delete from studio.bot_allowed_hosts where host = 'status.example.com';
update studio.bots set next_execution_at = now() - interval '1 second' where name = 'pg-host';
select tests.authenticate_as_service_role();
select is_empty($$select * from studio.claim_due_bots('pgtap-runner', 10)$$, 'a bot whose host was taken off the list is not called');
select is((select error_message from studio.bot_executions e join studio.bots b on b.id = e.bot_id where b.name = 'pg-host'),
  'the endpoint is no longer allowed: https://status.example.com/check', '... its run fails with the reason');
select throws_ok($$select * from studio.claim_due_bots('pgtap-runner', 0)$$, '22023', null, 'a runner claims 1 to 100 bots');
reset role;
insert into studio.bot_allowed_hosts (host) values ('status.example.com');

-- Tickets and findings (admin) --------------------------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select throws_ok(format($$select studio.assign_bot_ticket(%L, %L)$$, :'ticket', :'alice'), 'PA162', null, 'a ticket goes to support staff only');
select is((studio.assign_bot_ticket(:'ticket', :'support')).assignee, 'staff', 'an admin assigns a ticket to support');
reset role;
select is((select count(*) from public.notifications where type = 'studio.bot_ticket_assigned' and user_id = :'support')::int, 1, '... who is told');
select tests.authenticate_as(:'admin');
select throws_ok(format($$select studio.set_bot_ticket_status(%L, 'resolved', 'done')$$, :'ticket'), 'PA163', null, 'open → resolved skips a step');
select is((studio.set_bot_ticket_status(:'ticket', 'in_progress')).status, 'in_progress', 'open → in_progress');
select throws_ok(format($$select studio.set_bot_ticket_status(%L, 'resolved')$$, :'ticket'), '22023', null, 'resolving needs notes');
select results_eq(format($$select status, resolved_by from studio.set_bot_ticket_status(%L, 'resolved', 'replayed the events')$$, :'ticket'),
  format($$values ('resolved'::text, %L::uuid)$$, :'admin'), 'in_progress → resolved, by whom');
select is((select resolution_method from studio.bot_findings where title = 'Webhook failures'), 'ticket', '... and its finding with it');
select throws_ok(format($$select studio.set_bot_ticket_status(%L, 'open')$$, :'ticket'), 'PA163', null, 'a resolved ticket stays resolved');
select throws_ok(format($$select studio.assign_bot_ticket(%L, null)$$, :'ticket'), 'PA001', null, 'a resolved ticket is not reassigned');
select throws_ok(format($$select studio.resolve_bot_finding(%L, 'auto_fixed')$$, (select id from studio.bot_findings where title = 'Disk at 91%')),
  '22023', null, 'by hand a finding is manual or ignored');
select throws_ok(format($$select studio.resolve_bot_finding(%L, 'manual')$$, (select id from studio.bot_findings where title = 'Disk at 91%')),
  'PA001', null, '... and only an open one');
select is((studio.run_bot_now(:'own_bot')).next_execution_at <= now(), true, 'an admin runs a bot at the next tick');
update studio.bots set status = 'paused' where name = 'pg-host';
select throws_ok($$select studio.run_bot_now((select id from studio.bots where name = 'pg-host'))$$, 'PA001', null, '... an active one only');
select throws_ok(format($$select studio.set_bot_ticket_status(%L, 'in_progress')$$, gen_random_uuid()), 'PA001', null, 'an unknown ticket is not found');
insert into studio.bot_knowledge (category, issue_pattern, solution) values ('pg-old', 'stale', 'none');
select lives_ok($$delete from studio.bot_knowledge where category = 'pg-old'$$, 'an admin removes a knowledge entry');

-- The other sides: anon, users, support ---------------------------------------------------------------------------------------
select tests.clear_authentication();
select throws_ok(format('select * from %s', t), '42501', null, format('anon cannot read %s', t))
  from unnest(array['studio.bots', 'studio.bot_executions', 'studio.bot_findings', 'studio.bot_actions', 'studio.bot_tickets',
                    'studio.bot_knowledge', 'studio.bot_allowed_hosts']) t;
select throws_ok(format($$select studio.run_bot_now(%L)$$, :'own_bot'), '42501', null, 'anon runs no bot');

select tests.authenticate_as(:'alice');
select is(tests.rows_visible(format('select * from %s', t)), 0::bigint, format('a user reads nothing of %s', t))
  from unnest(array['studio.bots', 'studio.bot_executions', 'studio.bot_findings', 'studio.bot_actions', 'studio.bot_tickets',
                    'studio.bot_knowledge', 'studio.bot_allowed_hosts']) t;
select throws_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-user', 'Mine', '* * * * *', '/functions/v1/x')$$,
  '42501', null, 'a user adds no bot');
select ok(tests.refused(format($$update studio.bots set status = 'paused' where id = %L$$, :'own_bot')), '... changes none');
select ok(tests.refused(format($$delete from studio.bots where id = %L$$, :'own_bot')), '... removes none');
select throws_ok($$insert into studio.bot_knowledge (category, issue_pattern, solution) values ('x', 'y', 'z')$$, '42501', null, '... adds no knowledge');
select throws_ok(format($$select studio.set_bot_ticket_status(%L, 'in_progress')$$, :'ticket'), '42501', null, '... moves no ticket');
select throws_ok(format($$select studio.assign_bot_ticket(%L, %L)$$, :'ticket', :'alice'), '42501', null, '... assigns none');
select throws_ok(format($$select studio.run_bot_now(%L)$$, :'own_bot'), '42501', null, '... runs no bot');
select throws_ok(format($$select studio.record_bot_run(%L, true)$$, :'run1'), '42501', null, '... records no run');
select tests.authenticate_as(:'bob');
select is(tests.rows_visible('select * from studio.bot_tickets') + tests.rows_visible('select * from studio.bot_findings'), 0::bigint,
  'another user reads no ticket or finding either');
select throws_ok(format($$select studio.resolve_bot_finding(%L, 'ignored')$$, (select gen_random_uuid())), '42501', null, '... and resolves nothing');

select tests.authenticate_as(:'support');
select ok(tests.rows_visible(format('select * from %s', t)) > 0, format('support reads %s', t))
  from unnest(array['studio.bots', 'studio.bot_executions', 'studio.bot_findings', 'studio.bot_actions', 'studio.bot_tickets',
                    'studio.bot_knowledge', 'studio.bot_allowed_hosts']) t;
select throws_ok($$insert into studio.bots (name, display_name, schedule_cron, api_endpoint) values ('pg-support', 'S', '* * * * *', '/functions/v1/x')$$,
  '42501', null, 'support adds no bot');
select ok(tests.refused(format($$update studio.bots set status = 'paused' where id = %L$$, :'own_bot')), '... changes none');
select ok(tests.refused(format($$delete from studio.bots where id = %L$$, :'own_bot')), '... removes none');
select throws_ok(format($$select studio.run_bot_now(%L)$$, :'own_bot'), '42501', null, '... runs none');
select ok(tests.refused($$update studio.bot_knowledge set solution = 'rm -rf /'$$), '... changes no knowledge');
select ok(tests.refused($$delete from studio.bot_knowledge$$), '... removes none');
select throws_ok($$insert into studio.bot_allowed_hosts (host) values ('evil.example.net')$$, '42501', null, '... and widens no allow-list');

select tests.authenticate_as(:'admin');
select throws_ok($$insert into studio.bot_allowed_hosts (host) values ('evil.example.net')$$, '42501', null, 'nor does an admin: only migrations add hosts');
select tests.authenticate_as_service_role();
select throws_ok($$insert into studio.bot_allowed_hosts (host) values ('evil.example.net')$$, '42501', null, '... not even the service role');
select lives_ok(format($$delete from studio.bots where id = %L$$, :'own_bot'), 'the service role removes a bot');
select tests.authenticate_as(:'admin');
select lives_ok($$delete from studio.bots where name = 'pg-host'$$, 'an admin removes a bot (its runs go with it)');
select is(tests.rows_visible($$select * from studio.bot_executions e join studio.bots b on b.id = e.bot_id where b.name like 'pg-%'$$), 0::bigint, '... all of them');

-- The learning writer ---------------------------------------------------------------------------------------------------
reset role;
update billing.ai_requests set created_at = date_trunc('day', now()) - interval '12 hours' where id = :'held_request';
select tests.authenticate_as(:'alice');
select throws_ok('select studio.write_learning_summaries()', '42501', null, 'a user cannot write learning summaries');
select tests.authenticate_as_service_role();
select is(studio.write_learning_summaries(), 1, 'the nightly writer summarises yesterday: one row per user and type');
select is(studio.write_learning_summaries(), 1, '... and a rerun replaces it');
select tests.authenticate_as(:'alice');
select results_eq($$select conversation_type, summary_date, message_count, avg_message_length, response_quality_score, provider, model, tokens_used, credits_used, failed_count
                      from studio.javari_learning$$,
  $$values ('conversation'::text, (now() at time zone 'UTC')::date - 1, 1, 12, 1.00::numeric, 'openai'::text, 'm-bots'::text, 1500, 7::bigint, 0)$$,
  'alice reads her summary: requests, message length, share completed, provider, model, tokens, credits');
select is((select patterns_detected -> 'requests_by_model' ->> 'm-bots' from studio.javari_learning), '1', '... with its patterns');
select tests.authenticate_as(:'bob');
select is(tests.rows_visible('select * from studio.javari_learning'), 0::bigint, 'another user reads none of it');

select * from finish();
rollback;
