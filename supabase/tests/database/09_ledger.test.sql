-- The ledger: accounts, transfers, idempotency, holds and expiry, frozen wallets and limits,
-- organization pools, client functions, the seeds' functions, and who may call or read what.
-- The invariants are checked after every flow.
begin;
select plan(133);

select tests.create_user('alice@example.com') as alice \gset
select tests.create_user('bob@example.com') as bob \gset
select tests.create_user('carol@example.com') as carol \gset
select tests.create_user('support@example.com') as support \gset
select tests.create_user('admin@example.com') as admin \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support'), (:'admin', 'admin');
insert into billing.priced_items (product, item_type, item_id, asset, price) values
  ('testkit', 'tool', 'upscale', 'CREDIT', 30), ('testkit', 'tool', 'retired', 'CREDIT', 5),
  ('testkit', 'tool', 'sticker', 'CREDIT', 1), ('testkit', 'gadget', 'sticker', 'CREDIT', 1),
  ('testkit', 'tool', 'sticker', 'USD', 1), ('testkit', 'tool', 'poster', 'USD', 1);
update billing.priced_items set active = false where item_id = 'retired';
-- A product's own fixed-price charge, as studio.run_tool makes it.
create function private.test_product_charge(p_type text, p_id text, p_credits bigint, p_key text) returns bigint
language sql security definer set search_path = ''
as $$ select (private.charge_credits(auth.uid(), p_credits, p_type, p_id, p_key, null)).id $$;
grant execute on function private.test_product_charge(text, text, bigint, text) to authenticated;

select tests.authenticate_as_service_role();

-- Accounts ------------------------------------------------------------------------------------------
select billing.user_account(:'alice', 'CREDIT') as alice_credits \gset
select is(billing.user_account(:'alice', 'credit'), :'alice_credits'::uuid, 'an account is created once and found again');
select billing.user_account(:'bob', 'CREDIT') as bob_credits \gset
select billing.user_account(:'alice', 'USD') as alice_usd \gset
select billing.platform_account('promotions', 'CREDIT') as promotions \gset
select billing.platform_account('revenue', 'CREDIT') as revenue \gset
select billing.platform_account('stripe_clearing', 'USD') as clearing_usd \gset
select billing.platform_account('revenue', 'USD') as revenue_usd \gset
select is((select daily_limit from billing.accounts where id = :'alice_usd'), 100000::bigint, 'a money wallet gets the seed''s daily limit (1,000.00)');
select is((select daily_limit from billing.accounts where id = :'alice_credits'), null, 'a credits account has no limit');
select throws_ok(format($$select billing.user_account(%L, 'CREDIT')$$, gen_random_uuid()), 'PA104', null, 'an unknown user has no account');
select throws_ok(format($$select billing.user_account(%L, 'DOGE1')$$, :'alice'), '22023', null, 'an unknown asset is refused');
select throws_ok($$select billing.platform_account('piggy_bank', 'CREDIT')$$, 'PA104', null, 'an unknown platform account is refused');

-- Transfers -----------------------------------------------------------------------------------------
select (billing.transfer(:'promotions', :'alice_credits', 1000, 'bonus', 'welcome-alice')).id as welcome \gset
select is((select balance from billing.accounts where id = :'alice_credits'), 1000::bigint, 'a bonus credits the user');
select is((select credit_balance_after from billing.transfers where id = :'welcome'), 1000::bigint, 'the transfer records the balance after');
select is((select debit_balance_after from billing.transfers where id = :'welcome'), null, '... and none for the platform side, which keeps no stored balance');
select is((select balance from billing.account_balances where account_id = :'promotions'), -1000::bigint, 'the promotions account is the sum of its transfers, and may go negative');
select lives_ok(format($$select billing.transfer(%L, %L, 250, 'payment', 'alice-pays-bob')$$, :'alice_credits', :'bob_credits'), 'a user pays another');
select is((select balance from billing.accounts where id = :'bob_credits'), 250::bigint, 'the payee is credited');
select is(billing.ledger_violations(), '{}'::text[], 'invariants hold after transfers');

