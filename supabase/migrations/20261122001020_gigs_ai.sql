-- The gigs product's AI tables (seed 003 names them without columns): the images users bring and the
-- AI enhancements made of them through the AI gateway, charged in credits.

create table gigs.source_images (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  storage_path text not null,
  mime_type text not null check (mime_type ~ '^image/'),
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
