-- Stripe's webhook events: the event store, and billing.handle_stripe_event, which records an event
-- by id and applies it in one database transaction on top of the payments, subscriptions, Connect
-- and payouts records and the ledger. docs/stripe.md says how the endpoints are set up and what
-- each event does.
--
-- Stripe renders an event in the API version of the endpoint it is sent to. The fields read here are
-- those of the pinned version (billing.stripe_api_version()); where 2025-03-31.basil moved a field
-- that an endpoint created before it still sends (2024-09-30 .. 2025-02-24, acacia), both places are
-- read. An event of any other version is refused (recorded as failed, answered 500) rather than
-- misread.

-- The API version this code reads. The SDK client pins the same one (stripeApiVersion in
-- supabase/functions/_shared/stripe.ts; a test checks that they agree), and the webhook endpoints
-- are created with it (docs/stripe.md).
create or replace function billing.stripe_api_version()
returns text
language sql
immutable
set search_path = ''
as $$
  select '2026-10-28.endive'
$$;

-- Whether an event of this API version is read correctly here: the pinned version and those between
-- basil and it (same shapes for every field read), or acacia (the fields basil moved are read at
-- their old place too). Anything else (older, newer, null) is not.
create or replace function private.stripe_api_version_readable(p_api_version text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(
    p_api_version ~ '^\d{4}-\d{2}-\d{2}\.[a-z]+$'
    and case split_part(p_api_version, '.', 2)
          when 'acacia' then left(p_api_version, 10) between '2024-09-30' and '2025-02-24'
          when 'basil' then left(p_api_version, 10) between '2025-03-31' and '2025-08-27'
          when 'clover' then left(p_api_version, 10) between '2025-09-30' and '2026-02-25'
          when 'dahlia' then left(p_api_version, 10) between '2026-03-25' and '2026-08-26'
          when 'endive' then left(p_api_version, 10) between '2026-09-30' and left(billing.stripe_api_version(), 10)
          else false
        end, false)
$$;

-- Stripe's events, by id: the webhook's record of what arrived and what became of it.
create table private.stripe_events (
  id text primary key check (id ~ '^evt_'),
  type text not null,
  -- The version Stripe rendered the event in (the endpoint's); refused unless readable.
  api_version text,
  -- Set for an event of a connected account (delivered to the Connect endpoint).
  account text check (account ~ '^acct_'),
  livemode boolean,
  stripe_created_at timestamptz not null,
  payload jsonb not null,
  -- processed: applied; ignored: recognised but not ours or nothing to do (detail says why);
  -- unhandled: a type this code does not handle; failed: refused or failed (last_error), Stripe retries.
  status text not null check (status in ('processing', 'processed', 'ignored', 'unhandled', 'failed')),
  detail text,
  attempts integer not null default 1,
  last_error text,
  received_at timestamptz not null default now(),
  processed_at timestamptz
);
create index stripe_events_status_idx on private.stripe_events (status, received_at);
alter table private.stripe_events enable row level security;

-- What Stripe told us about the payments, kept so that events can arrive in any order and a later
-- one is applied against the whole story (private: the server's own records).

-- A subscription invoice's payment: since basil the invoice no longer names its payment intent; the
-- invoice_payment object links the two.
create table private.stripe_invoice_payments (
  id text primary key,
  invoice_id text not null,
  payment_intent text,
  charge text,
  status text not null,
  amount_paid bigint,
  currency text,
  last_event_at timestamptz not null
);
create index stripe_invoice_payments_invoice_idx on private.stripe_invoice_payments (invoice_id);

-- Refunds, one row per Stripe refund (refund.* and charge.refund.updated events).
create table private.stripe_refunds (
  id text primary key,
  payment_id uuid not null references billing.payments (id),
  charge_id text,
  amount bigint not null check (amount >= 0),
  status text not null,
  failure_reason text,
  stripe_created_at timestamptz not null,
  last_event_at timestamptz not null
);
create index stripe_refunds_payment_idx on private.stripe_refunds (payment_id);
create index stripe_refunds_charge_idx on private.stripe_refunds (charge_id);

-- The newest charge.refunded reading of each charge: how much Stripe counted as refunded then.
create table private.stripe_charge_refunds (
  charge_id text primary key,
  payment_id uuid not null references billing.payments (id),
  amount_refunded bigint not null check (amount_refunded >= 0),
  seen_at timestamptz not null
);
create index stripe_charge_refunds_payment_idx on private.stripe_charge_refunds (payment_id);

-- Disputes (charge.dispute.* events): their newest status decides whether the payment is disputed.
create table private.stripe_disputes (
  id text primary key,
  payment_id uuid not null references billing.payments (id),
  charge_id text,
  amount bigint not null check (amount >= 0),
  status text not null,
  reason text,
  funds_withdrawn_at timestamptz,
  funds_reinstated_at timestamptz,
  -- The sellers' earnings this dispute held: only these are released when it ends (a product may
  -- hold earnings of its own).
  held_earning_ids uuid[] not null default '{}',
  last_event_at timestamptz not null
);
create index stripe_disputes_payment_idx on private.stripe_disputes (payment_id);

alter table private.stripe_invoice_payments enable row level security;
alter table private.stripe_refunds enable row level security;
alter table private.stripe_charge_refunds enable row level security;
alter table private.stripe_disputes enable row level security;
revoke all on private.stripe_events, private.stripe_invoice_payments, private.stripe_refunds, private.stripe_charge_refunds,
  private.stripe_disputes from anon, authenticated;

-- Payments staff should look at: an early fraud warning from the card network (Radar). Staff read
-- them; the payer does not (the warning is not theirs to see).
create table billing.payment_flags (
  id uuid primary key default gen_random_uuid(),
  payment_id uuid not null references billing.payments (id),
  kind text not null check (kind in ('early_fraud_warning')),
  stripe_object_id text not null unique,
  details jsonb not null default '{}' check (jsonb_typeof(details) = 'object'),
  created_at timestamptz not null default now()
);
create index payment_flags_payment_idx on billing.payment_flags (payment_id);
alter table billing.payment_flags enable row level security;
revoke all on billing.payment_flags from anon, authenticated;
revoke insert, update, delete, truncate on billing.payment_flags from service_role;
grant select on billing.payment_flags to authenticated;
create policy "staff read payment flags" on billing.payment_flags for select to authenticated
  using ((select private.has_permission('users.read_all')));

-- How much of a payout's transfer Stripe reversed (transfer.amount_reversed, cumulative).
alter table billing.payouts add column amount_reversed bigint not null default 0;
alter table billing.payouts add constraint payouts_amount_reversed_check check (amount_reversed between 0 and amount);

-- Helpers -------------------------------------------------------------------------------------------------
-- The payment a payment intent paid (a checkout's, or a subscription invoice's once linked).
create or replace function private.stripe_payment_of(p_payment_intent text)
returns billing.payments
language sql
stable
security definer
set search_path = ''
as $$
  select * from billing.payments where stripe_payment_intent_id = p_payment_intent
$$;

-- A billing notice to whoever pays: the user, or an organization's owner and admins.
create or replace function private.notify_payer(p_user_id uuid, p_organization_id uuid, p_type text, p_payload jsonb)
returns void
language sql
security definer
set search_path = ''
as $$
  select private.notify(who.user_id, p_type, p_payload)
    from (select p_user_id as user_id where p_user_id is not null
          union
          select m.user_id from public.organization_members m
           where m.organization_id = p_organization_id and m.role in ('owner', 'admin')) who
$$;

-- Refunds and lost disputes ---------------------------------------------------------------------------
-- Moves a payment to p_target refunded (up or down) and what it granted with it: in proportion,
-- rounded down (a customer is never charged extra). Taking back never goes below zero: what was spent
-- already is the refund shortfall. Going down (a refund failed, a lost dispute won on appeal) gives
-- back what was taken. For a wallet top-up the refunded money is the wallet's own; revenue covers
-- what the wallet could not return.
create or replace function private.move_payment_refunded(p_payment_id uuid, p_target bigint)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  payment billing.payments;
  delta bigint;
  refund_asset text;
  granted bigint;
  payer uuid;
  clearing uuid;
  expected bigint;
  taken bigint;
  available bigint;
  moved bigint := 0;
  shortfall bigint;
  revenue_part bigint;
  granted_status boolean;
begin
  select * into payment from billing.payments where id = p_payment_id for update;
  delta := p_target - payment.amount_refunded;
  if delta = 0 then
    return;
  end if;
  shortfall := payment.refund_shortfall;
  granted_status := payment.status in ('succeeded', 'partially_refunded', 'refunded');
  if granted_status and payment.amount > 0 then
    refund_asset := case when payment.money_granted > 0 then payment.currency else 'CREDIT' end;
    granted := greatest(payment.money_granted, payment.credits_granted);
    if granted > 0 then
      payer := private.payer_account(payment, refund_asset);
      clearing := billing.platform_account('stripe_clearing', refund_asset);
      expected := (granted * p_target) / payment.amount;
      -- What refunds took from the payer so far, less what was given back.
      select coalesce(sum(case when t.debit_account_id = payer then t.amount else -t.amount end), 0) into taken
        from billing.transfers t
       where t.reference_type = 'payment' and t.reference_id = payment.id::text and t.kind = 'refund'
         and ((t.debit_account_id = payer and t.credit_account_id = clearing) or (t.debit_account_id = clearing and t.credit_account_id = payer));
      if expected > taken then
        select a.balance - a.held into available from billing.accounts a where a.id = payer for update;
        moved := least(expected - taken, greatest(available, 0));
        if moved > 0 then
          perform private.post_transfer(nextval('billing.transfers_id_seq'), payer, clearing, moved, 'refund', 'payment', payment.id::text,
            jsonb_build_object('refund_of', payment.id), null);
        end if;
      elsif expected < taken then
        moved := expected - taken;
        perform private.post_transfer(nextval('billing.transfers_id_seq'), clearing, payer, -moved, 'refund', 'payment', payment.id::text,
          jsonb_build_object('refund_of', payment.id, 'given_back', true), null);
      end if;
      shortfall := greatest(expected - (taken + moved), 0);
    end if;
    -- The money that left Stripe (or came back): from revenue, except what the wallet itself returned.
    revenue_part := delta - case when refund_asset = payment.currency then moved else 0 end;
    if revenue_part > 0 then
      perform private.post_transfer(nextval('billing.transfers_id_seq'), billing.platform_account('revenue', payment.currency),
        billing.platform_account('stripe_clearing', payment.currency), revenue_part, 'refund', 'payment', payment.id::text, '{}', null);
    elsif revenue_part < 0 then
      perform private.post_transfer(nextval('billing.transfers_id_seq'), billing.platform_account('stripe_clearing', payment.currency),
        billing.platform_account('revenue', payment.currency), -revenue_part, 'refund', 'payment', payment.id::text,
        jsonb_build_object('given_back', true), null);
    end if;
  end if;
  update billing.payments
     set amount_refunded = p_target, refund_shortfall = shortfall,
         status = case when not granted_status then status
                       when p_target = 0 then 'succeeded'
                       when p_target >= amount then 'refunded'
                       else 'partially_refunded' end
   where id = payment.id;
end
$$;

-- What a payment has lost to refunds and disputes, from everything Stripe said, in whatever order
-- it said it: the live refunds (pending, requires_action, succeeded), or the newest charge.refunded
-- reading of each charge less the refunds it counted that failed since, whichever is more; plus lost
-- disputes. Then the payment is moved there.
create or replace function private.settle_payment_refunds(p_payment_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  payment_amount bigint;
  by_refunds bigint;
  by_charges bigint;
  lost bigint;
begin
  select p.amount into payment_amount from billing.payments p where p.id = p_payment_id for update;
  select coalesce(sum(r.amount), 0) into by_refunds
    from private.stripe_refunds r where r.payment_id = p_payment_id and r.status in ('pending', 'requires_action', 'succeeded');
  select coalesce(sum(greatest(c.amount_refunded - coalesce(
           (select sum(r.amount) from private.stripe_refunds r
             where r.charge_id = c.charge_id and r.status in ('failed', 'canceled') and r.stripe_created_at <= c.seen_at), 0), 0)), 0)
    into by_charges
    from private.stripe_charge_refunds c where c.payment_id = p_payment_id;
  select coalesce(sum(d.amount), 0) into lost from private.stripe_disputes d where d.payment_id = p_payment_id and d.status = 'lost';
  perform private.move_payment_refunded(p_payment_id, least(payment_amount, greatest(by_refunds, by_charges) + lost));
end
$$;

-- Applying each kind of event. Each returns null when applied, or why it was ignored. -------------
create or replace function private.apply_checkout_session(p_session jsonb, p_type text, p_account text)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  session_metadata jsonb := coalesce(p_session -> 'metadata', '{}');
  owner record;
  payment_id uuid;
begin
  -- Only sessions our checkout function made are ours: its metadata names the purpose and the payer.
  if p_account is not null then
    return format('a checkout session of connected account %s', p_account);
  end if;
  if p_session ->> 'payment_link' is not null then
    return format('a session of Payment Link %s, not of our checkout', p_session ->> 'payment_link');
  end if;
  if coalesce(session_metadata ->> 'purpose', '') not in ('credit_package', 'wallet_top_up', 'plan', 'product') then
    return 'a session not made by our checkout (no purpose in its metadata)';
  end if;
  select * into owner from private.stripe_owner(session_metadata, p_session ->> 'customer');
  if owner.user_id is null and owner.organization_id is null then
    return 'a session that names no user or organization of ours';
  end if;
  if p_session ->> 'mode' <> 'payment' then
    return null;  -- a plan: the subscription and invoice events apply it
  end if;
  insert into billing.payments (stripe_checkout_session_id, stripe_payment_intent_id, user_id, organization_id, kind, purpose_ref,
                                amount, currency, status, metadata)
  values (p_session ->> 'id', p_session ->> 'payment_intent', owner.user_id, owner.organization_id, session_metadata ->> 'purpose',
          session_metadata ->> 'ref', coalesce((p_session ->> 'amount_total')::bigint, 0), upper(coalesce(p_session ->> 'currency', 'usd')),
          'pending', session_metadata)
  on conflict (stripe_checkout_session_id) do update set stripe_payment_intent_id = coalesce(excluded.stripe_payment_intent_id, payments.stripe_payment_intent_id)
  returning id into payment_id;
  if p_type in ('checkout.session.async_payment_failed', 'checkout.session.expired') then
    update billing.payments
       set status = 'failed', metadata = metadata || jsonb_build_object('failure', case when p_type = 'checkout.session.expired' then 'expired' else 'async_payment_failed' end)
     where id = payment_id and status = 'pending';
  elsif p_session ->> 'payment_status' in ('paid', 'no_payment_required') then
    perform private.grant_payment(payment_id);
  end if;
  return null;
end
$$;

create or replace function private.apply_subscription(p_subscription jsonb, p_event_created timestamptz, p_type text)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  subscription_metadata jsonb := coalesce(p_subscription -> 'metadata', '{}');
  owner record;
  item jsonb := p_subscription #> '{items,data,0}';
  plan text;
  stored billing.subscriptions;
begin
  select * into owner from private.stripe_owner(subscription_metadata, p_subscription ->> 'customer');
  -- The plan of the subscription's price, else the one our checkout named.
  plan := coalesce(
    (select p.id from billing.plans p where p.stripe_price_id = item #>> '{price,id}'),
    (select p.id from billing.plans p
      where p.id = coalesce(subscription_metadata ->> 'plan_id',
                            case when subscription_metadata ->> 'purpose' = 'plan' then subscription_metadata ->> 'ref' end)));
  -- Stored even when it is nobody's of ours: an invoice of it is then told apart from one that came early.
  insert into billing.subscriptions as s (stripe_subscription_id, stripe_customer_id, user_id, organization_id, plan_id, status,
    current_period_start, current_period_end, cancel_at_period_end, canceled_at, trial_start, trial_end, last_event_at)
  values (p_subscription ->> 'id', p_subscription ->> 'customer', owner.user_id, owner.organization_id, plan,
          case when p_type = 'customer.subscription.deleted' then 'canceled' else p_subscription ->> 'status' end,
          -- Since basil the period is the items'; acacia sends it on the subscription.
          to_timestamp(coalesce(p_subscription ->> 'current_period_start', item ->> 'current_period_start')::double precision),
          to_timestamp(coalesce(p_subscription ->> 'current_period_end', item ->> 'current_period_end')::double precision),
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
  select * into stored from billing.subscriptions where stripe_subscription_id = p_subscription ->> 'id';
  if stored.user_id is null and stored.organization_id is null then
    return 'a subscription of no user or organization of ours';
  end if;
  if p_type = 'customer.subscription.trial_will_end' then
    perform private.notify_payer(stored.user_id, stored.organization_id, 'billing.trial_will_end',
      jsonb_build_object('subscription_id', stored.id, 'plan_id', stored.plan_id, 'trial_end', stored.trial_end));
  end if;
  return null;
end
$$;

-- invoice.paid, invoice.payment_failed and invoice.payment_action_required of a subscription's invoice.
create or replace function private.apply_invoice(p_invoice jsonb, p_type text, p_event_created timestamptz)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  -- basil: parent.subscription_details.subscription; acacia: subscription.
  subscription_id text := coalesce(p_invoice #>> '{parent,subscription_details,subscription}', p_invoice ->> 'subscription');
  subscription billing.subscriptions;
  payment_intent text;
  payment_id uuid;
begin
  if subscription_id is null then
    return 'an invoice of no subscription (a one-off invoice): not ours';
  end if;
  select * into subscription from billing.subscriptions where stripe_subscription_id = subscription_id;
  if not found then
    if p_type = 'invoice.paid' then
      raise exception 'invoice % is for subscription %, which we have not seen yet', p_invoice ->> 'id', subscription_id
        using errcode = 'PA001', hint = 'Stripe retries the event; the subscription event arrives first';
    end if;
    return format('an invoice of subscription %s, which we have not seen', subscription_id);
  end if;
  if subscription.user_id is null and subscription.organization_id is null then
    return 'an invoice of a subscription of no user or organization of ours';
  end if;
  case p_type
    when 'invoice.paid' then
      -- acacia names the payment intent; since basil invoice_payment.paid links it (before or after).
      payment_intent := coalesce(p_invoice ->> 'payment_intent',
        (select ip.payment_intent from private.stripe_invoice_payments ip
          where ip.invoice_id = p_invoice ->> 'id' and ip.status = 'paid' and ip.payment_intent is not null
          order by ip.last_event_at desc limit 1),
        (select p #>> '{payment,payment_intent}' from jsonb_array_elements(coalesce(p_invoice #> '{payments,data}', '[]')) p
          where p ->> 'status' = 'paid' limit 1));
      insert into billing.payments (stripe_invoice_id, stripe_payment_intent_id, user_id, organization_id, kind, purpose_ref, amount, currency, status, metadata)
      values (p_invoice ->> 'id', payment_intent, subscription.user_id, subscription.organization_id, 'invoice',
              subscription.plan_id, coalesce((p_invoice ->> 'amount_paid')::bigint, 0), upper(coalesce(p_invoice ->> 'currency', 'usd')),
              'pending', jsonb_build_object('subscription', subscription.stripe_subscription_id, 'billing_reason', p_invoice ->> 'billing_reason'))
      on conflict (stripe_invoice_id) do nothing
      returning id into payment_id;
      if payment_id is not null then
        perform private.grant_payment(payment_id);  -- once per invoice
      end if;
    when 'invoice.payment_failed' then
      update billing.subscriptions set status = 'past_due', last_event_at = p_event_created
       where id = subscription.id and status in ('active', 'trialing') and last_event_at <= p_event_created;
      perform private.notify_payer(subscription.user_id, subscription.organization_id, 'billing.payment_failed',
        jsonb_build_object('subscription_id', subscription.id, 'invoice', p_invoice ->> 'id', 'amount_due', (p_invoice ->> 'amount_due')::bigint,
                           'currency', upper(p_invoice ->> 'currency'), 'hosted_invoice_url', p_invoice ->> 'hosted_invoice_url',
                           'next_payment_attempt', to_timestamp((p_invoice ->> 'next_payment_attempt')::double precision)));
    else
      -- invoice.payment_action_required: the bank wants the customer to confirm (3-D Secure).
      perform private.notify_payer(subscription.user_id, subscription.organization_id, 'billing.payment_action_required',
        jsonb_build_object('subscription_id', subscription.id, 'invoice', p_invoice ->> 'id', 'amount_due', (p_invoice ->> 'amount_due')::bigint,
                           'currency', upper(p_invoice ->> 'currency'), 'hosted_invoice_url', p_invoice ->> 'hosted_invoice_url'));
  end case;
  return null;
end
$$;

-- invoice_payment.paid: links a subscription invoice's payment to its payment intent, so that a
-- refund or a dispute of it finds the payment.
create or replace function private.apply_invoice_payment(p_invoice_payment jsonb, p_event_created timestamptz)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  stored private.stripe_invoice_payments;
begin
  insert into private.stripe_invoice_payments as ip (id, invoice_id, payment_intent, charge, status, amount_paid, currency, last_event_at)
  values (p_invoice_payment ->> 'id', p_invoice_payment ->> 'invoice', p_invoice_payment #>> '{payment,payment_intent}',
          p_invoice_payment #>> '{payment,charge}', p_invoice_payment ->> 'status', (p_invoice_payment ->> 'amount_paid')::bigint,
          upper(p_invoice_payment ->> 'currency'), p_event_created)
  on conflict (id) do update
     set payment_intent = excluded.payment_intent, charge = excluded.charge, status = excluded.status,
         amount_paid = excluded.amount_paid, currency = excluded.currency, last_event_at = excluded.last_event_at
   where ip.last_event_at <= excluded.last_event_at;
  select * into stored from private.stripe_invoice_payments where id = p_invoice_payment ->> 'id';
  if stored.status = 'paid' and stored.payment_intent is not null then
    update billing.payments set stripe_payment_intent_id = stored.payment_intent
     where stripe_invoice_id = stored.invoice_id and stripe_payment_intent_id is null;
  end if;
  return null;  -- kept either way: invoice.paid reads it when it comes later
end
$$;

-- charge.refunded: the charge's cumulative amount_refunded.
create or replace function private.apply_charge_refunded(p_charge jsonb, p_event_created timestamptz)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  payment billing.payments := private.stripe_payment_of(p_charge ->> 'payment_intent');
begin
  if payment.id is null then
    return 'a charge of no payment of ours';
  end if;
  insert into private.stripe_charge_refunds as c (charge_id, payment_id, amount_refunded, seen_at)
  values (p_charge ->> 'id', payment.id, coalesce((p_charge ->> 'amount_refunded')::bigint, 0), p_event_created)
  on conflict (charge_id) do update set amount_refunded = excluded.amount_refunded, seen_at = excluded.seen_at
   where c.seen_at <= excluded.seen_at;
  perform private.settle_payment_refunds(payment.id);
  return null;
end
$$;

-- refund.created / updated / failed and charge.refund.updated: one refund and its status. A failed
-- or canceled refund gives back what it took; a refund the refunds function sent is marked failed.
create or replace function private.apply_refund(p_refund jsonb, p_event_created timestamptz)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  payment billing.payments := private.stripe_payment_of(p_refund ->> 'payment_intent');
  stored private.stripe_refunds;
begin
  if payment.id is null then
    return 'a refund of no payment of ours';
  end if;
  insert into private.stripe_refunds as r (id, payment_id, charge_id, amount, status, failure_reason, stripe_created_at, last_event_at)
  values (p_refund ->> 'id', payment.id, p_refund ->> 'charge', coalesce((p_refund ->> 'amount')::bigint, 0), p_refund ->> 'status',
          p_refund ->> 'failure_reason', to_timestamp((p_refund ->> 'created')::double precision), p_event_created)
  on conflict (id) do update
     set amount = excluded.amount, status = excluded.status, failure_reason = excluded.failure_reason, last_event_at = excluded.last_event_at
   -- Newer news only; failed and canceled are final.
   where r.last_event_at <= excluded.last_event_at and r.status not in ('failed', 'canceled');
  select * into stored from private.stripe_refunds where id = p_refund ->> 'id';
  if stored.status in ('failed', 'canceled') then
    update billing.refund_requests set status = 'failed', failure_reason = coalesce(stored.failure_reason, 'the refund ' || stored.status)
     where stripe_refund_id = stored.id and status = 'sent';
  end if;
  perform private.settle_payment_refunds(payment.id);
  return null;
end
$$;

-- charge.dispute.*: the dispute's newest status. While any dispute of a payment is open the payment
-- is disputed and its sellers' earnings are held; won, warning_closed (an inquiry that ended without
-- a chargeback) and prevented release them; lost takes the disputed amount back like a refund.
create or replace function private.apply_dispute(p_dispute jsonb, p_type text, p_event_created timestamptz)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  payment billing.payments := private.stripe_payment_of(p_dispute ->> 'payment_intent');
  open_dispute boolean;
begin
  if payment.id is null then
    return 'a dispute of no payment of ours';
  end if;
  insert into private.stripe_disputes as d (id, payment_id, charge_id, amount, status, reason, last_event_at)
  values (p_dispute ->> 'id', payment.id, p_dispute ->> 'charge', coalesce((p_dispute ->> 'amount')::bigint, 0), p_dispute ->> 'status',
          p_dispute ->> 'reason', p_event_created)
  on conflict (id) do update set amount = excluded.amount, status = excluded.status, reason = excluded.reason, last_event_at = excluded.last_event_at
   where d.last_event_at <= excluded.last_event_at;
  if p_type = 'charge.dispute.funds_withdrawn' then
    update private.stripe_disputes set funds_withdrawn_at = coalesce(funds_withdrawn_at, p_event_created) where id = p_dispute ->> 'id';
  elsif p_type = 'charge.dispute.funds_reinstated' then
    update private.stripe_disputes set funds_reinstated_at = coalesce(funds_reinstated_at, p_event_created) where id = p_dispute ->> 'id';
  end if;

  open_dispute := exists (select 1 from private.stripe_disputes d
                           where d.payment_id = payment.id and d.status not in ('won', 'lost', 'warning_closed', 'prevented'));
  if open_dispute then
    update billing.payments set disputed = true where id = payment.id and not disputed;
    with held as (
      update billing.seller_earnings set status = 'held' where payment_id = payment.id and status = 'pending' returning id
    )
    update private.stripe_disputes d set held_earning_ids = d.held_earning_ids || array(select held.id from held)
     where d.id = p_dispute ->> 'id';
  elsif payment.disputed then
    update billing.payments set disputed = false where id = payment.id;
    if not exists (select 1 from private.stripe_disputes d where d.payment_id = payment.id and d.status = 'lost') then
      update billing.seller_earnings e set status = 'pending'
       where e.status = 'held' and e.id in (select unnest(d.held_earning_ids) from private.stripe_disputes d where d.payment_id = payment.id);
    end if;
  end if;
  perform private.settle_payment_refunds(payment.id);
  return null;
end
$$;

-- radar.early_fraud_warning.created: the card's issuer reported the payment as fraud; staff look at it.
create or replace function private.apply_early_fraud_warning(p_warning jsonb)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  payment billing.payments := private.stripe_payment_of(p_warning ->> 'payment_intent');
begin
  if payment.id is null then
    return 'a warning about no payment of ours';
  end if;
  insert into billing.payment_flags (payment_id, kind, stripe_object_id, details)
  values (payment.id, 'early_fraud_warning', p_warning ->> 'id',
          jsonb_build_object('fraud_type', p_warning ->> 'fraud_type', 'actionable', (p_warning ->> 'actionable')::boolean, 'charge', p_warning ->> 'charge'))
  on conflict (stripe_object_id) do nothing;
  return null;
end
$$;

-- payment_method.attached / updated / automatically_updated / detached: display data only.
create or replace function private.apply_payment_method(p_method jsonb, p_type text)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  owner record;
begin
  if p_type = 'payment_method.detached' then
    update billing.payment_methods set detached_at = now() where id = p_method ->> 'id' and detached_at is null;
    return case when not found then 'a payment method not attached here' end;
  end if;
  select * into owner from private.stripe_owner(coalesce(p_method -> 'metadata', '{}'), p_method ->> 'customer');
  if owner.user_id is null and owner.organization_id is null
     and not exists (select 1 from billing.payment_methods m where m.id = p_method ->> 'id') then
    return 'a payment method of no customer of ours';
  end if;
  insert into billing.payment_methods as m (id, stripe_customer_id, user_id, organization_id, type, brand, last4, exp_month, exp_year)
  values (p_method ->> 'id', p_method ->> 'customer', owner.user_id, owner.organization_id, coalesce(p_method ->> 'type', 'card'),
          p_method #>> '{card,brand}', p_method #>> '{card,last4}', (p_method #>> '{card,exp_month}')::smallint,
          (p_method #>> '{card,exp_year}')::smallint)
  on conflict (id) do update
     set stripe_customer_id = coalesce(excluded.stripe_customer_id, m.stripe_customer_id), type = excluded.type,
         brand = excluded.brand, last4 = excluded.last4, exp_month = excluded.exp_month, exp_year = excluded.exp_year,
         detached_at = case when p_type = 'payment_method.attached' then null else m.detached_at end;
  return null;
end
$$;

-- customer.deleted: the customer is gone at Stripe; the next checkout makes a new one.
create or replace function private.apply_customer_deleted(p_customer jsonb)
returns text
language plpgsql
security definer
set search_path = ''
as $$
begin
  update billing.payment_methods set detached_at = now() where stripe_customer_id = p_customer ->> 'id' and detached_at is null;
  delete from billing.stripe_customers where id = p_customer ->> 'id';
  if not found then
    return 'a customer not of ours';
  end if;
  return null;
end
$$;

create or replace function private.apply_account(p_account jsonb)
returns text
language plpgsql
security definer
set search_path = ''
as $$
begin
  update billing.connected_accounts
     set charges_enabled = coalesce((p_account ->> 'charges_enabled')::boolean, false),
         payouts_enabled = coalesce((p_account ->> 'payouts_enabled')::boolean, false),
         details_submitted = coalesce((p_account ->> 'details_submitted')::boolean, false),
         requirements = coalesce(p_account -> 'requirements', '{}')
   where id = p_account ->> 'id';
  if not found then
    return 'an account that is no seller''s of ours';
  end if;
  return null;
end
$$;

-- transfer.created: our payout's transfer (its metadata names the payout).
create or replace function private.apply_transfer_created(p_transfer jsonb)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  payout_id uuid;
begin
  select p.id into payout_id from billing.payouts p
   where p.id::text = p_transfer #>> '{metadata,payout_id}' and p.status = 'pending';
  if payout_id is null then
    return 'a transfer of no pending payout of ours';
  end if;
  perform billing.complete_payout(payout_id, p_transfer ->> 'id');
  return null;
end
$$;

-- transfer.reversed: amount_reversed is cumulative. The whole transfer reversed at once puts the
-- payout back (its earnings are due again); a part of it becomes an earning of that part, due again,
-- so that only what came back is paid again.
create or replace function private.apply_transfer_reversed(p_transfer jsonb)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  payout billing.payouts;
  reversed bigint;
  earning_id uuid;
begin
  select * into payout from billing.payouts where stripe_transfer_id = p_transfer ->> 'id' for update;
  if not found then
    return 'a transfer of no payout of ours';
  end if;
  reversed := least(coalesce((p_transfer ->> 'amount_reversed')::bigint, payout.amount), payout.amount);
  if reversed <= payout.amount_reversed then
    return null;  -- nothing new: an older event
  end if;
  if payout.amount_reversed = 0 and reversed = payout.amount then
    perform billing.put_back_payout(payout.id, 'reversed', 'transfer reversed');
    update billing.payouts set amount_reversed = reversed where id = payout.id;
    return null;
  end if;
  insert into billing.seller_earnings (seller_id, amount, currency, source_type, source_id, available_at)
  values (payout.seller_id, reversed - payout.amount_reversed, payout.currency, 'transfer_reversal', format('%s:%s', p_transfer ->> 'id', reversed), now())
  returning id into earning_id;
  perform private.post_transfer(nextval('billing.transfers_id_seq'), billing.platform_account('stripe_clearing', payout.currency),
    billing.platform_account('payouts_payable', payout.currency), reversed - payout.amount_reversed, 'payout', 'payout', payout.id::text,
    jsonb_build_object('reversed', reversed - payout.amount_reversed, 'seller_earning', earning_id), null);
  update billing.payouts
     set amount_reversed = reversed, status = case when reversed = amount then 'reversed' else status end,
         failure_reason = case when reversed = amount then 'transfer reversed' else failure_reason end
   where id = payout.id;
  if reversed < payout.amount then
    perform private.notify(payout.seller_id, 'payout.partially_reversed',
      jsonb_build_object('payout_id', payout.id, 'amount_reversed', reversed, 'currency', payout.currency));
  end if;
  return null;
end
$$;

-- payout.paid / payout.failed of a connected account: its own payout from its Stripe balance to its
-- bank (our transfer to it was done). The seller hears of it; a failed one means fixing the bank details.
create or replace function private.apply_connected_payout(p_account text, p_payout jsonb, p_type text)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  seller uuid;
begin
  select a.user_id into seller from billing.connected_accounts a where a.id = p_account;
  if seller is null then
    return format('a payout of connected account %s, no seller''s of ours', p_account);
  end if;
  perform private.notify(seller, case when p_type = 'payout.paid' then 'connect.bank_payout_paid' else 'connect.bank_payout_failed' end,
    jsonb_build_object('stripe_payout', p_payout ->> 'id', 'amount', (p_payout ->> 'amount')::bigint, 'currency', upper(p_payout ->> 'currency'),
                       'arrival_date', to_timestamp((p_payout ->> 'arrival_date')::double precision),
                       'failure_code', p_payout ->> 'failure_code', 'failure_message', p_payout ->> 'failure_message'));
  return null;
end
$$;

-- The one entry point ------------------------------------------------------------------------------------
-- Records the event by id and applies it in this transaction. Returns 'processed', 'ignored' (not
-- ours, or nothing to do: stored with the reason), 'unhandled' (a type not handled here: stored),
-- or 'duplicate' (already applied; nothing changes). An event of an API version this code does not
-- read raises PA131; the webhook then records it as failed and answers 500.
create or replace function billing.handle_stripe_event(p_event jsonb)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  event_id text := p_event ->> 'id';
  event_type text := p_event ->> 'type';
  api_version text := p_event ->> 'api_version';
  account text := nullif(p_event ->> 'account', '');
  created timestamptz := to_timestamp((p_event ->> 'created')::double precision);
  object jsonb := p_event #> '{data,object}';
  claimed text;
  ignored text;
  outcome text := 'processed';
begin
  if event_id is null or event_type is null or created is null or jsonb_typeof(object) is distinct from 'object'
     or coalesce(p_event ->> 'object', 'event') <> 'event' then
    raise exception 'not a Stripe event' using errcode = '22023';
  end if;
  if not private.stripe_api_version_readable(api_version) then
    raise exception 'Stripe event % (%) has API version %, which this handler does not read', event_id, event_type, coalesce(api_version, 'null')
      using errcode = 'PA131',
            hint = format('create the webhook endpoint with API version %s and resend the event (docs/stripe.md)', billing.stripe_api_version());
  end if;
  -- A concurrent delivery of the same event waits here and then finds it done; a failed one is retried.
  insert into private.stripe_events as e (id, type, api_version, account, livemode, stripe_created_at, payload, status)
  values (event_id, event_type, api_version, account, (p_event ->> 'livemode')::boolean, created, p_event, 'processing')
  on conflict (id) do update set status = 'processing', attempts = e.attempts + 1, payload = excluded.payload,
                                 api_version = excluded.api_version, last_error = null
   where e.status = 'failed'
  returning id into claimed;
  if claimed is null then
    return 'duplicate';
  end if;

  case
    when event_type in ('checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed',
                        'checkout.session.expired') then
      ignored := private.apply_checkout_session(object, event_type, account);
    when event_type = 'account.updated' then
      ignored := private.apply_account(object);
    when event_type in ('payout.paid', 'payout.failed') then
      -- Our payouts are transfers; a Stripe payout is a connected account's (or the platform's own).
      ignored := case when account is null then 'a payout of the platform''s own balance'
                      else private.apply_connected_payout(account, object, event_type) end;
    when account is not null and event_type in (
           'payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded', 'charge.refund.updated', 'refund.created',
           'refund.updated', 'refund.failed', 'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed',
           'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated', 'radar.early_fraud_warning.created',
           'customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted',
           'customer.subscription.paused', 'customer.subscription.resumed', 'customer.subscription.trial_will_end', 'customer.deleted',
           'invoice.paid', 'invoice_payment.paid', 'invoice.payment_failed', 'invoice.payment_action_required',
           'payment_method.attached', 'payment_method.detached', 'payment_method.updated', 'payment_method.automatically_updated',
           'transfer.created', 'transfer.reversed') then
      ignored := format('an event of connected account %s: its own business, not ours', account);
    when event_type = 'payment_intent.succeeded' then
      update billing.payments set metadata = metadata || jsonb_build_object('payment_intent_status', 'succeeded')
       where stripe_payment_intent_id = object ->> 'id';
      ignored := case when not found then 'a payment intent of no payment of ours' end;
    when event_type = 'payment_intent.payment_failed' then
      update billing.payments set status = 'failed' where stripe_payment_intent_id = object ->> 'id' and status = 'pending';
      ignored := case when not found then 'no pending payment of ours has this payment intent' end;
    when event_type = 'charge.refunded' then
      ignored := private.apply_charge_refunded(object, created);
    when event_type in ('refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated') then
      ignored := private.apply_refund(object, created);
    when event_type in ('charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed',
                        'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated') then
      ignored := private.apply_dispute(object, event_type, created);
    when event_type = 'radar.early_fraud_warning.created' then
      ignored := private.apply_early_fraud_warning(object);
    when event_type in ('customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted',
                        'customer.subscription.paused', 'customer.subscription.resumed', 'customer.subscription.trial_will_end') then
      ignored := private.apply_subscription(object, created, event_type);
    when event_type = 'customer.deleted' then
      ignored := private.apply_customer_deleted(object);
    when event_type in ('invoice.paid', 'invoice.payment_failed', 'invoice.payment_action_required') then
      ignored := private.apply_invoice(object, event_type, created);
    when event_type = 'invoice_payment.paid' then
      ignored := private.apply_invoice_payment(object, created);
    when event_type in ('payment_method.attached', 'payment_method.detached', 'payment_method.updated', 'payment_method.automatically_updated') then
      ignored := private.apply_payment_method(object, event_type);
    when event_type = 'transfer.created' then
      ignored := private.apply_transfer_created(object);
    when event_type = 'transfer.reversed' then
      ignored := private.apply_transfer_reversed(object);
    else
      outcome := 'unhandled';
  end case;
  if ignored is not null then
    outcome := 'ignored';
  end if;

  update private.stripe_events set status = outcome, detail = ignored, processed_at = now() where id = event_id;
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
  insert into private.stripe_events as e (id, type, api_version, account, livemode, stripe_created_at, payload, status, last_error)
  values (p_event_id, p_type, p_payload ->> 'api_version', nullif(p_payload ->> 'account', ''), (p_payload ->> 'livemode')::boolean,
          coalesce(to_timestamp((p_payload ->> 'created')::double precision), now()), p_payload, 'failed', left(p_error, 2000))
  on conflict (id) do update set status = 'failed', last_error = left(p_error, 2000), attempts = e.attempts + 1,
                                 payload = excluded.payload, api_version = excluded.api_version
   where e.status in ('failed', 'processing')
$$;

revoke execute on function billing.handle_stripe_event(jsonb), billing.record_stripe_event_failure(text, text, jsonb, text),
  billing.stripe_api_version() from anon, authenticated;
