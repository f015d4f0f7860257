-- Sellers paid through Stripe Connect: connected Express accounts, the earnings products record for
-- their sellers (held, settled and voided through these functions only), and the payouts run that
-- transfers what is due.

-- Sellers (GMs, readers, talent) paid through Stripe Connect Express accounts.
create table billing.connected_accounts (
  id text primary key check (id ~ '^acct_'),
  user_id uuid not null unique references public.profiles (id) on delete cascade,
  charges_enabled boolean not null default false,
  payouts_enabled boolean not null default false,
  details_submitted boolean not null default false,
  onboarding_complete boolean generated always as (details_submitted and charges_enabled and payouts_enabled) stored,
  requirements jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- What sellers have earned, recorded by the products (billing.record_seller_earning) and paid by the
-- payouts run once available_at has passed and no dispute holds it.
create table billing.seller_earnings (
  id uuid primary key default gen_random_uuid(),
  seller_id uuid not null references public.profiles (id) on delete restrict,
  amount bigint not null check (amount > 0),
  currency text not null references billing.assets (code),
  source_type text not null,
  source_id text not null,
  payment_id uuid references billing.payments (id),
  available_at timestamptz not null,
  status text not null default 'pending' check (status in ('pending', 'in_payout', 'paid', 'held', 'void')),
  payout_id uuid,
  created_at timestamptz not null default now(),
  unique (source_type, source_id)
);
create index seller_earnings_due_idx on billing.seller_earnings (seller_id, available_at) where status = 'pending';
create index seller_earnings_payment_id_idx on billing.seller_earnings (payment_id);
create index seller_earnings_payout_id_idx on billing.seller_earnings (payout_id);
create index seller_earnings_currency_idx on billing.seller_earnings (currency);

create table billing.payouts (
  id uuid primary key default gen_random_uuid(),
  seller_id uuid not null references public.profiles (id) on delete restrict,
  connected_account_id text not null references billing.connected_accounts (id),
  amount bigint not null check (amount > 0),
  currency text not null references billing.assets (code),
  -- pending: created, Stripe not yet confirmed; paid: Stripe made the transfer; reversed / failed: put back.
  status text not null default 'pending' check (status in ('pending', 'paid', 'reversed', 'failed')),
  stripe_transfer_id text unique,
  failure_reason text,
  created_at timestamptz not null default now(),
  paid_at timestamptz
);
create index payouts_seller_id_idx on billing.payouts (seller_id, created_at desc);
create index payouts_connected_account_id_idx on billing.payouts (connected_account_id);
create index payouts_pending_idx on billing.payouts (created_at) where status = 'pending';
create index payouts_currency_idx on billing.payouts (currency);
alter table billing.seller_earnings add constraint seller_earnings_payout_id_fkey foreign key (payout_id) references billing.payouts (id);

-- The seed's booking_ids: which earnings a payout paid.
create view billing.payout_items with (security_invoker = true) as
  select e.payout_id, e.id as earning_id, e.source_type, e.source_id, e.amount, e.currency
    from billing.seller_earnings e where e.payout_id is not null;

create trigger set_updated_at before update on billing.connected_accounts for each row execute function private.set_updated_at();

revoke all on billing.connected_accounts, billing.seller_earnings, billing.payouts, billing.payout_items from anon, authenticated;
revoke insert, update, delete, truncate on billing.seller_earnings, billing.payouts from service_role;
grant select on billing.connected_accounts, billing.seller_earnings, billing.payouts, billing.payout_items to authenticated;
alter table billing.connected_accounts enable row level security;
alter table billing.seller_earnings enable row level security;
alter table billing.payouts enable row level security;

create policy "sellers and staff read their connected account" on billing.connected_accounts
  for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('users.read_all')));
create policy "sellers and staff read earnings" on billing.seller_earnings
  for select to authenticated
  using (seller_id = (select auth.uid()) or (select private.has_permission('users.read_all')));
create policy "sellers and staff read payouts" on billing.payouts
  for select to authenticated
  using (seller_id = (select auth.uid()) or (select private.has_permission('users.read_all')));

create or replace function billing.register_connected_account(p_account_id text, p_user_id uuid)
returns billing.connected_accounts
language sql
security definer
set search_path = ''
as $$
  insert into billing.connected_accounts (id, user_id) values (p_account_id, p_user_id)
  on conflict (id) do update set user_id = excluded.user_id
  returning *
$$;

