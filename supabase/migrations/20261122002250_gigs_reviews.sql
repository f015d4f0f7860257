-- Reviews (seed 003): after a gig is completed, its owner and each accepted talent review each other,
-- once each way (unique gig, reviewer, reviewee), within 30 days of completion, through
-- gigs.leave_review. Public reviews are read by anyone; private ones by their two sides. The
-- reviewee's rating and review count in gigs.profiles follow by trigger (moderated reviews excluded).

create table gigs.reviews (
  id uuid primary key default gen_random_uuid(),
  gig_id uuid not null references gigs.gigs (id) on delete cascade,
  reviewer_id uuid not null references public.profiles (id) on delete cascade,
  reviewee_id uuid not null references public.profiles (id) on delete cascade,
  rating integer not null check (rating between 1 and 5),
  tags text[] not null default '{}' check (cardinality(tags) <= 10 and octet_length(array_to_string(tags, '')) <= 500),
  comment text check (char_length(comment) <= 2000),
  is_public boolean not null default true,
  -- Set by moderation: out of the public's sight and of the reviewee's rating.
  hidden_at timestamptz,
  created_at timestamptz not null default now(),
  unique (gig_id, reviewer_id, reviewee_id),
  check (reviewer_id <> reviewee_id)
);
create index reviews_reviewer_idx on gigs.reviews (reviewer_id);
create index reviews_reviewee_idx on gigs.reviews (reviewee_id, created_at desc);

revoke all on gigs.reviews from anon, authenticated;
grant select on gigs.reviews to anon, authenticated;
alter table gigs.reviews enable row level security;
create policy "anyone reads public reviews, both sides theirs" on gigs.reviews for select to anon, authenticated
  using ((is_public and hidden_at is null) or reviewer_id = (select auth.uid()) or reviewee_id = (select auth.uid()));

-- The reviewee's rating: the average of their reviews that are not hidden.
create or replace function private.gigs_refresh_rating(p_user_id uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  update gigs.profiles p
     set rating = r.avg, review_count = r.n
    from (select round(avg(rating), 2) as avg, count(*)::integer as n from gigs.reviews where reviewee_id = p_user_id and hidden_at is null) r
   where p.user_id = p_user_id and (p.rating is distinct from r.avg or p.review_count <> r.n)
$$;

create or replace function private.gigs_review_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.gigs_refresh_rating(old.reviewee_id);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform private.gigs_refresh_rating(new.reviewee_id);
  end if;
  return null;
end
$$;
create trigger refresh_rating after insert or delete or update of rating, hidden_at on gigs.reviews
  for each row execute function private.gigs_review_changed();

-- A profile made after its reviews starts with their rating.
create or replace function private.gigs_profile_rating()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  select round(avg(r.rating), 2), count(*) into new.rating, new.review_count
    from gigs.reviews r where r.reviewee_id = new.user_id and r.hidden_at is null;
  return new;
end
$$;
create trigger profile_rating before insert on gigs.profiles for each row execute function private.gigs_profile_rating();

-- Reviews the other side of a completed gig: the owner reviews an accepted talent, an accepted talent
-- the owner. PA001 no such pair on a gig of the caller's; PA115 the gig is not completed or it was
-- completed more than 30 days ago; 23505 already reviewed.
create or replace function gigs.leave_review(
  p_gig_id uuid, p_reviewee_id uuid, p_rating integer, p_tags text[] default '{}', p_comment text default null, p_is_public boolean default true)
returns gigs.reviews
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  gig gigs.gigs;
  review gigs.reviews;
begin
  select * into gig from gigs.gigs g where g.id = p_gig_id;
  if not found
     or not ((caller = gig.owner_user_id and exists (select 1 from gigs.applications a where a.gig_id = gig.id
                                                       and a.applicant_user_id = p_reviewee_id and a.status = 'accepted'))
             or (p_reviewee_id = gig.owner_user_id and exists (select 1 from gigs.applications a where a.gig_id = gig.id
                                                                  and a.applicant_user_id = caller and a.status = 'accepted'))) then
    raise exception 'nobody % to review on a gig % of yours', p_reviewee_id, p_gig_id using errcode = 'PA001';
  end if;
  if gig.status <> 'completed' or gig.completed_at < now() - interval '30 days' then
    raise exception 'reviews open when the gig is completed, for 30 days' using errcode = 'PA115';
  end if;
  insert into gigs.reviews (gig_id, reviewer_id, reviewee_id, rating, tags, comment, is_public)
  values (gig.id, caller, p_reviewee_id, p_rating, coalesce(p_tags, '{}'), p_comment, coalesce(p_is_public, true))
  returning * into review;
  perform private.notify(p_reviewee_id, 'review.received', jsonb_build_object('review_id', review.id, 'gig_id', gig.id, 'rating', p_rating));
  return review;
end
$$;

revoke execute on function private.gigs_refresh_rating(uuid) from public, anon, authenticated, service_role;
revoke execute on function gigs.leave_review(uuid, uuid, integer, text[], text, boolean) from public;
grant execute on function gigs.leave_review(uuid, uuid, integer, text[], text, boolean) to authenticated;
