-- The ledger: wallets (money, integer minor units per currency) and credits (integer units) as one
-- double-entry ledger. Every movement is a transfer between two accounts of the same asset, so the
-- books always sum to zero. Holds reserve funds; idempotency keys make every mutation safe to retry.
--
-- Balances: user and organization accounts keep a stored balance (and the amount held), updated
-- under a row lock by every transfer that touches them, never below zero counting open holds.
-- Platform accounts (revenue, clearing, ...) take part in almost every transfer, so they keep no
-- stored balance: theirs is the sum of their transfers, and no transfer locks them.
-- Locks are taken in one order: a hold before accounts, accounts by id.

-- Ledger rows are never deleted (and journal rows never changed): the books must keep summing to zero.
create or replace function private.refuse_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception '% on %.% is not allowed: the ledger is append-only', tg_op, tg_table_schema, tg_table_name using errcode = '42501';
end
$$;

-- Types and assets --------------------------------------------------------------------------------
-- Enums rather than text checks: PostgreSQL evaluates every CHECK on every UPDATE, and account rows
-- are updated by every transfer.
create type billing.account_owner as enum ('user', 'organization', 'platform');
create type billing.platform_code as enum ('revenue', 'stripe_clearing', 'promotions', 'payouts_payable', 'ai_provider_spend', 'adjustments');
create type billing.transfer_kind as enum ('purchase', 'top_up', 'usage', 'refund', 'bonus', 'payment', 'fee', 'payout', 'adjustment');

-- What accounts hold: ISO 4217 currencies (amounts in the minor unit) and CREDIT (integer credits).
create table billing.assets (
  code text primary key check (code ~ '^[A-Z]{3}$' or code = 'CREDIT'),
  minor_unit_digits smallint not null check (minor_unit_digits between 0 and 4),
  description text not null
);
insert into billing.assets (code, minor_unit_digits, description) values
  ('CREDIT', 0, 'platform credits'), ('USD', 2, 'US dollar'), ('EUR', 2, 'euro'), ('GBP', 2, 'pound sterling'),
  ('CAD', 2, 'Canadian dollar'), ('AUD', 2, 'Australian dollar'), ('CHF', 2, 'Swiss franc'), ('ILS', 2, 'new shekel'),
  ('AED', 2, 'UAE dirham'), ('SAR', 2, 'Saudi riyal'), ('JPY', 0, 'yen');

-- Accounts ----------------------------------------------------------------------------------------
create table billing.accounts (
  id uuid primary key default gen_random_uuid(),
  owner_type billing.account_owner not null,
  -- The books outlive their owners: when a user or organization is hard-deleted the account stays,
  -- anonymous, with owner_key as the only trace of whose it was.
  user_id uuid references public.profiles (id) on delete set null,
  organization_id uuid references public.organizations (id) on delete set null,
  platform_code billing.platform_code,
  -- Whose account it is, as one key (the user's or organization's id, or the platform code), set
  -- by private.ensure_account, the only writer of new accounts.
  owner_key text not null,
  asset text not null references billing.assets (code),
  balance bigint not null default 0,
  held bigint not null default 0 check (held >= 0),
  frozen boolean not null default false,
  daily_limit bigint,
  monthly_limit bigint,
  daily_debited bigint not null default 0,
  daily_window date not null default current_date,
  monthly_debited bigint not null default 0,
  monthly_window date not null default date_trunc('month', current_date)::date,
  -- Organization credit pools: the member roles that may spend from the pool.
  pool_spend_roles public.org_role[] not null default '{owner,admin,manager}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A user or organization account never goes below zero, counting open holds. (The rules on the
  -- columns that never change after creation are a trigger: every CHECK runs on every UPDATE.)
  check (owner_type = 'platform' or balance >= held)
);
comment on table billing.accounts is 'Ledger accounts. balance/held are stored for user and organization accounts; a platform account''s balance is the sum of its transfers (billing.account_balances).';
create unique index accounts_owner_asset_key on billing.accounts (owner_type, owner_key, asset);
create index accounts_user_id_idx on billing.accounts (user_id);
create index accounts_organization_id_idx on billing.accounts (organization_id);
-- updated_at is set by the statements that change an account (no trigger on the hot path).
create trigger prevent_delete before delete on billing.accounts for each statement execute function private.refuse_change();

create or replace function private.check_account_shape()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  well_formed boolean;
begin
  well_formed := case new.owner_type
           when 'user' then new.organization_id is null and new.platform_code is null
                            and coalesce(new.owner_key = new.user_id::text, tg_op = 'UPDATE')
           when 'organization' then new.user_id is null and new.platform_code is null
                            and coalesce(new.owner_key = new.organization_id::text, tg_op = 'UPDATE')
           else new.platform_code is not null and new.user_id is null and new.organization_id is null
                and new.owner_key = new.platform_code::text and new.balance = 0 and new.held = 0 end;
  if not well_formed then
    raise exception 'an account belongs to exactly one user, organization or platform code' using errcode = '23514';
  end if;
  if new.daily_limit < 0 or new.monthly_limit < 0 then
    raise exception 'limits cannot be negative' using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger check_account_shape
  before insert or update of owner_type, owner_key, user_id, organization_id, platform_code, daily_limit, monthly_limit on billing.accounts
  for each row execute function private.check_account_shape();
create index accounts_asset_idx on billing.accounts (asset);

-- Holds -------------------------------------------------------------------------------------------
create table billing.holds (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references billing.accounts (id),
  amount bigint not null check (amount > 0),
  captured bigint not null default 0 check (captured >= 0),
  status text not null default 'open' check (status in ('open', 'captured', 'released', 'expired')),
  expires_at timestamptz not null,
  reference_type text,
  reference_id text,
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  created_by uuid,
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  check (captured <= amount),
  check ((status = 'open') = (closed_at is null))
);
create index holds_account_id_idx on billing.holds (account_id, created_at desc);
create index holds_open_expiry_idx on billing.holds (expires_at) where status = 'open';

