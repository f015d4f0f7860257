-- Lounge profiles (seed 004 `profiles` beyond public.profiles, which keeps the locale): a display name
-- made unique by a suffix allocated atomically ("Neo#0003", unique ignoring case), an avatar from the
-- known assets, its configuration (colors; equipped cosmetics and emotes only from the owner's
-- inventory), interests (bounded tags, GIN-indexed for matchmaking) and a privacy level: `limited`
-- hides bio, interests and the current room from everyone but friends (lounge.profile_card).

create table lounge.avatars (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{1,39}$'),
  name text not null check (char_length(name) between 1 and 80),
  active boolean not null default true
);
comment on table lounge.avatars is 'The known avatar assets a profile may use (migrations and staff write them).';

create table lounge.profiles (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  -- The name asked for, and the suffix that makes it unique (lounge.set_display_name).
  name_base text not null check (name_base ~ '^[[:alnum:]_][[:alnum:]_ .-]{0,22}[[:alnum:]_]$'),
  name_suffix integer not null check (name_suffix between 1 and 9999),
  display_name text generated always as (name_base || '#' || lpad(name_suffix::text, 4, '0')) stored,
  bio text check (char_length(bio) <= 500),
  avatar_id text references lounge.avatars (id),
  -- {"colors": {...}, "cosmetics": [item ids], "emotes": [item ids]}; equipped items must be owned.
  avatar_config jsonb not null default '{}'
    check (jsonb_typeof(avatar_config) = 'object' and pg_column_size(avatar_config) <= 2048),
  interests text[] not null default '{}'
    check (cardinality(interests) <= 10 and octet_length(array_to_string(interests, '')) <= 300 and (cardinality(interests) = 0 or array_to_string(interests, ',') ~ '^[a-z0-9-]{1,30}(,[a-z0-9-]{1,30})*$')),
  privacy_level text not null default 'public' check (privacy_level in ('public', 'limited')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table lounge.profiles is 'Lounge profiles: created by lounge.set_display_name; the owner updates bio, avatar, interests and privacy; others see them through lounge.profile_card.';
create unique index profiles_name_idx on lounge.profiles (lower(name_base), name_suffix);
create index profiles_interests_idx on lounge.profiles using gin (interests);
create index profiles_avatar_idx on lounge.profiles (avatar_id);
create trigger set_updated_at before update on lounge.profiles for each row execute function private.set_updated_at();

-- Equipped items are owned items of the right type; the avatar is an active asset. Checked on every
-- insert and update (a plain UPDATE through PostgREST included).
create or replace function private.lounge_check_profile()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  slot text;
  equipped jsonb;
begin
  if new.avatar_id is distinct from (case when tg_op = 'UPDATE' then old.avatar_id end)
     and new.avatar_id is not null and not exists (select 1 from lounge.avatars a where a.id = new.avatar_id and a.active) then
    raise exception 'unknown avatar "%"', new.avatar_id using errcode = '23503';
  end if;
  foreach slot in array array['cosmetics', 'emotes'] loop
    equipped := coalesce(new.avatar_config -> slot, '[]');
    if jsonb_typeof(equipped) <> 'array' or jsonb_array_length(equipped) > 10
       or exists (select 1 from jsonb_array_elements(equipped) e where jsonb_typeof(e) <> 'string' or e #>> '{}' !~ '^[0-9a-f-]{36}$') then
      raise exception 'avatar_config.% is a list of at most 10 item ids', slot using errcode = '22023';
    end if;
    if exists (select 1 from jsonb_array_elements_text(equipped) e
                where not exists (select 1 from lounge.user_inventory u join lounge.inventory_items i on i.id = u.item_id
                                   where u.user_id = new.user_id and u.item_id = e::uuid
                                     and i.type = case slot when 'cosmetics' then 'cosmetic' else 'emote' end)) then
      raise exception 'only owned % can be equipped', slot using errcode = 'PA182';
    end if;
  end loop;
  return new;
end
$$;
create trigger check_profile before insert or update on lounge.profiles
  for each row execute function private.lounge_check_profile();

revoke all on lounge.avatars, lounge.profiles from anon, authenticated;
grant select on lounge.avatars to anon, authenticated;
grant select on lounge.profiles to authenticated;
grant update (bio, avatar_id, avatar_config, interests, privacy_level) on lounge.profiles to authenticated;
alter table lounge.avatars enable row level security;
alter table lounge.profiles enable row level security;

create policy "anyone reads the active avatars" on lounge.avatars for select to anon, authenticated using (active);
-- Others read profiles through lounge.profile_card, which applies the privacy level and blocks.
create policy "users read their lounge profile, moderators all" on lounge.profiles for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('moderation.act')));
create policy "active users update their lounge profile" on lounge.profiles for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and (select private.is_active_user()));

-- Names ------------------------------------------------------------------------------------------------------------
-- Sets the caller's display name (creating their lounge profile the first time): the name asked for
-- plus the lowest suffix above those taken for it, ignoring case ("neo" and "Neo" share suffixes).
-- Concurrent requests for one name run one at a time (an advisory lock on the name), and a unique
-- index backs it. Keeping one's name with another case keeps the suffix. PA183 when all 9,999 are taken.
create or replace function lounge.set_display_name(p_name text)
returns lounge.profiles
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  wanted text := btrim(p_name);
  current lounge.profiles;
  suffix integer;
  profile lounge.profiles;
