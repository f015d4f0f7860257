-- The registry of AI purposes (private.ai_purposes): registration and its signature checks, lookups
-- (unknown purpose, validators), recorders and prompt builders, with a test purpose registered here;
-- then the studio's and the gigs' registrations: their validators and the rows their recorders write.
begin;
select plan(66);

select tests.create_user('maker@example.com') as maker \gset
select tests.create_user('stranger@example.com') as stranger \gset
insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, minimum_credits, max_output_tokens)
values ('m-purpose', 'openai', 2, 10, 1, 1000);
insert into billing.ai_user_limits (user_id, requests_per_minute) values (:'maker', 1000), (:'stranger', 1000);
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'maker', 'CREDIT'), 10000, 'bonus', 'fund-purpose-maker') \g /dev/null
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'stranger', 'CREDIT'), 10000, 'bonus', 'fund-purpose-stranger') \g /dev/null

-- Structure -------------------------------------------------------------------------------------------------
select has_table('private', 'ai_purposes', 'the registry of AI purposes is a core table');
select fk_ok('billing', 'ai_requests', 'purpose_type', 'private', 'ai_purposes', 'purpose');
select ok((select relrowsecurity from pg_class where oid = 'private.ai_purposes'::regclass), 'the registry has RLS on');
select results_eq($$select purpose || ':' || product || ':' || (recorder is not null)::text from private.ai_purposes
                     where product in ('core', 'studio', 'gigs') order by purpose$$,
  array['app:studio:true', 'conversation:studio:true', 'general:core:false', 'gig_enhancement:gigs:true', 'project:studio:true', 'tool:studio:true'],
  'the core registers general (no recorder); the studio and gigs register theirs');
select is_empty($$select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                   where n.nspname in ('public', 'billing', 'private', 'audit') and p.proname ~ '^(ai_|check_ai_)'
                     and p.prosrc ~ '\m(tabletop|tarot|studio|gigs|lounge)\.'$$,
  'no core AI function names a product schema');
select is_empty($$select conname from pg_constraint where conrelid = 'billing.ai_requests'::regclass
                   and pg_get_constraintdef(oid) ~ '(conversation|gig_enhancement|tarot)'$$,
  'billing.ai_requests lists no purposes: they come from the registry');

-- Clients reach none of it
select tests.authenticate_as(:'maker');
select throws_ok($$select * from private.ai_purposes$$, '42501', null, 'a user cannot read the registry');
select throws_ok($$insert into private.ai_purposes (purpose, product, validator) values ('mine', 'me', 'private.ai_allow_general(uuid, text)')$$,
  '42501', null, '... nor register a purpose');
select throws_ok(format($$select billing.ai_prompt(%L, 'general', null, '[]')$$, :'maker'), '42501', null, '... nor call ai_prompt');
select tests.clear_authentication();
select throws_ok($$select * from private.ai_purposes$$, '42501', null, 'anon cannot read the registry');
select tests.authenticate_as_service_role();
select throws_ok($$insert into private.ai_purposes (purpose, product, validator) values ('mine', 'me', 'private.ai_allow_general(uuid, text)')$$,
  '42501', null, 'service_role cannot register a purpose either: only migrations do');
reset role;

-- Registering -----------------------------------------------------------------------------------------------
create table tests.ai_demo_log (request_id uuid, status text, content text);
create function tests.ai_demo_allow(p_user_id uuid, p_purpose_id text) returns boolean
  language sql stable set search_path = '' as $$ select p_purpose_id like 'mine-%' $$;
create function tests.ai_demo_record(p_request billing.ai_requests, p_content text) returns void
  language sql set search_path = '' as $$ insert into tests.ai_demo_log values (p_request.id, p_request.status, p_content) $$;
create function tests.ai_demo_build(p_user_id uuid, p_purpose_id text, p_messages jsonb) returns jsonb
  language sql stable set search_path = '' as $$
    select jsonb_build_array(jsonb_build_object('role', 'system', 'content', 'stored ' || p_purpose_id)) || p_messages $$;
