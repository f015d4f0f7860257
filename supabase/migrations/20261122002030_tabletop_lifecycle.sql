-- Tabletop (seed 000), what happens to a listing and its bookings over time: the GM completes,
-- cancels or unpublishes a listing; moving its start moves its bookings; a confirmed booking seats the
-- player at the listing's table (a group with a campaign and its channels) and a cancelled one takes
-- the seat away; a sweeper (pg_cron) closes listings whose session started, moves recurring ones to
-- their next session, completes bookings nobody completed and cancels the listings of GMs who may no
-- longer act. Notifications: tabletop.listing_cancelled, tabletop.session_moved.

-- The listing's table ------------------------------------------------------------------------------------------------
-- A listing without a group gets one (owned by the GM, made with the core's create_group as the GM,
-- who is the caller of publish_listing), a campaign linked to the listing and its ic, ooc and dice
-- channels. Players join the group when their booking is confirmed, and so its channels.
create or replace function private.tabletop_ensure_table(p_listing tabletop.game_listings)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  gm_user uuid := (select g.user_id from tabletop.gm_profiles g where g.id = p_listing.gm_id);
  table_group public.groups;
  campaign_id uuid;
  channel_type text;
begin
  if p_listing.group_id is not null then
    return p_listing.group_id;
  end if;
  table_group := public.create_group(left(p_listing.title, 200), 'listing-' || p_listing.id::text);
  insert into tabletop.campaigns (group_id, listing_id, name, description, game_system)
  values (table_group.id, p_listing.id, left(p_listing.title, 200), left(p_listing.description, 5000), p_listing.game_system)
  returning id into campaign_id;
  foreach channel_type in array array['ic', 'ooc', 'dice'] loop
    perform private.open_subject_channel('campaign', campaign_id, channel_type,
      left(p_listing.title, 180) || ' (' || channel_type || ')', gm_user, array[gm_user]);
  end loop;
  update tabletop.game_listings set group_id = table_group.id where id = p_listing.id;
  return table_group.id;
end
$$;

-- A listing's group is one its GM runs (owner or GM of it), checked on insert and on every update;
-- once players were seated through it, it no longer changes (they would keep the old table).
create or replace function private.tabletop_check_listing_group()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.group_id is not distinct from old.group_id then
    return new;
  end if;
  if new.group_id is not null and auth.uid() is not null
     and coalesce(private.group_role_of(new.group_id) not in ('owner', 'gm'), true) then
    raise exception 'a listing''s table is a group you own or run as GM' using errcode = '42501';
  end if;
  if tg_op = 'UPDATE' and exists (select 1 from tabletop.bookings b where b.listing_id = new.id and b.access_granted) then
    raise exception 'players were seated at this listing''s table: it keeps its group' using errcode = 'PA115';
  end if;
  return new;
end
$$;
create trigger check_listing_group before insert or update of group_id on tabletop.game_listings
  for each row execute function private.tabletop_check_listing_group();

