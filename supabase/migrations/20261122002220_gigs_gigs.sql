-- Gigs (seed 003 gigs and moodboards): a contributor's shoot looking for talent, with where and when,
-- what it pays, and who it wants. Clients write a gig's content while it is a draft or published;
-- its status moves only through the RPCs below (draft -> published -> closed -> completed, or
-- cancelled), publishing within the plan's monthly limit. Discovery is by distance on a geography
-- point with a partial GiST index on published gigs (gigs.discover_gigs).

create table gigs.gigs (
  id uuid primary key default gen_random_uuid(),
  owner_user_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  description text not null check (char_length(description) between 1 and 5000),
  comp_type text not null check (comp_type in ('tfp', 'paid', 'expenses')),
  -- Minor units of comp_currency; a paid gig says how much, a TFP one pays nothing.
  comp_amount bigint check (comp_amount >= 0 and comp_amount <= 100000000),
  comp_currency text not null default 'EUR' check (comp_currency ~ '^[A-Z]{3}$'),
  location_text text not null check (char_length(location_text) between 1 and 300),
  location_lat double precision not null check (location_lat between -90 and 90),
  location_lng double precision not null check (location_lng between -180 and 180),
  location geography(Point, 4326) generated always as
    (extensions.st_setsrid(extensions.st_makepoint(location_lng, location_lat), 4326)::extensions.geography) stored,
  -- Talent further than this from the gig does not see it (the seed's location_radius, in km).
  location_radius_km integer not null default 10 check (location_radius_km between 1 and 200),
  start_time timestamptz not null,
  end_time timestamptz not null,
  application_deadline timestamptz not null,
  max_applicants integer not null default 20 check (max_applicants between 1 and 500),
  usage_rights text check (char_length(usage_rights) <= 2000),
  safety_notes text check (char_length(safety_notes) <= 2000),
  status text not null default 'draft' check (status in ('draft', 'published', 'closed', 'completed', 'cancelled')),
  boost_level integer not null default 0 check (boost_level between 0 and 3),
  moodboard_id uuid,
  looking_for_types text[] not null default '{}'
    check (cardinality(looking_for_types) <= 20 and octet_length(array_to_string(looking_for_types, '')) <= 1000),
  tags text[] not null default '{}' check (cardinality(tags) <= 30 and octet_length(array_to_string(tags, '')) <= 1500),
  -- Mature content: shown only to viewers whose content preferences allow it.
  is_mature boolean not null default false,
  -- {"style_tags": [...], "min_experience_years": n, "verified_only": bool}: read by the compatibility score.
  applicant_preferences jsonb not null default '{}'
    check (jsonb_typeof(applicant_preferences) = 'object' and octet_length(applicant_preferences::text) <= 4096),
  published_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (end_time > start_time),
  check (application_deadline <= start_time),
  check (comp_type <> 'paid' or coalesce(comp_amount, 0) > 0),
  check (comp_type <> 'tfp' or coalesce(comp_amount, 0) = 0)
);
create index gigs_owner_idx on gigs.gigs (owner_user_id, created_at desc);
create index gigs_moodboard_idx on gigs.gigs (moodboard_id);
-- Discovery: only published gigs are searched, so only they are indexed.
create index gigs_published_location_idx on gigs.gigs using gist (location) where status = 'published';
-- Discovery's walk in page order (dense circles): the coordinates, location and radius ride along, so
-- the walk tests the distance in the index (an index-only scan) and reads a gig's row only once it is
-- inside.
create index gigs_published_order_idx on gigs.gigs (boost_level desc, created_at desc, id desc)
  include (location_lat, location_lng, location_radius_km, location) where status = 'published';
-- That walk is index-only where the heap's pages are all-visible: vacuum after 2% of new or changed
-- rows (autovacuum's default is 20%), so the newest gigs, walked first, are not read row by row.
alter table gigs.gigs set (autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.02);
-- Publishing counts the owner's gigs published this month.
create index gigs_owner_published_idx on gigs.gigs (owner_user_id, published_at) where published_at is not null;
create trigger set_updated_at before update on gigs.gigs for each row execute function private.set_updated_at();

create table gigs.moodboards (
  id uuid primary key default gen_random_uuid(),
  owner_user_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  gig_id uuid references gigs.gigs (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  description text check (char_length(description) <= 2000),
  -- [{"url"|"media_id", "caption", "x", "y"}...]: the board's pinned images.
  items jsonb not null default '[]' check (jsonb_typeof(items) = 'array' and jsonb_array_length(items) <= 200 and octet_length(items::text) <= 65536),
  palette text[] not null default '{}' check (cardinality(palette) <= 16 and octet_length(array_to_string(palette, '')) <= 112
                                               and private.gigs_all_hex_colours(palette)),
  is_public boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index moodboards_owner_idx on gigs.moodboards (owner_user_id, created_at desc);
create index moodboards_gig_idx on gigs.moodboards (gig_id);
create trigger set_updated_at before update on gigs.moodboards for each row execute function private.set_updated_at();
alter table gigs.gigs add constraint gigs_moodboard_id_fkey foreign key (moodboard_id) references gigs.moodboards (id) on delete set null;

-- References a client writes are the caller's own: a gig's moodboard, a moodboard's gig (checked on
-- insert and update by the policies).
create or replace function private.gigs_owns_moodboard(p_moodboard_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select p_moodboard_id is null or exists (select 1 from gigs.moodboards m where m.id = p_moodboard_id and m.owner_user_id = auth.uid())
$$;
create or replace function private.gigs_owns_gig(p_gig_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select p_gig_id is null or exists (select 1 from gigs.gigs g where g.id = p_gig_id and g.owner_user_id = auth.uid())
$$;
-- Whether the caller may read a gig: published (anyone), or their own.
create or replace function private.gigs_readable_gig(p_gig_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from gigs.gigs g where g.id = p_gig_id and (g.status = 'published' or g.owner_user_id = auth.uid()))
$$;
grant execute on function private.gigs_owns_moodboard(uuid), private.gigs_owns_gig(uuid), private.gigs_readable_gig(uuid)
  to anon, authenticated, service_role;

revoke all on gigs.gigs, gigs.moodboards from anon, authenticated;
grant select on gigs.gigs, gigs.moodboards to anon, authenticated;
grant insert (title, description, comp_type, comp_amount, comp_currency, location_text, location_lat, location_lng, location_radius_km,
              start_time, end_time, application_deadline, max_applicants, usage_rights, safety_notes, moodboard_id, looking_for_types,
              tags, is_mature, applicant_preferences)
  on gigs.gigs to authenticated;
grant update (title, description, comp_type, comp_amount, comp_currency, location_text, location_lat, location_lng, location_radius_km,
              start_time, end_time, application_deadline, max_applicants, usage_rights, safety_notes, moodboard_id, looking_for_types,
              tags, is_mature, applicant_preferences)
  on gigs.gigs to authenticated;
grant delete on gigs.gigs to authenticated;
grant insert (gig_id, title, description, items, palette, is_public) on gigs.moodboards to authenticated;
grant update (gig_id, title, description, items, palette, is_public) on gigs.moodboards to authenticated;
grant delete on gigs.moodboards to authenticated;
alter table gigs.gigs enable row level security;
alter table gigs.moodboards enable row level security;

create policy "anyone reads published gigs, owners theirs" on gigs.gigs for select to anon, authenticated
  using (status = 'published' or owner_user_id = (select auth.uid()));
create policy "active users create draft gigs" on gigs.gigs for insert to authenticated
  with check (owner_user_id = (select auth.uid()) and (select private.is_active_user()) and status = 'draft'
              and (select private.gigs_owns_moodboard(moodboard_id)));
-- A gig's content changes while it is a draft or published; closed, completed and cancelled gigs are final.
create policy "owners edit their open gigs" on gigs.gigs for update to authenticated
  using (owner_user_id = (select auth.uid()) and (select private.is_active_user()) and status in ('draft', 'published'))
  with check (owner_user_id = (select auth.uid()) and (select private.is_active_user()) and status in ('draft', 'published')
              and (select private.gigs_owns_moodboard(moodboard_id)));
-- Only drafts are deleted; a published gig is cancelled (its applicants are told).
create policy "owners delete their drafts" on gigs.gigs for delete to authenticated
  using (owner_user_id = (select auth.uid()) and status = 'draft');

create policy "anyone reads public moodboards, owners theirs" on gigs.moodboards for select to anon, authenticated
  using (is_public or owner_user_id = (select auth.uid()));
create policy "active users create moodboards" on gigs.moodboards for insert to authenticated
  with check (owner_user_id = (select auth.uid()) and (select private.is_active_user()) and (select private.gigs_owns_gig(gig_id)));
create policy "owners change their moodboards" on gigs.moodboards for update to authenticated
  using (owner_user_id = (select auth.uid()) and (select private.is_active_user()))
  with check (owner_user_id = (select auth.uid()) and (select private.is_active_user()) and (select private.gigs_owns_gig(gig_id)));
create policy "owners delete their moodboards" on gigs.moodboards for delete to authenticated
  using (owner_user_id = (select auth.uid()));

-- Lifecycle ---------------------------------------------------------------------------------------------------------
-- The caller's own gig, locked, in one of the expected states (PA001 not found or not theirs, PA115
-- another state).
create or replace function private.gigs_lock_own_gig(p_gig_id uuid, p_caller uuid, p_states text[])
returns gigs.gigs
language plpgsql
security definer
set search_path = ''
as $$
declare
  gig gigs.gigs;
begin
  select * into gig from gigs.gigs g where g.id = p_gig_id for update;
  if not found or gig.owner_user_id <> p_caller then
    raise exception 'no gig % of yours', p_gig_id using errcode = 'PA001';
  end if;
  if not gig.status = any (p_states) then
    raise exception 'the gig is %, not %', gig.status, array_to_string(p_states, ' or ') using errcode = 'PA115';
  end if;
  return gig;
end
$$;

-- A plan limit of the gigs product for a user (features.<key>; null or absent: unlimited).
create or replace function private.gigs_plan_limit(p_user_id uuid, p_key text)
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select (p.features ->> p_key)::integer from billing.current_plan('gigs', p_user_id) p
$$;

-- Publishes a draft: the gig must start in the future, and the owner's plan must allow another gig
-- this month (features.gigs_per_month; PA170 otherwise). An advisory lock per owner makes two
-- concurrent publishes count each other.
create or replace function gigs.publish_gig(p_gig_id uuid)
returns gigs.gigs
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  gig gigs.gigs := private.gigs_lock_own_gig(p_gig_id, caller, array['draft']);
  monthly_limit integer := private.gigs_plan_limit(caller, 'gigs_per_month');
  published_this_month integer;
begin
  if gig.application_deadline <= now() then
    raise exception 'the application deadline has passed' using errcode = 'PA171';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('gigs:publish:' || caller::text, 0));
  select count(*) into published_this_month from gigs.gigs g
   where g.owner_user_id = caller and g.published_at >= date_trunc('month', now());
  if monthly_limit is not null and published_this_month >= monthly_limit then
    raise exception 'your plan publishes % gigs a month', monthly_limit using errcode = 'PA170',
      detail = jsonb_build_object('limit', monthly_limit, 'used', published_this_month)::text;
  end if;
  update gigs.gigs set status = 'published', published_at = coalesce(published_at, now()) where id = gig.id returning * into gig;
  return gig;
end
$$;

-- Closes a published gig to applications (the owner is choosing among them).
create or replace function gigs.close_gig(p_gig_id uuid)
returns gigs.gigs
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  gig gigs.gigs := private.gigs_lock_own_gig(p_gig_id, caller, array['published']);
begin
  update gigs.gigs set status = 'closed' where id = gig.id returning * into gig;
  return gig;
end
$$;

-- The shoot happened: showcases and reviews open (reviews for 30 days).
create or replace function gigs.complete_gig(p_gig_id uuid)
returns gigs.gigs
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  gig gigs.gigs := private.gigs_lock_own_gig(p_gig_id, caller, array['published', 'closed']);
begin
  update gigs.gigs set status = 'completed', completed_at = now() where id = gig.id returning * into gig;
  return gig;
end
$$;

-- Cancels a gig that has not completed; its open applicants are told.
create or replace function gigs.cancel_gig(p_gig_id uuid)
returns gigs.gigs
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  gig gigs.gigs := private.gigs_lock_own_gig(p_gig_id, caller, array['draft', 'published', 'closed']);
begin
  update gigs.gigs set status = 'cancelled' where id = gig.id returning * into gig;
  perform private.notify(a.applicant_user_id, 'application.status',
                         jsonb_build_object('application_id', a.id, 'gig_id', gig.id, 'status', a.status, 'gig_status', 'cancelled'))
     from gigs.applications a where a.gig_id = gig.id and a.status in ('pending', 'shortlisted', 'accepted');
  return gig;
end
$$;

-- Boosts a gig (boosted gigs come first in discovery), paid in credits at the gig_boost item's price
-- for the level, once per idempotency key: the key is bound to this gig and level, so a retry answers
-- the first charge and a key reused for another gig or level is PA106. A boost never lowers the level.
create or replace function gigs.boost_gig(p_gig_id uuid, p_level integer, p_idempotency_key text)
returns gigs.gigs
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  gig gigs.gigs := private.gigs_lock_own_gig(p_gig_id, caller, array['draft', 'published']);
  item billing.priced_items;
begin
  select * into item from billing.priced_items i
   where i.item_type = 'gig_boost' and i.item_id = p_level::text and i.asset = 'CREDIT' and i.active;
  if not found then
    raise exception 'no boost level %', p_level using errcode = 'PA001';
  end if;
  perform private.charge('gigs.boost_gig', caller, 'CREDIT', item.price, 'gig_boost', gig.id::text || ':' || p_level,
                         p_idempotency_key, null, jsonb_build_object('product', 'gigs', 'level', p_level));
  update gigs.gigs set boost_level = greatest(boost_level, p_level) where id = gig.id returning * into gig;
  return gig;
end
$$;

-- Discovery -----------------------------------------------------------------------------------------------------------
-- Tuning of gigs.discover_gigs's plan, not a product rule: how far it walks published gigs in page
-- order before collecting the search circle from the spatial index instead.
insert into private.system_configuration (config_key, config_value, value_type, description, is_public, validation_rules) values
  ('gigs.discovery_walk_limit', '20000', 'number',
   'Published gigs discovery walks in page order before collecting the search circle from the spatial index (0: always collect)',
   false, '{"min": 0, "max": 1000000}');

-- Published gigs that start later, within p_radius_km of the searcher (at most 200) and with the
-- searcher inside the gig's own radius (both in metres on the geography: the seed's query compared
-- degrees with metres), boosted first then newest. Keyset paging: pass the last row's id as p_after.
-- Gigs of users the viewer blocked or who blocked the viewer are left out; mature gigs only for
-- viewers whose content preferences allow them and do not auto-hide them; gigs tagged with one of the
-- viewer's hidden tags are left out.
--
-- Two ways to the same page, so that the cost follows neither the table nor the circle:
-- 1. Walk gigs_published_order_idx in page order (an index-only scan: the coordinates, location and
--    radius are in the index), keep the gigs inside both radii, read their rows for the other filters, stop at a
--    full page. It costs about page / (share of published gigs that match), whatever the table's
--    size, at most gigs.discovery_walk_limit index entries.
-- 2. If the walk ran out before the page was full (a sparse circle, a strict filter, the last page),
--    collect every match in the circle from the GiST index and sort them: cheap exactly then.
-- Both answer exactly the same rows (pgTAP pages through searches each way and compares). Walking
-- first, not collecting a capped number first: a walked entry costs a tenth or less of a collected
-- one (an index-only read against a heap fetch), so a dense circle is not made to pay a collect.
create or replace function gigs.discover_gigs(
  p_lat double precision, p_lng double precision, p_radius_km double precision default 25,
  p_looking_for text[] default null, p_comp_types text[] default null, p_limit integer default 20, p_after uuid default null)
returns table (id uuid, owner_user_id uuid, title text, comp_type text, comp_amount bigint, comp_currency text, location_text text,
               location_lat double precision, location_lng double precision, location_radius_km integer, start_time timestamptz,
               end_time timestamptz, application_deadline timestamptz, looking_for_types text[], tags text[], is_mature boolean,
               boost_level integer, created_at timestamptz, distance_km double precision)
language plpgsql
stable
security definer
set search_path = ''
-- The walk's estimate (PostGIS prices a distance high, times the walk's rows) is above jit_above_cost;
-- compiling then took 400 ms for a query that runs in one.
set jit = off
as $$
declare
  viewer uuid := auth.uid();
  here extensions.geography;
  radius_m double precision;
  show_mature boolean := false;
  hidden text[] := '{}'::text[];
  -- Whom the viewer blocked and who blocked them: looked up once, not per gig.
  blocked uuid[] := '{}'::uuid[];
  -- The keyset bound; with no p_after one above every gig (boost_level is at most 3), so the bound
  -- is always an index condition of the walk.
  after_boost integer := 4;
  after_created timestamptz := 'infinity'::timestamptz;
  after_id uuid := 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid;
  walk_limit integer;
  -- The circle's bounding box in degrees, with a margin: a cheap test on the index's columns before
  -- the exact distance (which decides).
  earth_m constant double precision := 6371008.8;
  dlat double precision;
  dlng double precision;
  page uuid[];
begin
  if p_lat is null or p_lng is null or p_lat not between -90 and 90 or p_lng not between -180 and 180 then
    raise exception 'p_lat and p_lng must be a point on earth' using errcode = '22023';
  end if;
  if p_radius_km is null or p_radius_km <= 0 or p_radius_km > 200 then
    raise exception 'p_radius_km must be more than 0 and at most 200' using errcode = '22023';
  end if;
  if p_limit is null or p_limit not between 1 and 100 then
    raise exception 'p_limit must be between 1 and 100' using errcode = '22023';
  end if;
  if cardinality(p_looking_for) > 20 or cardinality(p_comp_types) > 3 then
    raise exception 'too many filters' using errcode = '22023';
  end if;
  here := extensions.st_setsrid(extensions.st_makepoint(p_lng, p_lat), 4326)::extensions.geography;
  radius_m := p_radius_km * 1000;
  if viewer is not null then
    select coalesce(c.allow_mature_content and not c.auto_hide_nsfw, false), c.hidden_tags into show_mature, hidden
      from public.user_content_preferences c where c.user_id = viewer;
    show_mature := coalesce(show_mature, false);
    hidden := coalesce(hidden, '{}');
    blocked := array(select b.blocked_id from public.blocks b where b.blocker_id = viewer
                     union select b.blocker_id from public.blocks b where b.blocked_id = viewer);
  end if;
  if p_after is not null then
    select g.boost_level, g.created_at, g.id into after_boost, after_created, after_id from gigs.gigs g where g.id = p_after;
    if not found then
      raise exception 'no gig % to page after', p_after using errcode = 'PA001';
    end if;
  end if;
  -- A value set out of its range by hand is brought back into it; a missing one is the default.
  walk_limit := coalesce(least(greatest(private.config_number('gigs.discovery_walk_limit'), 0), 1000000)::integer, 20000);

  if walk_limit > 0 then
    dlat := degrees(radius_m / earth_m) * 1.01 + 0.001;
    dlng := case when abs(p_lat) + dlat >= 89 then 360
                 else degrees(asin(least(1, sin(radius_m / earth_m) / cos(radians(p_lat))))) * 1.01 + 0.001 end;
    -- Three levels, so that each test runs where it is cheap: the walk (at most walk_limit entries of
    -- the index), the distance on the index's columns (a fence, offset 0, keeps the row lookup below
    -- from being tested first), then the gig's row, by its key, for the other filters.
    select array_agg(w.id order by w.boost_level desc, w.created_at desc, w.id desc) into page
      from (select o.id, o.boost_level, o.created_at
              from (select o.id, o.boost_level, o.created_at
                      from (select o.id, o.boost_level, o.created_at, o.location_lat, o.location_lng, o.location_radius_km, o.location
                              from gigs.gigs o
                             where o.status = 'published' and (o.boost_level, o.created_at, o.id) < (after_boost, after_created, after_id)
                             order by o.boost_level desc, o.created_at desc, o.id desc
                             limit walk_limit) o
                     where o.location_lat between p_lat - dlat and p_lat + dlat
                       and least(abs(o.location_lng - p_lng), 360 - abs(o.location_lng - p_lng)) <= dlng
                       -- The same distances as the collect's (a point made from the coordinates here
                       -- instead cost a spatial_ref_sys lookup per call and place: slower than the walk).
                       and extensions.st_dwithin(o.location, here, radius_m, false)
                       and (o.location_radius_km >= p_radius_km or extensions.st_dwithin(o.location, here, o.location_radius_km * 1000.0, false))
                     order by o.boost_level desc, o.created_at desc, o.id desc
                    offset 0) o
             -- The same filters as the collect below (a scalar subquery: one probe of the key per gig).
             where (select g.start_time > now()
                           and (p_looking_for is null or g.looking_for_types && p_looking_for)
                           and (p_comp_types is null or g.comp_type = any (p_comp_types))
                           and (show_mature or not g.is_mature)
                           and not (g.tags && hidden)
                           and not (g.owner_user_id = any (blocked))
                      from gigs.gigs g where g.id = o.id)
             order by o.boost_level desc, o.created_at desc, o.id desc
             limit p_limit) w;
  end if;

  if coalesce(cardinality(page), 0) < p_limit then
    -- The walk ran out (or was off): collect the circle's matches from the GiST index, take the page.
    page := array(
      select g.id
        from gigs.gigs g
       where g.status = 'published'
         and extensions.st_dwithin(g.location, here, radius_m, false)
         -- (a gig whose radius is at least the search's is inside it already: no second distance)
         and (g.location_radius_km >= p_radius_km or extensions.st_dwithin(g.location, here, g.location_radius_km * 1000.0, false))
         and g.start_time > now()
         and (p_looking_for is null or g.looking_for_types && p_looking_for)
         and (p_comp_types is null or g.comp_type = any (p_comp_types))
         and (show_mature or not g.is_mature)
         and not (g.tags && hidden)
         and not (g.owner_user_id = any (blocked))
         and (g.boost_level, g.created_at, g.id) < (after_boost, after_created, after_id)
       order by g.boost_level desc, g.created_at desc, g.id desc
       limit p_limit);
  end if;

  -- Distances on the sphere (0.3% from the spheroid at most, and several times cheaper), and only for
  -- the page.
  return query
    select g.id, g.owner_user_id, g.title, g.comp_type, g.comp_amount, g.comp_currency, g.location_text, g.location_lat, g.location_lng,
           g.location_radius_km, g.start_time, g.end_time, g.application_deadline, g.looking_for_types, g.tags, g.is_mature,
           g.boost_level, g.created_at, extensions.st_distance(g.location, here, false) / 1000
      from gigs.gigs g
     where g.id = any (page)
     order by g.boost_level desc, g.created_at desc, g.id desc;
end
$$;

revoke execute on function private.gigs_lock_own_gig(uuid, uuid, text[]), private.gigs_plan_limit(uuid, text) from public, anon, authenticated, service_role;
revoke execute on function gigs.publish_gig(uuid), gigs.close_gig(uuid), gigs.complete_gig(uuid), gigs.cancel_gig(uuid),
  gigs.boost_gig(uuid, integer, text), gigs.discover_gigs(double precision, double precision, double precision, text[], text[], integer, uuid)
  from public;
grant execute on function gigs.publish_gig(uuid), gigs.close_gig(uuid), gigs.complete_gig(uuid), gigs.cancel_gig(uuid),
  gigs.boost_gig(uuid, integer, text) to authenticated;
grant execute on function gigs.discover_gigs(double precision, double precision, double precision, text[], text[], integer, uuid)
  to anon, authenticated;
