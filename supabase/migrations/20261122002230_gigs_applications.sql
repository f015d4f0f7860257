-- Applications (seed 003): talent applies to a published gig through gigs.apply, once per gig, before
-- the deadline, never to their own gig, within the gig's max_applicants (under concurrency) and the
-- plan's monthly limit. The owner shortlists, accepts or declines; the applicant withdraws. Each
-- change notifies the other side (application.status) and writes a domain event; shortlisting and
-- accepting bring the talent into the gig's conversation (subject gig, 20261122002290).

create table gigs.applications (
  id uuid primary key default gen_random_uuid(),
  gig_id uuid not null references gigs.gigs (id) on delete cascade,
  applicant_user_id uuid not null references public.profiles (id) on delete cascade,
  note text check (char_length(note) <= 2000),
  status text not null default 'pending' check (status in ('pending', 'shortlisted', 'accepted', 'declined', 'withdrawn')),
  applied_at timestamptz not null default now(),
  reviewed_at timestamptz,
  reviewed_by uuid references public.profiles (id) on delete set null,
  -- The applicant's gigs profile when they applied (the owner judges what they saw).
  profile_snapshot jsonb not null default '{}',
  -- 0 to 1: how well the applicant's tags and experience fit the gig (private.gigs_compatibility).
  compatibility_score numeric(3, 2) not null check (compatibility_score between 0 and 1),
  updated_at timestamptz not null default now(),
  unique (gig_id, applicant_user_id)
);
create index applications_applicant_idx on gigs.applications (applicant_user_id, applied_at desc);
create index applications_gig_status_idx on gigs.applications (gig_id, status);
create index applications_reviewed_by_idx on gigs.applications (reviewed_by);
create trigger set_updated_at before update on gigs.applications for each row execute function private.set_updated_at();

revoke all on gigs.applications from anon, authenticated;
grant select on gigs.applications to authenticated;
alter table gigs.applications enable row level security;

create or replace function private.gigs_my_gig_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select g.id from gigs.gigs g where g.owner_user_id = auth.uid()
$$;
grant execute on function private.gigs_my_gig_ids() to authenticated, service_role;

create policy "applicants read theirs, owners their gigs'" on gigs.applications for select to authenticated
  using (applicant_user_id = (select auth.uid()) or gig_id in (select private.gigs_my_gig_ids()));

-- Compatibility: half how many of the gig's wanted types the applicant's tags and types cover, a
-- third the overlap with the preferred style tags, the rest whether they have the experience asked.
-- A part the gig does not ask about counts as a fit.
create or replace function private.gigs_compatibility(p_gig gigs.gigs, p_profile gigs.profiles)
returns numeric
language sql
immutable
set search_path = ''
as $$
  with parts as (
    select
      case when cardinality(p_gig.looking_for_types) = 0 then 1.0
           else (select count(*) from unnest(p_gig.looking_for_types) t
                  where lower(t) in (select lower(x) from unnest(coalesce(p_profile.looking_for_types, '{}') || coalesce(p_profile.style_tags, '{}')) x))::numeric
                / cardinality(p_gig.looking_for_types) end as types,
      case when jsonb_typeof(p_gig.applicant_preferences -> 'style_tags') is distinct from 'array'
             or jsonb_array_length(p_gig.applicant_preferences -> 'style_tags') = 0 then 1.0
           else (select count(*) from jsonb_array_elements_text(p_gig.applicant_preferences -> 'style_tags') t
                  where lower(t) in (select lower(x) from unnest(coalesce(p_profile.style_tags, '{}')) x))::numeric
                / jsonb_array_length(p_gig.applicant_preferences -> 'style_tags') end as styles,
      case when jsonb_typeof(p_gig.applicant_preferences -> 'min_experience_years') is distinct from 'number' then 1.0
           when coalesce(p_profile.experience_years, 0) >= (p_gig.applicant_preferences ->> 'min_experience_years')::numeric then 1.0
           else 0.0 end as experience
  )
  select round(least(1, greatest(0, 0.5 * types + 0.3 * styles + 0.2 * experience)), 2) from parts
$$;

