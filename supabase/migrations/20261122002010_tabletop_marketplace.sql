-- Tabletop (seed 000), the GM marketplace: GM profiles, listings, bookings with atomic seats and a
-- price split, reviews with aggregates, disputes; GM earnings flow into the payouts run of the
-- billing schema.

-- Marketplace ----------------------------------------------------------------------------------------------------------
create table tabletop.gm_profiles (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references public.profiles (id) on delete cascade,
  headline text check (char_length(headline) <= 200),
  bio text check (char_length(bio) <= 5000),
  experience_years integer check (experience_years between 0 and 100),
  systems_played text[] not null default '{}' check (cardinality(systems_played) <= 50 and octet_length(array_to_string(systems_played, '')) <= 2000),
  languages text[] not null default '{}' check (cardinality(languages) <= 20 and octet_length(array_to_string(languages, '')) <= 400),
  timezone text check (char_length(timezone) <= 64),
  availability jsonb not null default '{}' check (octet_length(availability::text) <= 16384),
  is_listed boolean not null default false,
  min_players integer not null default 3 check (min_players > 0),
  max_players integer not null default 6 check (max_players > 0),
  session_length_minutes integer not null default 180 check (session_length_minutes > 0),
  -- Maintained by triggers from bookings and reviews.
  total_sessions integer not null default 0,
  total_reviews integer not null default 0,
  average_rating numeric(3, 2),
  average_storytelling numeric(3, 2),
  average_engagement numeric(3, 2),
  average_preparedness numeric(3, 2),
  first_session_at timestamptz,
  last_session_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (min_players <= max_players)
);
-- The GM leaderboard: listed GMs by rating, then by how many reviews it rests on.
create index gm_profiles_leaderboard_idx on tabletop.gm_profiles (average_rating desc nulls last, total_reviews desc) where is_listed;