-- Transfers: one row is one double entry (debit one account, credit the other) -----------------------
create table billing.transfers (
  id bigint generated always as identity primary key,
  created_at timestamptz not null default now(),
  asset text not null,
  amount bigint not null check (amount > 0),
  kind billing.transfer_kind not null,
  -- No foreign keys to accounts: a foreign key check takes a KEY SHARE lock on the account row,
  -- and platform accounts are in almost every transfer. post_transfer reads both accounts first,
  -- and accounts are never deleted.
  debit_account_id uuid not null,
  credit_account_id uuid not null,
  -- Balances after the transfer, for accounts that store one (null on the platform side).
  debit_balance_after bigint,
  credit_balance_after bigint,
  hold_id uuid references billing.holds (id),
  reference_type text,
  reference_id text,
  -- An object (post_transfer checks it: a CHECK here would run on every insert of the hot path).
  metadata jsonb not null default '{}',
  initiated_by uuid,
  check (debit_account_id <> credit_account_id)
);
comment on table billing.transfers is 'The journal: append-only; each row moves amount of asset from debit_account_id to credit_account_id.';
create trigger append_only before update or delete on billing.transfers for each statement execute function private.refuse_change();
create index transfers_debit_account_idx on billing.transfers (debit_account_id, id desc);
create index transfers_credit_account_idx on billing.transfers (credit_account_id, id desc);
create index transfers_hold_id_idx on billing.transfers (hold_id) where hold_id is not null;
create index transfers_reference_idx on billing.transfers (reference_type, reference_id) where reference_id is not null;

-- Every account's balance: stored, or the sum of transfers for platform accounts.
create view billing.account_balances with (security_invoker = true) as
  select a.id as account_id, a.owner_type, a.user_id, a.organization_id, a.platform_code, a.asset,
         case when a.owner_type = 'platform'
              then coalesce((select sum(t.amount) from billing.transfers t where t.credit_account_id = a.id), 0)
                 - coalesce((select sum(t.amount) from billing.transfers t where t.debit_account_id = a.id), 0)
              else a.balance end::bigint as balance,
         a.held,
         a.frozen
    from billing.accounts a;

-- Items that users buy at a fixed price, registered by the products (a migration of theirs): apps,
-- tools, readings and the like. One row per item and asset: an item may cost credits, money in a
-- currency (integer minor units), or both. Bought with billing.spend_item (billing.spend_credits for
-- credits).
create table billing.priced_items (
  -- The product that registered the item.
  product text not null check (product ~ '^[a-z_]{2,30}$'),
  item_type text not null check (item_type ~ '^[a-z_]{2,40}$'),
  item_id text not null check (char_length(item_id) between 1 and 200),
  -- CREDIT or a currency (default CREDIT, what every item cost before money prices).
  asset text not null default 'CREDIT' references billing.assets (code),
  -- In the asset's unit: credits, or the currency's minor unit (cents).
  price bigint not null check (price > 0),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (item_type, item_id, asset)
);
create index priced_items_asset_idx on billing.priced_items (asset);
create index priced_items_product_idx on billing.priced_items (product);
create trigger set_updated_at before update on billing.priced_items for each row execute function private.set_updated_at();

-- For a product whose own table holds its prices (a trigger keeps the registry in line): the price
-- of an item in one asset, or, with a null price, that asset's price taken off sale.
create or replace function private.set_item_price(p_product text, p_item_type text, p_item_id text, p_asset text, p_price bigint, p_active boolean)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if p_price is null then
    update billing.priced_items set active = false where item_type = p_item_type and item_id = p_item_id and asset = p_asset;
    return;
  end if;
  insert into billing.priced_items (product, item_type, item_id, asset, price, active)
  values (p_product, p_item_type, p_item_id, p_asset, p_price, p_active)
  on conflict (item_type, item_id, asset) do update set price = excluded.price, active = excluded.active
   where billing.priced_items.product = excluded.product;
end
$$;
revoke execute on function private.set_item_price(text, text, text, text, bigint, boolean) from service_role;