create function tests.ai_demo_echo(p_user_id uuid, p_purpose_id text, p_messages jsonb) returns jsonb
  language sql stable set search_path = '' as $$ select p_messages $$;
create function tests.ai_demo_text(p_user_id uuid, p_purpose_id text) returns text
  language sql stable set search_path = '' as $$ select 'yes' $$;
create function tests.ai_demo_gone(p_request billing.ai_requests, p_content text) returns void
  language sql set search_path = '' as $$ select null::void $$;

select lives_ok($$insert into private.ai_purposes (purpose, product, validator, recorder, prompt_builder)
                  values ('demo', 'testing', 'tests.ai_demo_allow(uuid, text)', 'tests.ai_demo_record(billing.ai_requests, text)',
                          'tests.ai_demo_build(uuid, text, jsonb)')$$,
  'a purpose registers with its validator, recorder and prompt builder');
select lives_ok($$insert into private.ai_purposes (purpose, product, validator, prompt_builder)
                  values ('demo_echo', 'testing', 'tests.ai_demo_allow(uuid, text)', 'tests.ai_demo_echo(uuid, text, jsonb)')$$,
  'the recorder is optional');
select throws_ok($$insert into private.ai_purposes (purpose, product, validator) values ('demo_bad', 'testing', 'tests.no_such_function(uuid, text)')$$,
  '42883', null,
  'a validator that does not exist is refused at registration');
select throws_ok($$insert into private.ai_purposes (purpose, product, validator) values ('demo_bad', 'testing', 'ai_demo_allow(uuid, text)')$$,
  '42883', null, 'a signature without its schema is refused');
select throws_ok($$insert into private.ai_purposes (purpose, product, validator) values ('demo_bad', 'testing', 'tests.ai_demo_text(uuid, text)')$$,
  '22023', null, 'a validator that does not return boolean is refused');
select throws_ok($$insert into private.ai_purposes (purpose, product, validator) values ('demo_bad', 'testing', 'tests.ai_demo_record(billing.ai_requests, text)')$$,
  '22023', null, 'a validator with other arguments is refused');
select throws_ok($$insert into private.ai_purposes (purpose, product, validator, recorder) values ('demo_bad', 'testing', 'tests.ai_demo_allow(uuid, text)', 'tests.ai_demo_allow(uuid, text)')$$,
  '22023', null, 'a recorder with the wrong signature is refused');
select throws_ok($$insert into private.ai_purposes (purpose, product, validator, prompt_builder) values ('demo_bad', 'testing', 'tests.ai_demo_allow(uuid, text)', 'tests.ai_demo_text(uuid, text)')$$,
  '22023', null, 'a prompt builder with the wrong signature is refused');
select throws_ok($$update private.ai_purposes set validator = 'tests.ai_demo_text(uuid, text)' where purpose = 'demo'$$,
  '22023', null, 'a registration cannot be changed to a bad signature either');
select throws_ok($$insert into private.ai_purposes (purpose, product, validator) values ('Demo-Bad', 'testing', 'tests.ai_demo_allow(uuid, text)')$$,
  '23514', null, 'a purpose name is lowercase letters, digits and _');
select throws_ok($$insert into private.ai_purposes (purpose, product, validator) values ('demo_bad', 'Testing!', 'tests.ai_demo_allow(uuid, text)')$$,
  '23514', null, 'a product name is lowercase letters and _');

-- Looking purposes up ---------------------------------------------------------------------------------------
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-purpose', 100, 10, 'no_such_purpose', null, null, 'p-unknown', 'x')$$, :'maker'),
  'PA001', 'unknown AI purpose "no_such_purpose"', 'an unregistered purpose is refused with PA001');
select throws_ok(format($$select billing.ai_prompt(%L, 'no_such_purpose', null, '[]')$$, :'maker'),
  'PA001', 'unknown AI purpose "no_such_purpose"', '... also when the gateway asks for its prompt');