begin
  perform private.rate_limit('lounge:rename:' || caller::text, interval '1 minute',
                             coalesce(private.config_number('lounge.renames_per_minute'), 5)::integer);
  if wanted is null or wanted !~ '^[[:alnum:]_][[:alnum:]_ .-]{0,22}[[:alnum:]_]$' then
    raise exception 'a name is 2 to 24 letters, digits, spaces, dots, dashes or underscores' using errcode = '22023';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('lounge-name:' || lower(wanted), 0));
  select * into current from lounge.profiles where user_id = caller;
  if lower(current.name_base) = lower(wanted) then
    suffix := current.name_suffix;
  else
    select coalesce(max(p.name_suffix), 0) + 1 into suffix from lounge.profiles p where lower(p.name_base) = lower(wanted);
    if suffix > 9999 then
      select s into suffix from generate_series(1, 9999) s
       where not exists (select 1 from lounge.profiles p where lower(p.name_base) = lower(wanted) and p.name_suffix = s)
       limit 1;
      if suffix is null then
        raise exception 'every suffix of "%" is taken: choose another name', wanted using errcode = 'PA183';
      end if;
    end if;
  end if;
  insert into lounge.profiles (user_id, name_base, name_suffix) values (caller, wanted, suffix)
  on conflict (user_id) do update set name_base = excluded.name_base, name_suffix = excluded.name_suffix
  returning * into profile;
  return profile;
end
$$;

-- Cards, friends ---------------------------------------------------------------------------------------------------
create or replace function private.lounge_are_friends(p_a uuid, p_b uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.friendships f
                  where least(f.requester_id, f.addressee_id) = least(p_a, p_b)
                    and greatest(f.requester_id, f.addressee_id) = greatest(p_a, p_b) and f.status = 'accepted')
$$;

create or replace function private.lounge_blocked_between(p_a uuid, p_b uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.blocks b
                  where (b.blocker_id = p_a and b.blocked_id = p_b) or (b.blocker_id = p_b and b.blocked_id = p_a))
$$;

-- The room a user is in now, as the caller may see it: a public room, or a private one the caller may read.
create or replace function private.lounge_visible_room_of(p_user_id uuid)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select s.place_id from public.seats s join lounge.rooms r on r.id = s.place_id
   where s.kind = 'lounge_room' and s.user_id = p_user_id and s.left_at is null
     and s.last_seen_at >= now() - private.seat_unseen_after()
     and (not r.is_private or r.id in (select private.lounge_my_private_room_ids()))
$$;

-- A user's card as the caller may see it: nothing across a block; bio, interests and current room
-- only when the profile is public, or to friends (and to the owner and moderators).
create or replace function lounge.profile_card(p_user_id uuid)
returns table (user_id uuid, display_name text, avatar_id text, avatar_config jsonb, privacy_level text,
               bio text, interests text[], current_room_id uuid)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  caller uuid := auth.uid();
begin
  if caller is null then
    raise exception 'sign in to read profiles' using errcode = '42501';
  end if;
  if caller <> p_user_id and private.lounge_blocked_between(caller, p_user_id) and not private.has_permission('moderation.act') then
    return;
  end if;
  return query
    select p.user_id, p.display_name, p.avatar_id, p.avatar_config, p.privacy_level,
           case when f.full then p.bio end, case when f.full then p.interests end,
           case when f.full then private.lounge_visible_room_of(p.user_id) end
      from lounge.profiles p
      cross join lateral (select p.privacy_level = 'public' or p.user_id = caller or private.lounge_are_friends(caller, p.user_id)
                                 or private.has_permission('moderation.act') as full) f
     where p.user_id = p_user_id;
end
$$;

-- The seed's "where is my friend": the caller's friends in a room now (seen within 90 s), with the
-- room when the caller may read it; nobody across a block.
create or replace function lounge.friends_online()
returns table (user_id uuid, display_name text, room_id uuid, room_name text, last_seen_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  return query
    select s.user_id, coalesce(lp.display_name, pp.display_name), v.id, v.name, s.last_seen_at
      from public.friendships f
      cross join lateral (select case when f.requester_id = caller then f.addressee_id else f.requester_id end as friend_id) x
      join public.seats s on s.kind = 'lounge_room' and s.user_id = x.friend_id and s.left_at is null
                         and s.last_seen_at >= now() - private.seat_unseen_after()
      join public.profiles pp on pp.id = x.friend_id
      left join lounge.profiles lp on lp.user_id = x.friend_id
      left join lounge.rooms v on v.id = s.place_id and (not v.is_private or v.id in (select private.lounge_my_private_room_ids()))
     where (f.requester_id = caller or f.addressee_id = caller) and f.status = 'accepted'
       and not private.lounge_blocked_between(caller, x.friend_id)
     order by s.last_seen_at desc;
end
$$;

grant execute on function lounge.set_display_name(text), lounge.profile_card(uuid), lounge.friends_online() to authenticated;
revoke execute on function private.lounge_check_profile(), private.lounge_are_friends(uuid, uuid), private.lounge_blocked_between(uuid, uuid),
  private.lounge_visible_room_of(uuid) from service_role;