-- AI provider balances (seed 003 platform_credits), in the provider's billing currency's minor unit.
create table billing.provider_balances (
  provider text primary key check (provider ~ '^[a-z0-9_-]{2,40}$'),
  currency text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  balance bigint not null default 0,
  low_balance_threshold bigint not null default 10000 check (low_balance_threshold >= 0),
  -- Credits charged to users per minor unit the provider charges us.
  credit_ratio numeric(10, 4) not null default 1 check (credit_ratio > 0),
  last_sync_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger set_updated_at before update on billing.provider_balances for each row execute function private.set_updated_at();

-- Idempotency: (scope, key) once; the same key with the same request replays the first result.
-- The result's id is decided before the work and stored with the key in one insert.
create table private.idempotency_keys (
  scope text not null,
  key text not null check (char_length(key) between 1 and 255),
  operation text not null,
  request jsonb not null,
  result_id text not null,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);
create index idempotency_keys_created_at_idx on private.idempotency_keys (created_at);
alter table private.idempotency_keys enable row level security;
-- A retry comes within minutes or days; keys are kept for 30 days.
select cron.schedule('forget-idempotency-keys', '17 3 * * *',
  $$delete from private.idempotency_keys where created_at < now() - interval '30 days'$$);

-- Who may read what -------------------------------------------------------------------------------
-- The caller's accounts: their own, and their organizations' pools where their role may spend or
-- manage. Security definer so that policies do not query the tables they protect.
create or replace function private.my_account_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select a.id from billing.accounts a where a.user_id = auth.uid()
    union all
    select a.id from billing.accounts a
      join public.organization_members m on m.organization_id = a.organization_id and m.user_id = auth.uid()
     where m.role in ('owner', 'admin') or m.role = any (a.pool_spend_roles);
end
$$;

revoke all on billing.assets, billing.accounts, billing.holds, billing.transfers, billing.priced_items,
  billing.provider_balances, billing.account_balances from anon, authenticated;
-- The server, too, changes the ledger only through its functions.
revoke insert, update, delete, truncate on billing.assets, billing.accounts, billing.holds, billing.transfers from service_role;
grant select on billing.accounts, billing.holds, billing.transfers, billing.provider_balances, billing.account_balances to authenticated;
grant select on billing.assets, billing.priced_items to anon, authenticated;
grant execute on function private.my_account_ids() to authenticated, service_role;

alter table billing.assets enable row level security;
alter table billing.accounts enable row level security;
alter table billing.holds enable row level security;
alter table billing.transfers enable row level security;
alter table billing.priced_items enable row level security;
alter table billing.provider_balances enable row level security;

create policy "users read their own and their organizations' accounts; staff read all" on billing.accounts
  for select to authenticated
  using (id in (select private.my_account_ids()) or (select private.has_permission('users.read_all')));
create policy "users read holds on their accounts; staff read all" on billing.holds
  for select to authenticated
  using (account_id in (select private.my_account_ids()) or (select private.has_permission('users.read_all')));
create policy "users read transfers of their accounts; staff read all" on billing.transfers
  for select to authenticated
  using (debit_account_id in (select private.my_account_ids())
         or credit_account_id in (select private.my_account_ids())
         or (select private.has_permission('users.read_all')));
create policy "anyone reads the assets" on billing.assets
  for select to anon, authenticated using (true);
create policy "anyone reads active prices" on billing.priced_items
  for select to anon, authenticated using (active);
create policy "staff read provider balances" on billing.provider_balances
  for select to authenticated using ((select private.has_permission('config.manage')));

-- Internals -----------------------------------------------------------------------------------------
-- Claims an idempotency key for the result p_result_id about to be made: null when this call owns
-- the key (go ahead), else the id of the first call's result to replay. The same key with another
-- operation or other arguments is an error.
create or replace function private.idempotency_claim(p_key text, p_operation text, p_request jsonb, p_result_id text)
returns text
language plpgsql
security definer
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
declare
  caller_scope text := coalesce(auth.uid()::text, auth.role(), 'database');
  earlier private.idempotency_keys;
begin
  if p_key is null or btrim(p_key) = '' or char_length(p_key) > 255 then
    raise exception 'an idempotency key (1 to 255 characters) is required' using errcode = '22023';
  end if;
  -- A concurrent call with the same key waits here until the first commits or rolls back.
  insert into private.idempotency_keys (scope, key, operation, request, result_id)
  values (caller_scope, p_key, p_operation, p_request, p_result_id)
  on conflict (scope, key) do nothing;
  if found then
    return null;
  end if;
  select * into earlier from private.idempotency_keys where scope = caller_scope and key = p_key;
  if earlier.operation <> p_operation or earlier.request <> p_request then
    raise exception 'idempotency key "%" was already used for another operation or with other arguments', p_key using errcode = 'PA106';
  end if;
  return earlier.result_id;
end
$$;

-- Why a debit was refused, as the error to raise.
create or replace function private.raise_debit_refusal(p_account_id uuid, p_amount bigint, p_released_from_hold bigint)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  latest billing.accounts;
begin
  select * into latest from billing.accounts where id = p_account_id;
  if latest.frozen then
    raise exception 'account % is frozen', p_account_id using errcode = 'PA102';
  elsif latest.balance - p_amount < latest.held - p_released_from_hold then
    raise exception 'insufficient funds: % available, % needed', latest.balance - latest.held, p_amount using errcode = 'PA101';
  end if;
  raise exception 'the account''s daily or monthly debit limit would be exceeded' using errcode = 'PA103';
end
$$;

-- Debits an account's stored balance under its row lock; null for platform accounts, which keep no
-- stored balance. p_released_from_hold: the part of the amount a hold had reserved. A direct debit
-- meets the account's rules: never below what it holds, not frozen, and within its daily and monthly
-- limits counting what open holds reserve (they are debited when captured). A hold's capture is not
-- checked again: the hold met the freeze and the limits for all it reserves when it was placed or
-- extended, so a service already given is always paid. Either way the debit counts in the windows.
create or replace function private.debit_stored_balance(p_account billing.accounts, p_amount bigint, p_released_from_hold bigint)
returns bigint
language plpgsql
security definer
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
declare
  today date := current_date;
  this_month date := date_trunc('month', current_date)::date;
  after bigint;
begin
  if p_account.owner_type = 'platform' then
    return null;
  end if;
  update billing.accounts a
     set balance = a.balance - p_amount,
         held = a.held - p_released_from_hold,
         daily_debited = case when a.daily_window = today then a.daily_debited else 0 end + p_amount,
         daily_window = today,
         monthly_debited = case when a.monthly_window = this_month then a.monthly_debited else 0 end + p_amount,
         monthly_window = this_month,
         updated_at = now()
   where a.id = p_account.id
     and a.balance - p_amount >= a.held - p_released_from_hold
     and (p_released_from_hold = p_amount
          or (not a.frozen
              and (a.daily_limit is null
                   or case when a.daily_window = today then a.daily_debited else 0 end + p_amount + a.held - p_released_from_hold <= a.daily_limit)
              and (a.monthly_limit is null
                   or case when a.monthly_window = this_month then a.monthly_debited else 0 end + p_amount + a.held - p_released_from_hold <= a.monthly_limit)))
  returning a.balance into after;
  if not found then
    perform private.raise_debit_refusal(p_account.id, p_amount, p_released_from_hold);
  end if;
  return after;
end
$$;

create or replace function private.credit_stored_balance(p_account billing.accounts, p_amount bigint)
returns bigint
language plpgsql
security definer
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
declare
  after bigint;
begin
  if p_account.owner_type = 'platform' then
    return null;
  end if;
  update billing.accounts set balance = balance + p_amount, updated_at = now() where id = p_account.id returning balance into after;
  return after;
end
$$;

-- Posts one transfer with the id p_id: validates, moves the stored balances, writes the journal row.
-- Functions on the hot path use generic plans: re-planning each call cost more than the work.
-- p_hold_id: the amount was reserved by that hold, so it leaves `held` as well.
create or replace function private.post_transfer(
  p_id bigint, p_debit_account_id uuid, p_credit_account_id uuid, p_amount bigint, p_kind text,
  p_reference_type text, p_reference_id text, p_metadata jsonb, p_hold_id uuid)
returns billing.transfers
language plpgsql
security definer
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
declare
  debit_account billing.accounts;
  credit_account billing.accounts;
  released_from_hold bigint := case when p_hold_id is null then 0 else p_amount end;
  debit_after bigint;
  credit_after bigint;
  posted billing.transfers;
begin
  if p_amount is null or p_amount <= 0 then
    raise exception 'the amount must be a positive whole number of minor units or credits' using errcode = '22023';
  end if;
  if p_debit_account_id = p_credit_account_id then
    raise exception 'a transfer needs two different accounts' using errcode = '22023';
  end if;
  if jsonb_typeof(coalesce(p_metadata, '{}')) <> 'object' then
    raise exception 'metadata must be a JSON object' using errcode = '22023';
  end if;
  select * into debit_account from billing.accounts where id = p_debit_account_id;
  if not found then
    raise exception 'unknown account %', p_debit_account_id using errcode = 'PA104';
  end if;
  select * into credit_account from billing.accounts where id = p_credit_account_id;
  if not found then
    raise exception 'unknown account %', p_credit_account_id using errcode = 'PA104';
  end if;
  if debit_account.asset <> credit_account.asset then
    raise exception 'cannot move % into a % account', debit_account.asset, credit_account.asset using errcode = 'PA107';
  end if;

  -- Stored balances move in account-id order (the lock order); platform accounts are not touched.
  if p_debit_account_id < p_credit_account_id then
    debit_after := private.debit_stored_balance(debit_account, p_amount, released_from_hold);
    credit_after := private.credit_stored_balance(credit_account, p_amount);
  else
    credit_after := private.credit_stored_balance(credit_account, p_amount);
    debit_after := private.debit_stored_balance(debit_account, p_amount, released_from_hold);
  end if;

  insert into billing.transfers (id, asset, amount, kind, debit_account_id, credit_account_id, debit_balance_after,
                                 credit_balance_after, hold_id, reference_type, reference_id, metadata, initiated_by)
  overriding system value
  values (p_id, debit_account.asset, p_amount, p_kind::billing.transfer_kind, p_debit_account_id, p_credit_account_id, debit_after, credit_after,
          p_hold_id, p_reference_type, p_reference_id, coalesce(p_metadata, '{}'), auth.uid())
  returning * into posted;
  return posted;
end
$$;

-- Accounts, created when first needed ----------------------------------------------------------------
create or replace function private.normalize_asset(p_asset text)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  wanted text := upper(p_asset);
begin
  if not exists (select 1 from billing.assets a where a.code = wanted) then
    raise exception 'unknown asset %: use a currency of billing.assets or CREDIT', p_asset using errcode = '22023';
  end if;
  return wanted;
end
$$;

-- The one get-or-create behind the three below. Money wallets of users get the seed's default
-- limits (1,000.00 a day, 10,000.00 a month); credits and pools have none.
create or replace function private.ensure_account(p_owner_type text, p_owner_key text, p_asset text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  wanted_asset text := private.normalize_asset(p_asset);
  account_id uuid;
  money_wallet boolean := p_owner_type = 'user' and wanted_asset <> 'CREDIT';
  owner_exists boolean;
begin
  select id into account_id from billing.accounts where owner_type = p_owner_type::billing.account_owner and owner_key = p_owner_key and asset = wanted_asset;
  if account_id is not null then
    return account_id;
  end if;
  -- (PL/pgSQL reads an IF condition up to its first THEN, so a CASE goes into a variable first.)
  owner_exists := case p_owner_type
    when 'user' then exists (select 1 from public.profiles where id = p_owner_key::uuid)
    when 'organization' then exists (select 1 from public.organizations where id = p_owner_key::uuid)
    else p_owner_key = any (enum_range(null::billing.platform_code)::text[]) end;
  if not owner_exists then
    raise exception 'unknown % %', p_owner_type, p_owner_key using errcode = 'PA104';
  end if;
  insert into billing.accounts (owner_type, owner_key, user_id, organization_id, platform_code, asset, daily_limit, monthly_limit)
  values (p_owner_type::billing.account_owner, p_owner_key,
          case when p_owner_type = 'user' then p_owner_key::uuid end,
          case when p_owner_type = 'organization' then p_owner_key::uuid end,
          case when p_owner_type = 'platform' then p_owner_key::billing.platform_code end,
          wanted_asset,
          case when money_wallet then 100000 end,
          case when money_wallet then 1000000 end)
  on conflict (owner_type, owner_key, asset) do nothing
  returning id into account_id;
  -- Lost a race with a concurrent creator: theirs is the account.
  return coalesce(account_id,
    (select id from billing.accounts where owner_type = p_owner_type::billing.account_owner and owner_key = p_owner_key and asset = wanted_asset));
end
$$;

create or replace function billing.user_account(p_user_id uuid, p_asset text)
returns uuid
language sql
security definer
set search_path = ''
as $$
  select private.ensure_account('user', p_user_id::text, p_asset)
$$;

create or replace function billing.organization_account(p_organization_id uuid, p_asset text)
returns uuid
language sql
security definer
set search_path = ''
as $$
  select private.ensure_account('organization', p_organization_id::text, p_asset)
$$;

create or replace function billing.platform_account(p_code text, p_asset text)
returns uuid
language sql
security definer
set search_path = ''
as $$
  select private.ensure_account('platform', p_code, p_asset)
$$;

-- Mutations (service) ---------------------------------------------------------------------------------
create or replace function billing.transfer(
  p_debit_account_id uuid, p_credit_account_id uuid, p_amount bigint, p_kind text, p_idempotency_key text,
  p_reference_type text default null, p_reference_id text default null, p_metadata jsonb default '{}')
returns billing.transfers
language plpgsql
security definer
set search_path = ''
as $$
declare
  request jsonb := jsonb_build_object('debit', p_debit_account_id, 'credit', p_credit_account_id, 'amount', p_amount,
    'kind', p_kind, 'reference_type', p_reference_type, 'reference_id', p_reference_id, 'metadata', p_metadata);
  new_id bigint := nextval('billing.transfers_id_seq');
  replay text := private.idempotency_claim(p_idempotency_key, 'transfer', request, new_id::text);
  replayed billing.transfers;
begin
  if replay is not null then
    select * into replayed from billing.transfers where id = replay::bigint;
    return replayed;
  end if;
  return private.post_transfer(new_id, p_debit_account_id, p_credit_account_id, p_amount, p_kind, p_reference_type, p_reference_id, p_metadata, null);
end
$$;

-- Reserves p_amount more on a user or organization account for a hold, under the account's row
-- lock. This is where a hold meets the account's rules, for all it reserves: not frozen, enough
-- available, and within the daily and monthly limits counting what the window has debited and what
-- open holds already reserve. Its captures are not checked again (private.debit_stored_balance).
create or replace function private.reserve_for_hold(p_account_id uuid, p_amount bigint)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  today date := current_date;
  this_month date := date_trunc('month', current_date)::date;
begin
  update billing.accounts a
     set held = a.held + p_amount, updated_at = now()
   where a.id = p_account_id
     and a.owner_type <> 'platform'
     and not a.frozen
     and a.balance - a.held >= p_amount
     and (a.daily_limit is null
          or case when a.daily_window = today then a.daily_debited else 0 end + a.held + p_amount <= a.daily_limit)
     and (a.monthly_limit is null
          or case when a.monthly_window = this_month then a.monthly_debited else 0 end + a.held + p_amount <= a.monthly_limit);
  if not found then
    perform private.raise_debit_refusal(p_account_id, p_amount, 0);
  end if;
end
$$;

create or replace function billing.create_hold(
  p_account_id uuid, p_amount bigint, p_expires_at timestamptz, p_idempotency_key text,
  p_reference_type text default null, p_reference_id text default null, p_metadata jsonb default '{}')
returns billing.holds
language plpgsql
security definer
set search_path = ''
as $$
declare
  request jsonb := jsonb_build_object('account', p_account_id, 'amount', p_amount, 'expires_at', p_expires_at,
    'reference_type', p_reference_type, 'reference_id', p_reference_id, 'metadata', p_metadata);
  new_id uuid := gen_random_uuid();
  replay text := private.idempotency_claim(p_idempotency_key, 'create_hold', request, new_id::text);
  account billing.accounts;
  created billing.holds;
begin
  if replay is not null then
    select * into created from billing.holds where id = replay::uuid;
    return created;
  end if;
  select * into account from billing.accounts where id = p_account_id;
  if not found then
    raise exception 'unknown account %', p_account_id using errcode = 'PA104';
  end if;
  if p_amount is null or p_amount <= 0 then
    raise exception 'the amount must be a positive whole number of minor units or credits' using errcode = '22023';
  end if;
  if p_expires_at is null or p_expires_at <= now() then
    raise exception 'a hold must expire in the future' using errcode = '22023';
  end if;
  if account.owner_type = 'platform' then
    raise exception 'holds are placed on user and organization accounts' using errcode = '22023';
  end if;
  perform private.reserve_for_hold(p_account_id, p_amount);
  insert into billing.holds (id, account_id, amount, expires_at, reference_type, reference_id, metadata, created_by)
  values (new_id, p_account_id, p_amount, p_expires_at, p_reference_type, p_reference_id, coalesce(p_metadata, '{}'), auth.uid())
  returning * into created;
  return created;
end
$$;

-- Locks an open, unexpired hold (before any account, the lock order).
create or replace function private.open_hold_for_update(p_hold_id uuid)
returns billing.holds
language plpgsql
security definer
set search_path = ''
as $$
declare
  hold billing.holds;
begin
  select * into hold from billing.holds where id = p_hold_id for update;
  if not found then
    raise exception 'unknown hold %', p_hold_id using errcode = 'PA104';
  end if;
  if hold.status <> 'open' then
    raise exception 'hold % is %', p_hold_id, hold.status using errcode = 'PA108';
  end if;
  if hold.expires_at <= now() then
    raise exception 'hold % expired at %', p_hold_id, hold.expires_at using errcode = 'PA105';
  end if;
  return hold;
end
$$;

-- Grows an open hold for a service that runs for a while (a per-minute reading, a call): p_amount
-- more (0 to move the expiry only) and p_expires_at, which never shortens it (the later of the two
-- stays: extensions that cross keep the latest; null keeps it). What it adds meets the account's
-- rules as a new hold would (funds, freeze, limits), so capturing it later cannot fail on them. The
-- hold is locked before its account (the lock order): extensions of one hold take turns.
-- Idempotent: the same key and arguments answer the hold without growing it again.
create or replace function billing.extend_hold(p_hold_id uuid, p_amount bigint, p_expires_at timestamptz, p_idempotency_key text)
returns billing.holds
language plpgsql
security definer
set search_path = ''
as $$
declare
  request jsonb := jsonb_build_object('hold', p_hold_id, 'amount', p_amount, 'expires_at', p_expires_at);
  replay text := private.idempotency_claim(p_idempotency_key, 'extend_hold', request, p_hold_id::text);
  hold billing.holds;
begin
  if replay is not null then
    select * into hold from billing.holds where id = replay::uuid;
    return hold;
  end if;
  if p_amount is null or p_amount < 0 then
    raise exception 'a hold is extended by zero or more minor units or credits' using errcode = '22023';
  end if;
  if p_amount = 0 and p_expires_at is null then
    raise exception 'nothing to extend: give more amount or a later expiry' using errcode = '22023';
  end if;
  if p_expires_at <= now() then
    raise exception 'a hold must expire in the future' using errcode = '22023';
  end if;
  hold := private.open_hold_for_update(p_hold_id);
  if p_amount > 0 then
    perform private.reserve_for_hold(hold.account_id, p_amount);
  end if;
  update billing.holds set amount = amount + p_amount, expires_at = greatest(expires_at, coalesce(p_expires_at, expires_at))
   where id = hold.id
  returning * into hold;
  return hold;
end
$$;

create or replace function billing.capture_hold(
  p_hold_id uuid, p_amount bigint, p_credit_account_id uuid, p_kind text, p_idempotency_key text,
  p_metadata jsonb default '{}', p_final boolean default false)
returns billing.transfers
language plpgsql
security definer
set search_path = ''
as $$
declare
  request jsonb := jsonb_build_object('hold', p_hold_id, 'amount', p_amount, 'credit', p_credit_account_id,
    'kind', p_kind, 'metadata', p_metadata, 'final', p_final);
  new_id bigint := nextval('billing.transfers_id_seq');
  replay text := private.idempotency_claim(p_idempotency_key, 'capture_hold', request, new_id::text);
  hold billing.holds;
  posted billing.transfers;
  remaining bigint;
begin
  if replay is not null then
    select * into posted from billing.transfers where id = replay::bigint;
    return posted;
  end if;
  hold := private.open_hold_for_update(p_hold_id);
  if p_amount is null or p_amount <= 0 then
    raise exception 'the amount must be a positive whole number of minor units or credits' using errcode = '22023';
  end if;
  if p_amount > hold.amount - hold.captured then
    raise exception 'cannot capture %: only % of the hold remains', p_amount, hold.amount - hold.captured using errcode = 'PA109';
  end if;
  posted := private.post_transfer(new_id, hold.account_id, p_credit_account_id, p_amount, p_kind, hold.reference_type,
                                  hold.reference_id, coalesce(p_metadata, '{}'), hold.id);
  remaining := hold.amount - hold.captured - p_amount;
  -- A final capture releases what is left in the same step.
  if p_final and remaining > 0 then
    update billing.accounts set held = held - remaining, updated_at = now() where id = hold.account_id;
  end if;
  update billing.holds
     set captured = captured + p_amount,
         status = case when remaining = 0 or p_final then 'captured' else 'open' end,
         closed_at = case when remaining = 0 or p_final then now() end
   where id = hold.id;
  return posted;
end
$$;

-- Releases what a hold has left. p_status 'expired' is for the expiry job.
create or replace function private.close_hold(p_hold billing.holds, p_status text)
returns billing.holds
language plpgsql
security definer
set search_path = ''
as $$
declare
  closed billing.holds;
begin
  update billing.accounts set held = held - (p_hold.amount - p_hold.captured), updated_at = now() where id = p_hold.account_id;
  update billing.holds set status = p_status, closed_at = now() where id = p_hold.id returning * into closed;
  return closed;
end
$$;

create or replace function billing.release_hold(p_hold_id uuid, p_idempotency_key text)
returns billing.holds
language plpgsql
security definer
set search_path = ''
as $$
declare
  replay text := private.idempotency_claim(p_idempotency_key, 'release_hold', jsonb_build_object('hold', p_hold_id), p_hold_id::text);
  hold billing.holds;
begin
  if replay is not null then
    select * into hold from billing.holds where id = replay::uuid;
    return hold;
  end if;
  select * into hold from billing.holds where id = p_hold_id for update;
  if not found then
    raise exception 'unknown hold %', p_hold_id using errcode = 'PA104';
  end if;
  if hold.status <> 'open' then
    raise exception 'hold % is %', p_hold_id, hold.status using errcode = 'PA108';
  end if;
  return private.close_hold(hold, 'released');
end
$$;

-- The pg_cron job: releases holds past their expiry, oldest first, a batch at a time.
create or replace function billing.expire_holds(p_batch integer default 1000)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  hold billing.holds;
  expired integer := 0;
begin
  for hold in
    select * from billing.holds where status = 'open' and expires_at <= now()
     order by expires_at limit p_batch for update skip locked
  loop
    perform private.close_hold(hold, 'expired');
    expired := expired + 1;
  end loop;
  return expired;
end
$$;
select cron.schedule('expire-ledger-holds', '* * * * *', 'select billing.expire_holds()');

create or replace function billing.set_account_controls(
  p_account_id uuid, p_frozen boolean, p_daily_limit bigint default null, p_monthly_limit bigint default null)
returns billing.accounts
language plpgsql
security definer
set search_path = ''
as $$
declare
  updated billing.accounts;
begin
  update billing.accounts
     set frozen = p_frozen, daily_limit = p_daily_limit, monthly_limit = p_monthly_limit, updated_at = now()
   where id = p_account_id and owner_type <> 'platform'
  returning * into updated;
  if not found then
    raise exception 'unknown user or organization account %', p_account_id using errcode = 'PA104';
  end if;
  return updated;
end
$$;

-- Provider balances -----------------------------------------------------------------------------------
create or replace function billing.record_provider_spend(p_provider text, p_amount bigint)
returns billing.provider_balances
language plpgsql
security definer
set search_path = ''
as $$
declare
  updated billing.provider_balances;
begin
  if p_amount is null or p_amount < 0 then
    raise exception 'the amount must be zero or more minor units' using errcode = '22023';
  end if;
  update billing.provider_balances set balance = balance - p_amount where provider = p_provider returning * into updated;
  if not found then
    raise exception 'unknown provider %', p_provider using errcode = 'PA104';
  end if;
  return updated;
end
$$;

create or replace function billing.provider_balance_status()
returns table (provider text, currency text, balance bigint, low_balance_threshold bigint, credit_ratio numeric, is_low boolean, last_sync_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not private.has_permission('config.manage') then
    raise exception 'provider balances are for staff with config.manage' using errcode = '42501';
  end if;
  return query
    select p.provider, p.currency, p.balance, p.low_balance_threshold, p.credit_ratio, p.balance < p.low_balance_threshold, p.last_sync_at
      from billing.provider_balances p order by p.balance < p.low_balance_threshold desc, p.provider;
end
$$;

-- Client functions ------------------------------------------------------------------------------------
-- The credits account a user pays from: their own, or their organization's pool when their role may.
create or replace function private.credit_payer(p_user_id uuid, p_organization_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  payer uuid;
begin
  if p_organization_id is null then
    return billing.user_account(p_user_id, 'CREDIT');
  end if;
  select a.id into payer from billing.accounts a
    join public.organization_members m on m.organization_id = a.organization_id and m.user_id = p_user_id
   where a.owner_type = 'organization' and a.organization_id = p_organization_id and a.asset = 'CREDIT'
     and m.role = any (a.pool_spend_roles);
  if payer is null then
    raise exception 'your role may not spend this organization''s credits' using errcode = '42501';
  end if;
  return payer;
end
$$;

-- Charges p_amount of p_asset to the caller for what p_reference names, into platform revenue, once
-- per idempotency key: the one path for every fixed-price purchase. Credits come from the caller's
-- account or their organization's pool (when their role may); money from the caller's own wallet in
-- that currency. The key is bound to the operation and to all that decides the charge (payer, item,
-- asset, amount): reusing it for another item, price or operation raises PA106 and charges nothing,
-- instead of replaying a charge that paid for something else as if it paid for this.
create or replace function private.charge(
  p_operation text, p_caller uuid, p_asset text, p_amount bigint, p_reference_type text, p_reference_id text,
  p_idempotency_key text, p_organization_id uuid, p_metadata jsonb default '{}')
returns billing.transfers
language plpgsql
security definer
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
declare
  request jsonb := jsonb_build_object('caller', p_caller, 'organization', p_organization_id, 'type', p_reference_type,
    'id', p_reference_id, 'asset', p_asset, 'amount', p_amount);
  new_id bigint := nextval('billing.transfers_id_seq');
  replay text := private.idempotency_claim(p_idempotency_key, p_operation, request, new_id::text);
  posted billing.transfers;
  payer uuid;
begin
  if replay is not null then
    select * into posted from billing.transfers where id = replay::bigint;
    return posted;
  end if;
  if p_asset = 'CREDIT' then
    payer := private.credit_payer(p_caller, p_organization_id);
  elsif p_organization_id is not null then
    raise exception 'an organization pays with its credits only; money comes from your own wallet' using errcode = '22023';
  else
    payer := billing.user_account(p_caller, p_asset);
  end if;
  return private.post_transfer(new_id, payer, billing.platform_account('revenue', p_asset), p_amount,
                               case when p_asset = 'CREDIT' then 'usage' else 'payment' end, p_reference_type, p_reference_id,
                               coalesce(p_metadata, '{}') || jsonb_build_object('spent_by', p_caller), null);
end
$$;

-- Products charge their own fixed-price things in credits here (a product's tool or app runs).
create or replace function private.charge_credits(
  p_caller uuid, p_credits bigint, p_reference_type text, p_reference_id text, p_idempotency_key text, p_organization_id uuid)
returns billing.transfers
language sql
set search_path = ''
as $$
  select private.charge('charge_credits', p_caller, 'CREDIT', p_credits, p_reference_type, p_reference_id, p_idempotency_key, p_organization_id)
$$;

-- Buys a priced item at its price in p_asset: credits from the caller (or their organization's pool,
-- when their role may), money from the caller's wallet in that currency.
create or replace function billing.spend_item(
  p_item_type text, p_item_id text, p_asset text, p_idempotency_key text, p_organization_id uuid default null)
returns billing.transfers
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  item billing.priced_items;
begin
  select * into item from billing.priced_items i
   where i.item_type = p_item_type and i.item_id = p_item_id and i.asset = upper(p_asset) and i.active;
  if not found then
    raise exception 'no active % price for % %', upper(p_asset), p_item_type, p_item_id using errcode = 'PA001';
  end if;
  return private.charge('spend_item', caller, item.asset, item.price, item.item_type, item.item_id, p_idempotency_key,
                        p_organization_id, jsonb_build_object('product', item.product));
end
$$;

-- Buys a priced item with credits (the seed-era name, kept for its callers).
create or replace function billing.spend_credits(
  p_item_type text, p_item_id text, p_idempotency_key text, p_organization_id uuid default null)
returns billing.transfers
language sql
set search_path = ''
as $$
  select billing.spend_item(p_item_type, p_item_id, 'CREDIT', p_idempotency_key, p_organization_id)
$$;

create or replace function billing.my_balances()
returns table (account_id uuid, owner_type text, organization_id uuid, asset text, balance bigint, held bigint, available bigint, frozen boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select a.id, a.owner_type, a.organization_id, a.asset, a.balance, a.held, a.balance - a.held, a.frozen
    from billing.accounts a
   where a.id in (select private.my_account_ids())
   order by a.owner_type desc, a.asset
$$;

-- One account's statement, newest first, a page at a time: pass the last id seen as p_before_id.
create or replace function billing.my_statement(p_account_id uuid, p_before_id bigint default null, p_limit integer default 50)
returns table (transfer_id bigint, created_at timestamptz, kind text, amount bigint, direction text, balance_before bigint,
               balance_after bigint, counterparty text, reference_type text, reference_id text, metadata jsonb)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  before_id bigint := coalesce(p_before_id, 9223372036854775807);
begin
  if p_account_id not in (select private.my_account_ids()) and not private.has_permission('users.read_all') then
    raise exception 'not your account' using errcode = '42501';
  end if;
  if p_limit is null or p_limit not between 1 and 500 then
    raise exception 'p_limit must be between 1 and 500' using errcode = '22023';
  end if;
  return query
    select t.id, t.created_at, t.kind::text, t.amount,
           case when t.credit_account_id = p_account_id then 'in' else 'out' end,
           case when t.credit_account_id = p_account_id then t.credit_balance_after - t.amount else t.debit_balance_after + t.amount end,
           case when t.credit_account_id = p_account_id then t.credit_balance_after else t.debit_balance_after end,
           coalesce(other.platform_code::text, other.owner_type::text),
           t.reference_type, t.reference_id, t.metadata
      -- The page's ids first, from the two account indexes alone (index-only, the bound an index
      -- condition in every plan), then only those rows: a page costs p_limit row reads at any depth.
      from (select x.id from ((select c.id from billing.transfers c where c.credit_account_id = p_account_id and c.id < before_id
                                order by c.id desc limit p_limit)
                              union all
                              (select d.id from billing.transfers d where d.debit_account_id = p_account_id and d.id < before_id
                                order by d.id desc limit p_limit)) x
             order by x.id desc
             limit p_limit) page
      join billing.transfers t on t.id = page.id
      join billing.accounts other on other.id = case when t.credit_account_id = p_account_id then t.debit_account_id else t.credit_account_id end
     order by t.id desc;
end
$$;

-- The organization's owner decides which member roles may spend its credit pool.
create or replace function billing.set_pool_spend_roles(p_organization_id uuid, p_roles public.org_role[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_active_user();
  if private.org_role_of(p_organization_id) is distinct from 'owner' then
    raise exception 'only the organization''s owner decides who spends its pool' using errcode = '42501';
  end if;
  update billing.accounts set pool_spend_roles = coalesce(p_roles, '{}'), updated_at = now()
   where owner_type = 'organization' and organization_id = p_organization_id;
  if not found then
    raise exception 'organization % has no pool yet', p_organization_id using errcode = 'PA001';
  end if;
end
$$;

-- Refunds into a wallet ------------------------------------------------------------------------------------
-- A purchase paid from a wallet or credits (spend_item, spend_credits, a product's charge, a hold's
-- capture) is refunded on the ledger by reversing its transfer, whole or in part. (A Stripe payment
-- is refunded through billing.request_refund.) One row per refund; the refunds of one purchase
-- never add up to more than it paid.
create table billing.wallet_refunds (
  id uuid primary key default gen_random_uuid(),
  -- The purchase's transfer and the refund's own.
  purchase_transfer_id bigint not null references billing.transfers (id),
  refund_transfer_id bigint not null unique references billing.transfers (id),
  -- The account that paid and is refunded.
  account_id uuid not null references billing.accounts (id),
  amount bigint not null check (amount > 0),
  reason text check (char_length(reason) <= 500),
  created_by uuid,
  created_at timestamptz not null default now()
);
create index wallet_refunds_purchase_idx on billing.wallet_refunds (purchase_transfer_id);
create index wallet_refunds_account_idx on billing.wallet_refunds (account_id, created_at desc);
create trigger append_only before update or delete on billing.wallet_refunds for each statement execute function private.refuse_change();
alter table billing.wallet_refunds enable row level security;
revoke all on billing.wallet_refunds from anon, authenticated;
revoke insert, update, delete, truncate on billing.wallet_refunds from service_role;
grant select on billing.wallet_refunds to authenticated;
create policy "payers read refunds into their accounts; staff read all" on billing.wallet_refunds
  for select to authenticated
  using (account_id in (select private.my_account_ids()) or (select private.has_permission('users.read_all')));

-- Refunds p_amount of the purchase p_transfer_id into the account that paid it, from the account it
-- paid (platform revenue, usually): a 'refund' transfer with the purchase's reference. Once per
-- idempotency key (the same key and arguments answer the first refund); the purchase's refunds
-- together never exceed what it paid (22023). The service's and the products' own functions call it.
create or replace function billing.refund_purchase(p_transfer_id bigint, p_amount bigint, p_idempotency_key text, p_reason text default null)
returns billing.transfers
language plpgsql
security definer
set search_path = ''
as $$
declare
  request jsonb := jsonb_build_object('purchase', p_transfer_id, 'amount', p_amount, 'reason', p_reason);
  new_id bigint := nextval('billing.transfers_id_seq');
  replay text := private.idempotency_claim(p_idempotency_key, 'refund_purchase', request, new_id::text);
  purchase billing.transfers;
  payer billing.accounts;
  refunded bigint;
  posted billing.transfers;
begin
  if replay is not null then
    select * into posted from billing.transfers where id = replay::bigint;
    return posted;
  end if;
  if p_amount is null or p_amount <= 0 then
    raise exception 'a refund is a positive whole number of minor units or credits' using errcode = '22023';
  end if;
  -- Refunds of one purchase take turns (before any account lock), so that two at once cannot both
  -- pass the check of what is left to refund.
  perform pg_advisory_xact_lock(hashtextextended('billing.refund_purchase', p_transfer_id));
  select * into purchase from billing.transfers where id = p_transfer_id;
  if not found then
    raise exception 'unknown purchase %', p_transfer_id using errcode = 'PA104';
  end if;
  select * into payer from billing.accounts where id = purchase.debit_account_id;
  if payer.owner_type = 'platform' or not (purchase.hold_id is not null or purchase.kind in ('purchase', 'usage', 'payment')) then
    raise exception 'transfer % is not a purchase paid from a wallet or credits', p_transfer_id using errcode = '22023';
  end if;
  select coalesce(sum(r.amount), 0) into refunded from billing.wallet_refunds r where r.purchase_transfer_id = purchase.id;
  if refunded + p_amount > purchase.amount then
    raise exception 'a refund of purchase % is at most %: it paid %, % refunded already', purchase.id, purchase.amount - refunded,
      purchase.amount, refunded using errcode = '22023';
  end if;
  posted := private.post_transfer(new_id, purchase.credit_account_id, purchase.debit_account_id, p_amount, 'refund',
                                  purchase.reference_type, purchase.reference_id,
                                  jsonb_strip_nulls(jsonb_build_object('refund_of', purchase.id, 'reason', p_reason)), null);
  insert into billing.wallet_refunds (purchase_transfer_id, refund_transfer_id, account_id, amount, reason, created_by)
  values (purchase.id, posted.id, payer.id, p_amount, p_reason, auth.uid());
  return posted;
end
$$;

-- The seeds' functions ----------------------------------------------------------------------------------
-- Seed 002: a user's credit balance as the seed computes it, the sum of their credit entries:
-- open holds are included (a hold moves nothing until it is captured). What they can spend now
-- (balance minus open holds) is billing.my_balances().available.
create or replace function public.get_user_credits(user_uuid uuid)
returns integer
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if user_uuid is distinct from auth.uid() and not private.has_permission('users.read_all') then
    raise exception 'you may read only your own credits' using errcode = '42501';
  end if;
  return coalesce((select a.balance::integer from billing.accounts a
                    where a.owner_type = 'user' and a.user_id = user_uuid and a.asset = 'CREDIT'), 0);
end
$$;

-- Seed 001: moves money into (positive p_amount, in major units such as 12.50) or out of a user's
-- wallet against the platform account its transaction type names. Unlike the seed it raises on
-- failure instead of returning false, and it needs p_metadata.idempotency_key; the currency is
-- p_metadata.currency (default USD).
create or replace function public.update_wallet_balance(p_user_id uuid, p_amount numeric, p_transaction_type varchar, p_metadata jsonb default '{}')
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  currency text := private.normalize_asset(coalesce(p_metadata ->> 'currency', 'USD'));
  minor bigint;
  wallet uuid;
  counterparty uuid;
  kind text;
begin
  if p_amount is null or p_amount = 0 or p_amount * 100 <> trunc(p_amount * 100) then
    raise exception 'the amount must be a non-zero amount with at most two decimals' using errcode = '22023';
  end if;
  minor := abs(p_amount * 100)::bigint;
  kind := case p_transaction_type when 'deposit' then 'top_up' when 'withdrawal' then 'payout' else p_transaction_type end;
  if not kind = any (enum_range(null::billing.transfer_kind)::text[]) then
    raise exception 'unknown transaction type %', p_transaction_type using errcode = '22023';
  end if;
  counterparty := billing.platform_account(case kind
    when 'top_up' then 'stripe_clearing' when 'payout' then 'payouts_payable' when 'bonus' then 'promotions'
    when 'adjustment' then 'adjustments' else 'revenue' end, currency);
  wallet := billing.user_account(p_user_id, currency);
  if p_amount > 0 then
    perform billing.transfer(counterparty, wallet, minor, kind, p_metadata ->> 'idempotency_key', 'wallet', p_user_id::text, p_metadata);
  else
    perform billing.transfer(wallet, counterparty, minor, kind, p_metadata ->> 'idempotency_key', 'wallet', p_user_id::text, p_metadata);
  end if;
  return true;
end
$$;

-- The ledger's invariants, as a list of what is broken (empty when all hold; for tests and monitoring): per asset the books sum
-- to zero; every stored balance equals the sum of its account's transfers; no user or organization
-- account is below zero counting open holds, and `held` equals what its open holds have left.
create or replace function billing.ledger_violations()
returns text[]
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(array_agg(v), '{}') from (
    select format('%s does not sum to zero: %s', asset, sum(balance)) as v
      from billing.account_balances group by asset having sum(balance) <> 0
    union all
    select format('account %s stores %s but its transfers sum to %s', a.id, a.balance, t.total)
      from billing.accounts a
      cross join lateral (select coalesce(sum(case when x.credit_account_id = a.id then x.amount else -x.amount end), 0) as total
                            from billing.transfers x where x.credit_account_id = a.id or x.debit_account_id = a.id) t
     where a.owner_type <> 'platform' and a.balance <> t.total
    union all
    select format('account %s is below zero: balance %s, held %s', a.id, a.balance, a.held)
      from billing.accounts a where a.owner_type <> 'platform' and a.balance < a.held
    union all
    select format('account %s holds %s but its open holds have %s left', a.id, a.held, h.open_total)
      from billing.accounts a
      cross join lateral (select coalesce(sum(amount - captured), 0) as open_total from billing.holds
                           where account_id = a.id and status = 'open') h
     where a.held <> h.open_total
  ) violations
$$;

-- Execute grants: service-only unless listed for authenticated here.
revoke execute on all functions in schema billing from anon, authenticated;
revoke execute on function public.update_wallet_balance(uuid, numeric, varchar, jsonb) from public, anon, authenticated;
grant execute on function public.update_wallet_balance(uuid, numeric, varchar, jsonb) to service_role;
grant execute on function public.get_user_credits(uuid) to authenticated;
grant execute on function billing.spend_credits(text, text, text, uuid), billing.spend_item(text, text, text, text, uuid), billing.my_balances(), billing.set_pool_spend_roles(uuid, public.org_role[]),
  billing.my_statement(uuid, bigint, integer), billing.provider_balance_status() to authenticated;

-- Platform accounts every product uses.
select billing.platform_account(code, asset)
  from unnest(array['revenue', 'stripe_clearing', 'promotions', 'payouts_payable', 'ai_provider_spend', 'adjustments']) code,
       unnest(array['CREDIT', 'USD']) asset;
