-- Plans per product (billing.current_plan for the server, billing.my_plan for clients) and priced
-- items in any asset (billing.spend_item from a money wallet or credits), with the registries' rules.
begin;
select plan(50);

select tests.create_user('alice@plans.test') as alice \gset
select tests.create_user('bob@plans.test') as bob \gset
select tests.create_user('carol@plans.test') as carol \gset
select tests.create_user('dave@plans.test') as dave \gset
select tests.create_user('erin@plans.test') as erin \gset
select tests.create_user('frank@plans.test') as frank \gset

-- Two products' plans: plan_test has a default, other_test has none.
insert into billing.plans (id, product, name, tier, price_amount, is_default, features) values
  ('pt-free', 'plan_test', 'Free', 0, 0, true, '{"max_rooms": 1}'),
  ('pt-basic', 'plan_test', 'Basic', 1, 500, false, '{"max_rooms": 3}'),
  ('pt-pro', 'plan_test', 'Pro', 2, 1500, false, '{"max_rooms": 10}'),
  ('pt-team', 'plan_test', 'Team', 3, 4900, false, '{"max_rooms": 50}'),
  ('pt-ultra', 'plan_test', 'Ultra', 9, 9900, false, '{"max_rooms": 999}'),
  ('ot-pro', 'other_test', 'Other Pro', 5, 1000, false, '{}');

-- Bob's organization, with Erin as a member.
select tests.authenticate_as(:'bob');
select (public.create_organization('Plans Org', 'plans-org')).id as org \gset
select token as erin_token from public.invite_to_organization(:'org', null, :'erin', 'member') \gset
select tests.authenticate_as(:'erin');
select public.accept_invitation(:'erin_token');
reset role;

-- Subscriptions as the webhook records them.
insert into billing.subscriptions (stripe_subscription_id, user_id, organization_id, plan_id, status, current_period_end, last_event_at) values
  ('sub_alice_basic', :'alice', null, 'pt-basic', 'active', now() + interval '20 days', now()),
  ('sub_alice_pro', :'alice', null, 'pt-pro', 'active', now() + interval '30 days', now()),
  ('sub_alice_ultra', :'alice', null, 'pt-ultra', 'canceled', now() + interval '30 days', now()),
  ('sub_alice_late', :'alice', null, 'pt-ultra', 'past_due', now() + interval '30 days', now()),
  ('sub_erin_trial', :'erin', null, 'pt-basic', 'trialing', now() + interval '7 days', now()),
  ('sub_dave_other', :'dave', null, 'ot-pro', 'active', now() + interval '30 days', now()),
  ('sub_org_team', null, :'org', 'pt-team', 'active', now() + interval '30 days', now()),
  ('sub_bob_for_org', :'bob', :'org', 'pt-pro', 'active', now() + interval '30 days', now());

-- current_plan (the server's) ------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select is((select plan_id from billing.current_plan('plan_test', :'alice')), 'pt-pro',
  'a user''s plan is their best active subscription to a plan of that product (not a canceled or past-due one)');
select is((select (source, features, status, subscription_id is not null)::text from billing.current_plan('plan_test', :'alice')),
  '(user,"{""max_rooms"": 10}",active,t)', '... with its limits and the subscription');
select is((select plan_id from billing.current_plan('plan_test', :'erin')), 'pt-basic', 'a trialing subscription counts');
select is((select (plan_id, source, subscription_id is null)::text from billing.current_plan('plan_test', :'dave')), '(pt-free,default,t)',
  'a subscription to another product''s plan does not: the product''s default plan applies');
select is((select (plan_id, source)::text from billing.current_plan('plan_test', :'erin', :'org')), '(pt-team,organization)',
  'with an organization, the organization''s subscription');
select is((select (plan_id, source)::text from billing.current_plan('plan_test', :'bob')), '(pt-free,default)',
  '... which is not its owner''s own plan, even when the subscription names them');
select is((select count(*) from billing.current_plan('other_test', :'carol'))::int, 0, 'no subscription and no default plan: no row');
select throws_ok(format($$select * from billing.current_plan('no_such_product', %L)$$, :'dave'), 'PA001', null,
  'a product that registered no plans is unknown');
