-- Stripe payloads: which API versions the handler reads, the rules that keep events in order and
-- keep what is not ours out, and who reads the payment flags. (Every handled event, built from
-- Stripe's fixtures, is in tests/functions/stripe-payloads.test.ts.)
begin;
select plan(34);

select tests.create_user('payer@example.com') as payer \gset
select tests.create_user('other@example.com') as other \gset
select tests.create_user('support@example.com') as support \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support');
insert into billing.credit_packages (id, name, credits, price_amount) values ('pack-30', 'A', 900, 900);

create function pg_temp.event(p_id text, p_type text, p_object jsonb, p_created bigint default extract(epoch from now())::bigint,
                              p_api_version text default billing.stripe_api_version(), p_account text default null) returns jsonb language sql as
  $$ select jsonb_strip_nulls(jsonb_build_object('id', p_id, 'object', 'event', 'type', p_type, 'api_version', p_api_version, 'account', p_account,
                                                 'created', p_created, 'data', jsonb_build_object('object', p_object))) $$;

-- API versions
select is(billing.stripe_api_version(), '2026-10-28.endive', 'the pinned version (the SDK''s, stripe@23.1.0)');
select ok(private.stripe_api_version_readable(billing.stripe_api_version()), 'the pinned version is read');
select ok(private.stripe_api_version_readable('2025-03-31.basil') and private.stripe_api_version_readable('2026-07-29.dahlia'),
  'so are basil and the versions since (same shapes of what is read)');
select ok(private.stripe_api_version_readable('2025-01-27.acacia'), 'acacia is read (what basil moved is read at both places)');
select ok(not private.stripe_api_version_readable('2024-06-20'), 'an older version is not');
select ok(not private.stripe_api_version_readable('2026-11-25.endive') and not private.stripe_api_version_readable('2027-01-27.fig'),
  'nor a version newer than the pinned one');
select ok(not private.stripe_api_version_readable(null) and not private.stripe_api_version_readable('2025-13-99.basil; drop'),
  'nor none, nor something that is no version');
select throws_ok($$select billing.handle_stripe_event(pg_temp.event('evt_old', 'checkout.session.completed', '{"id": "cs_old"}', p_api_version => '2024-06-20'))$$,
  'PA131', null, 'an event of a version not read is refused');
select is((select count(*)::int from private.stripe_events where id = 'evt_old'), 0, '... before anything is applied (the webhook records the failure)');

-- A paid credit package to hang events on
select is(billing.handle_stripe_event(pg_temp.event('evt_paid', 'checkout.session.completed', jsonb_build_object(
  'id', 'cs_30', 'object', 'checkout.session', 'mode', 'payment', 'payment_status', 'paid', 'amount_total', 900, 'currency', 'usd',
  'payment_intent', 'pi_30', 'payment_link', null, 'metadata', jsonb_build_object('purpose', 'credit_package', 'ref', 'pack-30', 'user_id', :'payer')))),
  'processed', 'a checkout of ours is applied');
select billing.handle_stripe_event(pg_temp.event('evt_pi_30', 'payment_intent.succeeded', '{"id": "pi_30", "object": "payment_intent"}'));
select id as payment from billing.payments where stripe_checkout_session_id = 'cs_30' \gset

-- What is not ours is recorded and ignored
select is(billing.handle_stripe_event(pg_temp.event('evt_nobody', 'checkout.session.completed', jsonb_build_object(
  'id', 'cs_nobody', 'mode', 'payment', 'payment_status', 'paid', 'amount_total', 900, 'currency', 'usd',
  'metadata', jsonb_build_object('purpose', 'credit_package', 'ref', 'pack-30')))), 'ignored', 'a session naming no user or organization of ours is ignored');
select is((select detail from private.stripe_events where id = 'evt_nobody'), 'a session that names no user or organization of ours', '... with the reason stored');
select is(billing.handle_stripe_event(pg_temp.event('evt_pm_x', 'payment_method.attached',
  '{"id": "pm_stranger", "customer": "cus_stranger", "type": "card", "card": {"brand": "visa", "last4": "4242", "exp_month": 1, "exp_year": 2030}}')),
  'ignored', 'a payment method of a customer not ours is ignored');
select is((select count(*)::int from billing.payment_methods where id = 'pm_stranger'), 0, '... and not stored');
select is(billing.handle_stripe_event(pg_temp.event('evt_conn_refund', 'refund.created',
  '{"id": "re_conn", "payment_intent": "pi_30", "charge": "ch_30", "amount": 900, "status": "pending", "created": 1}', p_account => 'acct_other')),
  'ignored', 'a connected account''s refund is not one of ours, even with a matching id');
select is((select amount_refunded from billing.payments where id = :'payment'), 0::bigint, '... and takes nothing back');

-- Refunds: failed and canceled are final
select billing.handle_stripe_event(pg_temp.event('evt_re_1', 'refund.created',
  '{"id": "re_30", "payment_intent": "pi_30", "charge": "ch_30", "amount": 300, "status": "pending", "created": 1790000000}', 1790000000));
select is((select balance from billing.accounts where user_id = :'payer' and asset = 'CREDIT'), 600::bigint, 'a refund takes back its share');
select billing.handle_stripe_event(pg_temp.event('evt_re_2', 'refund.failed',
  '{"id": "re_30", "payment_intent": "pi_30", "charge": "ch_30", "amount": 300, "status": "failed", "created": 1790000000}', 1790000100));
select billing.handle_stripe_event(pg_temp.event('evt_re_3', 'refund.updated',
  '{"id": "re_30", "payment_intent": "pi_30", "charge": "ch_30", "amount": 300, "status": "pending", "created": 1790000000}', 1790000100));
select is((select status from private.stripe_refunds where id = 're_30'), 'failed', 'a failed refund stays failed, even against news of the same second');
select is((select balance from billing.accounts where user_id = :'payer' and asset = 'CREDIT'), 900::bigint, '... and what it took stays given back');

-- Disputes: an older event does not overwrite a newer one
select billing.handle_stripe_event(pg_temp.event('evt_dp_closed', 'charge.dispute.closed',
  '{"id": "dp_30", "payment_intent": "pi_30", "charge": "ch_30", "amount": 900, "status": "won"}', 1790001000));
select billing.handle_stripe_event(pg_temp.event('evt_dp_created', 'charge.dispute.created',
  '{"id": "dp_30", "payment_intent": "pi_30", "charge": "ch_30", "amount": 900, "status": "needs_response"}', 1790000500));
select is((select status from private.stripe_disputes where id = 'dp_30'), 'won', 'a dispute''s creation arriving after its closing does not reopen it');
select ok(not (select disputed from billing.payments where id = :'payment'), '... nor mark the payment disputed');

-- A dispute releases only the earnings it held, not those a product holds for its own reasons
select tests.create_user('seller@example.com') as seller \gset
select billing.record_seller_earning(:'seller', 100, 'USD', 'test_sale', 'own-hold', :'payment', now()) as own_hold \gset
select billing.record_seller_earning(:'seller', 200, 'USD', 'test_sale', 'plain', :'payment', now()) as plain \gset
update billing.seller_earnings set status = 'held' where id = :'own_hold';
select billing.handle_stripe_event(pg_temp.event('evt_dp2_open', 'charge.dispute.created',
  '{"id": "dp_31", "payment_intent": "pi_30", "charge": "ch_30", "amount": 900, "status": "needs_response"}', 1790002000));
select is((select status from billing.seller_earnings where id = :'plain'), 'held', 'an open dispute holds the payment''s earnings');
select billing.handle_stripe_event(pg_temp.event('evt_dp2_won', 'charge.dispute.closed',
  '{"id": "dp_31", "payment_intent": "pi_30", "charge": "ch_30", "amount": 900, "status": "won"}', 1790003000));
select is((select status from billing.seller_earnings where id = :'plain'), 'pending', 'won, it releases them');
select is((select status from billing.seller_earnings where id = :'own_hold'), 'held', '... but not one the product held itself');

-- Payouts of a platform's own balance are not ours
select is(billing.handle_stripe_event(pg_temp.event('evt_po', 'payout.failed', '{"id": "po_1", "amount": 100, "currency": "usd", "metadata": {}}')),
  'ignored', 'a payout of the platform''s own balance is ignored');

-- Early fraud warnings flag the payment; staff read the flags, the payer does not
select is(billing.handle_stripe_event(pg_temp.event('evt_efw', 'radar.early_fraud_warning.created',
  '{"id": "issfr_30", "object": "radar.early_fraud_warning", "charge": "ch_30", "payment_intent": "pi_30", "fraud_type": "misc", "actionable": true}')),
  'processed', 'an early fraud warning is applied');
select tests.authenticate_as(:'support');
select is((select count(*)::int from billing.payment_flags where payment_id = :'payment'), 1, 'staff (users.read_all) read the flag');
select throws_ok($$insert into billing.payment_flags (payment_id, kind, stripe_object_id) values (gen_random_uuid(), 'early_fraud_warning', 'x')$$,
  '42501', null, '... and cannot write one');
select tests.authenticate_as(:'payer');
select is((select count(*)::int from billing.payment_flags), 0, 'the payer does not see that their payment is flagged');
select is((select count(*)::int from billing.payments where id = :'payment'), 1, '... though they read the payment');
select tests.authenticate_as(:'other');
select is((select count(*)::int from billing.payment_flags), 0, 'another user reads no flags');
select throws_ok($$select * from private.stripe_refunds$$, '42501', null, 'Stripe''s records are not readable by clients');
select tests.clear_authentication();
select throws_ok($$select * from billing.payment_flags$$, '42501', null, 'anon reads no flags');
select tests.authenticate_as_service_role();
select is(billing.ledger_violations(), '{}'::text[], 'the ledger balances');

select * from finish();
rollback;