select throws_ok(format($$select billing.transfer(%L, %L, 5000, 'payment', 'too-much')$$, :'alice_credits', :'bob_credits'), 'PA101', null, 'a user account cannot go below zero');
select throws_ok(format($$select billing.transfer(%L, %L, 0, 'payment', 'zero')$$, :'alice_credits', :'bob_credits'), '22023', null, 'the amount must be positive');
select throws_ok(format($$select billing.transfer(%L, %L, 1, 'payment', 'self')$$, :'alice_credits', :'alice_credits'), '22023', null, 'a transfer needs two accounts');
select throws_ok(format($$select billing.transfer(%L, %L, 1, 'payment', 'mixed')$$, :'alice_credits', :'alice_usd'), 'PA107', null, 'credits do not move into a money wallet');
select throws_ok(format($$select billing.transfer(%L, %L, 1, 'payment', 'ghost')$$, gen_random_uuid(), :'alice_credits'), 'PA104', null, 'an unknown account is refused');
select throws_ok(format($$select billing.transfer(%L, %L, 1, 'gift', 'kind')$$, :'promotions', :'alice_credits'), '22P02', null, 'an unknown kind is refused');
select is((select count(*) from billing.transfers where debit_account_id = :'alice_credits' or credit_account_id = :'alice_credits')::int, 2, 'refused transfers leave nothing behind');

-- Idempotency -----------------------------------------------------------------------------------------
select is((billing.transfer(:'promotions', :'alice_credits', 1000, 'bonus', 'welcome-alice')).id, :'welcome'::bigint, 'the same key and arguments return the first transfer');
select is((select count(*) from billing.transfers where credit_account_id = :'alice_credits' and kind = 'bonus')::int, 1, '... without moving anything again');
select throws_ok(format($$select billing.transfer(%L, %L, 999, 'bonus', 'welcome-alice')$$, :'promotions', :'alice_credits'), 'PA106', null, 'the same key with other arguments is an error');
select throws_ok(format($$select billing.transfer(%L, %L, 1, 'bonus', null)$$, :'promotions', :'alice_credits'), '22023', null, 'an idempotency key is required');
select throws_ok(format($$select billing.transfer(%L, %L, 1, 'bonus', '')$$, :'promotions', :'alice_credits'), '22023', null, '... and must not be empty');

-- Holds -----------------------------------------------------------------------------------------------
-- Alice has 750.
select (billing.create_hold(:'alice_credits', 300, now() + interval '10 minutes', 'hold-1', 'ai_request', 'req-1')).id as hold1 \gset
select is((select held from billing.accounts where id = :'alice_credits'), 300::bigint, 'a hold reserves funds');
select is((billing.create_hold(:'alice_credits', 300, now() + interval '10 minutes', 'hold-1', 'ai_request', 'req-1')).id, :'hold1'::uuid,
  'a replayed hold is the same hold') ;
select throws_ok(format($$select billing.transfer(%L, %L, 500, 'payment', 'over-held')$$, :'alice_credits', :'bob_credits'), 'PA101', null, 'held funds cannot be spent twice');
select throws_ok(format($$select billing.create_hold(%L, 451, now() + interval '1 minute', 'hold-big')$$, :'alice_credits'), 'PA101', null, 'a hold cannot exceed the available balance');
select throws_ok(format($$select billing.create_hold(%L, 1, now() - interval '1 minute', 'hold-past')$$, :'alice_credits'), '22023', null, 'a hold must expire in the future');
select throws_ok(format($$select billing.create_hold(%L, 1, now() + interval '1 minute', 'hold-platform')$$, :'revenue'), '22023', null, 'platform accounts take no holds');

select (billing.capture_hold(:'hold1', 100, :'revenue', 'usage', 'capture-1a')).id as capture1 \gset
select is((select balance from billing.accounts where id = :'alice_credits'), 650::bigint, 'a partial capture debits what was captured');
select is((select held from billing.accounts where id = :'alice_credits'), 200::bigint, '... and leaves the rest held');
select is((select status from billing.holds where id = :'hold1'), 'open', '... and the hold open');
select is((select hold_id from billing.transfers where id = :'capture1'), :'hold1'::uuid, 'the capture''s transfer names its hold');
select is((select reference_id from billing.transfers where id = :'capture1'), 'req-1', '... and what the hold was for');
select is((billing.capture_hold(:'hold1', 100, :'revenue', 'usage', 'capture-1a')).id, :'capture1'::bigint, 'a replayed capture captures once');
select throws_ok(format($$select billing.capture_hold(%L, 201, %L, 'usage', 'capture-1b')$$, :'hold1', :'revenue'), 'PA109', null, 'a capture cannot exceed what the hold has left');
select lives_ok(format($$select billing.capture_hold(%L, 200, %L, 'usage', 'capture-1c')$$, :'hold1', :'revenue'), 'a second capture takes the rest');
select is((select status from billing.holds where id = :'hold1'), 'captured', 'a fully captured hold closes');
select throws_ok(format($$select billing.capture_hold(%L, 1, %L, 'usage', 'capture-1d')$$, :'hold1', :'revenue'), 'PA108', null, 'a closed hold captures nothing more');
select is(billing.ledger_violations(), '{}'::text[], 'invariants hold after captures');