-- Sellers and payouts --------------------------------------------------------------------------------------
-- A product records a seller's share of a sale; it becomes payable at p_available_at (the hold window).
-- Idempotent by (p_source_type, p_source_id). The share moves from revenue to payouts payable.
create or replace function billing.record_seller_earning(
  p_seller_id uuid, p_amount bigint, p_currency text, p_source_type text, p_source_id text,
  p_payment_id uuid default null, p_available_at timestamptz default now())
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  earning_id uuid;
  currency text := private.normalize_asset(p_currency);
begin
  if p_amount is null or p_amount <= 0 then
    raise exception 'an earning must be a positive amount of minor units' using errcode = '22023';
  end if;
  insert into billing.seller_earnings (seller_id, amount, currency, source_type, source_id, payment_id, available_at)
  values (p_seller_id, p_amount, currency, p_source_type, p_source_id, p_payment_id, coalesce(p_available_at, now()))
  on conflict (source_type, source_id) do nothing
  returning id into earning_id;
  if earning_id is null then
    return (select id from billing.seller_earnings where source_type = p_source_type and source_id = p_source_id);
  end if;
  perform private.post_transfer(nextval('billing.transfers_id_seq'), billing.platform_account('revenue', currency),
    billing.platform_account('payouts_payable', currency), p_amount, 'fee', p_source_type, p_source_id,
    jsonb_build_object('seller_earning', earning_id), null);
  return earning_id;
end
$$;

-- A dispute holds a seller's earning: no payouts run pays it until it is released or settled. Held
-- stays held (a replay, or a Stripe dispute that held it first) and void stays void (nothing is
-- owed); null when nothing was earned for that source (a free seat). An earning in a payout or paid
-- can no longer be held (PA115).
create or replace function billing.hold_seller_earning(p_source_type text, p_source_id text)
returns billing.seller_earnings
language plpgsql
security definer
set search_path = ''
as $$
declare
  earning billing.seller_earnings;
begin
  select * into earning from billing.seller_earnings where source_type = p_source_type and source_id = p_source_id for update;
  if not found then
    return null;
  end if;
  if earning.status in ('held', 'void') then
    return earning;
  end if;
  if earning.status <> 'pending' then
    raise exception 'the earning of % % is %: it can no longer be held', p_source_type, p_source_id, earning.status using errcode = 'PA115';
  end if;
  update billing.seller_earnings set status = 'held' where id = earning.id returning * into earning;
  return earning;
end
$$;

-- A dispute closed in the seller's favour releases the earning whole: due again at its available_at.
-- Pending stays pending (a replay); null when nothing was earned for that source; an earning in a
-- payout, paid or void has nothing to release (PA115). To pay less, settle it instead.
create or replace function billing.release_seller_earning(p_source_type text, p_source_id text)
returns billing.seller_earnings
language plpgsql
security definer
set search_path = ''
as $$
declare
  earning billing.seller_earnings;
begin
  select * into earning from billing.seller_earnings where source_type = p_source_type and source_id = p_source_id for update;
  if not found then
    return null;
  end if;
  if earning.status = 'pending' then
    return earning;
  end if;
  if earning.status <> 'held' then
    raise exception 'the earning of % % is %, not held', p_source_type, p_source_id, earning.status using errcode = 'PA115';
  end if;
  update billing.seller_earnings set status = 'pending' where id = earning.id returning * into earning;
  return earning;
end
$$;

-- Settles an earning a dispute held: pays p_amount (the rest goes back from payouts payable to
-- revenue; nothing left voids it) and makes it due again.
create or replace function billing.settle_held_earning(p_source_type text, p_source_id text, p_amount bigint)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  earning billing.seller_earnings;
begin
  select * into earning from billing.seller_earnings where source_type = p_source_type and source_id = p_source_id for update;
  if not found then
    return;  -- nothing was earned (a free seat)
  end if;
  if earning.status <> 'held' then
    raise exception 'the earning of % % is %, not held', p_source_type, p_source_id, earning.status using errcode = 'PA115';
  end if;
  if p_amount < 0 or p_amount > earning.amount then
    raise exception 'an earning is settled at between 0 and %', earning.amount using errcode = '22023';
  end if;
  if p_amount < earning.amount then
    perform private.post_transfer(nextval('billing.transfers_id_seq'), billing.platform_account('payouts_payable', earning.currency),
      billing.platform_account('revenue', earning.currency), earning.amount - p_amount, 'adjustment', p_source_type, p_source_id,
      jsonb_build_object('seller_earning', earning.id, 'settled_at', p_amount), null);
  end if;
  update billing.seller_earnings
     set amount = case when p_amount = 0 then amount else p_amount end, status = case when p_amount = 0 then 'void' else 'pending' end
   where id = earning.id;
end
$$;