create table tabletop.game_listings (
  id uuid primary key default gen_random_uuid(),
  gm_id uuid not null references tabletop.gm_profiles (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  description text not null check (char_length(description) <= 5000),
  game_system text not null check (char_length(game_system) <= 100),
  price_per_seat_cents bigint not null default 0 check (price_per_seat_cents >= 0),
  currency text not null default 'USD' references billing.assets (code),
  listing_type text not null check (listing_type in ('one_shot', 'campaign', 'open_table')),
  scheduled_start timestamptz,
  -- {"frequency": "weekly" | "biweekly" | "monthly", "sessions": <how many in all, optional>}
  recurring_schedule jsonb check (octet_length(recurring_schedule::text) <= 4096 and jsonb_typeof(recurring_schedule) = 'object'
    and recurring_schedule ->> 'frequency' in ('weekly', 'biweekly', 'monthly')
    and (recurring_schedule -> 'sessions' is null or (jsonb_typeof(recurring_schedule -> 'sessions') = 'number'
         and (recurring_schedule ->> 'sessions')::numeric between 1 and 1000))),
  session_length_minutes integer not null check (session_length_minutes > 0),
  min_players integer not null default 3 check (min_players > 0),
  max_players integer not null default 6 check (max_players > 0),
  current_players integer not null default 0 check (current_players >= 0),
  -- closed: its session has started (no longer bookable), waiting for the GM to complete it.
  status text not null default 'draft' check (status in ('draft', 'published', 'full', 'closed', 'completed', 'cancelled')),
  -- The session bookings are taken for: 1, then one more each time a recurring listing moves on.
  session_number integer not null default 1 check (session_number > 0),
  -- The last session its table was reminded of (private.tabletop_send_session_reminders).
  reminded_session integer not null default 0,
  -- The table a confirmed booking joins: the GM's group, or one made for the listing when it is published.
  group_id uuid references public.groups (id) on delete set null,
  experience_level text check (experience_level in ('beginner', 'intermediate', 'advanced')),
  tags text[] not null default '{}' check (cardinality(tags) <= 20 and octet_length(array_to_string(tags, '')) <= 1000),
  content_warnings text[] not null default '{}' check (cardinality(content_warnings) <= 20 and octet_length(array_to_string(content_warnings, '')) <= 1000),
  beginner_friendly boolean not null default false,
  stream_enabled boolean not null default false,
  stream_platform text check (char_length(stream_platform) <= 50),
  stream_channel_url text check (char_length(stream_channel_url) <= 2048),
  thumbnail_url text check (char_length(thumbnail_url) <= 2048),
  published_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (min_players <= max_players),
  check (current_players <= max_players)
);
alter table tabletop.game_listings add constraint game_listings_stream_channel_url_http check (private.is_http_url(stream_channel_url)),
  add constraint game_listings_thumbnail_url_http check (private.is_http_url(thumbnail_url));
create index game_listings_gm_id_idx on tabletop.game_listings (gm_id);
create index game_listings_group_id_idx on tabletop.game_listings (group_id);
create index game_listings_published_idx on tabletop.game_listings (scheduled_start) where status in ('published', 'full');
-- Browsing by game system (the seed's idx_listings_system), soonest first.
create index game_listings_system_idx on tabletop.game_listings (game_system, scheduled_start) where status in ('published', 'full');
-- Browsing by price, cheapest first (keyset on price and id): without it the page sorts every published listing.
create index game_listings_price_idx on tabletop.game_listings (price_per_seat_cents, id) where status in ('published', 'full');
-- A seat is paid through Stripe checkout: in money, never in credits.
alter table tabletop.game_listings add constraint game_listings_money_currency check (currency <> 'CREDIT');
create index game_listings_currency_idx on tabletop.game_listings (currency);
alter table tabletop.campaigns add constraint campaigns_listing_id_fkey foreign key (listing_id) references tabletop.game_listings (id) on delete set null;

create table tabletop.bookings (
  id uuid primary key default gen_random_uuid(),
  listing_id uuid not null references tabletop.game_listings (id),
  player_id uuid not null references public.profiles (id),
  payment_id uuid references billing.payments (id),
  -- The price split, computed in SQL when the seat is taken (tabletop.price_split).
  amount_cents bigint not null check (amount_cents >= 0),
  platform_fee_cents bigint not null check (platform_fee_cents >= 0),
  processing_fee_cents bigint not null check (processing_fee_cents >= 0),
  gm_payout_cents bigint not null check (gm_payout_cents >= 0),
  currency text not null references billing.assets (code),
  status text not null default 'pending' check (status in ('pending', 'confirmed', 'cancelled', 'completed')),
  session_date timestamptz,
  session_number integer not null default 1,
  -- The booking made the player a member of the listing's table (so cancelling it takes that away).
  access_granted boolean not null default false,
  cancelled_at timestamptz,
  cancelled_by uuid references public.profiles (id),
  cancellation_reason text,
  refund_amount_cents bigint check (refund_amount_cents >= 0),
  refunded_at timestamptz,
  review_window_ends_at timestamptz,
  confirmed_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  check (amount_cents = platform_fee_cents + processing_fee_cents + gm_payout_cents)
);
create unique index bookings_one_active_per_player on tabletop.bookings (listing_id, session_number, player_id) where status in ('pending', 'confirmed');
create index bookings_listing_id_idx on tabletop.bookings (listing_id, status);
create index bookings_player_id_idx on tabletop.bookings (player_id, created_at desc);
-- A player's upcoming sessions (the seed's idx_bookings_upcoming, per player).
create index bookings_upcoming_idx on tabletop.bookings (player_id, session_date) where status = 'confirmed';
create index bookings_payment_id_idx on tabletop.bookings (payment_id);
create index bookings_cancelled_by_idx on tabletop.bookings (cancelled_by);
create index bookings_currency_idx on tabletop.bookings (currency);

create table tabletop.reviews (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid not null unique references tabletop.bookings (id),
  reviewer_id uuid not null references public.profiles (id),
  gm_id uuid not null references tabletop.gm_profiles (id),
  rating integer not null check (rating between 1 and 5),
  storytelling_rating integer check (storytelling_rating between 1 and 5),
  engagement_rating integer check (engagement_rating between 1 and 5),
  preparedness_rating integer check (preparedness_rating between 1 and 5),
  review_text text check (char_length(review_text) <= 5000),
  is_public boolean not null default true,
  -- Written from a completed booking that was paid for (set by review_booking, never by the client).
  is_verified boolean not null default false,
  is_held boolean not null default false,
  held_reason text,
  is_removed boolean not null default false,
  removed_reason text,
  gm_response text check (char_length(gm_response) <= 5000),
  gm_responded_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index reviews_gm_id_idx on tabletop.reviews (gm_id, created_at desc);
create index reviews_reviewer_id_idx on tabletop.reviews (reviewer_id);

create table tabletop.disputes (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid not null references tabletop.bookings (id),
  opened_by uuid not null references public.profiles (id),
  gm_id uuid not null references tabletop.gm_profiles (id),
  player_id uuid not null references public.profiles (id),
  dispute_type text not null check (dispute_type in ('no_show', 'quality', 'conduct', 'payment', 'other')),
  opener_statement text not null check (char_length(opener_statement) between 1 and 5000),
  responder_statement text,
  status text not null default 'open' check (status in ('open', 'resolved')),
  resolution text check (resolution in ('refund', 'partial_refund', 'release')),
  refund_amount_cents bigint check (refund_amount_cents >= 0),
  resolution_notes text,
  resolved_by uuid references public.profiles (id),
  responded_at timestamptz,
  resolved_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index disputes_one_open_per_booking on tabletop.disputes (booking_id) where status = 'open';
create index disputes_booking_id_idx on tabletop.disputes (booking_id);
create index disputes_gm_id_idx on tabletop.disputes (gm_id);
create index disputes_player_id_idx on tabletop.disputes (player_id);
create index disputes_opened_by_idx on tabletop.disputes (opened_by);
create index disputes_resolved_by_idx on tabletop.disputes (resolved_by);
do $$
declare
  t text;
begin
  foreach t in array array['gm_profiles', 'game_listings', 'reviews'] loop
    execute format('create trigger set_updated_at before update on tabletop.%I for each row execute function private.set_updated_at()', t);
  end loop;
end
$$;

-- Helpers -----------------------------------------------------------------------------------------------------------------
create or replace function private.tabletop_my_gm_profile_id()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (select g.id from tabletop.gm_profiles g where g.user_id = auth.uid());
end
$$;

-- The price split of a seat: 10% platform fee, processing 2.9% + 30 cents (the card fee), the rest
-- to the GM. Rounded so that the three always add up to the amount.
create or replace function tabletop.price_split(p_amount_cents bigint, out platform_fee_cents bigint, out processing_fee_cents bigint, out gm_payout_cents bigint)
language sql
immutable
set search_path = ''
as $$
  select f.platform, f.processing, p_amount_cents - f.platform - f.processing
    from (select case when p_amount_cents = 0 then 0 else round(p_amount_cents * 0.10)::bigint end as platform,
                 case when p_amount_cents = 0 then 0 else least(p_amount_cents - round(p_amount_cents * 0.10)::bigint,
                                                                 round(p_amount_cents * 0.029)::bigint + 30) end as processing) f
$$;

-- Grants and policies -------------------------------------------------------------------------------------------------------
revoke all on tabletop.gm_profiles, tabletop.game_listings, tabletop.bookings, tabletop.reviews, tabletop.disputes from anon, authenticated;
grant select on tabletop.gm_profiles, tabletop.game_listings, tabletop.bookings, tabletop.reviews, tabletop.disputes to authenticated;
grant select on tabletop.gm_profiles, tabletop.game_listings, tabletop.reviews to anon;
grant insert (user_id, headline, bio, experience_years, systems_played, languages, timezone, availability, is_listed, min_players, max_players, session_length_minutes)
  on tabletop.gm_profiles to authenticated;
grant update (headline, bio, experience_years, systems_played, languages, timezone, availability, is_listed, min_players, max_players, session_length_minutes)
  on tabletop.gm_profiles to authenticated;
grant insert (gm_id, group_id, title, description, game_system, price_per_seat_cents, currency, listing_type, scheduled_start, recurring_schedule,
  session_length_minutes, min_players, max_players, experience_level, tags, content_warnings, beginner_friendly, stream_enabled,
  stream_platform, stream_channel_url, thumbnail_url) on tabletop.game_listings to authenticated;
grant update (group_id, title, description, game_system, price_per_seat_cents, currency, listing_type, scheduled_start, recurring_schedule,
  session_length_minutes, min_players, max_players, experience_level, tags, content_warnings, beginner_friendly, stream_enabled,
  stream_platform, stream_channel_url, thumbnail_url) on tabletop.game_listings to authenticated;
grant update (gm_response) on tabletop.reviews to authenticated;
grant execute on function private.tabletop_my_gm_profile_id() to anon, authenticated, service_role;
grant execute on function tabletop.price_split(bigint) to anon, authenticated, service_role;

alter table tabletop.gm_profiles enable row level security;
alter table tabletop.game_listings enable row level security;
alter table tabletop.bookings enable row level security;
alter table tabletop.reviews enable row level security;
alter table tabletop.disputes enable row level security;
create policy "anyone reads listed GM profiles" on tabletop.gm_profiles for select to anon using (is_listed);
create policy "signed-in users read listed GM profiles and their own" on tabletop.gm_profiles for select to authenticated
  using (is_listed or user_id = (select auth.uid()));
create policy "active users become GMs" on tabletop.gm_profiles for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_active_user()));
create policy "GMs edit their profile" on tabletop.gm_profiles for update to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active_user())) with check (user_id = (select auth.uid()));