select (billing.create_hold(:'alice_credits', 200, now() + interval '10 minutes', 'hold-2')).id as hold2 \gset
select lives_ok(format($$select billing.capture_hold(%L, 50, %L, 'usage', 'capture-2', '{}', true)$$, :'hold2', :'revenue'), 'a final capture takes part of a hold');
select is((select held from billing.accounts where id = :'alice_credits'), 0::bigint, '... and releases the rest');
select (billing.create_hold(:'alice_credits', 100, now() + interval '10 minutes', 'hold-3')).id as hold3 \gset
select is((billing.release_hold(:'hold3', 'release-3')).status, 'released', 'a hold is released');
select is((select held from billing.accounts where id = :'alice_credits'), 0::bigint, '... and its funds are available again');
select is((billing.release_hold(:'hold3', 'release-3')).status, 'released', 'a replayed release answers the same');
select throws_ok(format($$select billing.release_hold(%L, 'release-3b')$$, :'hold3'), 'PA108', null, 'releasing a closed hold is an error');
select throws_ok(format($$select billing.release_hold(%L, 'release-x')$$, gen_random_uuid()), 'PA104', null, 'an unknown hold is an error');

select (billing.create_hold(:'alice_credits', 100, now() + interval '10 minutes', 'hold-4')).id as hold4 \gset
reset role;
update billing.holds set expires_at = now() - interval '1 second' where id = :'hold4';
select tests.authenticate_as_service_role();
select throws_ok(format($$select billing.capture_hold(%L, 10, %L, 'usage', 'capture-4')$$, :'hold4', :'revenue'), 'PA105', null, 'an expired hold cannot be captured');
select is(billing.expire_holds(), 1, 'the expiry job releases expired holds');
select is((select status from billing.holds where id = :'hold4'), 'expired', '... marking them expired');
select is((select held from billing.accounts where id = :'alice_credits'), 0::bigint, '... and freeing their funds');
reset role;
select ok(exists (select 1 from cron.job where jobname = 'expire-ledger-holds'), 'pg_cron runs the expiry job');
select tests.authenticate_as_service_role();
select is(billing.ledger_violations(), '{}'::text[], 'invariants hold after holds, releases and expiry');

-- Frozen wallets and limits -----------------------------------------------------------------------------
select lives_ok(format($$select billing.transfer(%L, %L, 200000, 'top_up', 'topup-usd')$$, :'clearing_usd', :'alice_usd'), 'a top-up is not limited');
select lives_ok(format($$select billing.transfer(%L, %L, 99999, 'payment', 'pay-usd-1')$$, :'alice_usd', :'revenue_usd'), 'a payment within the daily limit');
select throws_ok(format($$select billing.transfer(%L, %L, 2, 'payment', 'pay-usd-2')$$, :'alice_usd', :'revenue_usd'), 'PA103', null, 'the daily limit holds');
select lives_ok(format($$select billing.set_account_controls(%L, false, 500000, 100000)$$, :'alice_usd'), 'staff tools set the limits');
select throws_ok(format($$select billing.transfer(%L, %L, 2, 'payment', 'pay-usd-3')$$, :'alice_usd', :'revenue_usd'), 'PA103', null, 'the monthly limit holds');
select lives_ok(format($$select billing.set_account_controls(%L, true, null, null)$$, :'alice_usd'), 'a wallet is frozen');
select throws_ok(format($$select billing.transfer(%L, %L, 1, 'payment', 'pay-usd-4')$$, :'alice_usd', :'revenue_usd'), 'PA102', null, 'a frozen wallet refuses debits');
select throws_ok(format($$select billing.create_hold(%L, 1, now() + interval '1 minute', 'hold-frozen')$$, :'alice_usd'), 'PA102', null, '... and holds');
select lives_ok(format($$select billing.transfer(%L, %L, 100, 'refund', 'refund-usd')$$, :'revenue_usd', :'alice_usd'), 'a frozen wallet still receives');
select throws_ok(format($$select billing.set_account_controls(%L, true)$$, :'revenue_usd'), 'PA104', null, 'platform accounts have no controls');
select is(billing.ledger_violations(), '{}'::text[], 'invariants hold after limits and freezing');

