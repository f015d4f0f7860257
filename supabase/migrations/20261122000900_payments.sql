-- Payments and subscriptions through Stripe: the catalog (credit packages, plans per product),
-- Stripe customers, subscriptions, payments, what a paid purchase grants (credits, money, or the
-- product's registered handler) and takes back on a refund, checkout preparation, the plan a user
-- has, payment methods, and refunds the products decide. Stripe's events reach these through
-- billing.handle_stripe_event (the webhook events migration).

-- Catalog ---------------------------------------------------------------------------------------------
create table billing.credit_packages (
  id text primary key check (id ~ '^[a-z0-9_-]{2,60}$'),
  name text not null check (char_length(name) between 1 and 200),
  credits bigint not null check (credits > 0),
  bonus_credits bigint not null default 0 check (bonus_credits >= 0),
  price_amount bigint not null check (price_amount > 0),
  currency text not null default 'USD' references billing.assets (code),
  stripe_price_id text unique,
  active boolean not null default true,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index credit_packages_currency_idx on billing.credit_packages (currency);

-- Plans are per product: each product registers its own (a migration of theirs), their limits in
-- features, and at most one default plan, what its users have without a subscription.
create table billing.plans (
  id text primary key check (id ~ '^[a-z0-9_-]{2,60}$'),
  -- The product that registered the plan.
  product text not null check (product ~ '^[a-z_]{2,30}$'),
  name text not null,
  tier integer not null default 0,
  monthly_credits bigint not null default 0 check (monthly_credits >= 0),
  price_amount bigint not null default 0 check (price_amount >= 0),
  currency text not null default 'USD' references billing.assets (code),
  stripe_price_id text unique,
  -- The plan's limits as the product reads them (e.g. {"max_projects": 10}); an object of at most 4 kB,
  -- since it is answered with every plan lookup.
  features jsonb not null default '{}' check (jsonb_typeof(features) = 'object' and octet_length(features::text) <= 4096),
  -- What the product's users have without a subscription: free, and at most one per product.
  is_default boolean not null default false check (not is_default or price_amount = 0),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index plans_product_idx on billing.plans (product);
create unique index plans_one_default_per_product on billing.plans (product) where is_default;
create index plans_currency_idx on billing.plans (currency);

-- Stripe objects ---------------------------------------------------------------------------------------
create table billing.stripe_customers (
  id text primary key check (id ~ '^cus_'),
  user_id uuid unique references public.profiles (id) on delete set null,
  organization_id uuid unique references public.organizations (id) on delete set null,
  email text,
  created_at timestamptz not null default now(),
  check (num_nonnulls(user_id, organization_id) <= 1)
);

create table billing.subscriptions (
  id uuid primary key default gen_random_uuid(),
  stripe_subscription_id text not null unique,
  stripe_customer_id text,
  user_id uuid references public.profiles (id) on delete set null,
  organization_id uuid references public.organizations (id) on delete set null,
  plan_id text references billing.plans (id),
  status text not null check (status in ('incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused')),
  current_period_start timestamptz,
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  canceled_at timestamptz,
  trial_start timestamptz,
  trial_end timestamptz,
  -- Stripe's creation time of the event that set this state: an older event never overwrites it.
  last_event_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index subscriptions_user_id_idx on billing.subscriptions (user_id);
create index subscriptions_organization_id_idx on billing.subscriptions (organization_id);
create index subscriptions_plan_id_idx on billing.subscriptions (plan_id);

create table billing.payments (
  id uuid primary key default gen_random_uuid(),
  stripe_checkout_session_id text unique,
  stripe_payment_intent_id text unique,
  stripe_invoice_id text unique,
  user_id uuid references public.profiles (id) on delete set null,
  organization_id uuid references public.organizations (id) on delete set null,
  kind text not null check (kind in ('credit_package', 'wallet_top_up', 'plan', 'product', 'invoice')),
  -- What it paid for: the credit package, the plan, or the product's own reference.
  purpose_ref text,
  amount bigint not null check (amount >= 0),
  currency text not null references billing.assets (code),
  status text not null check (status in ('pending', 'succeeded', 'failed', 'refunded', 'partially_refunded')),
  amount_refunded bigint not null default 0 check (amount_refunded >= 0),
  disputed boolean not null default false,
  credits_granted bigint not null default 0,
  money_granted bigint not null default 0,
  -- What a refund should have taken back but could not, because it was already spent.
  refund_shortfall bigint not null default 0,
  metadata jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (amount_refunded <= amount)
);
create index payments_user_id_idx on billing.payments (user_id, created_at desc);
create index payments_organization_id_idx on billing.payments (organization_id, created_at desc);
create index payments_currency_idx on billing.payments (currency);

-- Products register what a paid purchase of theirs does (metadata purpose = product,
-- product_type = <this key>): the handler is called with the payment's id and the product reference.
create table billing.purchase_handlers (
  product_type text primary key check (product_type ~ '^[a-z_]{2,60}$'),
  -- Function signatures as text (reg* types do not survive pg_upgrade):
  -- handler(p_payment_id uuid, p_ref text) marks the purchase paid, e.g. '<product>.mark_booking_paid(uuid, text)';
  -- price_function(p_ref text, p_user_id uuid) returns table (amount bigint, currency text, name text).
  handler text not null,
  price_function text
);

create table billing.payment_methods (
  id text primary key check (id ~ '^(pm|card|src)_'),
  stripe_customer_id text,
  user_id uuid references public.profiles (id) on delete set null,
  organization_id uuid references public.organizations (id) on delete set null,
  type text not null,
  -- Display data only: nothing that could charge the card.
  brand text,
  last4 text check (last4 ~ '^[0-9]{4}$'),
  exp_month smallint check (exp_month between 1 and 12),
  exp_year smallint,
  created_at timestamptz not null default now(),
  detached_at timestamptz
);
create index payment_methods_user_id_idx on billing.payment_methods (user_id);
create index payment_methods_organization_id_idx on billing.payment_methods (organization_id);

create trigger set_updated_at before update on billing.credit_packages for each row execute function private.set_updated_at();
create trigger set_updated_at before update on billing.plans for each row execute function private.set_updated_at();
create trigger set_updated_at before update on billing.subscriptions for each row execute function private.set_updated_at();
create trigger set_updated_at before update on billing.payments for each row execute function private.set_updated_at();

-- Who reads what ------------------------------------------------------------------------------------------
revoke all on billing.credit_packages, billing.plans, billing.stripe_customers, billing.subscriptions,
  billing.payments, billing.purchase_handlers, billing.payment_methods from anon, authenticated;
revoke insert, update, delete, truncate on billing.subscriptions, billing.payments from service_role;
grant select on billing.credit_packages, billing.plans to anon, authenticated;
grant select on billing.stripe_customers, billing.subscriptions, billing.payments, billing.payment_methods to authenticated;

alter table billing.credit_packages enable row level security;
alter table billing.plans enable row level security;
alter table billing.stripe_customers enable row level security;
alter table billing.subscriptions enable row level security;
alter table billing.payments enable row level security;
alter table billing.purchase_handlers enable row level security;
alter table billing.payment_methods enable row level security;

create policy "anyone reads active credit packages" on billing.credit_packages for select to anon, authenticated using (active);
create policy "anyone reads active plans" on billing.plans for select to anon, authenticated using (active);
create policy "owners and staff read Stripe customers" on billing.stripe_customers
  for select to authenticated
  using (user_id = (select auth.uid())
         or private.org_role_of(organization_id) in ('owner', 'admin')
         or (select private.has_permission('users.read_all')));
create policy "owners, organization admins and staff read subscriptions" on billing.subscriptions
  for select to authenticated
  using (user_id = (select auth.uid())
         or organization_id in (select private.my_organization_ids())
         or (select private.has_permission('users.read_all')));
create policy "payers, organization admins and staff read payments" on billing.payments
  for select to authenticated
  using (user_id = (select auth.uid())
         or private.org_role_of(organization_id) in ('owner', 'admin')
         or (select private.has_permission('users.read_all')));

create policy "owners and staff read payment methods" on billing.payment_methods
  for select to authenticated
  using (user_id = (select auth.uid())
         or private.org_role_of(organization_id) in ('owner', 'admin')
         or (select private.has_permission('users.read_all')));

-- Granting and taking back -------------------------------------------------------------------------------------
-- Whose payment: the user or organization named in the metadata (our checkout function sets it),
-- else the owner of the Stripe customer.
create or replace function private.stripe_owner(p_metadata jsonb, p_customer text, out user_id uuid, out organization_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(nullif(p_metadata ->> 'user_id', '')::uuid, c.user_id),
         coalesce(nullif(p_metadata ->> 'organization_id', '')::uuid, c.organization_id)
    from (select 1) one
    left join billing.stripe_customers c on c.id = p_customer
$$;

-- Credits or money of a payment go to the payer's account: the organization's pool or the user's.
create or replace function private.payer_account(p_payment billing.payments, p_asset text)
returns uuid
language sql
security definer
set search_path = ''
as $$
  select case when p_payment.organization_id is not null
              then billing.organization_account(p_payment.organization_id, p_asset)
              else billing.user_account(p_payment.user_id, p_asset) end
$$;

-- What a succeeded payment grants, once: credits (package or plan invoice), money (top-up), or the
-- product's own handler.
create or replace function private.grant_payment(p_payment_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  payment billing.payments;
  package billing.credit_packages;
  handler regprocedure;
  credits bigint := 0;
  money bigint := 0;
begin
  select * into payment from billing.payments where id = p_payment_id for update;
  if payment.status <> 'pending' then
    return;  -- granted (or failed) already
  end if;
  if payment.user_id is null and payment.organization_id is null then
    raise exception 'payment % names no user or organization', p_payment_id using errcode = '22023';
  end if;
  case payment.kind
    when 'credit_package' then
      select * into package from billing.credit_packages where id = payment.purpose_ref;
      if not found then
        raise exception 'unknown credit package %', payment.purpose_ref using errcode = 'PA001';
      end if;
      credits := package.credits + package.bonus_credits;
      perform private.post_transfer(nextval('billing.transfers_id_seq'), billing.platform_account('stripe_clearing', 'CREDIT'),
        private.payer_account(payment, 'CREDIT'), package.credits, 'purchase', 'payment', payment.id::text, '{}', null);
      if package.bonus_credits > 0 then
        perform private.post_transfer(nextval('billing.transfers_id_seq'), billing.platform_account('promotions', 'CREDIT'),
          private.payer_account(payment, 'CREDIT'), package.bonus_credits, 'bonus', 'payment', payment.id::text, '{}', null);
      end if;
    when 'invoice' then
      credits := coalesce((select monthly_credits from billing.plans where id = payment.purpose_ref), 0);
      if credits > 0 then
        perform private.post_transfer(nextval('billing.transfers_id_seq'), billing.platform_account('stripe_clearing', 'CREDIT'),
          private.payer_account(payment, 'CREDIT'), credits, 'purchase', 'payment', payment.id::text, '{}', null);
      end if;
    when 'wallet_top_up' then
      money := payment.amount;
      perform private.post_transfer(nextval('billing.transfers_id_seq'), billing.platform_account('stripe_clearing', payment.currency),
        private.payer_account(payment, payment.currency), money, 'top_up', 'payment', payment.id::text, '{}', null);
    when 'product' then
      select to_regprocedure(h.handler) into handler from billing.purchase_handlers h where h.product_type = payment.metadata ->> 'product_type';
      if handler is null then
        raise exception 'no purchase handler for product type %', payment.metadata ->> 'product_type' using errcode = 'PA001';
      end if;
      execute format('select %s($1, $2)', handler::regproc) using payment.id, payment.purpose_ref;
    else
      null;  -- a plan's checkout: the subscription and its invoices carry it
  end case;
  -- Money in: Stripe clearing to revenue, in the payment's currency.
  if payment.kind <> 'wallet_top_up' and payment.amount > 0 then
    perform private.post_transfer(nextval('billing.transfers_id_seq'), billing.platform_account('stripe_clearing', payment.currency),
      billing.platform_account('revenue', payment.currency), payment.amount, 'payment', 'payment', payment.id::text, '{}', null);
  end if;
  update billing.payments set status = 'succeeded', credits_granted = credits, money_granted = money where id = payment.id;
end
$$;

-- Checkout -------------------------------------------------------------------------------------------------
-- What the checkout edge function may sell to the caller, checked here where every rule lives:
-- the item, its price, who pays (the user, or an organization by its owner or admin) and the Stripe
-- customer already on file. Top-ups are bounded (5.00 to 1,000.00 in the currency's minor units).
create or replace function billing.prepare_checkout(
  p_purpose text, p_ref text default null, p_amount bigint default null, p_currency text default 'USD',
  p_organization_id uuid default null, p_product_type text default null)
returns table (kind text, ref text, amount bigint, currency text, name text, stripe_price_id text,
               stripe_customer_id text, user_id uuid, organization_id uuid)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  price_function regprocedure;
begin
  if p_organization_id is not null and coalesce(private.org_role_of(p_organization_id) not in ('owner', 'admin'), true) then
    raise exception 'only an organization''s owner or admins buy for it' using errcode = '42501';
  end if;
  if p_organization_id is not null and p_purpose not in ('credit_package', 'plan') then
    raise exception 'an organization buys credit packages and plans only' using errcode = '22023';
  end if;
  kind := p_purpose;
  user_id := case when p_organization_id is null then caller end;
  organization_id := p_organization_id;
  case p_purpose
    when 'credit_package' then
      select c.id, c.price_amount, c.currency, c.name, c.stripe_price_id into ref, amount, currency, name, stripe_price_id
        from billing.credit_packages c where c.id = p_ref and c.active;
    when 'plan' then
      select pl.id, pl.price_amount, pl.currency, pl.name, pl.stripe_price_id into ref, amount, currency, name, stripe_price_id
        from billing.plans pl where pl.id = p_ref and pl.active and pl.stripe_price_id is not null;
    when 'wallet_top_up' then
      if p_amount is null or p_amount not between 500 and 100000 then
        raise exception 'a top-up is between 500 and 100000 minor units' using errcode = '22023';
      end if;
      ref := caller::text;
      amount := p_amount;
      currency := private.normalize_asset(p_currency);
      name := 'Wallet top-up';
      if currency = 'CREDIT' then
        raise exception 'a wallet is topped up with money' using errcode = '22023';
      end if;
    when 'product' then
      select to_regprocedure(h.price_function) into price_function from billing.purchase_handlers h where h.product_type = p_product_type;
      if price_function is null then
        raise exception 'unknown product type %', p_product_type using errcode = 'PA001';
      end if;
      execute format('select amount, currency, name from %s($1, $2)', price_function::regproc)
        into amount, currency, name using p_ref, caller;
      ref := p_ref;
    else
      raise exception 'unknown purpose %: credit_package, wallet_top_up, plan or product', p_purpose using errcode = '22023';
  end case;
  if amount is null then
    raise exception 'nothing to buy: % % is unknown or not for sale', p_purpose, p_ref using errcode = 'PA001';
  end if;
  select c.id into stripe_customer_id from billing.stripe_customers c
   where (p_organization_id is null and c.user_id = caller) or c.organization_id = p_organization_id;
  return next;
end
$$;

-- Plans ------------------------------------------------------------------------------------------------------
-- The plan that applies to a user of p_product and its limits: the best active or trialing
-- subscription to a plan of that product (the organization's when p_organization_id is given, else
-- the user's own), otherwise the product's default plan, otherwise no row. A product that registered
-- no plans is unknown (PA001). It answers for any user, so it is the server's (and the products'
-- own functions'); clients ask billing.my_plan.
create or replace function billing.current_plan(p_product text, p_user_id uuid, p_organization_id uuid default null)
returns table (plan_id text, product text, name text, tier integer, features jsonb, monthly_credits bigint,
               source text, subscription_id uuid, status text, current_period_end timestamptz, cancel_at_period_end boolean)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not exists (select 1 from billing.plans p where p.product = p_product) then
    raise exception 'unknown product "%": it has registered no plans', p_product using errcode = 'PA001';
  end if;
  return query
    select p.id, p.product, p.name, p.tier, p.features, p.monthly_credits,
           case when p_organization_id is null then 'user' else 'organization' end,
           s.id, s.status, s.current_period_end, s.cancel_at_period_end
      from billing.subscriptions s
      join billing.plans p on p.id = s.plan_id
     where p.product = p_product
       and s.status in ('active', 'trialing')
       and case when p_organization_id is null then s.user_id = p_user_id and s.organization_id is null
                else s.organization_id = p_organization_id end
     order by p.tier desc, s.current_period_end desc nulls last
     limit 1;
  if not found then
    return query
      select p.id, p.product, p.name, p.tier, p.features, p.monthly_credits, 'default', null::uuid, null::text, null::timestamptz, null::boolean
        from billing.plans p
       where p.product = p_product and p.is_default and p.active;
  end if;
end
$$;

-- The caller's plan of p_product, or their organization's (members only).
create or replace function billing.my_plan(p_product text, p_organization_id uuid default null)
returns table (plan_id text, product text, name text, tier integer, features jsonb, monthly_credits bigint,
               source text, subscription_id uuid, status text, current_period_end timestamptz, cancel_at_period_end boolean)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  if p_organization_id is not null and private.org_role_of(p_organization_id) is null then
    raise exception 'you are not a member of organization %', p_organization_id using errcode = '42501';
  end if;
  return query select * from billing.current_plan(p_product, caller, p_organization_id);
end
$$;

create or replace function billing.register_stripe_customer(p_customer_id text, p_user_id uuid, p_organization_id uuid, p_email text)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  owner_user uuid := case when p_organization_id is null then p_user_id end;
begin
  insert into billing.stripe_customers (id, user_id, organization_id, email)
  values (p_customer_id, owner_user, p_organization_id, p_email)
  on conflict (id) do nothing;
  if not exists (select 1 from billing.stripe_customers c where c.id = p_customer_id
                  and c.user_id is not distinct from owner_user and c.organization_id is not distinct from p_organization_id) then
    raise exception 'Stripe customer % belongs to someone else', p_customer_id using errcode = 'PA117';
  end if;
  return p_customer_id;
end
$$;

-- Refunds the products decide (a cancelled booking, a dispute): queued here, sent to Stripe by the
-- refunds function (keyed by the request's id), and applied by charge.refunded like any refund.
create table billing.refund_requests (
  id uuid primary key default gen_random_uuid(),
  payment_id uuid not null references billing.payments (id),
  amount bigint not null check (amount > 0),
  reason text,
  source_type text not null,
  source_id text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  stripe_refund_id text unique,
  failure_reason text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (source_type, source_id)
);
create index refund_requests_pending_idx on billing.refund_requests (created_at) where status = 'pending';
create index refund_requests_payment_id_idx on billing.refund_requests (payment_id);
alter table billing.refund_requests enable row level security;
revoke all on billing.refund_requests from anon, authenticated;
revoke insert, update, delete, truncate on billing.refund_requests from service_role;
grant select on billing.refund_requests to authenticated;
create policy "payers and staff read refund requests" on billing.refund_requests for select to authenticated
  using (payment_id in (select p.id from billing.payments p where p.user_id = (select auth.uid()))
         or (select private.has_permission('support.read')));

-- Queues a refund of part or all of a payment, once per source (idempotent).
create or replace function billing.request_refund(p_payment_id uuid, p_amount bigint, p_reason text, p_source_type text, p_source_id text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  payment billing.payments;
  request_id uuid;
begin
  select * into payment from billing.payments where id = p_payment_id;
  if not found then
    raise exception 'unknown payment %', p_payment_id using errcode = 'PA001';
  end if;
  if p_amount is null or p_amount <= 0 or p_amount > payment.amount - payment.amount_refunded then
    raise exception 'a refund is between 1 and % minor units', payment.amount - payment.amount_refunded using errcode = '22023';
  end if;
  insert into billing.refund_requests (payment_id, amount, reason, source_type, source_id)
  values (p_payment_id, p_amount, p_reason, p_source_type, p_source_id)
  on conflict (source_type, source_id) do nothing
  returning id into request_id;
  return coalesce(request_id, (select id from billing.refund_requests where source_type = p_source_type and source_id = p_source_id));
end
$$;

create or replace function billing.finish_refund_request(p_request_id uuid, p_stripe_refund_id text, p_failure text default null)
returns billing.refund_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  updated billing.refund_requests;
begin
  update billing.refund_requests
     set status = case when p_failure is null then 'sent' else 'failed' end, stripe_refund_id = p_stripe_refund_id,
         failure_reason = p_failure, sent_at = case when p_failure is null then now() end
   where id = p_request_id and status = 'pending'
  returning * into updated;
  if not found then
    select * into updated from billing.refund_requests where id = p_request_id;
  end if;
  return updated;
end
$$;

revoke execute on function billing.register_stripe_customer(text, uuid, uuid, text), billing.request_refund(uuid, bigint, text, text, text),
  billing.finish_refund_request(uuid, text, text)
  from anon, authenticated;
-- current_plan answers for any user id: never the clients'.
revoke execute on function billing.current_plan(text, uuid, uuid) from public, anon, authenticated;
grant execute on function billing.prepare_checkout(text, text, bigint, text, uuid, text), billing.my_plan(text, uuid) to authenticated;