-- Applies to a gig. 23505 when already applied; PA001 no such published gig; 42501 one's own gig or a
-- block between the two; PA171 after the deadline; PA004 the gig has its max_applicants (counting
-- pending, shortlisted and accepted ones: the gig's row lock makes concurrent applications take
-- turns); PA170 the applicant's plan allows no more applications this month.
create or replace function gigs.apply(p_gig_id uuid, p_note text default null)
returns gigs.applications
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  gig gigs.gigs;
  profile gigs.profiles;
  monthly_limit integer := private.gigs_plan_limit(caller, 'applications_per_month');
  used integer;
  taken integer;
  application gigs.applications;
begin
  select * into gig from gigs.gigs g where g.id = p_gig_id for update;
  if not found or gig.status <> 'published' then
    raise exception 'no published gig %', p_gig_id using errcode = 'PA001';
  end if;
  if gig.owner_user_id = caller then
    raise exception 'you cannot apply to your own gig' using errcode = '42501';
  end if;
  if exists (select 1 from public.blocks b where (b.blocker_id = caller and b.blocked_id = gig.owner_user_id)
                                              or (b.blocker_id = gig.owner_user_id and b.blocked_id = caller)) then
    raise exception 'you cannot apply to this gig' using errcode = '42501';
  end if;
  if gig.application_deadline <= now() then
    raise exception 'the application deadline has passed' using errcode = 'PA171';
  end if;
  if exists (select 1 from gigs.applications a where a.gig_id = gig.id and a.applicant_user_id = caller) then
    raise exception 'you already applied to this gig' using errcode = '23505';
  end if;
  select count(*) into taken from gigs.applications a where a.gig_id = gig.id and a.status in ('pending', 'shortlisted', 'accepted');
  if taken >= gig.max_applicants then
    raise exception 'the gig has its % applicants', gig.max_applicants using errcode = 'PA004';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('gigs:apply:' || caller::text, 0));
  select count(*) into used from gigs.applications a where a.applicant_user_id = caller and a.applied_at >= date_trunc('month', now());
  if monthly_limit is not null and used >= monthly_limit then
    raise exception 'your plan allows % applications a month', monthly_limit using errcode = 'PA170',
      detail = jsonb_build_object('limit', monthly_limit, 'used', used)::text;
  end if;
  select * into profile from gigs.profiles p where p.user_id = caller;
  insert into gigs.applications (gig_id, applicant_user_id, note, profile_snapshot, compatibility_score)
  values (gig.id, caller, p_note,
          coalesce(to_jsonb(profile) - 'created_at' - 'updated_at', '{}') || jsonb_build_object(
            'display_name', (select pr.display_name from public.profiles pr where pr.id = caller)),
          private.gigs_compatibility(gig, profile))
  returning * into application;
  perform private.notify(gig.owner_user_id, 'application.status',
    jsonb_build_object('application_id', application.id, 'gig_id', gig.id, 'status', 'pending', 'applicant_id', caller));
  return application;
end
$$;

-- The owner's decision: shortlisted, accepted or declined (a declined application stays declined;
-- an accepted one may still be declined). The talent is told; shortlisted and accepted talent join
-- the gig's conversation, declined talent leaves it.
create or replace function gigs.review_application(p_application_id uuid, p_status text)
returns gigs.applications
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  application gigs.applications;
  gig gigs.gigs;
begin
  if p_status is null or p_status not in ('shortlisted', 'accepted', 'declined') then
    raise exception 'p_status must be shortlisted, accepted or declined' using errcode = '22023';
  end if;
  select * into application from gigs.applications a where a.id = p_application_id for update;
  if not found then
    raise exception 'no application %', p_application_id using errcode = 'PA001';
  end if;
  select * into gig from gigs.gigs g where g.id = application.gig_id;
  if gig.owner_user_id <> caller then
    raise exception 'no application % to a gig of yours', p_application_id using errcode = 'PA001';
  end if;
  if gig.status not in ('published', 'closed') then
    raise exception 'the gig is %', gig.status using errcode = 'PA115';
  end if;
  if application.status in ('declined', 'withdrawn') or (application.status = 'accepted' and p_status = 'shortlisted') then
    raise exception 'the application is %', application.status using errcode = 'PA115';
  end if;
  if application.status = p_status then
    return application;
  end if;
  update gigs.applications set status = p_status, reviewed_at = now(), reviewed_by = caller
   where id = application.id returning * into application;
  if p_status in ('shortlisted', 'accepted') then
    perform private.gigs_open_conversation(gig.id, caller);
  end if;
  perform private.sync_subject_participant('gig', gig.id, application.applicant_user_id);
  perform private.notify(application.applicant_user_id, 'application.status',
    jsonb_build_object('application_id', application.id, 'gig_id', gig.id, 'status', p_status));
  return application;
