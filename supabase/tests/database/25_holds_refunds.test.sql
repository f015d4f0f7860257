-- Shared services of the ledger: holds that grow (billing.extend_hold) and meet the account's rules
-- when placed or extended so that capturing them never fails on them; refunds of wallet and credit
-- purchases on the ledger (billing.refund_purchase); sellers' earnings held and released through
-- billing's functions only. Both sides of each: the server may, clients may not. The invariants are
-- checked after every flow.
begin;
select plan(91);

select tests.create_user('payer@example.com') as alice \gset
select tests.create_user('other@example.com') as bob \gset
select tests.create_user('seller@example.com') as seller \gset
select tests.create_user('support@example.com') as support \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support');
insert into billing.priced_items (product, item_type, item_id, asset, price) values
  ('testkit', 'reading', 'three-cards', 'CREDIT', 300), ('testkit', 'reading', 'three-cards', 'USD', 250);

select tests.authenticate_as_service_role();
select billing.user_account(:'alice', 'USD') as alice_usd \gset
select billing.user_account(:'alice', 'CREDIT') as alice_credits \gset
select billing.user_account(:'bob', 'USD') as bob_usd \gset
select billing.platform_account('revenue', 'USD') as revenue_usd \gset
select billing.platform_account('revenue', 'CREDIT') as revenue \gset
select billing.transfer(billing.platform_account('stripe_clearing', 'USD'), :'alice_usd', 3000, 'top_up', 'fund-alice-usd');
select billing.transfer(billing.platform_account('stripe_clearing', 'USD'), :'bob_usd', 1000, 'top_up', 'fund-bob-usd');
select (billing.transfer(billing.platform_account('promotions', 'CREDIT'), :'alice_credits', 1000, 'bonus', 'fund-alice-credits')).id as bonus \gset
-- Small limits to reach: 1,000 a day, 5,000 a month.
select billing.set_account_controls(:'alice_usd', false, 1000, 5000);

-- Holds that grow ----------------------------------------------------------------------------------------
select (billing.create_hold(:'alice_usd', 400, now() + interval '5 minutes', 'reading-hold', 'reading', 'r-1')).id as hold \gset
select is((billing.extend_hold(:'hold', 300, now() + interval '10 minutes', 'reading-ext-1')).amount, 700::bigint,
  'a hold grows by the amount an extension adds');
select ok((select expires_at > now() + interval '9 minutes' from billing.holds where id = :'hold'), '... and expires later');
select is((select held from billing.accounts where id = :'alice_usd'), 700::bigint, '... and the account holds it all');
select is((billing.extend_hold(:'hold', 300, (select expires_at from billing.holds where id = :'hold'), 'reading-ext-1')).amount, 700::bigint,
  'a replayed extension answers the hold without growing it again');
select is((select held from billing.accounts where id = :'alice_usd'), 700::bigint, '... nor holding more');
select throws_ok(format($$select billing.extend_hold(%L, 301, null, 'reading-ext-1')$$, :'hold'), 'PA106', null,
  'an extension''s key with other arguments is an error');
select is((billing.extend_hold(:'hold', 0, now() + interval '20 minutes', 'reading-ext-2')).amount, 700::bigint,
  'an extension may move the expiry only');
select ok((select (billing.extend_hold(:'hold', 0, now() + interval '1 minute', 'reading-ext-3')).expires_at > now() + interval '19 minutes'),
  'an earlier expiry never shortens a hold (extensions that cross keep the latest)');
select throws_ok(format($$select billing.extend_hold(%L, 10, now() - interval '1 minute', 'reading-ext-8')$$, :'hold'), '22023', null,
  'an expiry in the past is refused');
select throws_ok(format($$select billing.extend_hold(%L, 0, null, 'reading-ext-4')$$, :'hold'), '22023', null, 'an extension extends something');
select throws_ok(format($$select billing.extend_hold(%L, -5, null, 'reading-ext-5')$$, :'hold'), '22023', null, '... and never shrinks the hold');
select throws_ok(format($$select billing.extend_hold(%L, 5, null, 'reading-ext-6')$$, gen_random_uuid()), 'PA104', null, 'an unknown hold is an error');