select is((select count(*) from billing.ai_requests where user_id = :'maker')::int, 0, '... and nothing is written');
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-purpose', 100, 10, 'demo', 'theirs-1', null, 'p-refused', 'x')$$, :'maker'),
  'PA001', null, 'the validator decides: an id it refuses is PA001');
select * from billing.ai_reserve(:'maker', 'm-purpose', 100, 10, 'demo', 'mine-1', null, 'p-demo', 'question') \gset demo_
select is(:'demo_status'::text, 'reserved', '... and an id it allows is reserved');

-- Recording -------------------------------------------------------------------------------------------------
select billing.ai_settle(:'demo_request_id', 10, 10, 'the answer') \g /dev/null
select is((select status || ':' || content from tests.ai_demo_log where request_id = :'demo_request_id'), 'completed:the answer',
  'settling calls the purpose''s recorder with the content');
select * from billing.ai_reserve(:'maker', 'm-purpose', 100, 10, 'demo', 'mine-2', null, 'p-demo-fail', 'question') \gset demofail_
select billing.ai_fail(:'demofail_request_id', 'boom') \g /dev/null
select is((select status || ':' || coalesce(content, 'null') from tests.ai_demo_log where request_id = :'demofail_request_id'), 'failed:null',
  'failing calls it too, without content');
select * from billing.ai_reserve(:'maker', 'm-purpose', 100, 10, 'demo_echo', 'mine-3', null, 'p-echo', 'question') \gset echo_
select is((billing.ai_settle(:'echo_request_id', 10, 10, 'fine')).status, 'completed', 'a purpose without a recorder settles');
insert into private.ai_purposes (purpose, product, validator, recorder)
values ('demo_gone', 'testing', 'tests.ai_demo_allow(uuid, text)', 'tests.ai_demo_gone(billing.ai_requests, text)');
select * from billing.ai_reserve(:'maker', 'm-purpose', 100, 10, 'demo_gone', 'mine-4', null, 'p-gone', 'question') \gset gone_
drop function tests.ai_demo_gone(billing.ai_requests, text);
select throws_ok(format($$select billing.ai_settle(%L, 10, 10, 'x')$$, :'gone_request_id'), '42883', null,
  'a recorder that has gone since registration is an error, never skipped');
select throws_ok($$delete from private.ai_purposes where purpose = 'demo'$$, '23503', null, 'a purpose with requests cannot be unregistered');

-- Prompt builders -------------------------------------------------------------------------------------------
select is(billing.ai_prompt(:'maker', 'demo', 'mine-5', '[{"role": "user", "content": "Read my cards"}]'),
  '[{"role": "system", "content": "stored mine-5"}, {"role": "user", "content": "Read my cards"}]'::jsonb,
  'a purpose with a prompt builder answers the messages it builds');
select is(billing.ai_prompt(:'maker', 'general', null, '[{"role": "user", "content": "Hi"}]'), null,
  'a purpose without one answers null: the client''s messages are sent');
select throws_ok(format($$select billing.ai_prompt(%L, 'demo', 'theirs-1', '[{"role": "user", "content": "x"}]')$$, :'maker'),
  'PA001', null, 'the validator runs before the builder');
select is(billing.ai_prompt(:'maker', 'demo_echo', 'mine-6', '[{"role": "assistant", "content": "ok"}]'), '[{"role": "assistant", "content": "ok"}]'::jsonb,
  'a builder''s messages are passed through when well formed');
select throws_ok(format($$select billing.ai_prompt(%L, 'demo_echo', 'mine-6', %L)$$, :'maker', m), '22023', null,
  format('a builder answering %s is refused', m))
  from unnest(array['[]', '{"role": "user", "content": "x"}', '[{"role": "robot", "content": "x"}]', '[{"role": "user", "content": 1}]',
                    '[{"role": "user", "content": "x", "name": "y"}]', '["user: x"]']) m;