-- The seed's update_wallet_balance ---------------------------------------------------------------------
select ok(public.update_wallet_balance(:'bob', 12.50, 'deposit', '{"idempotency_key": "bob-dep-1"}'), 'update_wallet_balance deposits and answers true');
select is((select balance from billing.accounts where id = billing.user_account(:'bob', 'USD')), 1250::bigint, '12.50 is 1250 minor units');
select ok(public.update_wallet_balance(:'bob', -5, 'payment', '{"idempotency_key": "bob-pay-1"}'), '... and debits');
select ok(public.update_wallet_balance(:'bob', 12.50, 'deposit', '{"idempotency_key": "bob-dep-1"}'), 'a replay answers true again');
select is((select balance from billing.accounts where id = billing.user_account(:'bob', 'USD')), 750::bigint, '... without depositing twice');
select throws_ok(format($$select public.update_wallet_balance(%L, -100, 'payment', '{"idempotency_key": "bob-pay-2"}')$$, :'bob'), 'PA101', null,
  'it raises on insufficient funds instead of returning false');
select throws_ok(format($$select public.update_wallet_balance(%L, 1.005, 'deposit', '{"idempotency_key": "k"}')$$, :'bob'), '22023', null, 'amounts have at most two decimals');
select throws_ok(format($$select public.update_wallet_balance(%L, 1, 'deposit', '{}')$$, :'bob'), '22023', null, 'it needs an idempotency key');
select throws_ok(format($$select public.update_wallet_balance(%L, 1, 'lottery', '{"idempotency_key": "k2"}')$$, :'bob'), '22023', null, 'an unknown type is refused');

-- Organization pools --------------------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
select (public.create_organization('Studio', 'ledger-studio')).id as org \gset
select token as bob_token from public.invite_to_organization(:'org', null, :'bob', 'member') \gset
select token as carol_token from public.invite_to_organization(:'org', null, :'carol', 'manager') \gset
select tests.authenticate_as(:'bob');
select public.accept_invitation(:'bob_token');
select tests.authenticate_as(:'carol');
select public.accept_invitation(:'carol_token');
select tests.authenticate_as_service_role();
select billing.organization_account(:'org', 'CREDIT') as pool \gset
select billing.transfer(:'promotions', :'pool', 100, 'bonus', 'pool-fund');

select tests.authenticate_as(:'carol');
select is((billing.spend_credits('tool', 'upscale', 'carol-spend-1', :'org')).debit_account_id, :'pool'::uuid, 'a manager spends from the pool');
select is((select balance from billing.accounts where id = :'pool'), 70::bigint, '... at the item''s price');
select tests.authenticate_as(:'bob');
select throws_ok(format($$select billing.spend_credits('tool', 'upscale', 'bob-spend-1', %L)$$, :'org'), '42501', null, 'a plain member may not spend from the pool');
select is((select count(*) from billing.accounts where id = :'pool')::int, 0, '... nor read it');
select throws_ok(format($$select billing.set_pool_spend_roles(%L, '{owner,admin,manager,member}')$$, :'org'), '42501', null, 'a member cannot widen who spends the pool');
select tests.authenticate_as(:'alice');
select is((select count(*) from billing.transfers where debit_account_id = :'pool')::int, 1, 'the owner reads the pool''s transfers');
select lives_ok(format($$select billing.set_pool_spend_roles(%L, '{owner,admin,manager,member}')$$, :'org'), 'the owner lets members spend the pool');
select tests.authenticate_as(:'bob');
select lives_ok(format($$select billing.spend_credits('tool', 'upscale', 'bob-spend-2', %L)$$, :'org'), '... and then a member spends from it');
select tests.authenticate_as(:'alice');

