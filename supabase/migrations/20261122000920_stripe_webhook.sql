-- Stripe's webhook events: the event store, and billing.handle_stripe_event, which records an event
-- by id and applies it in one database transaction on top of the payments, subscriptions, Connect
-- and payouts records and the ledger.

-- Stripe's events, by id: the webhook's record of what arrived and what became of it.
create table private.stripe_events (
  id text primary key check (id ~ '^evt_'),
  type text not null,
  stripe_created_at timestamptz not null,
  payload jsonb not null,
  status text not null check (status in ('processing', 'processed', 'unhandled', 'failed')),
  attempts integer not null default 1,
  last_error text,
  received_at timestamptz not null default now(),
  processed_at timestamptz
);
create index stripe_events_status_idx on private.stripe_events (status, received_at);
alter table private.stripe_events enable row level security;

create or replace function private.apply_checkout_session(p_session jsonb, p_type text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  metadata jsonb := coalesce(p_session -> 'metadata', '{}');
  owner record;
  payment_id uuid;
begin
  select * into owner from private.stripe_owner(metadata, p_session ->> 'customer');
  if p_session ->> 'mode' = 'subscription' then
    return;  -- the subscription and invoice events apply a plan checkout
  end if;
  insert into billing.payments (stripe_checkout_session_id, stripe_payment_intent_id, user_id, organization_id, kind, purpose_ref,
                                amount, currency, status, metadata)
  values (p_session ->> 'id', p_session ->> 'payment_intent', owner.user_id, owner.organization_id,
          coalesce(metadata ->> 'purpose', 'product'), metadata ->> 'ref',
          coalesce((p_session ->> 'amount_total')::bigint, 0), upper(coalesce(p_session ->> 'currency', 'usd')), 'pending', metadata)
  on conflict (stripe_checkout_session_id) do update set stripe_payment_intent_id = coalesce(excluded.stripe_payment_intent_id, payments.stripe_payment_intent_id)
  returning id into payment_id;
  if p_type = 'checkout.session.async_payment_failed' then
    update billing.payments set status = 'failed' where id = payment_id and status = 'pending';
  elsif p_session ->> 'payment_status' in ('paid', 'no_payment_required') then
    perform private.grant_payment(payment_id);
  end if;
end
$$;

create or replace function private.apply_subscription(p_subscription jsonb, p_event_created timestamptz, p_deleted boolean)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  metadata jsonb := coalesce(p_subscription -> 'metadata', '{}');
  owner record;
  price text := p_subscription #>> '{items,data,0,price,id}';
  plan text := coalesce((select id from billing.plans where stripe_price_id = price), metadata ->> 'plan_id');
begin
  select * into owner from private.stripe_owner(metadata, p_subscription ->> 'customer');
  insert into billing.subscriptions as s (stripe_subscription_id, stripe_customer_id, user_id, organization_id, plan_id, status,
    current_period_start, current_period_end, cancel_at_period_end, canceled_at, trial_start, trial_end, last_event_at)
  values (p_subscription ->> 'id', p_subscription ->> 'customer', owner.user_id, owner.organization_id, plan,
          case when p_deleted then 'canceled' else p_subscription ->> 'status' end,
          to_timestamp((p_subscription ->> 'current_period_start')::double precision),
          to_timestamp((p_subscription ->> 'current_period_end')::double precision),
          coalesce((p_subscription ->> 'cancel_at_period_end')::boolean, false),
          to_timestamp((p_subscription ->> 'canceled_at')::double precision),
          to_timestamp((p_subscription ->> 'trial_start')::double precision),
          to_timestamp((p_subscription ->> 'trial_end')::double precision),
          p_event_created)
  on conflict (stripe_subscription_id) do update
     set plan_id = excluded.plan_id, status = excluded.status,
         current_period_start = excluded.current_period_start, current_period_end = excluded.current_period_end,
         cancel_at_period_end = excluded.cancel_at_period_end, canceled_at = excluded.canceled_at,
         trial_start = excluded.trial_start, trial_end = excluded.trial_end, last_event_at = excluded.last_event_at
   -- Stripe does not deliver in order: only a newer event changes the state (a deletion is final).
   where s.last_event_at <= excluded.last_event_at and s.status <> 'canceled';
end
$$;

create or replace function private.apply_invoice_paid(p_invoice jsonb)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  subscription billing.subscriptions;
  payment_id uuid;
begin
  select * into subscription from billing.subscriptions where stripe_subscription_id = p_invoice ->> 'subscription';
  if not found then
    raise exception 'invoice % is for subscription %, which we have not seen yet', p_invoice ->> 'id', p_invoice ->> 'subscription'
      using errcode = 'PA001', hint = 'Stripe retries the event; the subscription event arrives first';
  end if;
  insert into billing.payments (stripe_invoice_id, stripe_payment_intent_id, user_id, organization_id, kind, purpose_ref, amount, currency, status, metadata)
  values (p_invoice ->> 'id', p_invoice ->> 'payment_intent', subscription.user_id, subscription.organization_id, 'invoice',
          subscription.plan_id, coalesce((p_invoice ->> 'amount_paid')::bigint, 0), upper(coalesce(p_invoice ->> 'currency', 'usd')),
          'pending', jsonb_build_object('subscription', subscription.stripe_subscription_id))
  on conflict (stripe_invoice_id) do nothing
  returning id into payment_id;
  if payment_id is not null then
    perform private.grant_payment(payment_id);  -- once per invoice
  end if;
end
$$;

create or replace function private.apply_dispute(p_dispute jsonb, p_closed boolean)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  payment billing.payments;
begin
  select * into payment from billing.payments where stripe_payment_intent_id = p_dispute ->> 'payment_intent' for update;
  if not found then
    return;  -- not a payment of ours
  end if;
  if not p_closed then
    update billing.payments set disputed = true where id = payment.id;
    update billing.seller_earnings set status = 'held' where payment_id = payment.id and status = 'pending';
  elsif p_dispute ->> 'status' = 'won' then
    update billing.payments set disputed = false where id = payment.id;
    update billing.seller_earnings set status = 'pending' where payment_id = payment.id and status = 'held';
  else
    -- Lost: the disputed amount went back to the customer, like a refund.
    update billing.payments set disputed = false where id = payment.id;
    perform private.reverse_payment(payment.id, payment.amount_refunded + coalesce((p_dispute ->> 'amount')::bigint, 0));
  end if;
end
$$;

create or replace function private.apply_payment_method(p_method jsonb, p_detached boolean)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  owner record;
begin
  if p_detached then
    update billing.payment_methods set detached_at = now() where id = p_method ->> 'id';
    return;
  end if;
  select * into owner from private.stripe_owner(coalesce(p_method -> 'metadata', '{}'), p_method ->> 'customer');
  insert into billing.payment_methods (id, stripe_customer_id, user_id, organization_id, type, brand, last4, exp_month, exp_year)
  values (p_method ->> 'id', p_method ->> 'customer', owner.user_id, owner.organization_id, coalesce(p_method ->> 'type', 'card'),
          p_method #>> '{card,brand}', p_method #>> '{card,last4}', (p_method #>> '{card,exp_month}')::smallint,
          (p_method #>> '{card,exp_year}')::smallint)
  on conflict (id) do update set stripe_customer_id = excluded.stripe_customer_id, detached_at = null;
end
$$;

create or replace function private.apply_account(p_account jsonb)
returns void
language sql
security definer
set search_path = ''
as $$
  update billing.connected_accounts
     set charges_enabled = coalesce((p_account ->> 'charges_enabled')::boolean, false),
         payouts_enabled = coalesce((p_account ->> 'payouts_enabled')::boolean, false),
         details_submitted = coalesce((p_account ->> 'details_submitted')::boolean, false),
         requirements = coalesce(p_account -> 'requirements', '{}')
   where id = p_account ->> 'id'
$$;

-- The one entry point: records the event by id and applies it in this transaction. Returns
-- 'processed', 'unhandled' (stored for later), or 'duplicate' (already applied; nothing changes).
create or replace function billing.handle_stripe_event(p_event jsonb)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  event_type text := p_event ->> 'type';
  created timestamptz := to_timestamp((p_event ->> 'created')::double precision);
  object jsonb := p_event #> '{data,object}';
  claimed text;
  outcome text := 'processed';
begin
  if p_event ->> 'id' is null or event_type is null or created is null or object is null then
    raise exception 'not a Stripe event' using errcode = '22023';
  end if;
  -- A concurrent delivery of the same event waits here and then finds it done; a failed one is retried.
  insert into private.stripe_events as e (id, type, stripe_created_at, payload, status)
  values (p_event ->> 'id', event_type, created, p_event, 'processing')
  on conflict (id) do update set status = 'processing', attempts = e.attempts + 1, payload = excluded.payload, last_error = null
   where e.status = 'failed'
  returning id into claimed;
  if claimed is null then
    return 'duplicate';
  end if;

  case event_type
    when 'checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed' then
      perform private.apply_checkout_session(object, event_type);
    when 'payment_intent.succeeded' then
      update billing.payments set metadata = metadata || jsonb_build_object('payment_intent_status', 'succeeded')
       where stripe_payment_intent_id = object ->> 'id';
    when 'payment_intent.payment_failed' then
      update billing.payments set status = 'failed' where stripe_payment_intent_id = object ->> 'id' and status = 'pending';
    when 'charge.refunded' then
      perform private.reverse_payment(p.id, (object ->> 'amount_refunded')::bigint)
         from billing.payments p where p.stripe_payment_intent_id = object ->> 'payment_intent';
    when 'customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted' then
      perform private.apply_subscription(object, created, event_type = 'customer.subscription.deleted');
    when 'invoice.paid' then
      perform private.apply_invoice_paid(object);
    when 'invoice.payment_failed' then
      update billing.subscriptions set status = 'past_due'
       where stripe_subscription_id = object ->> 'subscription' and status in ('active', 'trialing') and last_event_at <= created;
    when 'charge.dispute.created', 'charge.dispute.closed' then
      perform private.apply_dispute(object, event_type = 'charge.dispute.closed');
    when 'payment_method.attached', 'payment_method.detached' then
      perform private.apply_payment_method(object, event_type = 'payment_method.detached');
    when 'account.updated' then
      perform private.apply_account(object);
    when 'transfer.created' then
      perform billing.complete_payout(p.id, object ->> 'id')
         from billing.payouts p where p.id = nullif(object #>> '{metadata,payout_id}', '')::uuid and p.status = 'pending';
    when 'transfer.reversed' then
      perform billing.put_back_payout(p.id, 'reversed', 'transfer reversed')
         from billing.payouts p where p.stripe_transfer_id = object ->> 'id';
    when 'payout.failed' then
      perform billing.put_back_payout(p.id, 'failed', coalesce(object ->> 'failure_message', object ->> 'failure_code', 'payout failed'))
         from billing.payouts p where p.id = nullif(object #>> '{metadata,payout_id}', '')::uuid;
    when 'payout.paid' then
      null;  -- the seller's bank received it; our side was done at the transfer
    else
      outcome := 'unhandled';
  end case;

  update private.stripe_events set status = outcome, processed_at = now() where id = p_event ->> 'id';
  return outcome;
end
$$;

-- After a failed attempt (rolled back), the webhook records the error so that Stripe's retry runs it again.
create or replace function billing.record_stripe_event_failure(p_event_id text, p_type text, p_payload jsonb, p_error text)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into private.stripe_events as e (id, type, stripe_created_at, payload, status, last_error)
  values (p_event_id, p_type, coalesce(to_timestamp((p_payload ->> 'created')::double precision), now()), p_payload, 'failed', left(p_error, 2000))
  on conflict (id) do update set status = 'failed', last_error = left(p_error, 2000), attempts = e.attempts + 1
   where e.status in ('failed', 'processing')
$$;

revoke execute on function billing.handle_stripe_event(jsonb), billing.record_stripe_event_failure(text, text, jsonb, text)
  from anon, authenticated;
