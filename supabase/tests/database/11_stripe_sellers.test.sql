-- Sellers: earnings, payouts (claiming what is due), disputes holding earnings, Connect account and
-- payment method events, and who reads what.
begin;
select plan(23);

select tests.create_user('seller@example.com') as seller \gset
select tests.create_user('buyer@example.com') as buyer \gset
select tests.create_user('support@example.com') as support \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support');

create function pg_temp.event(p_id text, p_type text, p_object jsonb) returns jsonb language sql as
  $$ select jsonb_build_object('id', p_id, 'object', 'event', 'type', p_type, 'api_version', billing.stripe_api_version(),
                               'created', extract(epoch from now())::bigint, 'data', jsonb_build_object('object', p_object)) $$;

select billing.register_connected_account('acct_seller', :'seller');
select is(billing.handle_stripe_event(pg_temp.event('evt_acct', 'account.updated',
  '{"id": "acct_seller", "charges_enabled": true, "payouts_enabled": true, "details_submitted": true}')), 'processed', 'account.updated is applied');
select ok((select onboarding_complete from billing.connected_accounts where id = 'acct_seller'), '... and onboarding is complete');

-- A paid purchase the seller earns from, then disputed.
insert into billing.payments (stripe_payment_intent_id, user_id, kind, amount, currency, status) values ('pi_sale', :'buyer', 'product', 5000, 'USD', 'succeeded');
select billing.record_seller_earning(:'seller', 4000, 'USD', 'sale', 'sale-1', (select id from billing.payments where stripe_payment_intent_id = 'pi_sale'), now() - interval '1 day') as e1 \gset
select is(billing.record_seller_earning(:'seller', 4000, 'USD', 'sale', 'sale-1', null, now()), :'e1'::uuid, 'an earning is recorded once per source');
select billing.record_seller_earning(:'seller', 300, 'USD', 'sale', 'sale-2', null, now() - interval '1 day');
select billing.record_seller_earning(:'seller', 700, 'USD', 'sale', 'sale-3', null, now() + interval '3 days');
select throws_ok(format($$select billing.record_seller_earning(%L, 0, 'USD', 'sale', 'sale-0')$$, :'seller'), '22023', null, 'an earning is positive');

select billing.handle_stripe_event(pg_temp.event('evt_dispute', 'charge.dispute.created', '{"id": "dp_1", "payment_intent": "pi_sale", "amount": 5000, "status": "needs_response"}'));
select is((select status from billing.seller_earnings where id = :'e1'), 'held', 'a dispute holds the earnings of its payment');
select is((select array_agg(amount) from billing.begin_payouts() where seller_id = :'seller'), array[300::bigint], 'a payouts run takes what is due, not held, not early');
select is((select status from billing.seller_earnings where source_id = 'sale-2'), 'in_payout', '... and claims it');
select is((select count(*) from billing.begin_payouts())::int, 0, 'a second run finds nothing more to claim');
select billing.handle_stripe_event(pg_temp.event('evt_dispute_won', 'charge.dispute.closed', '{"id": "dp_1", "payment_intent": "pi_sale", "amount": 5000, "status": "won"}'));
select is((select status from billing.seller_earnings where id = :'e1'), 'pending', 'a dispute won releases them');

select id as payout from billing.payouts where seller_id = :'seller' \gset
select is((billing.complete_payout(:'payout', 'tr_1')).status, 'paid', 'Stripe''s transfer completes the payout');
select is((billing.complete_payout(:'payout', 'tr_1')).status, 'paid', '... once: completing again changes nothing');
select throws_ok(format($$select billing.complete_payout(%L, 'tr_other')$$, :'payout'), 'PA108', null, 'a paid payout takes no other transfer');
select is(billing.ledger_violations(), '{}'::text[], 'the ledger balances after a payout');

-- Payment methods: display data only
insert into billing.stripe_customers (id, user_id) values ('cus_buyer', :'buyer');
select billing.handle_stripe_event(pg_temp.event('evt_pm', 'payment_method.attached',
  '{"id": "pm_1", "customer": "cus_buyer", "type": "card", "card": {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030}}'));
select is((select brand || ' ' || last4 from billing.payment_methods where id = 'pm_1'), 'visa 4242', 'an attached card is recorded for its customer''s owner');
select billing.handle_stripe_event(pg_temp.event('evt_pm_gone', 'payment_method.detached', '{"id": "pm_1"}'));
select ok((select detached_at is not null from billing.payment_methods where id = 'pm_1'), 'a detached one is marked');

-- Who reads what
select tests.authenticate_as(:'seller');
select is((select count(*) from billing.seller_earnings)::int, 3, 'a seller reads their earnings');
select is((select count(*) from billing.payouts)::int, 1, '... their payouts');
select is((select count(*) from billing.payout_items)::int, 1, '... what each paid');
select is((select count(*) from billing.connected_accounts)::int, 1, '... and their Connect account');
select is((select count(*) from billing.payment_methods)::int, 0, 'nobody else''s payment methods');
select throws_ok($$select billing.begin_payouts()$$, '42501', null, 'a seller cannot run payouts');
select tests.authenticate_as(:'buyer');
select is((select count(*) from billing.seller_earnings)::int + (select count(*) from billing.payouts)::int, 0, 'a buyer reads no one''s earnings or payouts');
select tests.clear_authentication();
select throws_ok($$select * from billing.payouts$$, '42501', null, 'anon reads no payouts');

select * from finish();
rollback;
