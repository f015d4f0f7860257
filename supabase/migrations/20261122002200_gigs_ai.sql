-- The gigs product's AI tables (seed 003 names them without columns): the images users bring and the
-- AI enhancements made of them through the AI gateway, charged in credits; and the gigs' AI purpose,
-- gig_enhancement, registered with the core.

select private.create_product_schema('gigs');

create table gigs.source_images (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  storage_path text not null check (char_length(storage_path) <= 1024),
  mime_type text not null check (mime_type ~ '^image/' and char_length(mime_type) <= 100),
  width integer check (width > 0),
  height integer check (height > 0),
  created_at timestamptz not null default now()
);
create index source_images_user_id_idx on gigs.source_images (user_id, created_at desc);

create table gigs.ai_enhancements (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  source_image_id uuid references gigs.source_images (id) on delete set null,
  ai_request_id uuid,
  enhancement_type text not null default 'general',
  prompt text,
  result text,
  status text not null check (status in ('completed', 'failed')),
  credits_used bigint not null default 0,
  error_message text,
  created_at timestamptz not null default now()
);
create index ai_enhancements_user_id_idx on gigs.ai_enhancements (user_id, created_at desc);
create index ai_enhancements_source_image_id_idx on gigs.ai_enhancements (source_image_id);
create index ai_enhancements_request_idx on gigs.ai_enhancements (ai_request_id);

revoke all on gigs.source_images, gigs.ai_enhancements from anon, authenticated;
grant select, insert, delete on gigs.source_images to authenticated;
grant select on gigs.ai_enhancements to authenticated;
alter table gigs.source_images enable row level security;
alter table gigs.ai_enhancements enable row level security;

create policy "users read their source images" on gigs.source_images for select to authenticated using (user_id = (select auth.uid()));
create policy "active users add source images" on gigs.source_images for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_active_user()));
create policy "active users remove their source images" on gigs.source_images for delete to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active_user()));
create policy "users read their enhancements" on gigs.ai_enhancements for select to authenticated using (user_id = (select auth.uid()));

-- AI purpose ------------------------------------------------------------------------------------------------------
-- gig_enhancement names one of the caller's own source images (purpose id required). The core calls the
-- validator and the recorder from its own security definer functions; clients never do.
create or replace function gigs.ai_validate_source_image(p_user_id uuid, p_purpose_id text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select p_purpose_id is not null
     and exists (select 1 from gigs.source_images s where s.id::text = p_purpose_id and s.user_id = p_user_id)
$$;

-- A settled or failed enhancement: one row with the prompt, the result (or the error) and the credits.
-- An image request (generation or edit) has no text result: its enhancement_type is the request's kind
-- and its images become gigs.media (gigs.ai_record_enhancement_images, 20261122002240).
create or replace function gigs.ai_record_enhancement(p_request billing.ai_requests, p_content text)
returns void
language sql
set search_path = ''
as $$
  insert into gigs.ai_enhancements (user_id, source_image_id, ai_request_id, enhancement_type, prompt, result, status, credits_used, error_message)
  values (p_request.user_id, p_request.purpose_id::uuid, p_request.id, case when p_request.kind = 'chat' then 'general' else p_request.kind end,
          p_request.last_user_message, p_content,
          case when p_request.status = 'completed' then 'completed' else 'failed' end, p_request.credits_charged, p_request.error)
$$;

revoke execute on function gigs.ai_validate_source_image(uuid, text), gigs.ai_record_enhancement(billing.ai_requests, text)
  from public, anon, authenticated;

insert into private.ai_purposes (purpose, product, validator, recorder) values
  ('gig_enhancement', 'gigs', 'gigs.ai_validate_source_image(uuid, text)', 'gigs.ai_record_enhancement(billing.ai_requests, text)');