-- The studio's purposes -------------------------------------------------------------------------------------
insert into studio.javari_conversations (user_id, provider, model) values (:'maker', 'openai', 'm-purpose') returning id as conversation \gset
insert into studio.javari_projects (user_id, name) values (:'maker', 'Mine') returning id as project \gset
insert into studio.app_catalog (slug, name, category, credit_cost) values ('purpose-app', 'App', 'test', 0) returning id as app \gset
insert into studio.app_catalog (slug, name, category, credit_cost, status) values ('old-app', 'Old', 'test', 0, 'deprecated') returning id as old_app \gset
insert into studio.tools_catalog (slug, name, credit_cost) values ('purpose-tool', 'Tool', 0) returning id as tool \gset
insert into studio.tools_catalog (slug, name, credit_cost, active) values ('off-tool', 'Off', 0, false) returning id as off_tool \gset

select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-purpose', 100, 10, 'conversation', %L, null, 's-conv-stranger', 'x')$$, :'stranger', :'conversation'),
  'PA001', 'unknown conversation ' || :'conversation' || ' for this user', 'a stranger''s conversation id is refused');
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-purpose', 100, 10, 'project', %L, null, 's-proj-stranger', 'x')$$, :'stranger', :'project'),
  'PA001', null, 'a stranger''s project id is refused');
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-purpose', 100, 10, 'app', %L, null, 's-app-old', 'x')$$, :'maker', :'old_app'),
  'PA001', null, 'a deprecated app is refused');
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-purpose', 100, 10, 'tool', %L, null, 's-tool-off', 'x')$$, :'maker', :'off_tool'),
  'PA001', null, 'an inactive tool is refused');

select * from billing.ai_reserve(:'maker', 'm-purpose', 100, 10, 'conversation', :'conversation', null, 's-conv', 'Hello?') \gset conv_
select is(:'conv_status'::text, 'reserved', 'the owner''s conversation id is accepted');
select billing.ai_settle(:'conv_request_id', 100, 50, 'Hi!') \g /dev/null
select is((select messages from studio.javari_conversations where id = :'conversation'),
  '[{"role": "user", "content": "Hello?"}, {"role": "assistant", "content": "Hi!"}]'::jsonb, 'the studio''s recorder appends the exchange');
select is((select tokens_used || '/' || credits_used from studio.javari_conversations where id = :'conversation'), '150/2',
  '... with its tokens and credits');
select is((select success from studio.javari_usage_stats where ai_request_id = :'conv_request_id'), true, '... and writes a usage stats row');

select * from billing.ai_reserve(:'maker', 'm-purpose', 100, 10, 'project', :'project', null, 's-proj', 'Plan') \gset proj_
select billing.ai_settle(:'proj_request_id', 10, 10, 'A plan') \g /dev/null
select is((select count(*) from studio.javari_usage_stats where ai_request_id = :'proj_request_id')::int, 1, 'a project request writes usage stats');

select * from billing.ai_reserve(:'maker', 'm-purpose', 100, 10, 'app', :'app', null, 's-app', 'Make a logo') \gset app_
select billing.ai_settle(:'app_request_id', 10, 10, 'A logo') \g /dev/null
select is((select success from studio.app_usage where ai_request_id = :'app_request_id'), true, 'an app request writes an app usage row');
select * from billing.ai_reserve(:'maker', 'm-purpose', 100, 10, 'app', :'app', null, 's-app-fail', 'Make a logo') \gset appfail_
select billing.ai_fail(:'appfail_request_id', 'provider down') \g /dev/null
select is((select success || ':' || error_message from studio.app_usage where ai_request_id = :'appfail_request_id'), 'false:provider down',
  '... and a failed one a failed row');
select is((select success from studio.javari_usage_stats where ai_request_id = :'appfail_request_id'), false, '... with failed usage stats');

