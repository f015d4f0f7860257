-- The refused side of the studio's and gigs' policies and of the billing and studio RPCs' guards, each
-- tried by the role that must be refused (anon, a stranger, a plain organization member, a suspended
-- user) on rows seeded first, asserting that nothing was seen or nothing changed, not only that no
-- error was raised. Each test here fails when its policy is opened (USING or WITH CHECK `true`) or its
-- guard removed (npm run test:mutation). The allowed sides are tested in 12_ai, 29_studio_access,
-- 09_ledger and 10_stripe; a few are repeated here so that a refusal cannot pass for a broken setup.
begin;
select plan(62);

select tests.create_user('r33-owner@example.com') as owner \gset
select tests.create_user('r33-stranger@example.com') as stranger \gset
select tests.create_user('r33-suspended@example.com') as suspended \gset
select tests.create_user('r33-member@example.com') as member \gset

-- Seeds, as the superuser ------------------------------------------------------------------------------------------
reset role;
insert into studio.javari_projects (user_id, name) values (:'owner', 'Owner''s novel') returning id as owner_project \gset
insert into studio.javari_projects (user_id, name) values (:'suspended', 'Suspended''s novel') returning id as suspended_project \gset
insert into studio.javari_conversations (user_id, provider, model) values (:'owner', 'openai', 'm-r33') returning id as owner_conversation \gset
insert into studio.javari_conversations (user_id, provider, model) values (:'suspended', 'openai', 'm-r33') returning id as suspended_conversation \gset
insert into studio.javari_learning (user_id, conversation_type) values (:'owner', 'chat');
insert into studio.javari_usage_stats (user_id, provider, model, success) values (:'owner', 'openai', 'm-r33', true);
insert into studio.app_catalog (slug, name, category, credit_cost) values ('r33-live', 'Live', 'writing', 5) returning id as live_app \gset
insert into studio.app_catalog (slug, name, category, credit_cost, status) values ('r33-retired', 'Retired', 'writing', 5, 'deprecated')
  returning id as retired_app \gset
insert into studio.app_catalog (slug, name, category, credit_cost, status) values ('r33-down', 'Down', 'writing', 5, 'maintenance')
  returning id as down_app \gset
insert into studio.app_usage (user_id, app_id, credits_used, success) values (:'owner', :'live_app', 5, true);
insert into studio.tools_catalog (slug, name, credit_cost) values ('r33-on', 'On', 5) returning id as active_tool \gset
insert into studio.tools_catalog (slug, name, credit_cost, active) values ('r33-off', 'Off', 5, false) returning id as inactive_tool \gset
insert into studio.tools_results (user_id, tool_id, input_data) values (:'owner', :'active_tool', '{"secret": "owner''s"}');
insert into gigs.source_images (user_id, storage_path, mime_type) values (:'owner', 'owner/a.png', 'image/png') returning id as owner_image \gset
insert into gigs.source_images (user_id, storage_path, mime_type) values (:'suspended', 'suspended/a.png', 'image/png')
  returning id as suspended_image \gset
-- Credits to spend, so that a run the guards let through would be charged.
select billing.user_account(:'owner', 'CREDIT') as owner_credits \gset
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), :'owner_credits', 100, 'bonus', 'r33-fund-owner');
insert into billing.credit_packages (id, name, credits, price_amount) values ('r33-pack', 'Pack', 100, 500), ('r33-old', 'Old', 10, 100);
update billing.credit_packages set active = false where id = 'r33-old';
insert into billing.plans (id, product, name, price_amount) values ('r33-unpriced', 'refusalkit', 'No Stripe price', 900);
-- Suspended indefinitely: they still read their own rows, and change none.
update public.profiles set status = 'suspended' where id = :'suspended';

select tests.authenticate_as(:'owner');
select (public.create_organization('R33 Co', 'r33-co')).id as org \gset
reset role;
insert into public.organization_members (organization_id, user_id, role) values (:'org', :'member', 'member');

-- Catalogs: anon and a stranger see only what is live ---------------------------------------------------------------
select tests.clear_authentication();
select is(tests.rows_visible($$select * from studio.app_catalog where slug like 'r33-%'$$), 2::bigint,
  'anon reads the live apps (an app in maintenance included)');
select is(tests.rows_visible($$select * from studio.app_catalog where status = 'deprecated'$$), 0::bigint, '... and no deprecated one');
select is(tests.rows_visible($$select * from studio.tools_catalog where slug like 'r33-%'$$), 1::bigint, 'anon reads the active tool');
select is(tests.rows_visible($$select * from studio.tools_catalog where not active$$), 0::bigint, '... and no inactive one');
select tests.authenticate_as(:'stranger');
select is(tests.rows_visible($$select * from studio.app_catalog where status = 'deprecated'$$)
        + tests.rows_visible($$select * from studio.tools_catalog where not active$$), 0::bigint,
  'a signed-in user reads no deprecated app and no inactive tool either');