-- Step one of a payouts run: one pending payout per seller and currency for the earnings that are due
-- (available, not held by a dispute) of sellers whose Connect account can be paid. Concurrent runs
-- skip each other's earnings.
create or replace function billing.begin_payouts()
returns setof billing.payouts
language plpgsql
security definer
set search_path = ''
as $$
declare
  batch record;
  payout billing.payouts;
begin
  for batch in
    with due as (
      select e.id, e.seller_id, e.currency, e.amount, a.id as account_id
        from billing.seller_earnings e
        join billing.connected_accounts a on a.user_id = e.seller_id and a.payouts_enabled
        left join billing.payments p on p.id = e.payment_id
       where e.status = 'pending' and e.available_at <= now() and not coalesce(p.disputed, false)
       for update of e skip locked
    )
    select seller_id, currency, account_id, sum(amount)::bigint as total, array_agg(id) as earning_ids
      from due group by seller_id, currency, account_id
  loop
    insert into billing.payouts (seller_id, connected_account_id, amount, currency)
    values (batch.seller_id, batch.account_id, batch.total, batch.currency)
    returning * into payout;
    update billing.seller_earnings set status = 'in_payout', payout_id = payout.id where id = any (batch.earning_ids);
    return next payout;
  end loop;
end
$$;

-- Step two, after Stripe made the transfer: the payout is paid and the money leaves payouts payable.
-- Idempotent: a payout already paid by that transfer changes nothing.
create or replace function billing.complete_payout(p_payout_id uuid, p_stripe_transfer_id text)
returns billing.payouts
language plpgsql
security definer
set search_path = ''
as $$
declare
  payout billing.payouts;
begin
  select * into payout from billing.payouts where id = p_payout_id for update;
  if not found then
    raise exception 'unknown payout %', p_payout_id using errcode = 'PA001';
  end if;
  if payout.status = 'paid' and payout.stripe_transfer_id = p_stripe_transfer_id then
    return payout;
  end if;
  if payout.status <> 'pending' then
    raise exception 'payout % is %', p_payout_id, payout.status using errcode = 'PA108';
  end if;
  update billing.payouts set status = 'paid', stripe_transfer_id = p_stripe_transfer_id, paid_at = now()
   where id = p_payout_id returning * into payout;
  update billing.seller_earnings set status = 'paid' where payout_id = p_payout_id;
  perform private.post_transfer(nextval('billing.transfers_id_seq'), billing.platform_account('payouts_payable', payout.currency),
    billing.platform_account('stripe_clearing', payout.currency), payout.amount, 'payout', 'payout', payout.id::text, '{}', null);
  return payout;
end
$$;

-- A payout that Stripe refused, reversed or could not pay out: its earnings are due again.
create or replace function billing.put_back_payout(p_payout_id uuid, p_status text, p_reason text)
returns billing.payouts
language plpgsql
security definer
set search_path = ''
as $$
declare
  payout billing.payouts;
begin
  if p_status not in ('reversed', 'failed') then
    raise exception 'a payout is put back as reversed or failed' using errcode = '22023';
  end if;
  select * into payout from billing.payouts where id = p_payout_id for update;
  if not found then
    raise exception 'unknown payout %', p_payout_id using errcode = 'PA001';
  end if;
  if payout.status in ('reversed', 'failed') then
    return payout;  -- already put back
  end if;
  if payout.status = 'paid' then
    perform private.post_transfer(nextval('billing.transfers_id_seq'), billing.platform_account('stripe_clearing', payout.currency),
      billing.platform_account('payouts_payable', payout.currency), payout.amount, 'payout', 'payout', payout.id::text,
      jsonb_build_object('put_back', p_status), null);
  end if;
  update billing.payouts set status = p_status, failure_reason = p_reason where id = p_payout_id returning * into payout;
  update billing.seller_earnings set status = 'pending', payout_id = null where payout_id = p_payout_id;
  return payout;
end
$$;

revoke execute on function billing.record_seller_earning(uuid, bigint, text, text, text, uuid, timestamptz), billing.begin_payouts(),
  billing.complete_payout(uuid, text), billing.put_back_payout(uuid, text, text), billing.register_connected_account(text, uuid),
  billing.settle_held_earning(text, text, bigint), billing.hold_seller_earning(text, text), billing.release_seller_earning(text, text)
  from anon, authenticated;

-- The seller hears when a payout is paid, reversed or failed.
create or replace function private.notify_payout()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.notify(new.seller_id, 'payout.' || new.status,
    jsonb_build_object('payout_id', new.id, 'amount', new.amount, 'currency', new.currency));
  return null;
end
$$;
create trigger notify_payout after update of status on billing.payouts
  for each row when (old.status is distinct from new.status and new.status in ('paid', 'reversed', 'failed'))
  execute function private.notify_payout();