end
$$;

-- The applicant withdraws (from pending, shortlisted or accepted); the owner is told.
create or replace function gigs.withdraw_application(p_application_id uuid)
returns gigs.applications
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  application gigs.applications;
  owner uuid;
begin
  select * into application from gigs.applications a where a.id = p_application_id and a.applicant_user_id = caller for update;
  if not found then
    raise exception 'no application % of yours', p_application_id using errcode = 'PA001';
  end if;
  if application.status in ('declined', 'withdrawn') then
    raise exception 'the application is %', application.status using errcode = 'PA115';
  end if;
  update gigs.applications set status = 'withdrawn' where id = application.id returning * into application;
  perform private.sync_subject_participant('gig', application.gig_id, caller);
  select g.owner_user_id into owner from gigs.gigs g where g.id = application.gig_id;
  perform private.notify(owner, 'application.status',
    jsonb_build_object('application_id', application.id, 'gig_id', application.gig_id, 'status', 'withdrawn', 'applicant_id', caller));
  return application;
end
$$;

create trigger domain_event_application after insert or update of status on gigs.applications
  for each row execute function private.emit_domain_event('gig_application', 'application.status_changed', 'id');

-- The gig's conversation -------------------------------------------------------------------------------------------
-- One channel per gig (subject gig, channel type gig) between the owner and the talent they
-- shortlisted or accepted; it opens with the first shortlisting.
create or replace function private.gigs_participant_role(p_gig_id uuid, p_channel_type text, p_user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when exists (select 1 from gigs.gigs g where g.id = p_gig_id and g.owner_user_id = p_user_id) then 'owner'
    when exists (select 1 from gigs.applications a where a.gig_id = p_gig_id and a.applicant_user_id = p_user_id
                    and a.status in ('shortlisted', 'accepted')) then 'talent'
  end
$$;

create or replace function private.gigs_topic_allowed(p_gig_id uuid, p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select private.gigs_participant_role(p_gig_id, 'gig', p_user_id) is not null
$$;

-- The gig's conversation, opened with the owner and its shortlisted and accepted talent if it is not
-- there yet (a lock on the gig's row keeps it one).
create or replace function private.gigs_open_conversation(p_gig_id uuid, p_by uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  channel uuid;
  gig gigs.gigs;
begin
  select * into gig from gigs.gigs g where g.id = p_gig_id for update;
  select c.id into channel from public.conversations c where c.subject_type = 'gig' and c.subject_id = p_gig_id and c.channel_type = 'gig';
  if channel is null then
    channel := private.open_subject_channel('gig', p_gig_id, 'gig', left(gig.title, 200), p_by,
      array(select gig.owner_user_id union select a.applicant_user_id from gigs.applications a
             where a.gig_id = p_gig_id and a.status in ('shortlisted', 'accepted')));
  end if;
  return channel;
end
$$;

-- For clients: the gig's conversation id, for its owner and its shortlisted or accepted talent
-- (PA001 for anyone else; null while nobody has been shortlisted).
create or replace function gigs.gig_conversation(p_gig_id uuid)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  if private.gigs_participant_role(p_gig_id, 'gig', caller) is null then
    raise exception 'no gig % of yours', p_gig_id using errcode = 'PA001';
  end if;
  return (select c.id from public.conversations c where c.subject_type = 'gig' and c.subject_id = p_gig_id and c.channel_type = 'gig');
end
$$;

revoke execute on function private.gigs_compatibility(gigs.gigs, gigs.profiles), private.gigs_participant_role(uuid, text, uuid),
  private.gigs_topic_allowed(uuid, uuid), private.gigs_open_conversation(uuid, uuid) from public, anon, authenticated, service_role;
revoke execute on function gigs.apply(uuid, text), gigs.review_application(uuid, text), gigs.withdraw_application(uuid),
  gigs.gig_conversation(uuid) from public;
grant execute on function gigs.apply(uuid, text), gigs.review_application(uuid, text), gigs.withdraw_application(uuid),
  gigs.gig_conversation(uuid) to authenticated;
