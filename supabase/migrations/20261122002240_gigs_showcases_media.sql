-- Media and showcases (seed 003). gigs.media describes objects of the `media` bucket under their
-- owner's folder; EXIF is the owner's alone (gigs.media_exif, GPS removed). A showcase is a completed
-- gig's portfolio piece by its owner and an accepted talent: public only once both approved, then
-- anyone reads it and its media files. Likes are rows (one per user); views go to sharded counters,
-- so a popular showcase has no hot row.

create table gigs.media (
  id uuid primary key default gen_random_uuid(),
  owner_user_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  gig_id uuid references gigs.gigs (id) on delete set null,
  type text not null check (type in ('image', 'video', 'document')),
  bucket text not null default 'media' check (bucket = 'media'),
  path text not null check (char_length(path) between 1 and 1024),
  original_filename text check (char_length(original_filename) <= 255),
  mime_type text not null check (char_length(mime_type) <= 100 and mime_type ~ '^(image/[a-z0-9.+-]{1,50}|video/[a-z0-9.+-]{1,50}|application/pdf)$'),
  file_size bigint check (file_size between 0 and 52428800),
  width integer check (width between 1 and 20000),
  height integer check (height between 1 and 20000),
  duration_seconds integer check (duration_seconds between 0 and 86400),
  palette text[] not null default '{}' check (cardinality(palette) <= 16 and octet_length(array_to_string(palette, '')) <= 112
                                               and private.gigs_all_hex_colours(palette)),
  blurhash text check (char_length(blurhash) <= 100),
  -- What made an AI image (model, prompt, AI request): written by the server.
  generation_metadata jsonb check (octet_length(generation_metadata::text) <= 16384),
  visibility text not null default 'private' check (visibility in ('private', 'public')),
  -- Set by moderation (public.moderate): out of everyone's sight but the owner's.
  hidden_at timestamptz,
  created_at timestamptz not null default now(),
  unique (bucket, path),
  check (type <> 'document' or mime_type = 'application/pdf')
);
create index media_owner_idx on gigs.media (owner_user_id, created_at desc);
create index media_gig_idx on gigs.media (gig_id);

-- EXIF is the owner's only (it can say where they live); GPS fields never get stored.
create table gigs.media_exif (
  media_id uuid primary key references gigs.media (id) on delete cascade,
  owner_user_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  exif jsonb not null check (jsonb_typeof(exif) = 'object' and octet_length(exif::text) <= 16384),
  created_at timestamptz not null default now()
);
create index media_exif_owner_idx on gigs.media_exif (owner_user_id);

create or replace function private.gigs_strip_gps()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.exif := coalesce((select jsonb_object_agg(k, v) from jsonb_each(new.exif) e(k, v) where k !~* '^gps'), '{}');
  return new;
end
$$;
create trigger strip_gps before insert or update of exif on gigs.media_exif for each row execute function private.gigs_strip_gps();

create table gigs.showcases (
  id uuid primary key default gen_random_uuid(),
  gig_id uuid not null references gigs.gigs (id) on delete cascade,
  creator_user_id uuid not null references public.profiles (id) on delete cascade,
  talent_user_id uuid not null references public.profiles (id) on delete cascade,
  media_ids uuid[] not null check (cardinality(media_ids) between 1 and 20),
  caption text check (char_length(caption) <= 2000),
  tags text[] not null default '{}' check (cardinality(tags) <= 30 and octet_length(array_to_string(tags, '')) <= 1500),
  palette text[] not null default '{}' check (cardinality(palette) <= 16 and octet_length(array_to_string(palette, '')) <= 112
                                               and private.gigs_all_hex_colours(palette)),
  approved_by_creator_at timestamptz,
  approved_by_talent_at timestamptz,
  visibility text generated always as (case when approved_by_creator_at is not null and approved_by_talent_at is not null
                                            then 'public' else 'private' end) stored,
  hidden_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (gig_id, talent_user_id)
);
create index showcases_creator_idx on gigs.showcases (creator_user_id);
create index showcases_talent_idx on gigs.showcases (talent_user_id);
create index showcases_public_idx on gigs.showcases (created_at desc) where visibility = 'public' and hidden_at is null;
create index showcases_media_ids_idx on gigs.showcases using gin (media_ids);
create index showcases_tags_idx on gigs.showcases using gin (tags);
create trigger set_updated_at before update on gigs.showcases for each row execute function private.set_updated_at();