select ok(not has_function_privilege('authenticated', 'billing.current_plan(text, uuid, uuid)', 'execute'),
  'current_plan (any user''s plan) is not executable by authenticated');
select ok(not has_function_privilege('anon', 'billing.current_plan(text, uuid, uuid)', 'execute'), '... nor by anon');

-- my_plan (the clients') --------------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
select is((select plan_id from billing.my_plan('plan_test')), 'pt-pro', 'my_plan answers the caller''s plan');
select throws_ok(format($$select * from billing.current_plan('plan_test', %L)$$, :'erin'), '42501', null,
  'a user cannot ask current_plan about someone else');
select throws_ok($$select * from billing.my_plan('no_such_product')$$, 'PA001', null, 'my_plan of an unknown product is an error');
select tests.authenticate_as(:'erin');
select is((select (plan_id, source)::text from billing.my_plan('plan_test', :'org')), '(pt-team,organization)',
  'a member reads their organization''s plan');
select tests.authenticate_as(:'carol');
select throws_ok(format($$select * from billing.my_plan('plan_test', %L)$$, :'org'), '42501', null,
  'a stranger reads nothing of another organization''s plan');
select is((select plan_id from billing.my_plan('plan_test')), 'pt-free', '... and has their own, the default');
select tests.clear_authentication();
select throws_ok($$select * from billing.my_plan('plan_test')$$, '42501', null, 'anon has no plan to ask about');
select throws_ok(format($$select * from billing.current_plan('plan_test', %L)$$, :'alice'), '42501', null, '... and cannot call current_plan');
select is((select (product, features)::text from billing.plans where id = 'pt-pro'), '(plan_test,"{""max_rooms"": 10}")',
  'anon reads the plans with their product and limits');

-- The plans registry's rules -----------------------------------------------------------------------------
reset role;
update billing.plans set active = false where id = 'pt-free';
select tests.authenticate_as_service_role();
select is((select count(*) from billing.current_plan('plan_test', :'dave'))::int, 0, 'a retired default plan is no one''s plan');
reset role;
update billing.plans set active = true where id = 'pt-free';
select throws_ok($$insert into billing.plans (id, product, name) values ('bad-1', 'Plan-Test', 'x')$$, '23514', null,
  'a plan names its product by a product key');
select throws_ok($$insert into billing.plans (id, name) values ('bad-2', 'x')$$, '23502', null, '... and must name one');
select throws_ok($$insert into billing.plans (id, product, name, features) values ('bad-3', 'plan_test', 'x', '[1, 2]')$$, '23514', null,
  'features are an object of limits');
select throws_ok(format($$insert into billing.plans (id, product, name, features) values ('bad-4', 'plan_test', 'x', %L)$$,
  jsonb_build_object('note', repeat('x', 5000))), '23514', null, '... of at most 4 kB');
select throws_ok($$insert into billing.plans (id, product, name, is_default) values ('bad-5', 'plan_test', 'x', true)$$, '23505', null,
  'a product has one default plan');
select throws_ok($$insert into billing.plans (id, product, name, price_amount, is_default) values ('bad-6', 'third_test', 'x', 100, true)$$,
  '23514', null, '... and it is free');
select lives_ok($$insert into billing.plans (id, product, name, is_default) values ('tt-free', 'third_test', 'x', true)$$,
  'another product has its own default plan');
select tests.authenticate_as(:'alice');
select throws_ok($$insert into billing.plans (id, product, name) values ('mine', 'plan_test', 'x')$$, '42501', null, 'a user cannot register plans');

-- Priced items in any asset ----------------------------------------------------------------------------------
reset role;
insert into billing.priced_items (product, item_type, item_id, asset, price) values
  ('plan_test', 'guide', 'handbook', 'USD', 250), ('plan_test', 'guide', 'handbook', 'CREDIT', 40),
  ('plan_test', 'guide', 'atlas', 'USD', 5000);
select throws_ok($$insert into billing.priced_items (product, item_type, item_id, price) values ('Plan Test', 'guide', 'x', 1)$$, '23514', null,
  'a priced item names its product by a product key');
select throws_ok($$insert into billing.priced_items (product, item_type, item_id, asset, price) values ('plan_test', 'guide', 'x', 'XXX', 1)$$,
  '23503', null, '... and is priced in a known asset');
select throws_ok($$insert into billing.priced_items (product, item_type, item_id, asset, price) values ('plan_test', 'guide', 'x', 'USD', 0)$$,
  '23514', null, '... at a positive price');
select is((select asset from billing.priced_items where item_id = 'handbook' and price = 40), 'CREDIT', 'the asset defaults to credits');
select tests.clear_authentication();
select is((select array_agg((asset, price)::text order by asset) from billing.priced_items where item_id = 'handbook'),
  array['(CREDIT,40)', '(USD,250)'], 'anon reads an item''s prices in each asset');
select throws_ok($$select billing.spend_item('guide', 'handbook', 'USD', 'anon-1')$$, '42501', null, 'anon cannot spend');
select tests.authenticate_as(:'frank');
select throws_ok($$insert into billing.priced_items (product, item_type, item_id, price) values ('plan_test', 'guide', 'free', 1)$$, '42501', null,
  'a user cannot register priced items');

-- Frank has 10.00 in his USD wallet and 100 credits.
select tests.authenticate_as_service_role();
select billing.user_account(:'frank', 'USD') as frank_usd \gset
select billing.platform_account('revenue', 'USD') as revenue_usd \gset
select billing.transfer(billing.platform_account('stripe_clearing', 'USD'), :'frank_usd', 1000, 'top_up', 'frank-top-up');
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'frank', 'CREDIT'), 100, 'bonus', 'frank-bonus');
select balance as revenue_before from billing.account_balances where account_id = :'revenue_usd' \gset