-- Limits and the freeze at placement and extension; captures never fail on them.
-- Today: nothing debited, 700 held, daily limit 1,000.
select throws_ok(format($$select billing.extend_hold(%L, 301, null, 'reading-ext-7')$$, :'hold'), 'PA103', null,
  'an extension over the daily limit (counting what is held) is refused');
select throws_ok(format($$select billing.create_hold(%L, 301, now() + interval '5 minutes', 'other-hold-1')$$, :'alice_usd'), 'PA103', null,
  '... and so is a new hold');
select throws_ok(format($$select billing.transfer(%L, %L, 301, 'payment', 'direct-1')$$, :'alice_usd', :'revenue_usd'), 'PA103', null,
  '... and a direct debit: what holds reserve counts against the limit');
select lives_ok(format($$select billing.transfer(%L, %L, 300, 'payment', 'direct-2')$$, :'alice_usd', :'revenue_usd'),
  'a direct debit within what the holds leave of the limit passes');
select throws_ok(format($$select billing.transfer(%L, %L, 1, 'payment', 'direct-3')$$, :'alice_usd', :'revenue_usd'), 'PA103', null,
  'now the daily limit is reached');
select is(billing.ledger_violations(), '{}'::text[], 'invariants hold after extensions and refusals');
select (billing.capture_hold(:'hold', 700, :'revenue_usd', 'payment', 'reading-capture', '{}', true)).id as reading_capture \gset
select is((select balance || ' held ' || held || ' debited today ' || daily_debited from billing.accounts where id = :'alice_usd'),
  '2000 held 0 debited today 1000', 'capturing the hold after the limit was reached still succeeds, and counts as debited');
select is((select status from billing.holds where id = :'hold'), 'captured', '... and closes the hold');
select throws_ok(format($$select billing.create_hold(%L, 1, now() + interval '5 minutes', 'other-hold-2')$$, :'alice_usd'), 'PA103', null,
  'a new hold is refused once the day''s limit is debited');

-- The monthly limit: 1,000 of 5,000 debited this month.
select billing.set_account_controls(:'alice_usd', false, null, 5000);
select billing.transfer(billing.platform_account('stripe_clearing', 'USD'), :'alice_usd', 3000, 'top_up', 'fund-alice-usd-2');
select (billing.create_hold(:'alice_usd', 3000, now() + interval '5 minutes', 'call-hold')).id as call_hold \gset
select throws_ok(format($$select billing.extend_hold(%L, 1001, null, 'call-ext-1')$$, :'call_hold'), 'PA103', null,
  'an extension over the monthly limit is refused');
select is((billing.extend_hold(:'call_hold', 1000, null, 'call-ext-2')).amount, 4000::bigint, '... one within it passes');
select throws_ok(format($$select billing.extend_hold(%L, 1, null, 'call-ext-3')$$, :'call_hold'), 'PA103', null,
  '... and then the month''s limit is reached');
select is((select held from billing.accounts where id = :'alice_usd'), 4000::bigint, 'refused extensions hold nothing');

-- Frozen after the hold was placed (funds and limits to spare), then the limits lowered too: the
-- capture is still paid.
select billing.set_account_controls(:'alice_usd', true, null, null);
select throws_ok(format($$select billing.extend_hold(%L, 1, null, 'call-ext-4')$$, :'call_hold'), 'PA102', null, 'a frozen account''s hold does not grow');
select throws_ok(format($$select billing.create_hold(%L, 1, now() + interval '5 minutes', 'other-hold-3')$$, :'alice_usd'), 'PA102', null,
  '... and takes no new hold');
select throws_ok(format($$select billing.transfer(%L, %L, 1, 'payment', 'direct-4')$$, :'alice_usd', :'revenue_usd'), 'PA102', null,
  '... nor a direct debit');
