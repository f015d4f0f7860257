-- Tarot profiles beyond public.profiles (seed 001 user_profiles): the reader's fields (listed ones
-- are public) and the client's (birth data: the client, and a reader only while holding a reading
-- with that client). The seed's admin fields are staff roles (tarot_monitor, core roles).

create table tarot.reader_profiles (
  user_id uuid primary key default auth.uid() references public.profiles (id) on delete cascade,
  specializations text[] not null default '{}'
    check (cardinality(specializations) <= 20 and octet_length(array_to_string(specializations, '')) <= 1000),
  experience_years integer check (experience_years between 0 and 80),
  -- The price in the currency's minor unit: per minute, or per reading. 0 is a free reader.
  rate_type text not null default 'per_minute' check (rate_type in ('per_minute', 'per_reading')),
  rate_amount bigint not null default 0 check (rate_amount between 0 and 10000000),
  currency text not null default 'USD' references billing.assets (code) check (currency <> 'CREDIT'),
  availability_schedule jsonb not null default '{}'
    check (jsonb_typeof(availability_schedule) = 'object' and octet_length(availability_schedule::text) <= 4096),
  is_available_now boolean not null default false,
  certifications text[] not null default '{}'
    check (cardinality(certifications) <= 20 and octet_length(array_to_string(certifications, '')) <= 2000),
  languages text[] not null default '{en}'
    check (cardinality(languages) between 1 and 20 and octet_length(array_to_string(languages, '')) <= 60
           and array_to_string(languages, ',') ~ '^[a-z]{2,3}(,[a-z]{2,3})*$'),
  is_listed boolean not null default false,
  -- Kept by triggers from the readings: clients never write these.
  average_rating numeric(3, 2),
  rating_count integer not null default 0,
  readings_completed integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table tarot.reader_profiles is 'Readers: specializations, rate, availability; listed ones are public; ratings kept by triggers.';
create index reader_profiles_listed_idx on tarot.reader_profiles (is_available_now desc, average_rating desc nulls last) where is_listed;
create trigger set_updated_at before update on tarot.reader_profiles for each row execute function private.set_updated_at();

-- A reader who charges is paid through Stripe Connect: listing with a price, or taking a paid
-- reading, needs payouts enabled (PA116).
create or replace function private.tarot_reader_can_be_paid(p_reader_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from billing.connected_accounts a where a.user_id = p_reader_id and a.payouts_enabled)
$$;

create or replace function private.tarot_check_reader_profile()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.is_listed and new.rate_amount > 0 and not private.tarot_reader_can_be_paid(new.user_id) then
    raise exception 'a paid reader needs a Stripe account with payouts enabled: finish onboarding first' using errcode = 'PA116';
  end if;
  return new;
end
$$;
create trigger check_reader_profile before insert or update of is_listed, rate_amount on tarot.reader_profiles
  for each row execute function private.tarot_check_reader_profile();

create table tarot.client_profiles (
  user_id uuid primary key default auth.uid() references public.profiles (id) on delete cascade,
  date_of_birth date check (date_of_birth between '1900-01-01' and '2100-01-01'),
  -- Free-form chart data (time and place of birth, placements) for the client's readers.
  birth_chart_data jsonb not null default '{}'
    check (jsonb_typeof(birth_chart_data) = 'object' and octet_length(birth_chart_data::text) <= 8192),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table tarot.client_profiles is 'Clients'' birth data: the client, staff, and a reader only while holding a reading with that client.';
create trigger set_updated_at before update on tarot.client_profiles for each row execute function private.set_updated_at();

-- The seed's preferred_readers array, as rows.
create table tarot.preferred_readers (
  client_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  reader_id uuid not null references tarot.reader_profiles (user_id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (client_id, reader_id),
  check (client_id <> reader_id)
);
create index preferred_readers_reader_idx on tarot.preferred_readers (reader_id);

-- Grants and policies ------------------------------------------------------------------------------------------------------
revoke all on tarot.reader_profiles, tarot.client_profiles, tarot.preferred_readers from anon, authenticated;
grant select on tarot.reader_profiles to anon, authenticated;
grant insert (specializations, experience_years, rate_type, rate_amount, currency, availability_schedule, is_available_now,
  certifications, languages, is_listed) on tarot.reader_profiles to authenticated;
grant update (specializations, experience_years, rate_type, rate_amount, currency, availability_schedule, is_available_now,
  certifications, languages, is_listed) on tarot.reader_profiles to authenticated;
grant select, delete on tarot.client_profiles to authenticated;
grant insert (date_of_birth, birth_chart_data), update (date_of_birth, birth_chart_data) on tarot.client_profiles to authenticated;
grant select, insert (reader_id), delete on tarot.preferred_readers to authenticated;
alter table tarot.reader_profiles enable row level security;
alter table tarot.client_profiles enable row level security;
alter table tarot.preferred_readers enable row level security;

create policy "anyone reads listed readers" on tarot.reader_profiles for select to anon using (is_listed);
create policy "users read listed readers, their own profile; staff all" on tarot.reader_profiles for select to authenticated
  using (is_listed or user_id = (select auth.uid()) or (select private.has_permission('users.read_all'))
         or (select private.has_permission('readings.monitor')));
create policy "users create their own reader profile" on tarot.reader_profiles for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_active_user()));
create policy "readers change their own profile" on tarot.reader_profiles for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

create policy "clients write their own birth data" on tarot.client_profiles for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy "clients change their own birth data" on tarot.client_profiles for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "clients delete their own birth data" on tarot.client_profiles for delete to authenticated
  using (user_id = (select auth.uid()));

create policy "clients read their preferred readers; staff all" on tarot.preferred_readers for select to authenticated
  using (client_id = (select auth.uid()) or (select private.has_permission('users.read_all')));
-- Only readers the client can see (listed ones): the foreign key alone would reveal unlisted ones.
create policy "clients add preferred readers" on tarot.preferred_readers for insert to authenticated
  with check (client_id = (select auth.uid()) and reader_id in (select rp.user_id from tarot.reader_profiles rp where rp.is_listed));
create policy "clients remove preferred readers" on tarot.preferred_readers for delete to authenticated
  using (client_id = (select auth.uid()));