create table gigs.showcase_likes (
  showcase_id uuid not null references gigs.showcases (id) on delete cascade,
  user_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (showcase_id, user_id)
);
create index showcase_likes_user_idx on gigs.showcase_likes (user_id);

-- Views: each view adds one to one of 16 rows of the showcase, chosen at random.
create table gigs.showcase_view_counts (
  showcase_id uuid not null references gigs.showcases (id) on delete cascade,
  shard smallint not null check (shard between 0 and 15),
  views bigint not null default 0,
  primary key (showcase_id, shard)
);

-- Who reads what --------------------------------------------------------------------------------------------------------
create or replace function private.gigs_public_showcase(p_showcase_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from gigs.showcases s where s.id = p_showcase_id and s.visibility = 'public' and s.hidden_at is null)
$$;

-- Media anyone may see besides its owner: not hidden, and public, or of a gig the caller reads, or in a
-- public showcase.
create or replace function private.gigs_media_visible(p_media gigs.media)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select p_media.hidden_at is null
     and (p_media.visibility = 'public'
          or (p_media.gig_id is not null and private.gigs_readable_gig(p_media.gig_id))
          or exists (select 1 from gigs.showcases s where s.media_ids @> array[p_media.id] and s.visibility = 'public' and s.hidden_at is null))
$$;

-- For storage.objects: may the caller read this file of the media bucket (as gigs media)?
create or replace function private.gigs_media_object_readable(p_name text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from gigs.media m where m.bucket = 'media' and m.path = p_name
                    and (m.owner_user_id = auth.uid() or private.gigs_media_visible(m)))
$$;

-- A file of the caller's own folder that is in the bucket: what a media row may describe.
create or replace function private.gigs_own_media_object(p_path text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select split_part(p_path, '/', 1) = auth.uid()::text
     and exists (select 1 from storage.objects o where o.bucket_id = 'media' and o.name = p_path)
$$;

grant execute on function private.gigs_public_showcase(uuid), private.gigs_media_visible(gigs.media),
  private.gigs_media_object_readable(text), private.gigs_own_media_object(text) to anon, authenticated, service_role;

revoke all on gigs.media, gigs.media_exif, gigs.showcases, gigs.showcase_likes, gigs.showcase_view_counts from anon, authenticated;
grant select on gigs.media, gigs.showcases to anon, authenticated;
grant insert (gig_id, type, path, original_filename, mime_type, file_size, width, height, duration_seconds, palette, blurhash, visibility)
  on gigs.media to authenticated;
grant update (gig_id, original_filename, palette, blurhash, visibility) on gigs.media to authenticated;
grant delete on gigs.media to authenticated;
grant select, delete on gigs.media_exif to authenticated;
grant insert (media_id, exif) on gigs.media_exif to authenticated;
grant select, delete on gigs.showcase_likes to authenticated;
grant insert (showcase_id) on gigs.showcase_likes to authenticated;
alter table gigs.media enable row level security;
alter table gigs.media_exif enable row level security;
alter table gigs.showcases enable row level security;
alter table gigs.showcase_likes enable row level security;
alter table gigs.showcase_view_counts enable row level security;

create policy "owners read their media, others what they may see" on gigs.media for select to anon, authenticated
  using (owner_user_id = (select auth.uid()) or private.gigs_media_visible(media.*));
create policy "active users describe files of their folder" on gigs.media for insert to authenticated
  with check (owner_user_id = (select auth.uid()) and (select private.is_active_user()) and (select private.gigs_own_media_object(path))
              and (select private.gigs_owns_gig(gig_id)));
create policy "owners change their media" on gigs.media for update to authenticated
  using (owner_user_id = (select auth.uid()) and (select private.is_active_user()))
  with check (owner_user_id = (select auth.uid()) and (select private.is_active_user()) and (select private.gigs_own_media_object(path))
              and (select private.gigs_owns_gig(gig_id)));
create policy "owners delete their media" on gigs.media for delete to authenticated using (owner_user_id = (select auth.uid()));

create policy "owners read their EXIF" on gigs.media_exif for select to authenticated using (owner_user_id = (select auth.uid()));
create policy "owners add EXIF to their media" on gigs.media_exif for insert to authenticated
  with check (owner_user_id = (select auth.uid()) and (select private.is_active_user())
              and exists (select 1 from gigs.media m where m.id = media_id and m.owner_user_id = (select auth.uid())));
create policy "owners delete their EXIF" on gigs.media_exif for delete to authenticated using (owner_user_id = (select auth.uid()));

create policy "both sides read their showcases, anyone public ones" on gigs.showcases for select to anon, authenticated
  using (creator_user_id = (select auth.uid()) or talent_user_id = (select auth.uid()) or (visibility = 'public' and hidden_at is null));

create policy "signed-in users read likes of public showcases" on gigs.showcase_likes for select to authenticated
  using (user_id = (select auth.uid()) or (select private.gigs_public_showcase(showcase_id)));
create policy "active users like public showcases" on gigs.showcase_likes for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_active_user()) and (select private.gigs_public_showcase(showcase_id)));
create policy "users take back their likes" on gigs.showcase_likes for delete to authenticated using (user_id = (select auth.uid()));

