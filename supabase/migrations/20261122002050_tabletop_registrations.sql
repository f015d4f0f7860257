-- Tabletop's registrations with the core: its report targets (reviews, game listings) and the
-- moderation actions on them, run by public.moderate. The tables are tabletop's own migrations'.

-- Report targets ------------------------------------------------------------------------------------------------------------
-- A review that has not been removed.
create or replace function private.tabletop_reportable_review(p_target_id text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  return exists (select 1 from tabletop.reviews r where r.id = private.target_uuid(p_target_id) and not r.is_removed);
end
$$;

-- A listing the public sees (published, full, closed or completed).
create or replace function private.tabletop_reportable_listing(p_target_id text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  return exists (select 1 from tabletop.game_listings l
                  where l.id = private.target_uuid(p_target_id) and l.status in ('published', 'full', 'closed', 'completed'));
end
$$;

-- Moderation actions --------------------------------------------------------------------------------------------------------
-- Reviews: the held / removed flags of tabletop.moderate_review; the GM's aggregates count neither
-- (private.tabletop_refresh_gm_ratings).
create or replace function private.tabletop_set_review_visibility(p_target_id text, p_hold boolean, p_remove boolean, p_reason text)
returns jsonb
language plpgsql
set search_path = ''
as $$
begin
  update tabletop.reviews
     set is_held = p_hold, held_reason = case when p_hold then p_reason end,
         is_removed = p_remove, removed_reason = case when p_remove then p_reason end
   where id = private.target_uuid(p_target_id);
  if not found then
    raise exception 'no review "%"', p_target_id using errcode = 'PA001';
  end if;
  return jsonb_build_object('held', p_hold, 'removed', p_remove);
end
$$;

create or replace function private.tabletop_hide_review(p_target_id text, p_reason text, p_context jsonb)
returns jsonb
language sql
set search_path = ''
as $$
  select private.tabletop_set_review_visibility(p_target_id, false, true, p_reason)
$$;

create or replace function private.tabletop_hold_review(p_target_id text, p_reason text, p_context jsonb)
returns jsonb
language sql
set search_path = ''
as $$
  select private.tabletop_set_review_visibility(p_target_id, true, false, p_reason)
$$;

create or replace function private.tabletop_release_review(p_target_id text, p_reason text, p_context jsonb)
returns jsonb
language sql
set search_path = ''
as $$
  select private.tabletop_set_review_visibility(p_target_id, false, false, p_reason)
$$;

-- Listings: a published or full listing goes back to draft, out of the public's sight and closed to
-- bookings; its seats stay taken. The GM sees it and may publish it again (tabletop.publish_listing).
create or replace function private.tabletop_unpublish(p_target_id text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  previous text;
begin
  select l.status into previous from tabletop.game_listings l where l.id = private.target_uuid(p_target_id) for update;
  if not found then
    raise exception 'no listing "%"', p_target_id using errcode = 'PA001';
  end if;
  if previous not in ('published', 'full') then
    raise exception 'only a published listing is unpublished (this one is %)', previous using errcode = 'PA115';
  end if;
  update tabletop.game_listings set status = 'draft', published_at = null where id = private.target_uuid(p_target_id);
  return jsonb_build_object('previous_status', previous);
end
$$;

create or replace function private.tabletop_unpublish_listing(p_target_id text, p_reason text, p_context jsonb)
returns jsonb
language sql
set search_path = ''
as $$
  select private.tabletop_unpublish(p_target_id)
$$;

-- Registrations -------------------------------------------------------------------------------------------------------------
insert into public.report_target_types (target_type, product, check_function, description) values
  ('review', 'tabletop', 'private.tabletop_reportable_review(text)', 'A review of a GM (target id: the review id).'),
  ('listing', 'tabletop', 'private.tabletop_reportable_listing(text)', 'A published game listing (target id: the listing id).');
insert into public.moderation_actions (target_type, action, product, handler, description) values
  ('review', 'hide_content', 'tabletop', 'private.tabletop_hide_review(text, text, jsonb)',
   'Removes the review: out of public sight and of the GM''s averages.'),
  ('review', 'hold', 'tabletop', 'private.tabletop_hold_review(text, text, jsonb)',
   'Holds the review for moderation: out of public sight and of the GM''s averages until released.'),
  ('review', 'release', 'tabletop', 'private.tabletop_release_review(text, text, jsonb)',
   'Releases a held or removed review: visible and counted again.'),
  ('listing', 'unpublish', 'tabletop', 'private.tabletop_unpublish_listing(text, text, jsonb)',
   'Takes a published listing back to draft: hidden from the public and closed to bookings.');
