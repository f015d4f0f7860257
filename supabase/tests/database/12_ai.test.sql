-- AI metering and the studio: reservation rules (limits, caps, idempotency, purposes), settlement
-- arithmetic, fixed-price runs, and who reads or writes the new tables. The registry of purposes,
-- validators and recorders is tested in 22_ai_purposes.
begin;
select plan(35);

select tests.create_user('maker@example.com') as maker \gset
select tests.create_user('other@example.com') as other \gset
select tests.create_user('support@example.com') as support \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support');
insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, minimum_credits, max_output_tokens)
values ('m-test', 'openai', 2, 10, 1, 1000);
insert into billing.provider_balances (provider, balance, low_balance_threshold, credit_ratio) values ('openai', 100, 95, 1)
on conflict (provider) do update set balance = excluded.balance, low_balance_threshold = excluded.low_balance_threshold, credit_ratio = excluded.credit_ratio;
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'maker', 'CREDIT'), 100, 'bonus', 'fund-maker');

-- Reserving and settling
select * from billing.ai_reserve(:'maker', 'm-test', 5000, 10, 'general', null, null, 'k1', 'hi') \gset r1_
select is(:'r1_max_output_tokens'::int, 1000, 'max tokens are capped at the model''s maximum');
select is(:'r1_reserved_credits'::bigint, 11::bigint, 'the worst case is reserved: 1 for input, 10 for 1,000 output tokens');
select is((select held from billing.accounts where user_id = :'maker' and asset = 'CREDIT'), 11::bigint, '... as a hold');
select throws_ok($$select * from billing.ai_reserve((select id from public.profiles where display_name = 'maker'), 'm-test', 10, 10, 'general', null, null, 'k1', 'hi')$$,
  'PA110', null, 'the same key while running is refused');
select is((billing.ai_settle(:'r1_request_id', 1500, 700, 'answer')).credits_charged, 10::bigint, 'settlement charges what was used: 3 + 7');
select is((select balance || '/' || held from billing.accounts where user_id = :'maker' and asset = 'CREDIT'), '90/0', '... and releases the rest');
select is((select status from billing.ai_reserve(:'maker', 'm-test', 5000, 10, 'general', null, null, 'k1', 'hi')), 'completed',
  'the same key afterwards answers the recorded result');
select is((select response ->> 'content' from billing.ai_reserve(:'maker', 'm-test', 5000, 10, 'general', null, null, 'k1', 'hi')), 'answer', '... with its content');
select is((billing.ai_settle(:'r1_request_id', 1, 1, 'again')).credits_charged, 10::bigint, 'settling twice changes nothing');
select is((select balance from billing.provider_balances where provider = 'openai'), 90::bigint, 'the provider''s balance is decremented');
select tests.authenticate_as_service_role();
select is((select is_low from billing.provider_balance_status() where provider = 'openai'), true, '... and flagged low');
reset role;

select * from billing.ai_reserve(:'maker', 'm-test', 100, 10, 'general', null, null, 'k2', 'hi') \gset r2_
select is((billing.ai_fail(:'r2_request_id', 'boom')).status, 'failed', 'a failed request');
select is((select balance || '/' || held from billing.accounts where user_id = :'maker' and asset = 'CREDIT'), '90/0', '... charges nothing');
select is((select count(*) from studio.javari_usage_stats where user_id = :'maker')::int, 0,
  'general requests belong to no product: no studio usage stats (22_ai_purposes tests the recorders)');
select is((billing.ai_settle(:'r2_request_id', 10, 10, 'late')).status, 'failed', 'a failed request is not charged later');

select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-test', 100000, 100000, 'general', null, null, 'k3', 'x')$$, :'maker'), 'PA101', null,
  'a worst case beyond the balance is refused before any provider call');
select throws_ok(format($$select * from billing.ai_reserve(%L, 'no-model', 10, 10, 'general', null, null, 'k4', 'x')$$, :'maker'), 'PA001', null, 'an unknown model is refused');
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-test', 10, 10, 'conversation', %L, null, 'k5', 'x')$$, :'maker', gen_random_uuid()), 'PA001', null,
  'a conversation that is not the user''s is refused');
insert into billing.ai_user_limits (user_id, daily_credit_cap) values (:'maker', 20);
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-test', 1000, 10, 'general', null, null, 'k6', 'x')$$, :'maker'), 'PA112', null,
  'the daily credit cap holds');
update billing.ai_user_limits set daily_credit_cap = null, requests_per_minute = 2 where user_id = :'maker';
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-test', 10, 10, 'general', null, null, 'k7', 'x')$$, :'maker'), 'PA111', null,
  'the per-minute limit holds');

-- Fixed-price runs
insert into studio.tools_catalog (slug, name, credit_cost) values ('resize', 'Resize', 15);
select tests.authenticate_as(:'maker');
select is((studio.run_tool((select id from studio.tools_catalog where slug = 'resize'), '{"w": 100}', 'run-1')).input_data, '{"w": 100}'::jsonb,
  'a tool run records its input');
select is((select balance from billing.accounts where user_id = :'maker' and asset = 'CREDIT'), 75::bigint, '... and charges the tool''s cost');
select is((studio.run_tool((select id from studio.tools_catalog where slug = 'resize'), '{"w": 100}', 'run-1')).input_data, '{"w": 100}'::jsonb,
  'a replayed run answers the same result');
select is((select count(*) from studio.tools_usage)::int, 1, '... without a second charge or usage row');

-- Who reads and writes what
select is((select count(*) from billing.ai_requests)::int, 2, 'a user reads their AI requests');
select lives_ok($$insert into studio.javari_projects (user_id, name) values (auth.uid(), 'Mine')$$, 'a user creates a project');
select throws_ok($$select * from studio.javari_credentials$$, '42501', null, 'stored credentials are not readable, even one''s own');
select tests.authenticate_as(:'other');
select is((select count(*) from billing.ai_requests)::int + (select count(*) from studio.javari_projects)::int + (select count(*) from studio.tools_usage)::int, 0,
  'another user reads none of it');
select throws_ok(format($$insert into studio.javari_projects (user_id, name) values (%L, 'Theirs')$$, :'maker'), '42501', null, 'nor writes in someone else''s name');
select tests.authenticate_as(:'support');
select is((select count(*) from billing.ai_requests where user_id = :'maker')::int, 2, 'support staff read AI requests');
reset role;
insert into gigs.source_images (user_id, storage_path, mime_type) values (:'maker', 'maker/photo.png', 'image/png');
insert into gigs.ai_enhancements (user_id, status) values (:'maker', 'completed');
select tests.authenticate_as(:'other');
select is((select count(*) from gigs.source_images)::int + (select count(*) from gigs.ai_enhancements)::int, 0, 'another user reads no one''s images or enhancements');
select tests.authenticate_as(:'maker');
select is((select count(*) from gigs.source_images)::int + (select count(*) from gigs.ai_enhancements)::int, 2, 'the owner reads theirs');
select throws_ok($$insert into gigs.ai_enhancements (user_id, status) values (auth.uid(), 'completed')$$, '42501', null, 'enhancements are written only by the gateway');
select tests.clear_authentication();
select throws_ok($$select * from studio.javari_projects$$, '42501', null, 'anon reads no projects');
select ok((select count(*) from studio.tools_catalog where slug = 'resize') = 1, 'anon reads the tool catalog');

select * from finish();
rollback;