select * from billing.ai_reserve(:'maker', 'm-purpose', 100, 10, 'tool', :'tool', null, 's-tool', 'Summarize this') \gset tool_
select billing.ai_settle(:'tool_request_id', 10, 10, 'Summary') \g /dev/null
select is((select r.input_data || r.output_data from studio.tools_results r join studio.tools_usage u on u.id = r.usage_id where r.tool_id = :'tool'),
  '{"prompt": "Summarize this", "text": "Summary"}'::jsonb, 'a tool request writes the tool''s usage and result');

-- A purpose of no product (general) writes nothing in the studio.
select * from billing.ai_reserve(:'stranger', 'm-purpose', 100, 10, 'general', null, null, 's-general', 'Hi') \gset general_
select billing.ai_settle(:'general_request_id', 10, 10, 'Hello') \g /dev/null
select * from billing.ai_reserve(:'stranger', 'm-purpose', 100, 10, 'general', null, null, 's-general-fail', 'Hi') \gset generalfail_
select billing.ai_fail(:'generalfail_request_id', 'boom') \g /dev/null
select is((select count(*) from studio.javari_usage_stats where user_id = :'stranger')::int, 0,
  'a general request, settled or failed, writes no studio usage stats row');
select is((select count(*) from studio.javari_usage_stats where ai_request_id in (:'demo_request_id', :'demofail_request_id', :'echo_request_id'))::int, 0,
  '... nor does another product''s purpose');

-- The gigs' purpose ------------------------------------------------------------------------------------------
insert into gigs.source_images (user_id, storage_path, mime_type) values (:'maker', 'maker/a.png', 'image/png') returning id as image \gset
insert into gigs.source_images (user_id, storage_path, mime_type) values (:'stranger', 'stranger/b.png', 'image/png') returning id as their_image \gset
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-purpose', 100, 10, 'gig_enhancement', null, null, 'g-none', 'x')$$, :'maker'),
  'PA001', 'unknown gig_enhancement (no id) for this user', 'gig_enhancement without a source image is refused');
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-purpose', 100, 10, 'gig_enhancement', %L, null, 'g-theirs', 'x')$$, :'maker', :'their_image'),
  'PA001', null, '... and with another user''s image');
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-purpose', 100, 10, 'gig_enhancement', 'not-a-uuid', null, 'g-junk', 'x')$$, :'maker'),
  'PA001', null, '... and with an id that is no image');
select * from billing.ai_reserve(:'maker', 'm-purpose', 100, 10, 'gig_enhancement', :'image', null, 'g-mine', 'Brighter') \gset gig_
select is(:'gig_status'::text, 'reserved', 'the caller''s own image is accepted');
select billing.ai_settle(:'gig_request_id', 10, 10, 'Brighter image') \g /dev/null
select is((select source_image_id || ':' || status || ':' || result from gigs.ai_enhancements where ai_request_id = :'gig_request_id'),
  :'image' || ':completed:Brighter image', 'the gigs'' recorder writes the enhancement');
select is((select count(*) from studio.javari_usage_stats where ai_request_id = :'gig_request_id')::int, 0, '... and no studio usage stats');
select * from billing.ai_reserve(:'maker', 'm-purpose', 100, 10, 'gig_enhancement', :'image', null, 'g-mine-fail', 'Darker') \gset gigfail_
select billing.ai_fail(:'gigfail_request_id', 'boom') \g /dev/null
select is((select status || ':' || error_message from gigs.ai_enhancements where ai_request_id = :'gigfail_request_id'), 'failed:boom',
  'a failed enhancement is recorded as failed');

-- Clients cannot call the products' validators or recorders
select tests.authenticate_as(:'maker');
select throws_ok(format($$select studio.ai_validate_conversation(%L, %L)$$, :'maker', :'conversation'), '42501', null,
  'a user cannot call a studio validator');
select throws_ok(format($$select gigs.ai_validate_source_image(%L, %L)$$, :'maker', :'image'), '42501', null,
  '... nor a gigs validator');
reset role;

select * from finish();
rollback;