create policy "anyone reads published listings" on tabletop.game_listings for select to anon using (status in ('published', 'full', 'closed', 'completed'));
create policy "signed-in users read published listings and GMs their own" on tabletop.game_listings for select to authenticated
  using (status in ('published', 'full', 'closed', 'completed') or gm_id = (select private.tabletop_my_gm_profile_id()));
create policy "GMs draft listings" on tabletop.game_listings for insert to authenticated
  with check (gm_id = (select private.tabletop_my_gm_profile_id()) and (select private.is_active_user()));
create policy "GMs edit their listings" on tabletop.game_listings for update to authenticated
  using (gm_id = (select private.tabletop_my_gm_profile_id()) and (select private.is_active_user()))
  with check (gm_id = (select private.tabletop_my_gm_profile_id()));

create policy "players, their GMs and staff read bookings" on tabletop.bookings for select to authenticated
  using (player_id = (select auth.uid())
         or listing_id in (select l.id from tabletop.game_listings l where l.gm_id = (select private.tabletop_my_gm_profile_id()))
         or (select private.has_permission('support.read')));

create policy "anyone reads public reviews that are not held or removed" on tabletop.reviews for select to anon
  using (is_public and not is_held and not is_removed);
create policy "reviews: the public ones, one's own, the GM's about them, and staff all" on tabletop.reviews for select to authenticated
  using ((is_public and not is_held and not is_removed) or reviewer_id = (select auth.uid())
         or gm_id = (select private.tabletop_my_gm_profile_id()) or (select private.has_permission('moderation.act')));
