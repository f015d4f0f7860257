-- The gigs product's registrations with the core: its plans and their limits, the priced boost, the
-- gig conversation subject, and its report targets with their moderation actions.

-- Plans (seed 003 tiers free, plus, pro): the monthly limits gigs.publish_gig and gigs.apply read
-- from billing.current_plan (null: unlimited).
insert into billing.plans (id, product, name, tier, monthly_credits, price_amount, is_default, features) values
  ('gigs-free', 'gigs', 'Free', 0, 0, 0, true, '{"gigs_per_month": 2, "applications_per_month": 10}'),
  ('gigs-plus', 'gigs', 'Plus', 1, 2000, 999, false, '{"gigs_per_month": 10, "applications_per_month": 50}'),
  ('gigs-pro', 'gigs', 'Pro', 2, 10000, 2999, false, '{"gigs_per_month": null, "applications_per_month": null}')
on conflict (id) do update set features = excluded.features;

-- Boosts: a level's price in credits (gigs.boost_gig).
insert into billing.priced_items (product, item_type, item_id, asset, price) values
  ('gigs', 'gig_boost', '1', 'CREDIT', 50), ('gigs', 'gig_boost', '2', 'CREDIT', 120), ('gigs', 'gig_boost', '3', 'CREDIT', 250)
on conflict (item_type, item_id, asset) do nothing;

-- The gig conversation: its owner and the talent shortlisted or accepted; topic gig:<gig id>.
insert into private.conversation_subjects (subject_type, product, topic_prefix, opener, participant_role, topic_predicate) values
  ('gig', 'gigs', 'gig', 'gigs.gig_conversation(uuid)', 'private.gigs_participant_role(uuid, text, uuid)', 'private.gigs_topic_allowed(uuid, uuid)');

-- Report targets --------------------------------------------------------------------------------------------------------
create or replace function private.gigs_reportable_gig(p_target_id text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from gigs.gigs g where g.id = private.target_uuid(p_target_id) and g.status in ('published', 'closed', 'completed'))
$$;

