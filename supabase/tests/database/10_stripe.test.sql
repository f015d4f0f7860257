-- Stripe: who reads the payment tables, who may apply events, and billing.handle_stripe_event's
-- own rules (the webhook's behaviour end to end is in tests/functions/stripe-webhook.test.ts).
begin;
select plan(22);

select tests.create_user('payer@example.com') as payer \gset
select tests.create_user('other@example.com') as other \gset
select tests.create_user('support@example.com') as support \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support');
insert into billing.credit_packages (id, name, credits, price_amount) values ('pack-a', 'A', 100, 500), ('pack-old', 'Old', 10, 100);
update billing.credit_packages set active = false where id = 'pack-old';
insert into billing.plans (id, product, name, monthly_credits) values ('pro-test', 'stripe_test', 'Pro', 1000);

-- A product's purchase handler: records what was paid for.
create table private.paid_things (payment_id uuid, ref text);
create function private.mark_thing_paid(p_payment_id uuid, p_ref text) returns void language sql as
  $$ insert into private.paid_things values (p_payment_id, p_ref) $$;
insert into billing.purchase_handlers values ('thing', 'private.mark_thing_paid(uuid, text)');

create function pg_temp.event(p_id text, p_type text, p_object jsonb) returns jsonb language sql as
  $$ select jsonb_build_object('id', p_id, 'object', 'event', 'type', p_type, 'api_version', billing.stripe_api_version(),
                               'created', extract(epoch from now())::bigint, 'data', jsonb_build_object('object', p_object)) $$;

select is(billing.handle_stripe_event(pg_temp.event('evt_a', 'checkout.session.completed', jsonb_build_object(
  'id', 'cs_a', 'mode', 'payment', 'payment_status', 'paid', 'amount_total', 500, 'currency', 'usd', 'payment_intent', 'pi_a',
  'metadata', jsonb_build_object('purpose', 'credit_package', 'ref', 'pack-a', 'user_id', :'payer')))), 'processed', 'a checkout is applied');
select is(billing.handle_stripe_event(pg_temp.event('evt_a', 'checkout.session.completed', '{}')), 'duplicate', 'the same event id again changes nothing');
select is((select balance from billing.accounts where user_id = :'payer' and asset = 'CREDIT'), 100::bigint, 'the package''s credits were granted once');
select is(billing.handle_stripe_event(pg_temp.event('evt_b', 'checkout.session.completed', jsonb_build_object(
  'id', 'cs_b', 'mode', 'payment', 'payment_status', 'paid', 'amount_total', 1500, 'currency', 'usd',
  'metadata', jsonb_build_object('purpose', 'product', 'product_type', 'thing', 'ref', 'thing-42', 'user_id', :'payer')))), 'processed',
  'a product purchase is applied');
select is((select ref from private.paid_things), 'thing-42', '... through the product''s registered handler');
select is(billing.handle_stripe_event(pg_temp.event('evt_c', 'checkout.session.async_payment_failed', jsonb_build_object(
  'id', 'cs_c', 'mode', 'payment', 'payment_status', 'unpaid', 'amount_total', 500, 'currency', 'usd',
  'metadata', jsonb_build_object('purpose', 'credit_package', 'ref', 'pack-a', 'user_id', :'payer')))), 'processed', 'a failed async payment is applied');
select is((select status from billing.payments where stripe_checkout_session_id = 'cs_c'), 'failed', '... as a failed payment that grants nothing');
select is(billing.handle_stripe_event(pg_temp.event('evt_d', 'customer.created', '{"id": "cus_x"}')), 'unhandled', 'an unknown type is stored');
select throws_ok($$select billing.handle_stripe_event('{"type": "x"}')$$, '22023', null, 'something that is no Stripe event is refused');
select is(billing.ledger_violations(), '{}'::text[], 'the ledger balances after payments');

-- Who reads what
select tests.clear_authentication();
select is((select array_agg(id) from billing.credit_packages where id in ('pack-a', 'pack-old')), array['pack-a'], 'anon reads active credit packages');
select is((select count(*) from billing.plans where id = 'pro-test')::int, 1, 'anon reads plans');
select throws_ok('select * from billing.payments', '42501', null, 'anon cannot read payments');
select throws_ok($$select billing.handle_stripe_event('{}')$$, '42501', null, 'anon cannot apply events');
select tests.authenticate_as(:'payer');
select is((select count(*) from billing.payments)::int, 3, 'a payer reads their payments');
select throws_ok($$select billing.handle_stripe_event('{}')$$, '42501', null, 'a user cannot apply events');
select throws_ok($$update billing.payments set status = 'succeeded'$$, '42501', null, 'a user cannot change a payment');
select throws_ok($$select * from private.stripe_events$$, '42501', null, 'the event store is not readable');
select tests.authenticate_as(:'other');
select is((select count(*) from billing.payments)::int, 0, 'another user reads none of them');
select tests.authenticate_as(:'support');
select is((select count(*) from billing.payments where user_id = :'payer')::int, 3, 'staff with users.read_all read them');
select tests.authenticate_as_service_role();
select is((select count(*) from billing.payments where user_id = :'payer')::int, 3, 'service_role reads them');
select throws_ok($$update billing.payments set amount = 1$$, '42501', null, '... but changes them only through the event functions');

select * from finish();
rollback;