create policy "GMs answer reviews of them" on tabletop.reviews for update to authenticated
  using (gm_id = (select private.tabletop_my_gm_profile_id()) and (select private.is_active_user()))
  with check (gm_id = (select private.tabletop_my_gm_profile_id()));

create policy "the two sides and staff read disputes" on tabletop.disputes for select to authenticated
  using (player_id = (select auth.uid()) or gm_id = (select private.tabletop_my_gm_profile_id()) or (select private.has_permission('moderation.act')));

-- Listings ------------------------------------------------------------------------------------------------------------------
-- Publishing: a paid listing needs a GM whose Stripe Connect account can be paid; a listing without
-- a group of the GM's gets one, with a campaign and its channels, for its players to join.
create or replace function tabletop.publish_listing(p_listing_id uuid)
returns tabletop.game_listings
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  listing tabletop.game_listings;
begin
  select l.* into listing from tabletop.game_listings l join tabletop.gm_profiles g on g.id = l.gm_id
   where l.id = p_listing_id and g.user_id = caller for update of l;
  if not found then
    raise exception 'no listing % of yours', p_listing_id using errcode = 'PA001';
  end if;
  if listing.status <> 'draft' then
    raise exception 'only a draft is published (this one is %)', listing.status using errcode = 'PA115';
  end if;
  if listing.scheduled_start <= now() then
    raise exception 'the session started at %: move it to a later date first', listing.scheduled_start using errcode = 'PA140';
  end if;
  -- The payouts rule is checked by the trigger below, which every later update meets too.
  update tabletop.game_listings set status = 'published', published_at = now() where id = p_listing_id returning * into listing;
  -- The table its players join (private.tabletop_ensure_table, in the lifecycle migration).
  perform private.tabletop_ensure_table(listing);
  select * into listing from tabletop.game_listings where id = p_listing_id;
  return listing;
end
$$;

-- A listing that takes bookings and costs money needs a GM whose Stripe account can be paid: when it is
-- published, and whenever it changes afterwards (a free listing's price raised by a plain update).
create or replace function private.tabletop_check_listing_payable()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status in ('published', 'full') and new.price_per_seat_cents > 0
     and not exists (select 1 from tabletop.gm_profiles g join billing.connected_accounts a on a.user_id = g.user_id and a.payouts_enabled
                      where g.id = new.gm_id) then
    raise exception 'a paid listing needs a Stripe account with payouts enabled: finish onboarding first' using errcode = 'PA116';
  end if;
  return new;
end
$$;
create trigger check_listing_payable before insert or update of status, price_per_seat_cents, gm_id on tabletop.game_listings
  for each row execute function private.tabletop_check_listing_payable();

-- When a booking's session ends: its own date, else the listing's start, plus the session's length.
create or replace function private.tabletop_session_end(p_booking tabletop.bookings)
returns timestamptz
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(p_booking.session_date, l.scheduled_start) + make_interval(mins => l.session_length_minutes)
    from tabletop.game_listings l where l.id = p_booking.listing_id
$$;

-- Bookings ------------------------------------------------------------------------------------------------------------------
-- How many unpaid seats a player may hold at once: each blocks a seat for 30 minutes, so without a
-- bound one account could hold every table's seats.
create or replace function private.tabletop_max_unpaid_holds()
returns integer
language sql
immutable
set search_path = ''
as $$
  select 3
$$;

-- Takes a seat atomically (the listing row is locked): concurrent bookings never oversell it.
create or replace function tabletop.book_seat(p_listing_id uuid)
returns tabletop.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  listing tabletop.game_listings;
  split record;
  booking tabletop.bookings;
begin
  select * into listing from tabletop.game_listings where id = p_listing_id for update;
  if not found or listing.status not in ('published', 'full') then
    raise exception 'listing % is not open for booking', p_listing_id using errcode = 'PA001';
  end if;
  if exists (select 1 from tabletop.gm_profiles where id = listing.gm_id and user_id = caller) then
    raise exception 'a GM does not book their own table' using errcode = '22023';
  end if;
  -- A session that has started takes no one (the sweeper closes such a listing within minutes; this
  -- holds in between), nor does a GM who may not act (suspended or deleted).
  if listing.scheduled_start <= now() then
    raise exception 'the session started at %: it takes no more bookings', listing.scheduled_start using errcode = 'PA140';
  end if;
  if not private.tabletop_gm_is_active(listing.gm_id) then
    raise exception 'this GM cannot take bookings now' using errcode = 'PA141';
  end if;
  if listing.current_players >= listing.max_players then
    raise exception 'the table is full (% seats)', listing.max_players using errcode = 'PA004';
  end if;
  if listing.price_per_seat_cents > 0 then
    -- One player's holds are counted one booking at a time (bookings of different listings lock different rows).
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('tabletop.unpaid_holds:' || caller::text, 0));
    if (select count(*) from tabletop.bookings b
         where b.player_id = caller and b.status = 'pending' and b.created_at >= now() - interval '30 minutes')
       >= private.tabletop_max_unpaid_holds() then
      raise exception 'you already hold % unpaid seats: pay for or cancel one first (unpaid seats are released after 30 minutes)',
        private.tabletop_max_unpaid_holds() using errcode = 'PA130';
    end if;
  end if;
  select * into split from tabletop.price_split(listing.price_per_seat_cents);
  insert into tabletop.bookings (listing_id, player_id, amount_cents, platform_fee_cents, processing_fee_cents, gm_payout_cents, currency,
                                 session_date, session_number, status, confirmed_at)
  values (listing.id, caller, listing.price_per_seat_cents, split.platform_fee_cents, split.processing_fee_cents, split.gm_payout_cents,
          listing.currency, listing.scheduled_start, listing.session_number,
          -- A free seat needs no payment.
          case when listing.price_per_seat_cents = 0 then 'confirmed' else 'pending' end,
          case when listing.price_per_seat_cents = 0 then now() end)
  returning * into booking;
  update tabletop.game_listings
     set current_players = current_players + 1,
         status = case when current_players + 1 >= max_players then 'full' else status end
   where id = listing.id;
  return booking;