create or replace function private.gigs_reportable_showcase(p_target_id text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select private.gigs_public_showcase(private.target_uuid(p_target_id))
$$;

-- A review the reporter can read: public, or about them.
create or replace function private.gigs_reportable_review(p_target_id text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from gigs.reviews r where r.id = private.target_uuid(p_target_id) and r.hidden_at is null
                    and (r.is_public or r.reviewee_id = auth.uid()))
$$;

create or replace function private.gigs_reportable_media(p_target_id text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from gigs.media m where m.id = private.target_uuid(p_target_id) and m.owner_user_id <> auth.uid()
                    and private.gigs_media_visible(m))
$$;

-- Moderation actions ----------------------------------------------------------------------------------------------------
-- A published or closed gig goes back to draft: out of sight and closed to applications; its owner
-- may edit it and publish it again.
create or replace function private.gigs_unpublish(p_target_id text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  previous text;
begin
  select g.status into previous from gigs.gigs g where g.id = private.target_uuid(p_target_id) for update;
  if not found then
    raise exception 'no gig "%"', p_target_id using errcode = 'PA001';
  end if;
  if previous not in ('published', 'closed') then
    raise exception 'only a published or closed gig is unpublished (this one is %)', previous using errcode = 'PA115';
  end if;
  update gigs.gigs set status = 'draft' where id = private.target_uuid(p_target_id);
  return jsonb_build_object('previous_status', previous);
end
$$;

create or replace function private.gigs_unpublish_gig(p_target_id text, p_reason text, p_context jsonb)
returns jsonb language sql set search_path = '' as $$ select private.gigs_unpublish(p_target_id) $$;

-- Showcases, reviews and media: hidden_at set (hide_content) or cleared (release).
create or replace function private.gigs_set_hidden(p_table text, p_target_id text, p_hide boolean)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  changed integer;
begin
  execute format('update gigs.%I set hidden_at = case when $2 then coalesce(hidden_at, now()) end where id = $1', p_table)
    using private.target_uuid(p_target_id), p_hide;
  get diagnostics changed = row_count;
  if changed = 0 then
    raise exception 'no % "%"', p_table, p_target_id using errcode = 'PA001';
  end if;
  return jsonb_build_object('hidden', p_hide);
end
$$;

create or replace function private.gigs_hide_showcase(p_target_id text, p_reason text, p_context jsonb)
returns jsonb language sql set search_path = '' as $$ select private.gigs_set_hidden('showcases', p_target_id, true) $$;
create or replace function private.gigs_release_showcase(p_target_id text, p_reason text, p_context jsonb)
returns jsonb language sql set search_path = '' as $$ select private.gigs_set_hidden('showcases', p_target_id, false) $$;
create or replace function private.gigs_hide_review(p_target_id text, p_reason text, p_context jsonb)
returns jsonb language sql set search_path = '' as $$ select private.gigs_set_hidden('reviews', p_target_id, true) $$;
create or replace function private.gigs_release_review(p_target_id text, p_reason text, p_context jsonb)
returns jsonb language sql set search_path = '' as $$ select private.gigs_set_hidden('reviews', p_target_id, false) $$;
create or replace function private.gigs_hide_media(p_target_id text, p_reason text, p_context jsonb)
returns jsonb language sql set search_path = '' as $$ select private.gigs_set_hidden('media', p_target_id, true) $$;
create or replace function private.gigs_release_media(p_target_id text, p_reason text, p_context jsonb)
returns jsonb language sql set search_path = '' as $$ select private.gigs_set_hidden('media', p_target_id, false) $$;

revoke execute on function private.gigs_reportable_gig(text), private.gigs_reportable_showcase(text), private.gigs_reportable_review(text),
  private.gigs_reportable_media(text), private.gigs_unpublish(text), private.gigs_unpublish_gig(text, text, jsonb), private.gigs_set_hidden(text, text, boolean),
  private.gigs_hide_showcase(text, text, jsonb), private.gigs_release_showcase(text, text, jsonb), private.gigs_hide_review(text, text, jsonb),
  private.gigs_release_review(text, text, jsonb), private.gigs_hide_media(text, text, jsonb), private.gigs_release_media(text, text, jsonb)
  from public, anon, authenticated;

insert into public.report_target_types (target_type, product, check_function, description) values
  ('gig', 'gigs', 'private.gigs_reportable_gig(text)', 'A published gig (target id: the gig id).'),
  ('gig_showcase', 'gigs', 'private.gigs_reportable_showcase(text)', 'A public showcase (target id: the showcase id).'),
  ('gig_review', 'gigs', 'private.gigs_reportable_review(text)', 'A review of a gig''s owner or talent (target id: the review id).'),
  ('gig_media', 'gigs', 'private.gigs_reportable_media(text)', 'An image, video or document of another user (target id: the media id).');
insert into public.moderation_actions (target_type, action, product, handler, description) values
  ('gig', 'unpublish', 'gigs', 'private.gigs_unpublish_gig(text, text, jsonb)',
   'Takes a published or closed gig back to draft: hidden from the public and closed to applications.'),
  ('gig_showcase', 'hide_content', 'gigs', 'private.gigs_hide_showcase(text, text, jsonb)', 'Hides the showcase (and its files) from everyone but its two sides.'),
  ('gig_showcase', 'release', 'gigs', 'private.gigs_release_showcase(text, text, jsonb)', 'Shows a hidden showcase again.'),
  ('gig_review', 'hide_content', 'gigs', 'private.gigs_hide_review(text, text, jsonb)', 'Hides the review from the public and from the rating.'),
  ('gig_review', 'release', 'gigs', 'private.gigs_release_review(text, text, jsonb)', 'Shows a hidden review again and counts it.'),
  ('gig_media', 'hide_content', 'gigs', 'private.gigs_hide_media(text, text, jsonb)', 'Hides the media (and its file) from everyone but its owner.'),
  ('gig_media', 'release', 'gigs', 'private.gigs_release_media(text, text, jsonb)', 'Shows hidden media again.');