-- Storage: the files of media anyone may see (above) are readable by them; pdf joins the bucket's types.
create policy "gigs media files are read where their media row is" on storage.objects for select to anon, authenticated
  using (bucket_id = 'media' and (select private.gigs_media_object_readable(name)));

-- Showcases -------------------------------------------------------------------------------------------------------------
-- Creates the showcase of a completed gig for its owner and one accepted talent, by either of them
-- (whose approval it carries). The media are the two's own. 23505 when the pair has one already.
create or replace function gigs.create_showcase(
  p_gig_id uuid, p_talent_user_id uuid, p_media_ids uuid[], p_caption text default null, p_tags text[] default '{}',
  p_palette text[] default '{}')
returns gigs.showcases
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  gig gigs.gigs;
  showcase gigs.showcases;
begin
  select * into gig from gigs.gigs g where g.id = p_gig_id;
  if not found or caller not in (gig.owner_user_id, p_talent_user_id) then
    raise exception 'no gig % of yours', p_gig_id using errcode = 'PA001';
  end if;
  if gig.status <> 'completed' then
    raise exception 'a showcase is made of a completed gig (this one is %)', gig.status using errcode = 'PA115';
  end if;
  if not exists (select 1 from gigs.applications a where a.gig_id = gig.id and a.applicant_user_id = p_talent_user_id and a.status = 'accepted') then
    raise exception 'no accepted talent % on this gig', p_talent_user_id using errcode = 'PA001';
  end if;
  if p_media_ids is null or cardinality(p_media_ids) not between 1 and 20
     or (select count(*) from gigs.media m where m.id = any (p_media_ids) and m.owner_user_id in (gig.owner_user_id, p_talent_user_id)
           and m.hidden_at is null) <> (select count(distinct x) from unnest(p_media_ids) x)
     or cardinality(p_media_ids) <> (select count(distinct x) from unnest(p_media_ids) x) then
    raise exception 'p_media_ids must be 1 to 20 distinct media of the gig''s owner or talent' using errcode = '22023';
  end if;
  insert into gigs.showcases (gig_id, creator_user_id, talent_user_id, media_ids, caption, tags, palette,
                              approved_by_creator_at, approved_by_talent_at)
  values (gig.id, gig.owner_user_id, p_talent_user_id, p_media_ids, p_caption, coalesce(p_tags, '{}'), coalesce(p_palette, '{}'),
          case when caller = gig.owner_user_id then now() end, case when caller = p_talent_user_id then now() end)
  returning * into showcase;
  perform private.notify(case when caller = gig.owner_user_id then p_talent_user_id else gig.owner_user_id end, 'showcase.approval_requested',
    jsonb_build_object('showcase_id', showcase.id, 'gig_id', gig.id));
  return showcase;
end
$$;