-- Booking gives access ------------------------------------------------------------------------------------------------
-- A booking that becomes confirmed makes its player a player of the listing's group (unless they are
-- a member already: then nothing is theirs to lose); one that is cancelled, or refunded in full after
-- a dispute, takes that membership away again, unless another booking still seats them at that group.
-- Channels and the campaign:<id> topic follow the membership (the core's sync_scope_membership).
create or replace function private.tabletop_booking_access()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  listing tabletop.game_listings;
  gm_user uuid;
begin
  select * into listing from tabletop.game_listings where id = new.listing_id;
  if new.status = 'confirmed' and not new.access_granted and listing.group_id is not null
     and private.member_role('group', listing.group_id, new.player_id) is null then
    gm_user := (select g.user_id from tabletop.gm_profiles g where g.id = listing.gm_id);
    begin
      perform private.add_member('group', listing.group_id, new.player_id, 'player', gm_user);
      new.access_granted := true;
    exception when sqlstate 'PA004' then
      -- The GM's own group is full: the seat is paid and stays; the GM is told to make room.
      perform private.notify(gm_user, 'tabletop.table_full', jsonb_build_object('listing_id', listing.id, 'booking_id', new.id));
    end;
  elsif new.access_granted
        and (new.status = 'cancelled' or (new.amount_cents > 0 and coalesce(new.refund_amount_cents, 0) >= new.amount_cents)) then
    new.access_granted := false;
    if not exists (select 1 from tabletop.bookings b join tabletop.game_listings l on l.id = b.listing_id
                    where b.player_id = new.player_id and b.id <> new.id and b.access_granted and l.group_id = listing.group_id)
       and private.member_role('group', listing.group_id, new.player_id) = 'player' then
      perform private.delete_member('group', listing.group_id, new.player_id);
    end if;
  end if;
  return new;
end
$$;
create trigger booking_access before insert or update of status, refund_amount_cents on tabletop.bookings
  for each row execute function private.tabletop_booking_access();

-- Moving a session ----------------------------------------------------------------------------------------------------
-- The GM moves a listing's start with a plain update: its open bookings of that session move with it
-- (so the refund rule of cancel_booking counts from the new date) and their players are told. A
-- session that has started, or a listing that is over, is not moved; a booked one moves to the future.
create or replace function private.tabletop_check_listing_move()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.scheduled_start is not distinct from old.scheduled_start or new.session_number <> old.session_number then
    return new;  -- unchanged, or the sweeper moving a recurring listing on to its next session
  end if;
  if old.status in ('closed', 'completed', 'cancelled') then
    raise exception 'a listing that is % keeps its date', old.status using errcode = 'PA115';
  end if;
  if coalesce(new.scheduled_start <= now(), true)
     and exists (select 1 from tabletop.bookings b where b.listing_id = new.id and b.session_number = new.session_number
                   and b.status in ('pending', 'confirmed')) then
    raise exception 'a booked session moves to a date in the future' using errcode = '22023';
  end if;
  -- A moved session is reminded of again, a day before its new date.
  new.reminded_session := least(new.reminded_session, new.session_number - 1);
  return new;
end
$$;
create trigger check_listing_move before update of scheduled_start on tabletop.game_listings
  for each row execute function private.tabletop_check_listing_move();

create or replace function private.tabletop_move_bookings()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  moved tabletop.bookings;
begin
  if new.scheduled_start is not distinct from old.scheduled_start or new.session_number <> old.session_number then
    return null;
  end if;
  for moved in
    update tabletop.bookings set session_date = new.scheduled_start
     where listing_id = new.id and session_number = new.session_number and status in ('pending', 'confirmed')
    returning *
  loop
    perform private.notify(moved.player_id, 'tabletop.session_moved',
      jsonb_build_object('listing_id', new.id, 'booking_id', moved.id, 'title', new.title,
                         'previous_start', old.scheduled_start, 'scheduled_start', new.scheduled_start));
  end loop;
  return null;
end
$$;
create trigger move_bookings after update of scheduled_start on tabletop.game_listings
  for each row execute function private.tabletop_move_bookings();

-- Listing lifecycle ---------------------------------------------------------------------------------------------------
-- Cancels a locked listing: every open booking (of any session) is cancelled, a paid one refunded in
-- full (once: refunds are keyed by the booking), and its player told. p_by is null when the platform
-- cancels (a GM who may no longer act).
create or replace function private.tabletop_cancel_listing_row(p_listing tabletop.game_listings, p_by uuid, p_reason text)
returns tabletop.game_listings
language plpgsql
security definer
set search_path = ''
as $$
declare
  booking tabletop.bookings;
  listing tabletop.game_listings;
begin
  for booking in
    select b.* from tabletop.bookings b where b.listing_id = p_listing.id and b.status in ('pending', 'confirmed') order by b.id for update
  loop
    booking := private.tabletop_cancel_booking_row(booking, p_by, coalesce(p_reason, 'the listing was cancelled'),
                                                   case when booking.status = 'confirmed' then booking.amount_cents else 0 end);
    perform private.notify(booking.player_id, 'tabletop.listing_cancelled',
      jsonb_build_object('listing_id', p_listing.id, 'booking_id', booking.id, 'title', p_listing.title,
                         'refund_amount_cents', booking.refund_amount_cents, 'currency', booking.currency, 'reason', p_reason));
  end loop;
  update tabletop.game_listings set status = 'cancelled', current_players = 0 where id = p_listing.id returning * into listing;
  return listing;
end
$$;

-- The caller's own listing, locked; PA001 when it is not theirs (or does not exist).
create or replace function private.tabletop_lock_my_listing(p_listing_id uuid)
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
  return listing;
end
$$;

create or replace function tabletop.cancel_listing(p_listing_id uuid, p_reason text default null)
returns tabletop.game_listings
language plpgsql
security definer
set search_path = ''
as $$
declare
  listing tabletop.game_listings := private.tabletop_lock_my_listing(p_listing_id);
begin
  if listing.status not in ('draft', 'published', 'full', 'closed') then
    raise exception 'a listing that is % is not cancelled', listing.status using errcode = 'PA115';
  end if;
  if char_length(p_reason) > 1000 then
    raise exception 'a reason is at most 1000 characters' using errcode = '22023';
  end if;
  return private.tabletop_cancel_listing_row(listing, auth.uid(), p_reason);
end
$$;

-- Back to draft: out of the public's sight and closed to bookings; seats taken stay taken.
create or replace function tabletop.unpublish_listing(p_listing_id uuid)
returns tabletop.game_listings
language plpgsql
security definer
set search_path = ''
as $$
declare
  listing tabletop.game_listings := private.tabletop_lock_my_listing(p_listing_id);
begin
  perform private.tabletop_unpublish(listing.id::text);
  select * into listing from tabletop.game_listings where id = p_listing_id;
  return listing;
end
$$;

-- After the session: completes every confirmed booking whose session has ended; a listing whose last
-- session has started (closed) is then completed. A booking whose session is still to come keeps the
-- listing open (PA115): cancel it instead.
create or replace function tabletop.complete_listing(p_listing_id uuid)
returns tabletop.game_listings
language plpgsql
security definer
set search_path = ''
as $$
declare
  listing tabletop.game_listings := private.tabletop_lock_my_listing(p_listing_id);
  booking tabletop.bookings;
begin
  if listing.status not in ('published', 'full', 'closed') then
    raise exception 'a listing that is % is not completed', listing.status using errcode = 'PA115';
  end if;
  if listing.status = 'closed' and exists (select 1 from tabletop.bookings b where b.listing_id = listing.id and b.status = 'confirmed'
                                             and coalesce(private.tabletop_session_end(b) > now(), true)) then
    raise exception 'the session has not ended yet' using errcode = 'PA115';
  end if;
  if listing.status <> 'closed' and not exists (select 1 from tabletop.bookings b where b.listing_id = listing.id and b.status = 'confirmed'
                                                   and private.tabletop_session_end(b) <= now()) then
    raise exception 'no session of this listing has ended yet' using errcode = 'PA115';
  end if;
  for booking in
    select b.* from tabletop.bookings b where b.listing_id = listing.id and b.status = 'confirmed' and private.tabletop_session_end(b) <= now()
     order by b.id for update
  loop
    perform private.tabletop_complete_booking_row(booking);
  end loop;
  if listing.status = 'closed' then
    update tabletop.game_listings set status = 'completed', completed_at = now() where id = listing.id returning * into listing;
  else
    select * into listing from tabletop.game_listings where id = listing.id;
  end if;
  return listing;
end
$$;

-- The sweeper -------------------------------------------------------------------------------------------------------------
-- The next start of a recurring listing after p_after, or null when its series is over.
create or replace function private.tabletop_next_session(p_listing tabletop.game_listings, p_after timestamptz)
returns timestamptz
language plpgsql
stable
set search_path = ''
as $$
declare
  step interval := case p_listing.recurring_schedule ->> 'frequency'
                     when 'weekly' then interval '7 days' when 'biweekly' then interval '14 days' when 'monthly' then interval '1 month' end;
  total integer := (p_listing.recurring_schedule ->> 'sessions')::integer;
  next_start timestamptz := p_listing.scheduled_start;
  n integer := p_listing.session_number;
begin
  if step is null or next_start is null then
    return null;
  end if;
  loop
    next_start := next_start + step;
    n := n + 1;
    if total is not null and n > total then
      return null;
    end if;
    exit when next_start > p_after;
  end loop;
  return next_start;
end
$$;

-- How long after a session's end a booking its GM never completed is completed by the platform. The
-- player's dispute window (7 days) counts from the session's end either way.
create or replace function private.tabletop_auto_complete_after()
returns interval
language sql
immutable
set search_path = ''
as $$
  select interval '48 hours'
$$;

create or replace function private.tabletop_sweep()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  listing tabletop.game_listings;
  booking tabletop.bookings;
  next_start timestamptz;
  cancelled integer := 0;
  closed integer := 0;
  moved_on integer := 0;
  completed integer := 0;
begin
  -- A suspended or deleted GM's listings: cancelled, open bookings refunded in full.
  for listing in
    select l.* from tabletop.game_listings l
     where l.status in ('published', 'full', 'closed') and not private.tabletop_gm_is_active(l.gm_id)
     for update skip locked
  loop
    perform private.tabletop_cancel_listing_row(listing, null, 'the GM is no longer available');
    cancelled := cancelled + 1;
  end loop;
  -- Listings whose session has started: a recurring one moves on to its next session, any other closes.
  for listing in
    select l.* from tabletop.game_listings l
     where l.status in ('published', 'full') and l.scheduled_start <= now()
     for update skip locked
  loop
    next_start := private.tabletop_next_session(listing, now());
    if next_start is null then
      update tabletop.game_listings set status = 'closed' where id = listing.id;
      closed := closed + 1;
    else
      update tabletop.game_listings
         set scheduled_start = next_start, session_number = session_number + 1, current_players = 0, status = 'published'
       where id = listing.id;
      moved_on := moved_on + 1;
    end if;
  end loop;
  -- Bookings nobody completed, a fixed time after their session ended.
  for booking in
    select b.* from tabletop.bookings b
     where b.status = 'confirmed' and private.tabletop_session_end(b) <= now() - private.tabletop_auto_complete_after()
     for update skip locked
  loop
    perform private.tabletop_complete_booking_row(booking);
    completed := completed + 1;
  end loop;
  return jsonb_build_object('cancelled', cancelled, 'closed', closed, 'moved_on', moved_on, 'completed', completed);
end
$$;
select cron.schedule('tabletop-sweep', '*/5 * * * *', 'select private.tabletop_sweep()');

-- Session reminders ------------------------------------------------------------------------------------------------------
-- A day before a listing's session, every member of its table who keeps notify_session_reminders on
-- is reminded (tabletop.session_reminder), once per session.
create or replace function private.tabletop_send_session_reminders()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  listing tabletop.game_listings;
  n integer := 0;
begin
  for listing in
    update tabletop.game_listings l set reminded_session = l.session_number
     where l.status in ('published', 'full') and l.group_id is not null and l.reminded_session < l.session_number
       and l.scheduled_start > now() and l.scheduled_start <= now() + interval '24 hours'
    returning l.*
  loop
    insert into public.notifications (user_id, type, payload)
    select m.user_id, 'tabletop.session_reminder',
           jsonb_build_object('listing_id', listing.id, 'group_id', listing.group_id, 'title', listing.title,
                              'session_number', listing.session_number, 'scheduled_start', listing.scheduled_start)
      from public.group_members m
     where m.group_id = listing.group_id and m.notify_session_reminders;
    n := n + 1;
  end loop;
  return n;
end
$$;
select cron.schedule('tabletop-session-reminders', '*/15 * * * *', 'select private.tabletop_send_session_reminders()');

grant execute on function tabletop.cancel_listing(uuid, text), tabletop.unpublish_listing(uuid), tabletop.complete_listing(uuid) to authenticated;
