-- Gigs profiles (seed 003 profiles beyond public.profiles): the creative side of a user, as talent or
-- contributor. The common part (display name, avatar, bio) stays in public.profiles; this holds the
-- handle and the talent fields. Completion is computed by the database (a generated column); rating
-- and review count are kept by the reviews' trigger (20261122002250); verification is the core's,
-- read through gigs.verification_badge.

-- Every element an http(s) URL (private.is_http_url); CHECK constraints run it as the writer.
create or replace function private.gigs_all_http_urls(p_urls text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(bool_and(private.is_http_url(u)), true) from unnest(p_urls) u
$$;
-- Every element a #rrggbb colour (palettes of moodboards, showcases and media).
create or replace function private.gigs_all_hex_colours(p_colours text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(bool_and(c ~ '^#[0-9A-Fa-f]{6}$'), true) from unnest(p_colours) c
$$;
grant execute on function private.gigs_all_http_urls(text[]), private.gigs_all_hex_colours(text[]) to anon, authenticated, service_role;

create table gigs.profiles (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  role text not null check (role in ('talent', 'contributor')),
  handle text not null check (handle ~ '^[A-Za-z0-9_]{3,30}$'),
  city text check (char_length(city) <= 100),
  country text check (char_length(country) <= 100),
  style_tags text[] not null default '{}' check (cardinality(style_tags) <= 30 and octet_length(array_to_string(style_tags, '')) <= 1500),
  looking_for_types text[] not null default '{}'
    check (cardinality(looking_for_types) <= 20 and octet_length(array_to_string(looking_for_types, '')) <= 1000),
  experience_years integer not null default 0 check (experience_years between 0 and 80),
  equipment text[] not null default '{}' check (cardinality(equipment) <= 50 and octet_length(array_to_string(equipment, '')) <= 5000),
  portfolio_urls text[] not null default '{}'
    check (cardinality(portfolio_urls) <= 20 and octet_length(array_to_string(portfolio_urls, '')) <= 20000
           and private.gigs_all_http_urls(portfolio_urls)),
  -- {"instagram": "https://...", ...}: a flat object of URLs.
  social_links jsonb not null default '{}' check (jsonb_typeof(social_links) = 'object' and octet_length(social_links::text) <= 4096),
  -- The share of the profile that is filled in: handle and role always, then 10 points per field.
  profile_completion_percentage integer generated always as (
    20 + 10 * ((city is not null and city <> '')::int + (country is not null and country <> '')::int
               + (cardinality(style_tags) > 0)::int + (cardinality(looking_for_types) > 0)::int + (experience_years > 0)::int
               + (cardinality(equipment) > 0)::int + (cardinality(portfolio_urls) > 0)::int + (social_links <> '{}')::int)) stored,
  -- Kept by the reviews' trigger (the seed's discovery query reads a rating no table had).
  rating numeric(3, 2),
  review_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Handles are unique ignoring case ("Anna" and "anna" are one handle).
create unique index profiles_handle_lower_idx on gigs.profiles (lower(handle));
create index profiles_city_idx on gigs.profiles (city);
create index profiles_style_tags_idx on gigs.profiles using gin (style_tags);
create index profiles_looking_for_types_idx on gigs.profiles using gin (looking_for_types);
create trigger set_updated_at before update on gigs.profiles for each row execute function private.set_updated_at();

revoke all on gigs.profiles from anon, authenticated;
grant select on gigs.profiles to anon, authenticated;
grant insert (user_id, role, handle, city, country, style_tags, looking_for_types, experience_years, equipment, portfolio_urls, social_links)
  on gigs.profiles to authenticated;
grant update (role, handle, city, country, style_tags, looking_for_types, experience_years, equipment, portfolio_urls, social_links)
  on gigs.profiles to authenticated;
grant delete on gigs.profiles to authenticated;
alter table gigs.profiles enable row level security;

-- Profiles are a marketplace's shop window: everyone reads them, anon included.
create policy "anyone reads gigs profiles" on gigs.profiles for select to anon, authenticated using (true);
create policy "active users create their gigs profile" on gigs.profiles for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_active_user()));
create policy "active users change their gigs profile" on gigs.profiles for update to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active_user()))
  with check (user_id = (select auth.uid()) and (select private.is_active_user()));
create policy "users remove their gigs profile" on gigs.profiles for delete to authenticated
  using (user_id = (select auth.uid()));

-- The seed's verification ladder (unverified, email_verified, phone_verified, id_verified) on the
-- core's typed verifications: the highest current kind, and its badge, of the profile with that
-- handle (any case). Public, like the profile.
create or replace function gigs.verification_badge(p_handle text)
returns table (profile_id uuid, verification_status text, verification_badge text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.user_id, l.s,
         case l.s when 'id_verified' then 'ID verified' when 'phone_verified' then 'Phone verified'
                  when 'email_verified' then 'Email verified' end
    from gigs.profiles p,
         lateral (select array_agg(v.kind) as kinds from private.user_verifications(p.user_id) v) held,
         lateral (select case when 'identity' = any (held.kinds) then 'id_verified'
                              when 'phone' = any (held.kinds) then 'phone_verified'
                              when 'email' = any (held.kinds) then 'email_verified'
                              else 'unverified' end as s) l
   where lower(p.handle) = lower(p_handle)
$$;
revoke execute on function gigs.verification_badge(text) from public;
grant execute on function gigs.verification_badge(text) to anon, authenticated;