-- Client functions ----------------------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
select is(public.get_user_credits(:'alice'), 400, 'get_user_credits gives the user''s available credits');
select throws_ok(format($$select public.get_user_credits(%L)$$, :'bob'), '42501', null, 'a user reads only their own credits');
select (billing.spend_credits('tool', 'upscale', 'alice-spend-1')).id as spend1 \gset
select is(public.get_user_credits(:'alice'), 370, 'spending debits the price');
select is((billing.spend_credits('tool', 'upscale', 'alice-spend-1')).id, :'spend1'::bigint, 'a replayed spend spends once');
select throws_ok($$select billing.spend_credits('tool', 'retired', 'alice-spend-2')$$, 'PA001', null, 'an inactive item cannot be bought');
select throws_ok($$select billing.spend_credits('tool', 'nope', 'alice-spend-3')$$, 'PA001', null, 'an unknown item cannot be bought');
select is((select count(*) from billing.my_balances())::int, 3, 'my_balances lists the user''s accounts and the pools they may use');
select is((select available from billing.my_balances() where account_id = :'alice_credits'), 370::bigint, '... with what is available');
select is((select array_agg(kind order by transfer_id desc) from billing.my_statement(:'alice_credits', null, 2)), array['usage', 'usage'],
  'the statement pages newest first');
select is((select count(*) from billing.my_statement(:'alice_credits', (select min(transfer_id) from billing.my_statement(:'alice_credits', null, 2)), 100))::int, 4,
  '... and the next page continues before the last id seen');
select is((select balance_before - balance_after from billing.my_statement(:'alice_credits', null, 1)), 30::bigint, 'each line has the balance before and after');
select throws_ok(format($$select * from billing.my_statement(%L)$$, :'bob_credits'), '42501', null, 'a user cannot read another''s statement');
select tests.authenticate_as(:'bob');
select is((select count(*) from billing.accounts where user_id = :'alice')::int, 0, 'a user cannot see another''s accounts');
select is((select count(*) from billing.transfers where debit_account_id = :'alice_usd' or credit_account_id = :'alice_usd')::int, 0, '... nor their transfers');
select is((select count(*) from billing.holds where account_id = :'alice_credits')::int, 0, '... nor their holds');
select tests.authenticate_as(:'support');
select ok((select count(*) from billing.accounts where user_id = :'alice') = 2, 'staff with users.read_all read every account');
select is(public.get_user_credits(:'alice'), 370, '... and every user''s credits');

-- One key, one charge ----------------------------------------------------------------------------------------
-- A key is bound to the operation and to what it paid for (payer, item, asset, price). The attack it
-- stops: a 1-credit spend's key, replayed by a 40-credit product charge, ran the product's tool for free.
select tests.authenticate_as(:'alice');
select (billing.spend_credits('tool', 'sticker', 'alice-reuse')).id as reuse1 \gset
select is(public.get_user_credits(:'alice'), 369, 'a 1-credit item is bought');
select throws_ok($$select private.test_product_charge('tool', 'sticker', 40, 'alice-reuse')$$, 'PA106', null,
  'its key cannot pay for a 40-credit product charge');
select throws_ok($$select private.test_product_charge('tool', 'sticker', 1, 'alice-reuse')$$, 'PA106', null,
  '... nor for a product charge of the same item at the same price (another operation)');