select billing.set_account_controls(:'alice_usd', true, 10, 10);
select lives_ok(format($$select billing.capture_hold(%L, 2500, %L, 'payment', 'call-capture-1')$$, :'call_hold', :'revenue_usd'),
  'a capture on a frozen account with lowered limits is still paid');
select lives_ok(format($$select billing.capture_hold(%L, 1500, %L, 'payment', 'call-capture-2')$$, :'call_hold', :'revenue_usd'),
  '... to the end of the hold');
select is((select balance || ' held ' || held || ' debited this month ' || monthly_debited from billing.accounts where id = :'alice_usd'),
  '1000 held 0 debited this month 5000', 'the service was paid in full');
select billing.set_account_controls(:'alice_usd', false, 1000, 5000);

-- Credits without limits: a hold grows within the balance; expired and closed holds do not grow.
select (billing.create_hold(:'alice_credits', 100, now() + interval '5 minutes', 'credit-hold')).id as credit_hold \gset
select is((billing.extend_hold(:'credit_hold', 900, null, 'credit-ext-1')).amount, 1000::bigint, 'a credits hold grows to the whole balance');
select throws_ok(format($$select billing.extend_hold(%L, 1, null, 'credit-ext-2')$$, :'credit_hold'), 'PA101', null, '... and no further');
select lives_ok(format($$select billing.release_hold(%L, 'credit-release')$$, :'credit_hold'), 'a grown hold is released whole');
select throws_ok(format($$select billing.extend_hold(%L, 1, null, 'credit-ext-3')$$, :'credit_hold'), 'PA108', null, 'a closed hold does not grow');
select (billing.create_hold(:'alice_credits', 100, now() + interval '5 minutes', 'credit-hold-2')).id as old_hold \gset
reset role;
update billing.holds set expires_at = now() - interval '1 second' where id = :'old_hold';
select tests.authenticate_as_service_role();
select throws_ok(format($$select billing.extend_hold(%L, 1, now() + interval '1 hour', 'credit-ext-4')$$, :'old_hold'), 'PA105', null,
  'an expired hold does not grow');
select is(billing.expire_holds(), 1, 'it expires');
select is((select held from billing.accounts where id = :'alice_credits'), 0::bigint, 'nothing stays held');
select is(billing.ledger_violations(), '{}'::text[], 'invariants hold after holds grew, were captured, released and expired');

-- Refunds into a wallet ----------------------------------------------------------------------------------
select tests.authenticate_as(:'alice');
select (billing.spend_credits('reading', 'three-cards', 'alice-buys-reading')).id as purchase \gset
select is(public.get_user_credits(:'alice'), 700, 'a purchase with credits');
select throws_ok(format($$select billing.refund_purchase(%L, 300, 'self-refund')$$, :'purchase'), '42501', null,
  'a client cannot refund their own purchase');
select tests.authenticate_as_service_role();
select (billing.refund_purchase(:'purchase', 100, 'refund-1', 'ended early')).id as refund1 \gset
select is((select kind || ' ' || amount || ' ' || debit_account_id || ' ' || credit_account_id from billing.transfers where id = :'refund1'),
  format('refund 100 %s %s', :'revenue', :'alice_credits'), 'a partial refund moves back from revenue to the payer');
select is((select reference_type || ':' || reference_id || ' ' || (metadata ->> 'refund_of') from billing.transfers where id = :'refund1'),
  'reading:three-cards ' || :'purchase', '... with the purchase''s reference and what it refunds');
select is((select public.get_user_credits(:'alice') from (select tests.authenticate_as(:'alice')) a), 800, '... and the payer has it back');
select tests.authenticate_as_service_role();
select is((billing.refund_purchase(:'purchase', 100, 'refund-1', 'ended early')).id, :'refund1'::bigint, 'a replayed refund refunds once');
select is((select count(*) from billing.wallet_refunds where purchase_transfer_id = :'purchase')::int, 1, '... and records one refund');
select throws_ok(format($$select billing.refund_purchase(%L, 150, 'refund-1', 'ended early')$$, :'purchase'), 'PA106', null,
  'a refund''s key with other arguments is an error');