exception when unique_violation then
  raise exception 'you already have a seat at this table' using errcode = '23505';
end
$$;

-- Frees a seat (cancellation, or an unpaid booking that expired); a seat of a session the listing
-- has moved past (a recurring one) is no longer counted.
create or replace function private.tabletop_free_seat(p_listing_id uuid, p_session_number integer)
returns void
language sql
security definer
set search_path = ''
as $$
  update tabletop.game_listings
     set current_players = greatest(current_players - 1, 0),
         status = case when status = 'full' then 'published' else status end
   where id = p_listing_id and session_number = p_session_number
$$;

-- Whether a GM may take bookings: their account is active (not suspended, not deleted).
create or replace function private.tabletop_gm_is_active(p_gm_profile_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from tabletop.gm_profiles g join public.profiles p on p.id = g.user_id
                  where g.id = p_gm_profile_id
                    and (p.status = 'active' or (p.status = 'suspended' and p.suspended_until <= now())))
$$;

-- The checkout function's view of a booking: its price, for its player, while it awaits payment.
create or replace function tabletop.booking_price(p_ref text, p_user_id uuid)
returns table (amount bigint, currency text, name text)
language sql
stable
security definer
set search_path = ''
as $$
  select b.amount_cents, b.currency, 'Seat: ' || l.title
    from tabletop.bookings b join tabletop.game_listings l on l.id = b.listing_id
   where b.id::text = p_ref and b.player_id = p_user_id and b.status = 'pending' and b.amount_cents > 0
$$;