-- One side approves (or withdraws their approval); the showcase is public while both approve.
create or replace function gigs.set_showcase_approval(p_showcase_id uuid, p_approved boolean)
returns gigs.showcases
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  showcase gigs.showcases;
begin
  if p_approved is null then
    raise exception 'p_approved must be true or false' using errcode = '22023';
  end if;
  select * into showcase from gigs.showcases s where s.id = p_showcase_id for update;
  if not found or caller not in (showcase.creator_user_id, showcase.talent_user_id) then
    raise exception 'no showcase % of yours', p_showcase_id using errcode = 'PA001';
  end if;
  if caller = showcase.creator_user_id then
    update gigs.showcases set approved_by_creator_at = case when p_approved then coalesce(approved_by_creator_at, now()) end
     where id = showcase.id returning * into showcase;
  else
    update gigs.showcases set approved_by_talent_at = case when p_approved then coalesce(approved_by_talent_at, now()) end
     where id = showcase.id returning * into showcase;
  end if;
  return showcase;
end
$$;

-- Counts a view of a public showcase (anyone, anon included).
create or replace function gigs.record_showcase_view(p_showcase_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not private.gigs_public_showcase(p_showcase_id) then
    raise exception 'no public showcase %', p_showcase_id using errcode = 'PA001';
  end if;
  insert into gigs.showcase_view_counts (showcase_id, shard, views) values (p_showcase_id, floor(random() * 16)::smallint, 1)
  on conflict (showcase_id, shard) do update set views = gigs.showcase_view_counts.views + 1;
end
$$;

-- Likes and views of a showcase the caller reads.
create or replace function gigs.showcase_stats(p_showcase_id uuid)
returns table (likes bigint, views bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not (private.gigs_public_showcase(p_showcase_id)
          or exists (select 1 from gigs.showcases s where s.id = p_showcase_id and auth.uid() in (s.creator_user_id, s.talent_user_id))) then
    raise exception 'no showcase %', p_showcase_id using errcode = 'PA001';
  end if;
  return query select (select count(*) from gigs.showcase_likes l where l.showcase_id = p_showcase_id),
                      (select coalesce(sum(v.views), 0)::bigint from gigs.showcase_view_counts v where v.showcase_id = p_showcase_id);
end
$$;

revoke execute on function gigs.create_showcase(uuid, uuid, uuid[], text, text[], text[]), gigs.set_showcase_approval(uuid, boolean),
  gigs.record_showcase_view(uuid), gigs.showcase_stats(uuid) from public;
grant execute on function gigs.create_showcase(uuid, uuid, uuid[], text, text[], text[]), gigs.set_showcase_approval(uuid, boolean)
  to authenticated;
grant execute on function gigs.record_showcase_view(uuid), gigs.showcase_stats(uuid) to anon, authenticated;

-- AI images --------------------------------------------------------------------------------------------------------------
-- gig_enhancement takes image requests: each image the gateway stored (media bucket, the caller's folder)
-- becomes one of the caller's private gigs.media, with what made it in generation_metadata and a link
-- to the enhancement row the purpose's recorder wrote just before. The core calls it from
-- billing.ai_settle_images (p_outputs: [{bucket, path, mime_type, size, width, height, revised_prompt?}]).
create or replace function gigs.ai_record_enhancement_images(p_request billing.ai_requests, p_outputs jsonb)
returns void
language sql
set search_path = ''
as $$
  insert into gigs.media (owner_user_id, type, path, mime_type, file_size, width, height, generation_metadata)
  select p_request.user_id, 'image', o ->> 'path', o ->> 'mime_type', (o ->> 'size')::bigint, (o ->> 'width')::integer, (o ->> 'height')::integer,
         jsonb_strip_nulls(jsonb_build_object(
           'ai_request_id', p_request.id,
           'ai_enhancement_id', (select e.id from gigs.ai_enhancements e where e.ai_request_id = p_request.id order by e.created_at limit 1),
           'source_image_id', p_request.purpose_id, 'kind', p_request.kind, 'model', p_request.model, 'size', p_request.image_size,
           'prompt', left(p_request.last_user_message, 1500), 'revised_prompt', left(o ->> 'revised_prompt', 1500)))
    from jsonb_array_elements(p_outputs) o
$$;
revoke execute on function gigs.ai_record_enhancement_images(billing.ai_requests, jsonb) from public, anon, authenticated;

update private.ai_purposes
   set accepts_images = true, output_recorder = 'gigs.ai_record_enhancement_images(billing.ai_requests, jsonb)'
 where purpose = 'gig_enhancement';