select throws_ok(format($$select billing.refund_purchase(%L, 201, 'refund-2')$$, :'purchase'), '22023', null,
  'refunds never add up to more than was paid');
select lives_ok(format($$select billing.refund_purchase(%L, 200, 'refund-3')$$, :'purchase'), 'the rest is refunded');
select throws_ok(format($$select billing.refund_purchase(%L, 1, 'refund-4')$$, :'purchase'), '22023', null, '... and then nothing more');
select is((select sum(amount) from billing.wallet_refunds where purchase_transfer_id = :'purchase'), 300::numeric, 'two refunds, the whole purchase');
select throws_ok(format($$select billing.refund_purchase(%L, 0, 'refund-5')$$, :'purchase'), '22023', null, 'a refund is positive');
select throws_ok(format($$select billing.refund_purchase(%L, 10, 'refund-6')$$, :'bonus'), '22023', null, 'a bonus is not a purchase');
select throws_ok(format($$select billing.refund_purchase(%L, 10, 'refund-7')$$, :'refund1'), '22023', null, '... nor is a refund');
select throws_ok($$select billing.refund_purchase(-1, 10, 'refund-8')$$, 'PA104', null, 'an unknown purchase is an error');

-- Money from the wallet, and a captured hold.
select tests.authenticate_as(:'bob');
select (billing.spend_item('reading', 'three-cards', 'USD', 'bob-buys-reading')).id as money_purchase \gset
select tests.authenticate_as_service_role();
select lives_ok(format($$select billing.refund_purchase(%L, 250, 'refund-money')$$, :'money_purchase'), 'a wallet purchase is refunded whole');
select is((select balance from billing.accounts where id = :'bob_usd'), 1000::bigint, '... into the wallet');
select lives_ok(format($$select billing.refund_purchase(%L, 500, 'refund-reading')$$, :'reading_capture'),
  'a captured hold is refunded, even to a wallet that is at its limits');
select throws_ok(format($$select billing.refund_purchase(%L, 201, 'refund-reading-2')$$, :'reading_capture'), '22023', null,
  '... up to what it captured');
select is((select balance from billing.accounts where id = :'alice_usd'), 1500::bigint, '... back into the payer''s wallet');

-- Who reads refunds.
select tests.authenticate_as(:'alice');
select is((select count(*) from billing.wallet_refunds)::int, 3, 'the payer reads the refunds into their accounts');
select tests.authenticate_as(:'bob');
select is((select count(*) from billing.wallet_refunds)::int, 1, '... and nobody else''s');
select throws_ok($$insert into billing.wallet_refunds (purchase_transfer_id, refund_transfer_id, account_id, amount) select 1, 1, id, 1 from billing.accounts limit 1$$,
  '42501', null, 'a client writes no refund');
select tests.authenticate_as(:'support');
select ok((select count(*) from billing.wallet_refunds) >= 4, 'staff with users.read_all read every refund');
select tests.clear_authentication();
select throws_ok($$select * from billing.wallet_refunds$$, '42501', null, 'anon reads no refunds');
reset role;
select is(billing.ledger_violations(), '{}'::text[], 'invariants hold after refunds');