select throws_ok($$select billing.spend_credits('tool', 'upscale', 'alice-reuse')$$, 'PA106', null, '... nor for another item');
select throws_ok($$select billing.spend_credits('gadget', 'sticker', 'alice-reuse')$$, 'PA106', null, '... nor for an item of another type with the same id');
select throws_ok(format($$select billing.spend_credits('tool', 'sticker', 'alice-reuse', %L)$$, :'org'), 'PA106', null, '... nor for a spend from a pool');
reset role;
update billing.priced_items set price = 2 where item_type = 'tool' and item_id = 'sticker' and asset = 'CREDIT';
select tests.authenticate_as(:'alice');
select throws_ok($$select billing.spend_credits('tool', 'sticker', 'alice-reuse')$$, 'PA106', null, '... nor for the same item at another price');
select is(public.get_user_credits(:'alice'), 369, 'none of them charged anything');
reset role;
update billing.priced_items set price = 1 where item_type = 'tool' and item_id = 'sticker' and asset = 'CREDIT';
select tests.authenticate_as(:'alice');
select is((billing.spend_credits('tool', 'sticker', 'alice-reuse')).id, :'reuse1'::bigint, 'the same key, item and price replay the first charge');
select (private.test_product_charge('tool', 'sticker', 40, 'alice-product-1')) as product1 \gset
select is(private.test_product_charge('tool', 'sticker', 40, 'alice-product-1'), :'product1'::bigint, '... and so does a product''s charge');
select is(public.get_user_credits(:'alice'), 329, '... each charged once');
-- Money: bob has 7.50 in his USD wallet.
select tests.authenticate_as(:'bob');
select (billing.spend_item('tool', 'sticker', 'USD', 'bob-reuse')).id as reuse2 \gset
select throws_ok($$select billing.spend_item('tool', 'poster', 'USD', 'bob-reuse')$$, 'PA106', null, 'a money spend''s key cannot pay for another item');
select throws_ok($$select billing.spend_item('tool', 'sticker', 'CREDIT', 'bob-reuse')$$, 'PA106', null, '... nor for the item''s credit price');
select is((billing.spend_item('tool', 'sticker', 'usd', 'bob-reuse')).id, :'reuse2'::bigint, '... and replays for the same item');
select is((select balance from billing.accounts where user_id = :'bob' and asset = 'USD'), 749::bigint, 'the wallet paid once');
-- The server's keys are shared by everyone it acts for: the payer is part of the request.
select tests.authenticate_as_service_role();
select lives_ok(format($$select private.charge_credits(%L, 1, 'tool', 'sticker', 'server-key', null)$$, :'alice'), 'the server charges a user');
select throws_ok(format($$select private.charge_credits(%L, 1, 'tool', 'sticker', 'server-key', null)$$, :'bob'), 'PA106', null,
  '... and its key cannot charge another user');
select is(billing.ledger_violations(), '{}'::text[], 'invariants hold after refused key reuse');

-- Who may call and write what ---------------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
select throws_ok(format($$select billing.transfer(%L, %L, 1, 'payment', 'x')$$, :'alice_credits', :'bob_credits'), '42501', null, 'a user cannot call billing.transfer');
select throws_ok(format($$select billing.create_hold(%L, 1, now() + interval '1 minute', 'x')$$, :'alice_credits'), '42501', null, '... nor create_hold');
select throws_ok(format($$select billing.capture_hold(%L, 1, %L, 'usage', 'x')$$, :'hold2', :'revenue'), '42501', null, '... nor capture_hold');
select throws_ok(format($$select billing.user_account(%L, 'CREDIT')$$, :'alice'), '42501', null, '... nor create accounts');
select throws_ok(format($$select billing.set_account_controls(%L, false)$$, :'alice_usd'), '42501', null, '... nor unfreeze a wallet');
select throws_ok(format($$select public.update_wallet_balance(%L, 100, 'deposit', '{"idempotency_key": "free-money"}')$$, :'alice'), '42501', null, '... nor update_wallet_balance');
select throws_ok(format($$update billing.accounts set balance = 1000000 where id = %L$$, :'alice_credits'), '42501', null, 'a user cannot write their balance');
select throws_ok($$insert into billing.transfers (asset, amount, kind, debit_account_id, credit_account_id) select 'CREDIT', 1, 'bonus', id, id from billing.accounts limit 1$$,
  '42501', null, '... nor the journal');
select throws_ok($$select billing.provider_balance_status()$$, '42501', null, 'provider balances are staff-only');
select tests.clear_authentication();
select throws_ok($$select billing.spend_credits('tool', 'upscale', 'anon')$$, '42501', null, 'anon cannot spend');
select throws_ok($$select * from billing.accounts$$, '42501', null, 'anon cannot read accounts');
select is((select count(*) from billing.priced_items where product = 'testkit')::int, 5, 'anon reads active prices');

-- Provider balances -----------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
insert into billing.provider_balances (provider, balance, low_balance_threshold) values ('openai', 20000, 10000), ('anthropic', 50000, 10000)
on conflict (provider) do update set balance = excluded.balance, low_balance_threshold = excluded.low_balance_threshold;
select is((billing.record_provider_spend('openai', 15000)).balance, 5000::bigint, 'provider spend is recorded');
select tests.authenticate_as(:'admin');
select is((select array_agg(provider) from billing.provider_balance_status() where is_low), array['openai'], 'staff see which provider balance is low');

reset role;
select is(billing.ledger_violations(), '{}'::text[], 'invariants hold at the end');

select * from finish();
rollback;
