-- Storage: the buckets and who reads and writes their objects. Paths begin with the folder that
-- decides access: avatars/<user id>/..., media/<user id>/..., report-evidence/<user id>/...,
-- verification-documents/<user id>/..., chat-attachments/<conversation id>/...

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('avatars', 'avatars', true, 2 * 1024 * 1024, array['image/png', 'image/jpeg', 'image/webp', 'image/gif']),
  ('media', 'media', false, 50 * 1024 * 1024, array['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'video/mp4', 'video/webm', 'audio/mpeg', 'application/pdf']),
  ('chat-attachments', 'chat-attachments', false, 20 * 1024 * 1024, array['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf', 'text/plain', 'audio/mpeg']),
  ('report-evidence', 'report-evidence', false, 20 * 1024 * 1024, array['image/png', 'image/jpeg', 'image/webp', 'video/mp4', 'application/pdf', 'text/plain'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit, allowed_mime_types = excluded.allowed_mime_types;

create policy "anyone reads avatars" on storage.objects for select to anon, authenticated using (bucket_id = 'avatars');
create policy "users read their media, attachments of their conversations and evidence they gave" on storage.objects
  for select to authenticated
  using ((bucket_id in ('media', 'report-evidence') and (storage.foldername(name))[1] = (select auth.uid())::text)
         or (bucket_id = 'chat-attachments' and (storage.foldername(name))[1] in (select id::text from private.my_conversation_ids() id))
         or (bucket_id = 'report-evidence' and (select private.has_permission('moderation.act'))));
create policy "active users upload into their own folders and their conversations" on storage.objects
  for insert to authenticated
  with check ((select private.is_active_user())
              and ((bucket_id in ('avatars', 'media', 'report-evidence') and (storage.foldername(name))[1] = (select auth.uid())::text)
                   or (bucket_id = 'chat-attachments' and (storage.foldername(name))[1] in (select id::text from private.my_conversation_ids() id))));
create policy "users replace their own files" on storage.objects
  for update to authenticated
  using (owner_id = (select auth.uid())::text and bucket_id in ('avatars', 'media'))
  with check (owner_id = (select auth.uid())::text and bucket_id in ('avatars', 'media')
              and (storage.foldername(name))[1] = (select auth.uid())::text);
create policy "users delete their own files" on storage.objects
  for delete to authenticated
  using ((owner_id = (select auth.uid())::text and bucket_id in ('avatars', 'media', 'chat-attachments'))
         -- What the server wrote into a user's media folder (the AI gateway's images: no owner) is theirs too.
         or (bucket_id = 'media' and owner_id is null and (storage.foldername(name))[1] = (select auth.uid())::text));

-- Verification documents: the applicant's own folder. Who reads and uploads them is in the verification
-- migration (20261122001310): staff read the files of the requests they may decide, so the policy reads
-- those requests.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('verification-documents', 'verification-documents', false, 10 * 1024 * 1024, array['image/png', 'image/jpeg', 'application/pdf'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit, allowed_mime_types = excluded.allowed_mime_types;

-- An object stays in its bucket: a client's update never moves it into another bucket, past that
-- bucket's rules and limits (WITH CHECK sees only the new row, and update policies of different
-- buckets are or-ed together, so this is a trigger). The server's role may move objects.
create or replace function private.keep_object_bucket()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.bucket_id is distinct from old.bucket_id and current_user in ('anon', 'authenticated') then
    raise exception 'an object cannot be moved to another bucket' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger keep_object_bucket before update of bucket_id on storage.objects
  for each row execute function private.keep_object_bucket();

-- A folder decides access, so a client-written name has no empty, '.' or '..' segment that could
-- point the same object into another folder.
create policy "object names are plain paths" on storage.objects as restrictive for insert to authenticated
  with check (name !~ '(^|/)\.{0,2}(/|$)');
create policy "object names stay plain paths" on storage.objects as restrictive for update to authenticated
  with check (name !~ '(^|/)\.{0,2}(/|$)');