-- Sellers' earnings, through billing's functions ------------------------------------------------------------
select tests.authenticate_as_service_role();
select billing.record_seller_earning(:'seller', 1000, 'USD', 'testkit_reading', 'r-1', null, now() - interval '1 day') as earning \gset
select is((billing.hold_seller_earning('testkit_reading', 'r-1')).status, 'held', 'a dispute holds an earning');
select is((billing.hold_seller_earning('testkit_reading', 'r-1')).status, 'held', '... once: holding again changes nothing');
select is(billing.hold_seller_earning('testkit_reading', 'nothing-earned'), null, 'nothing to hold when nothing was earned');
reset role;
select billing.register_connected_account('acct_reader', :'seller');
update billing.connected_accounts set payouts_enabled = true where id = 'acct_reader';
select tests.authenticate_as_service_role();
select is((select count(*) from billing.begin_payouts() where seller_id = :'seller')::int, 0, 'a payouts run leaves a held earning alone');
select is((billing.release_seller_earning('testkit_reading', 'r-1')).status, 'pending', 'a released earning is due again');
select is((billing.release_seller_earning('testkit_reading', 'r-1')).status, 'pending', '... once');
select is(billing.release_seller_earning('testkit_reading', 'nothing-earned'), null, 'nothing to release when nothing was earned');
select is((select sum(amount) from billing.begin_payouts() where seller_id = :'seller'), 1000::numeric, 'the next payouts run pays it');
select throws_ok($$select billing.hold_seller_earning('testkit_reading', 'r-1')$$, 'PA115', null, 'an earning in a payout can no longer be held');
select throws_ok($$select billing.release_seller_earning('testkit_reading', 'r-1')$$, 'PA115', null, '... nor released');
select billing.record_seller_earning(:'seller', 400, 'USD', 'testkit_reading', 'r-2');
select billing.hold_seller_earning('testkit_reading', 'r-2');
select billing.settle_held_earning('testkit_reading', 'r-2', 0);
select is((billing.hold_seller_earning('testkit_reading', 'r-2')).status, 'void', 'a void earning stays void: nothing is owed');
select throws_ok($$select billing.release_seller_earning('testkit_reading', 'r-2')$$, 'PA115', null, '... and has nothing to release');
select is(billing.ledger_violations(), '{}'::text[], 'invariants hold after earnings were held, released, paid and voided');

-- Clients call none of it, and write none of it ---------------------------------------------------------------
select tests.authenticate_as(:'alice');
select throws_ok(format($$select billing.extend_hold(%L, 1, null, 'x')$$, :'call_hold'), '42501', null, 'a user cannot extend a hold');
select throws_ok(format($$select billing.refund_purchase(%L, 1, 'x')$$, :'purchase'), '42501', null, '... nor refund a purchase');
select tests.authenticate_as(:'seller');
select throws_ok($$select billing.hold_seller_earning('testkit_reading', 'r-1')$$, '42501', null, 'a seller cannot hold an earning');
select throws_ok($$select billing.release_seller_earning('testkit_reading', 'r-1')$$, '42501', null, '... nor release one');
select throws_ok($$update billing.seller_earnings set status = 'pending'$$, '42501', null, '... nor write their earnings');
select tests.clear_authentication();
select throws_ok(format($$select billing.extend_hold(%L, 1, null, 'x')$$, :'call_hold'), '42501', null, 'anon cannot extend a hold');
select throws_ok(format($$select billing.refund_purchase(%L, 1, 'x')$$, :'purchase'), '42501', null, '... nor refund');
select throws_ok($$select billing.hold_seller_earning('testkit_reading', 'r-1')$$, '42501', null, '... nor hold an earning');
reset role;
select ok(not has_function_privilege('authenticated', 'private.reserve_for_hold(uuid, bigint)', 'execute')
          and not has_function_privilege('anon', 'private.reserve_for_hold(uuid, bigint)', 'execute'),
  'clients cannot reserve on an account');
select ok(not has_table_privilege('service_role', 'billing.wallet_refunds', 'insert')
          and not has_table_privilege('service_role', 'billing.seller_earnings', 'update'),
  'the server, too, writes refunds and earnings only through billing''s functions');

-- No product function writes billing's tables: a product records, holds, releases and settles earnings,
-- charges and refunds through billing's functions. (Only billing's own functions and the core's private
-- helpers write them; a product's private helpers carry its name as a prefix.)
select is(
  array(select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname not in ('billing', 'pg_catalog', 'information_schema')
           and not (n.nspname = 'private' and p.proname !~ '^(tabletop|tarot|studio|gigs|lounge)_')
           and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
           and p.prosrc ~* '\m(insert\s+into|update|delete\s+from|truncate(\s+table)?|merge\s+into)\s+(only\s+)?billing\.'
         order by 1),
  array[]::text[],
  'no function outside billing and the core''s private helpers writes a billing table');

select is(billing.ledger_violations(), '{}'::text[], 'invariants hold at the end');

select * from finish();
rollback;