-- What is the owner's alone: a stranger reads none of it -------------------------------------------------------------
select is(tests.rows_visible('select * from studio.javari_learning'), 0::bigint, 'a stranger reads no one''s learning records');
select is(tests.rows_visible('select * from studio.javari_usage_stats'), 0::bigint, 'a stranger reads no one''s usage stats');
select is(tests.rows_visible('select * from studio.app_usage'), 0::bigint, 'a stranger reads no one''s app usage');
select is(tests.rows_visible('select * from studio.tools_results'), 0::bigint, 'a stranger reads no one''s tool results');
select tests.authenticate_as(:'owner');
select is(tests.rows_visible('select * from studio.javari_learning') + tests.rows_visible('select * from studio.javari_usage_stats')
        + tests.rows_visible('select * from studio.app_usage') + tests.rows_visible('select * from studio.tools_results'), 4::bigint,
  'the owner reads their own (one of each)');

-- A stranger's writes to the owner's rows -----------------------------------------------------------------------------
-- Unqualified statements: with no WHERE clause the read policy does not filter them, only the
-- statement's own policy does.
select tests.authenticate_as(:'stranger');
select is(tests.rows_affected('delete from studio.javari_projects'), 0::bigint, 'a stranger''s unqualified delete removes no project');
select is(tests.rows_affected('delete from studio.javari_conversations'), 0::bigint, '... no conversation');
select is(tests.rows_affected('delete from gigs.source_images'), 0::bigint, '... no source image');
select is(tests.rows_affected($$update studio.javari_projects set status = 'archived'$$), 0::bigint, 'a stranger''s unqualified update changes no project');
select is(tests.rows_affected('update studio.javari_conversations set project_id = null'), 0::bigint, '... and moves no conversation');
select throws_ok(format($$insert into gigs.source_images (user_id, storage_path, mime_type) values (%L, 'planted.png', 'image/png')$$, :'owner'),
  '42501', null, 'a stranger cannot add a source image in the owner''s name');

-- A suspended user's writes to their own rows ------------------------------------------------------------------------------
select tests.authenticate_as(:'suspended');
select is(tests.rows_visible('select * from studio.javari_projects') + tests.rows_visible('select * from studio.javari_conversations')
        + tests.rows_visible('select * from gigs.source_images'), 3::bigint, 'a suspended user still reads their own rows');
select is(tests.rows_affected(format('delete from studio.javari_projects where id = %L', :'suspended_project')), 0::bigint,
  '... but deletes no project of theirs');
select is(tests.rows_affected(format($$update studio.javari_projects set name = 'Renamed' where id = %L$$, :'suspended_project')), 0::bigint,
  '... updates none');
select is(tests.rows_affected(format('delete from studio.javari_conversations where id = %L', :'suspended_conversation')), 0::bigint,
  '... deletes no conversation');
select is(tests.rows_affected(format('update studio.javari_conversations set project_id = %L where id = %L', :'suspended_project', :'suspended_conversation')),
  0::bigint, '... moves none into their project');
select is(tests.rows_affected(format('delete from gigs.source_images where id = %L', :'suspended_image')), 0::bigint,
  '... and removes no source image');
select throws_ok($$insert into gigs.source_images (user_id, storage_path, mime_type) values (auth.uid(), 'new.png', 'image/png')$$,
  '42501', null, '... nor adds one');

reset role;
select is((select count(*) from studio.javari_projects where id in (:'owner_project', :'suspended_project') and status = 'active')::int, 2,
  'both projects are still there, active');
select is((select name from studio.javari_projects where id = :'suspended_project'), 'Suspended''s novel', '... the suspended user''s unrenamed');
select is((select count(*) from studio.javari_conversations where id in (:'owner_conversation', :'suspended_conversation') and project_id is null)::int, 2,
  'both conversations are still there, in no project');
select is((select array_agg(user_id order by storage_path) from gigs.source_images), array[:'owner', :'suspended']::uuid[],
  'the source images are the two seeded, nothing removed or planted');

-- billing.my_statement: a page is 1 to 500 lines -------------------------------------------------------------------------------
select tests.authenticate_as(:'owner');
select is((select count(*) from billing.my_statement(:'owner_credits', null, 500))::int, 1, 'the owner reads their statement');
select throws_ok(format('select * from billing.my_statement(%L, null, 0)', :'owner_credits'), '22023', null, 'a page of 0 lines is refused');
select throws_ok(format('select * from billing.my_statement(%L, null, 501)', :'owner_credits'), '22023', null, '... of 501 lines too');
select throws_ok(format('select * from billing.my_statement(%L, null, null)', :'owner_credits'), '22023', null, '... and a page without a limit');

-- billing.set_pool_spend_roles: an organization without a pool -------------------------------------------------------------------
select throws_ok(format($$select billing.set_pool_spend_roles(%L, '{owner,member}')$$, :'org'), 'PA001', null,
  'the owner cannot set who spends a pool the organization does not have yet');
reset role;
select is((select count(*) from billing.accounts where organization_id = :'org')::int, 0, '... and no pool was made by it');

