-- The baseline: seed 001's own wallet design (user_wallets + transactions + update_wallet_balance:
-- select for update, update, insert), as the seed has it, in a schema of its own. Benchmarks only;
-- never a migration.
create schema if not exists seed_baseline;

create table seed_baseline.user_wallets (
  id uuid primary key default gen_random_uuid(),
  user_id uuid unique,
  balance decimal(15, 2) default 0.00 check (balance >= 0),
  currency varchar(3) default 'USD',
  daily_limit decimal(15, 2) default 1000.00,
  monthly_limit decimal(15, 2) default 10000.00,
  is_frozen boolean default false,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table seed_baseline.transactions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  transaction_type varchar(50) not null,
  amount decimal(15, 2) not null,
  currency varchar(3) default 'USD',
  status varchar(50) default 'pending',
  metadata jsonb default '{}',
  created_at timestamptz default now(),
  completed_at timestamptz
);

create or replace function seed_baseline.update_wallet_balance(
  p_user_id uuid, p_amount decimal, p_transaction_type varchar, p_metadata jsonb default '{}'
) returns boolean as $$
declare
  current_balance decimal;
begin
  select balance into current_balance from seed_baseline.user_wallets where user_id = p_user_id for update;
  if p_amount < 0 and current_balance + p_amount < 0 then
    raise exception 'Insufficient funds';
  end if;
  update seed_baseline.user_wallets set balance = balance + p_amount, updated_at = now() where user_id = p_user_id;
  insert into seed_baseline.transactions (user_id, transaction_type, amount, status, metadata, completed_at)
  values (p_user_id, p_transaction_type, abs(p_amount), 'completed', p_metadata, now());
  return true;
exception
  when others then
    return false;
end;
$$ language plpgsql;
