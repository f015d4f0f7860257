-- Lounge inventory (seed 004 `inventory_items`, `user_inventory`): cosmetics, emotes and drinks sold
-- in money (minor units of a currency) and/or credits, through the core's priced items: each item's
-- prices are registered in billing.priced_items (item_type `lounge_item`, item_id the item's id) and
-- lounge.buy_item pays with billing.spend_item, once per idempotency key, and grants in the same
-- transaction. Cosmetics and emotes are owned once; drinks are consumables with a quantity.

create table lounge.inventory_items (
  id uuid primary key default gen_random_uuid(),
  sku text not null unique check (sku ~ '^[a-z0-9][a-z0-9_.-]{1,59}$'),
  type text not null check (type in ('cosmetic', 'emote', 'drink')),
  name text not null check (char_length(btrim(name)) between 1 and 100),
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object' and pg_column_size(metadata) <= 4096),
  -- Money price in the currency's minor unit, and the credits price; at least one.
  price_minor integer check (price_minor > 0),
  currency text not null default 'USD' references billing.assets (code),
  price_credits integer check (price_credits > 0),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (price_minor is not null or price_credits is not null),
  check (currency <> 'CREDIT')
);
comment on table lounge.inventory_items is 'What the lounge sells (staff and migrations write it); anyone reads the active items. Prices mirror into billing.priced_items.';
create index inventory_items_currency_idx on lounge.inventory_items (currency);
create trigger set_updated_at before update on lounge.inventory_items for each row execute function private.set_updated_at();

create table lounge.user_inventory (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  item_id uuid not null references lounge.inventory_items (id),
  -- Cosmetics and emotes: 1. Drinks: how many are left (0 once all are drunk).
  quantity integer not null default 1 check (quantity between 0 and 10000),
  acquired_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, item_id)
);
comment on table lounge.user_inventory is 'What each user owns (seed user_inventory). Written only by lounge.buy_item and lounge.consume_item.';
create index user_inventory_item_idx on lounge.user_inventory (item_id);

-- One row per purchase: the ledger transfer that paid for it. A replayed idempotency key returns the
-- same transfer, whose row exists already, so nothing is granted twice.
create table lounge.purchases (
  transfer_id bigint primary key references billing.transfers (id),
  user_id uuid not null references public.profiles (id) on delete cascade,
  item_id uuid not null references lounge.inventory_items (id),
  created_at timestamptz not null default now()
);
comment on table lounge.purchases is 'Lounge purchases: the transfer that paid, who bought what. Written only by lounge.buy_item.';
create index purchases_user_idx on lounge.purchases (user_id, created_at desc);
create index purchases_item_idx on lounge.purchases (item_id);

-- The item's prices in the core's registry, kept in line with the item (a missing price deactivates).
create or replace function private.lounge_sync_item_prices()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.set_item_price('lounge', 'lounge_item', new.id::text, 'CREDIT', new.price_credits, new.active);
  perform private.set_item_price('lounge', 'lounge_item', new.id::text, new.currency, new.price_minor, new.active);
  if tg_op = 'UPDATE' and old.currency <> new.currency then
    perform private.set_item_price('lounge', 'lounge_item', new.id::text, old.currency, null, false);
  end if;
  return null;
end
$$;
create trigger sync_item_prices after insert or update on lounge.inventory_items
  for each row execute function private.lounge_sync_item_prices();

revoke all on lounge.inventory_items, lounge.user_inventory, lounge.purchases from anon, authenticated;
grant select on lounge.inventory_items to anon, authenticated;
grant select on lounge.user_inventory, lounge.purchases to authenticated;
alter table lounge.inventory_items enable row level security;
alter table lounge.user_inventory enable row level security;
alter table lounge.purchases enable row level security;

create policy "anyone reads active items" on lounge.inventory_items for select to anon, authenticated using (active);
create policy "users read their inventory, moderators all" on lounge.user_inventory for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('moderation.act')));
create policy "users read their purchases" on lounge.purchases for select to authenticated
  using (user_id = (select auth.uid()));

-- Buys an active item, paid with 'money' (the caller's wallet in the item's currency) or 'credits',
-- and grants it in the same transaction. One idempotency key pays for one purchase: a retry with the
-- key returns the same grant and charges nothing (another item or asset with the key: PA106).
-- A cosmetic or emote the caller owns already: PA180, nothing charged. Insufficient funds: the
-- ledger's error. PA111 past the purchases-per-minute limit.
create or replace function lounge.buy_item(p_item_id uuid, p_pay_with text, p_idempotency_key text)
returns lounge.user_inventory
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  item lounge.inventory_items;
  paid billing.transfers;
  granted lounge.user_inventory;
begin
  perform private.rate_limit('lounge:purchase:' || caller::text, interval '1 minute',
                             coalesce(private.config_number('lounge.purchases_per_minute'), 30)::integer);
  if p_pay_with is null or p_pay_with not in ('money', 'credits') then
    raise exception 'pay with money or credits' using errcode = '22023';
  end if;
  select * into item from lounge.inventory_items where id = p_item_id and active;
  if item.id is null then
    raise exception 'no item % on sale', p_item_id using errcode = 'PA001';
  end if;
  paid := billing.spend_item('lounge_item', item.id::text, case when p_pay_with = 'credits' then 'CREDIT' else item.currency end,
                             p_idempotency_key);
  insert into lounge.purchases (transfer_id, user_id, item_id) values (paid.id, caller, item.id)
  on conflict (transfer_id) do nothing;
  if found then
    if item.type = 'drink' then
      insert into lounge.user_inventory (user_id, item_id, quantity) values (caller, item.id, 1)
      on conflict (user_id, item_id) do update set quantity = lounge.user_inventory.quantity + 1, updated_at = now();
    else
      -- A concurrent purchase of the same item with another key waits here for the first and then
      -- fails: the whole transaction, its charge included, is rolled back.
      insert into lounge.user_inventory (user_id, item_id) values (caller, item.id) on conflict (user_id, item_id) do nothing;
      if not found then
        raise exception 'you already own %', item.name using errcode = 'PA180';
      end if;
    end if;
  end if;
  select * into granted from lounge.user_inventory where user_id = caller and item_id = item.id;
  return granted;
end
$$;

-- Uses up one drink (sent to a room over Broadcast by the client). PA181 when none is left.
create or replace function lounge.consume_item(p_item_id uuid)
returns lounge.user_inventory
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  consumed lounge.user_inventory;
begin
  update lounge.user_inventory u set quantity = u.quantity - 1, updated_at = now()
   where u.user_id = caller and u.item_id = p_item_id and u.quantity > 0
     and exists (select 1 from lounge.inventory_items i where i.id = u.item_id and i.type = 'drink')
  returning u.* into consumed;
  if consumed.id is null then
    raise exception 'no drink % left to use', p_item_id using errcode = 'PA181';
  end if;
  return consumed;
end
$$;

grant execute on function lounge.buy_item(uuid, text, text), lounge.consume_item(uuid) to authenticated;
revoke execute on function private.lounge_sync_item_prices() from service_role;