-- billing.prepare_checkout: who pays, for what, and how much ----------------------------------------------------------------------
-- It writes nothing (a stable function): a refusal is the error, and no checkout to hand to Stripe.
select tests.authenticate_as(:'owner');
select is((select amount || ' ' || currency || ' ' || organization_id::text from billing.prepare_checkout('credit_package', 'r33-pack', null, 'USD', :'org')),
  '500 USD ' || :'org', 'the owner buys a credit package for the organization');
select is((select amount from billing.prepare_checkout('wallet_top_up', null, 500, 'USD')), 500::bigint, '... and tops up their own wallet');
select tests.authenticate_as(:'member');
select throws_ok(format($$select * from billing.prepare_checkout('credit_package', 'r33-pack', null, 'USD', %L)$$, :'org'), '42501', null,
  'a plain member does not buy for the organization');
select throws_ok(format($$select * from billing.prepare_checkout('plan', 'r33-unpriced', null, 'USD', %L)$$, :'org'), '42501', null, '... not a plan either');
select tests.authenticate_as(:'stranger');
select throws_ok(format($$select * from billing.prepare_checkout('credit_package', 'r33-pack', null, 'USD', %L)$$, :'org'), '42501', null,
  'nor does a stranger');
select tests.authenticate_as(:'owner');
select throws_ok(format($$select * from billing.prepare_checkout('wallet_top_up', null, 1000, 'USD', %L)$$, :'org'), '22023', null,
  'an organization does not top up a wallet');
select throws_ok(format($$select * from billing.prepare_checkout('product', 'anything', null, 'USD', %L, 'r33_type')$$, :'org'), '22023', null,
  '... nor buys a product');
select throws_ok($$select * from billing.prepare_checkout('wallet_top_up', null, 499, 'USD')$$, '22023', null, 'a top-up under 5.00 is refused');
select throws_ok($$select * from billing.prepare_checkout('wallet_top_up', null, 100001, 'USD')$$, '22023', null, '... and one over 1,000.00');
select throws_ok($$select * from billing.prepare_checkout('wallet_top_up', null, null, 'USD')$$, '22023', null, '... and one without an amount');
select throws_ok($$select * from billing.prepare_checkout('wallet_top_up', null, 1000, 'CREDIT')$$, '22023', null, 'a wallet is not topped up in credits');
select throws_ok($$select * from billing.prepare_checkout('wallet_top_up', null, 1000, 'credit')$$, '22023', null, '... however it is spelled');
select throws_ok($$select * from billing.prepare_checkout('product', 'anything', null, 'USD', null, 'r33_no_such_type')$$, 'PA001', null,
  'an unknown product type is refused');
select throws_ok($$select * from billing.prepare_checkout('product', 'anything', null, 'USD', null, null)$$, 'PA001', null, '... and a product of no type');
select throws_ok($$select * from billing.prepare_checkout('credit_package', 'r33-no-such-pack')$$, 'PA001', null, 'an unknown credit package is refused');
select throws_ok($$select * from billing.prepare_checkout('credit_package', 'r33-old')$$, 'PA001', null, '... and an inactive one');
select throws_ok($$select * from billing.prepare_checkout('plan', 'r33-unpriced')$$, 'PA001', null, '... and a plan with no Stripe price');
select throws_ok($$select * from billing.prepare_checkout('gift_card', 'x')$$, '22023', null, 'an unknown purpose is refused');

-- studio.run_app and studio.run_tool: only what is available runs, and nothing is charged otherwise -------------------------------
select throws_ok(format($$select studio.run_app(%L, 'r33-app-1')$$, :'retired_app'), 'PA001', null, 'a deprecated app does not run');
select throws_ok(format($$select studio.run_app(%L, 'r33-app-2')$$, :'down_app'), 'PA001', null, '... nor one in maintenance');
select throws_ok(format($$select studio.run_app(%L, 'r33-app-3')$$, gen_random_uuid()), 'PA001', null, '... nor an unknown one');
select throws_ok(format($$select studio.run_tool(%L, '{}', 'r33-tool-1')$$, :'inactive_tool'), 'PA001', null, 'an inactive tool does not run');
select throws_ok(format($$select studio.run_tool(%L, '{}', 'r33-tool-2')$$, gen_random_uuid()), 'PA001', null, '... nor an unknown one');
reset role;
select is((select balance from billing.accounts where id = :'owner_credits'), 100::bigint, 'the refused runs charged nothing');
select is((select count(*) from billing.transfers where debit_account_id = :'owner_credits')::int, 0, '... and posted no transfer');
select is((select count(*) from studio.app_usage where user_id = :'owner')::int + (select count(*) from studio.tools_usage where user_id = :'owner')::int
        + (select count(*) from studio.tools_results where user_id = :'owner')::int, 2,
  '... nor recorded any usage or result (the two seeded rows only)');
select tests.authenticate_as(:'owner');
select is((studio.run_app(:'live_app', 'r33-app-5')).credits_used, 5::bigint, 'a live app runs, at its cost');
select is((studio.run_tool(:'active_tool', '{}', 'r33-tool-3')).tool_id, :'active_tool'::uuid, '... and so does an active tool');
reset role;
select is((select balance from billing.accounts where id = :'owner_credits'), 90::bigint, '... both charged');

select * from finish();
rollback;