select tests.authenticate_as(:'frank');
select (billing.spend_item('guide', 'handbook', 'USD', 'frank-1')).id as spend1 \gset
select is((select balance from billing.accounts where id = :'frank_usd'), 750::bigint, 'a money item is paid from the caller''s wallet in its currency');
select is((select (asset, amount, kind, debit_account_id = :'frank_usd', credit_account_id = :'revenue_usd', reference_id)::text
             from billing.transfers where id = :'spend1'), '(USD,250,payment,t,t,handbook)', '... into platform revenue');
select is((select metadata from billing.transfers where id = :'spend1'), jsonb_build_object('product', 'plan_test', 'spent_by', :'frank'),
  '... naming the product and who spent');
select is((billing.spend_item('guide', 'handbook', 'USD', 'frank-1')).id, :'spend1'::bigint, 'the same key buys once');
select is((select balance from billing.accounts where id = :'frank_usd'), 750::bigint, '... and charges once');
select throws_ok($$select billing.spend_item('guide', 'atlas', 'USD', 'frank-2')$$, 'PA101', null, 'a wallet cannot pay more than it has');
select throws_ok($$select billing.spend_item('guide', 'atlas', 'CREDIT', 'frank-3')$$, 'PA001', null, 'an item without a price in that asset cannot be bought in it');
select throws_ok(format($$select billing.spend_item('guide', 'handbook', 'USD', 'frank-4', %L)$$, :'org'), '22023', null,
  'an organization pays with credits only');
select is((billing.spend_item('guide', 'handbook', 'CREDIT', 'frank-5')).amount, 40::bigint, 'the same item is bought with credits at its credit price');
select is(public.get_user_credits(:'frank'), 60, '... from the caller''s credits');
select is((select balance from billing.accounts where id = :'frank_usd'), 750::bigint, 'the refused spends took nothing');

select tests.authenticate_as_service_role();
select is((select balance from billing.account_balances where account_id = :'revenue_usd') - :revenue_before, 250::bigint,
  'revenue received the price once');
select billing.set_account_controls(:'frank_usd', true);
select tests.authenticate_as(:'frank');
select throws_ok($$select billing.spend_item('guide', 'handbook', 'USD', 'frank-6')$$, 'PA102', null, 'a frozen wallet cannot spend');
select is((select balance from billing.accounts where id = :'frank_usd'), 750::bigint, '... and keeps its balance');

reset role;
select is(billing.ledger_violations(), '{}'::text[], 'the ledger balances after money and credit spends');

select * from finish();
rollback;