-- Stripe's webhook confirms a paid booking through this purchase handler (once per payment: the core
-- calls it only while the payment is pending). A payment can arrive for a booking that no longer
-- awaits it: its unpaid hold expired while the player was at checkout, or it was already paid. That
-- must not fail the event (Stripe would retry it forever): a booking whose hold expired gets its seat
-- back if one is free and the session has not started; otherwise the payment is refunded in full,
-- once (the refund request is keyed by the payment).
create or replace function tabletop.mark_booking_paid(p_payment_id uuid, p_ref text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  booking tabletop.bookings;
  listing tabletop.game_listings;
  paid bigint;
begin
  select b.* into booking from tabletop.bookings b where b.id::text = p_ref for update;
  if not found then
    raise exception 'no booking %', p_ref using errcode = 'PA001';
  end if;
  if booking.status = 'pending' then
    update tabletop.bookings set status = 'confirmed', payment_id = p_payment_id, confirmed_at = now() where id = booking.id;
    return;
  end if;
  if booking.payment_id = p_payment_id then
    return;  -- this payment was applied already
  end if;
  if booking.status = 'cancelled' and booking.cancellation_reason = 'unpaid' and booking.cancelled_by is null and booking.payment_id is null then
    select l.* into listing from tabletop.game_listings l where l.id = booking.listing_id for update;
    if listing.status in ('published', 'full') and listing.current_players < listing.max_players
       and booking.session_number = listing.session_number and private.tabletop_gm_is_active(listing.gm_id)
       and coalesce(coalesce(booking.session_date, listing.scheduled_start) > now(), true)
       and not exists (select 1 from tabletop.bookings b where b.listing_id = booking.listing_id and b.player_id = booking.player_id
                        and b.session_number = booking.session_number and b.status in ('pending', 'confirmed')) then
      update tabletop.bookings
         set status = 'confirmed', payment_id = p_payment_id, confirmed_at = now(), cancelled_at = null, cancellation_reason = null
       where id = booking.id;
      update tabletop.game_listings
         set current_players = current_players + 1,
             status = case when current_players + 1 >= max_players then 'full' else status end
       where id = listing.id;
      return;
    end if;
  end if;
  -- No seat to give for this payment: all of it goes back. A booking that had none records it.
  select p.amount - p.amount_refunded into paid from billing.payments p where p.id = p_payment_id;
  if paid > 0 then
    perform billing.request_refund(p_payment_id, paid, 'no seat for this payment: booking ' || booking.id || ' is ' || booking.status,
                                   'tabletop_booking_payment', p_payment_id::text);
  end if;
  if booking.payment_id is null then
    update tabletop.bookings set payment_id = p_payment_id, refund_amount_cents = paid where id = booking.id;
  end if;
end
$$;
insert into billing.purchase_handlers (product_type, handler, price_function)
values ('tabletop_booking', 'tabletop.mark_booking_paid(uuid, text)', 'tabletop.booking_price(text, uuid)');

-- Cancels one locked, open booking: frees its seat and queues its refund (keyed by the booking, so
-- a booking is refunded once however often this runs). p_by is null when the platform cancels.
create or replace function private.tabletop_cancel_booking_row(p_booking tabletop.bookings, p_by uuid, p_reason text, p_refund bigint)
returns tabletop.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  booking tabletop.bookings;
begin
  update tabletop.bookings
     set status = 'cancelled', cancelled_at = now(), cancelled_by = p_by, cancellation_reason = p_reason, refund_amount_cents = p_refund
   where id = p_booking.id
  returning * into booking;
  perform private.tabletop_free_seat(booking.listing_id, booking.session_number);
  if p_refund > 0 and booking.payment_id is not null then
    perform billing.request_refund(booking.payment_id, p_refund, coalesce(p_reason, 'booking cancelled'), 'tabletop_booking', booking.id::text);
  end if;
  return booking;
end
$$;

-- Cancellation by the player or the GM. The refund rule, by notice given: the GM cancelling, or the
-- player 48 hours or more before the session, refunds in full; 24 to 48 hours, half; less, nothing.
-- The notice counts from the booking's session date, which follows the listing when the GM moves it.
create or replace function tabletop.cancel_booking(p_booking_id uuid, p_reason text default null)
returns tabletop.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  booking tabletop.bookings;
  by_gm boolean;
  notice interval;
  refund bigint;
begin
  select b.* into booking from tabletop.bookings b where b.id = p_booking_id for update;
  if not found then
    raise exception 'no booking %', p_booking_id using errcode = 'PA001';
  end if;
  by_gm := exists (select 1 from tabletop.game_listings l join tabletop.gm_profiles g on g.id = l.gm_id
                    where l.id = booking.listing_id and g.user_id = caller);
  if booking.player_id <> caller and not by_gm then
    raise exception 'only the player or the GM cancels a booking' using errcode = '42501';
  end if;
  if booking.status not in ('pending', 'confirmed') then
    raise exception 'booking % is %', p_booking_id, booking.status using errcode = 'PA115';
  end if;
  notice := coalesce(booking.session_date, now() + interval '1000 days') - now();
  refund := case
    when booking.status = 'pending' then 0
    when by_gm or notice >= interval '48 hours' then booking.amount_cents
    when notice >= interval '24 hours' then booking.amount_cents / 2
    else 0 end;
  return private.tabletop_cancel_booking_row(booking, caller, p_reason, refund);
end
$$;

-- Completes one locked, confirmed booking whose session has ended: the review window opens, the
-- GM's share becomes an earning payable after the hold window (7 days), held at once when a dispute
-- is open on the booking (a player may dispute a no-show before anyone completes it).
create or replace function private.tabletop_complete_booking_row(p_booking tabletop.bookings)
returns tabletop.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  booking tabletop.bookings;
  gm tabletop.gm_profiles;
begin
  select g.* into gm from tabletop.game_listings l join tabletop.gm_profiles g on g.id = l.gm_id where l.id = p_booking.listing_id;
  update tabletop.bookings set status = 'completed', completed_at = now(), review_window_ends_at = now() + interval '14 days'
   where id = p_booking.id returning * into booking;
  update tabletop.gm_profiles
     set total_sessions = total_sessions + 1, first_session_at = coalesce(first_session_at, now()), last_session_at = now()
   where id = gm.id;
  if booking.gm_payout_cents > 0 then
    perform billing.record_seller_earning(gm.user_id, booking.gm_payout_cents, booking.currency, 'tabletop_booking', booking.id::text,
                                          booking.payment_id, now() + interval '7 days');
    if exists (select 1 from tabletop.disputes d where d.booking_id = booking.id and d.status = 'open') then
      perform billing.hold_seller_earning('tabletop_booking', booking.id::text);
    end if;
  end if;
  return booking;
end
$$;

-- After the session the GM completes the booking (or the platform does, 48 hours after the session's
-- end: private.tabletop_sweep_bookings).
create or replace function tabletop.complete_booking(p_booking_id uuid)
returns tabletop.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  booking tabletop.bookings;
  gm tabletop.gm_profiles;
begin
  select b.* into booking from tabletop.bookings b where b.id = p_booking_id for update;
  select g.* into gm from tabletop.game_listings l join tabletop.gm_profiles g on g.id = l.gm_id where l.id = booking.listing_id;
  if booking.id is null or gm.user_id is distinct from caller then
    raise exception 'only the GM completes their bookings' using errcode = '42501';
  end if;
  if booking.status <> 'confirmed' then
    raise exception 'booking % is %', p_booking_id, booking.status using errcode = 'PA115';
  end if;
  -- Completing makes the GM's share payable and starts the player's windows: only after the session.
  if coalesce(private.tabletop_session_end(booking) > now(), true) then
    raise exception 'a booking is completed after its session ends (%)', coalesce(private.tabletop_session_end(booking)::text, 'no date set')
      using errcode = 'PA115';
  end if;
  return private.tabletop_complete_booking_row(booking);
end
$$;

-- Unpaid bookings give their seat back after 30 minutes.
create or replace function private.tabletop_expire_unpaid_bookings()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  expired tabletop.bookings;
  n integer := 0;
begin
  for expired in
    update tabletop.bookings set status = 'cancelled', cancelled_at = now(), cancellation_reason = 'unpaid'
     where status = 'pending' and created_at < now() - interval '30 minutes'
    returning *
  loop
    perform private.tabletop_free_seat(expired.listing_id, expired.session_number);
    n := n + 1;
  end loop;
  return n;
end
$$;
select cron.schedule('expire-unpaid-bookings', '*/5 * * * *', 'select private.tabletop_expire_unpaid_bookings()');

-- Reviews -------------------------------------------------------------------------------------------------------------------
create or replace function tabletop.review_booking(p_booking_id uuid, p_rating integer, p_storytelling integer default null,
  p_engagement integer default null, p_preparedness integer default null, p_text text default null, p_public boolean default true)
returns tabletop.reviews
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  booking tabletop.bookings;
  created tabletop.reviews;
begin
  select * into booking from tabletop.bookings where id = p_booking_id;
  if booking.id is null or booking.player_id <> caller then
    raise exception 'only the booking''s player reviews it' using errcode = '42501';
  end if;
  if booking.status <> 'completed' or booking.review_window_ends_at < now() then
    raise exception 'a review is written after the session and within 14 days' using errcode = 'PA115';
  end if;
  insert into tabletop.reviews (booking_id, reviewer_id, gm_id, rating, storytelling_rating, engagement_rating, preparedness_rating, review_text, is_public,
                                is_verified)
  select booking.id, caller, l.gm_id, p_rating, p_storytelling, p_engagement, p_preparedness, p_text, coalesce(p_public, true),
         -- Verified: the seat was paid for, and that payment went through.
         exists (select 1 from billing.payments p where p.id = booking.payment_id and p.status in ('succeeded', 'partially_refunded'))
    from tabletop.game_listings l where l.id = booking.listing_id
  returning * into created;
  return created;
exception when unique_violation then
  raise exception 'this booking has a review already' using errcode = '23505';
end
$$;

-- Staff hold a review for moderation, release it, or remove it.
create or replace function tabletop.moderate_review(p_review_id uuid, p_hold boolean, p_remove boolean, p_reason text)
returns tabletop.reviews
language plpgsql
security definer
set search_path = ''
as $$
declare
  updated tabletop.reviews;
begin
  perform private.require_staff_permission('moderation.act');
  update tabletop.reviews
     set is_held = p_hold, held_reason = case when p_hold then p_reason end,
         is_removed = p_remove, removed_reason = case when p_remove then p_reason end
   where id = p_review_id
  returning * into updated;
  if not found then
    raise exception 'no review %', p_review_id using errcode = 'PA001';
  end if;
  perform private.log_moderation(case when p_remove then 'hide_content' else 'warn' end, 'review', p_review_id::text, null, p_reason,
    jsonb_build_object('held', p_hold, 'removed', p_remove));
  return updated;
end
$$;

-- A GM's aggregates count the reviews the public sees only: public, neither held nor removed.
create or replace function private.tabletop_refresh_gm_ratings()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update tabletop.gm_profiles g
     set total_reviews = r.n, average_rating = r.rating, average_storytelling = r.storytelling,
         average_engagement = r.engagement, average_preparedness = r.preparedness
    from (select count(*)::integer as n, round(avg(rating), 2) as rating, round(avg(storytelling_rating), 2) as storytelling,
                 round(avg(engagement_rating), 2) as engagement, round(avg(preparedness_rating), 2) as preparedness
            from tabletop.reviews where gm_id = new.gm_id and is_public and not is_held and not is_removed) r
   where g.id = new.gm_id;
  return null;
end
$$;
create trigger refresh_gm_ratings after insert or update of rating, storytelling_rating, engagement_rating, preparedness_rating, is_public, is_held, is_removed
  on tabletop.reviews for each row execute function private.tabletop_refresh_gm_ratings();

create or replace function private.tabletop_stamp_gm_response()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.gm_response is distinct from old.gm_response then
    new.gm_responded_at := now();
  end if;
  return new;
end
$$;
create trigger stamp_gm_response before update of gm_response on tabletop.reviews for each row execute function private.tabletop_stamp_gm_response();

-- Disputes ------------------------------------------------------------------------------------------------------------------
-- Opened by the player or the GM within 7 days of the session's end, whether or not the GM completed
-- the booking (a GM who never turned up never completes it); it freezes that booking's payout.
create or replace function tabletop.open_dispute(p_booking_id uuid, p_type text, p_statement text)
returns tabletop.disputes
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  booking tabletop.bookings;
  gm tabletop.gm_profiles;
  created tabletop.disputes;
begin
  select * into booking from tabletop.bookings where id = p_booking_id for update;
  select g.* into gm from tabletop.game_listings l join tabletop.gm_profiles g on g.id = l.gm_id where l.id = booking.listing_id;
  if booking.id is null or (caller <> booking.player_id and caller <> gm.user_id) then
    raise exception 'only the player or the GM opens a dispute on a booking' using errcode = '42501';
  end if;
  if booking.status not in ('confirmed', 'completed') or coalesce(private.tabletop_session_end(booking) > now(), true)
     or private.tabletop_session_end(booking) < now() - interval '7 days' then
    raise exception 'a dispute is opened within 7 days of the end of a session that took place' using errcode = 'PA115';
  end if;
  insert into tabletop.disputes (booking_id, opened_by, gm_id, player_id, dispute_type, opener_statement)
  values (booking.id, caller, gm.id, booking.player_id, p_type, p_statement)
  returning * into created;
  -- The GM's earning waits for the resolution (the core holds it; nothing to hold for a free seat).
  perform billing.hold_seller_earning('tabletop_booking', booking.id::text);
  return created;
exception when unique_violation then
  raise exception 'this booking has an open dispute already' using errcode = '23505';
end
$$;

create or replace function tabletop.respond_to_dispute(p_dispute_id uuid, p_statement text)
returns tabletop.disputes
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  updated tabletop.disputes;
begin
  update tabletop.disputes d set responder_statement = p_statement, responded_at = now()
   where d.id = p_dispute_id and d.status = 'open' and d.opened_by <> caller
     and (d.player_id = caller or d.gm_id in (select g.id from tabletop.gm_profiles g where g.user_id = caller))
  returning * into updated;
  if not found then
    raise exception 'no open dispute % for you to answer', p_dispute_id using errcode = 'PA001';
  end if;
  return updated;
end
$$;

-- Staff resolve: release (the GM is paid), partial_refund or refund (the player gets that much back
-- and the GM's earning is reduced by it; a full refund voids it).
create or replace function tabletop.resolve_dispute(p_dispute_id uuid, p_resolution text, p_refund_cents bigint default null, p_notes text default null)
returns tabletop.disputes
language plpgsql
security definer
set search_path = ''
as $$
declare
  moderator uuid := private.require_staff_permission('moderation.act');
  dispute tabletop.disputes;
  booking tabletop.bookings;
  refund bigint;
begin
  -- It moves money (a refund, the GM's earning): staff act from a session verified with MFA.
  perform private.require_aal2('dispute resolutions');
  select * into dispute from tabletop.disputes where id = p_dispute_id and status = 'open' for update;
  if not found then
    raise exception 'no open dispute %', p_dispute_id using errcode = 'PA001';
  end if;
  select * into booking from tabletop.bookings where id = dispute.booking_id for update;
  -- A booking disputed before anyone completed it is completed now, so that its earning exists (held)
  -- and is settled below like any other.
  if booking.status = 'confirmed' then
    booking := private.tabletop_complete_booking_row(booking);
  end if;
  refund := case p_resolution when 'release' then 0 when 'refund' then booking.amount_cents
                              when 'partial_refund' then p_refund_cents end;
  if refund is null or refund < 0 or refund > booking.amount_cents or (p_resolution = 'partial_refund' and refund = 0) then
    raise exception 'a resolution is release, refund, or partial_refund with an amount up to the booking''s' using errcode = '22023';
  end if;
  update tabletop.disputes set status = 'resolved', resolution = p_resolution, refund_amount_cents = refund, resolution_notes = p_notes,
                               resolved_by = moderator, resolved_at = now()
   where id = p_dispute_id returning * into dispute;
  if refund > 0 then
    update tabletop.bookings set refund_amount_cents = refund where id = booking.id;
    if booking.payment_id is not null then
      perform billing.request_refund(booking.payment_id, refund, 'dispute resolved: ' || p_resolution, 'tabletop_dispute', dispute.id::text);
    end if;
  end if;
  perform billing.settle_held_earning('tabletop_booking', booking.id::text,
    greatest(booking.gm_payout_cents - refund, 0));
  perform private.log_moderation('resolve_report', 'booking', booking.id::text, null, p_notes,
    jsonb_build_object('dispute_id', dispute.id, 'resolution', p_resolution, 'refund_cents', refund));
  return dispute;
end
$$;

grant execute on function tabletop.publish_listing(uuid), tabletop.book_seat(uuid), tabletop.cancel_booking(uuid, text),
  tabletop.complete_booking(uuid), tabletop.review_booking(uuid, integer, integer, integer, integer, text, boolean),
  tabletop.moderate_review(uuid, boolean, boolean, text), tabletop.open_dispute(uuid, text, text),
  tabletop.respond_to_dispute(uuid, text), tabletop.resolve_dispute(uuid, text, bigint, text) to authenticated;
