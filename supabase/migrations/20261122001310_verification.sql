-- Verification: what the platform has checked about a user, by kind.
--   identity                  documents in the verification-documents bucket, decided by staff; while an
--                             approval is current it makes profiles.verified true.
--   professional credentials  kinds a product registers (a first responder, a reader's certification):
--                             the same flow, decided by staff holding the permission the kind names.
--   email, phone              the confirmations Supabase Auth already holds (auth.users.email_confirmed_at,
--                             phone_confirmed_at): read, never requested.
-- A request (kind + the applicant's own documents) is decided once; an approval writes a
-- verifications row (kind, by whom, when, optional expiry, note) that staff may revoke. Products read
-- a user's current verifications through private.user_verifications(user id) (or the predicate
-- private.has_verification); clients read their own through public.my_verifications(), and staff a
-- user's through public.user_verifications(user id).

-- The registry of kinds ---------------------------------------------------------------------------------------------
-- The core registers identity, email and phone; a product registers its credential kinds in its own
-- migration, e.g.
--   insert into public.staff_permissions (permission, product, description)
--     values ('responders.verify', 'example', 'Checks first responders'' credentials');
--   insert into public.verification_kinds (kind, product, decide_permission, validity, description)
--     values ('first_responder', 'example', 'responders.verify', interval '1 year', 'A first responder''s badge or agency letter');
create table public.verification_kinds (
  kind text primary key check (kind ~ '^[a-z][a-z0-9_]{1,39}$'),
  product text not null check (product ~ '^[a-z_]{2,30}$'),
  -- documents: requested with documents, decided by staff; auth: read from Supabase Auth (the core's email and phone).
  source text not null default 'documents' check (source in ('documents', 'auth')),
  -- Who decides and revokes this kind and reads its requests and documents: a core staff permission
  -- or one the same product registered (checked by the trigger below).
  decide_permission text references public.staff_permissions (permission),
  -- How long an approval lasts unless the decision gives its own expiry; null: until revoked.
  validity interval check (validity > interval '0'),
  description text not null check (char_length(description) between 1 and 500),
  -- Optional on_change(p_user_id uuid) returns void: called in the same transaction when a user's
  -- verification of this kind is approved or revoked, and by the expiry job after one expires, so a
  -- product's own flag derived from it (a first responder's) follows at once.
  on_change text,
  created_at timestamptz not null default now(),
  check ((source = 'documents') = (decide_permission is not null)),
  check (source = 'documents' or (product = 'core' and kind in ('email', 'phone') and validity is null))
);
comment on table public.verification_kinds is 'Kinds of verification (the core''s and the products'' credential kinds) and the staff permission that decides each; reference data.';
create index verification_kinds_decide_permission_idx on public.verification_kinds (decide_permission);

-- A kind is decided with a registered permission of the core or of its own product (as a product's
-- staff role holds only its own product's permissions).
create or replace function private.check_verification_kind()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  owner text;
begin
  if new.on_change is not null then
    perform private.registered_function(new.on_change, array['uuid']::regtype[], 'void');
  end if;
  if new.decide_permission is not null then
    select sp.product into owner from public.staff_permissions sp where sp.permission = new.decide_permission;
    if not found then
      raise exception 'unknown staff permission "%"', new.decide_permission using errcode = 'PA001',
        hint = 'register it in public.staff_permissions first';
    end if;
    if owner not in ('core', new.product) then
      raise exception 'verification kind "%" of % cannot be decided with "%", a permission of %', new.kind, new.product, new.decide_permission, owner
        using errcode = '42501';
    end if;
  end if;
  return new;
end
$$;
create trigger check_verification_kind before insert or update on public.verification_kinds
  for each row execute function private.check_verification_kind();

insert into public.verification_kinds (kind, product, source, decide_permission, description) values
  ('identity', 'core', 'documents', 'moderation.act', 'An identity document checked by staff; while current, profiles.verified is true.'),
  ('email', 'core', 'auth', null, 'The email address, confirmed with Supabase Auth.'),
  ('phone', 'core', 'auth', null, 'The phone number, confirmed with Supabase Auth.');

-- Requests ------------------------------------------------------------------------------------------------------------
-- Derived from the identity verification (below); clients have no grant on it and the guard refuses
-- any other value, whoever writes.
alter table public.profiles add column verified boolean not null default false;
comment on column public.profiles.verified is 'Derived: true while the user has a current (approved, unrevoked, unexpired) identity verification.';

create table public.verification_requests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  -- A registered kind with documents (unknown: PA001; email and phone come from Auth: 22023).
  kind text not null references public.verification_kinds (kind),
  -- Files in the verification-documents bucket, under the applicant's folder; 1 to 10.
  document_paths text[] not null check (octet_length(array_to_string(document_paths, '')) <= 10240),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  decided_by uuid references public.profiles (id) on delete set null,
  decided_at timestamptz,
  decision_note text check (char_length(decision_note) <= 2000),
  created_at timestamptz not null default now(),
  check ((status = 'pending') = (decided_at is null)),
  constraint verification_documents_in_applicant_folder
    check (cardinality(document_paths) between 1 and 10 and private.paths_in_folder(document_paths, user_id::text))
);
comment on table public.verification_requests is 'A user''s request to be verified for a kind, with their documents; decided by staff through decide_verification.';
-- One pending request per user and kind.
create unique index verification_requests_one_pending on public.verification_requests (user_id, kind) where status = 'pending';
create index verification_requests_user_idx on public.verification_requests (user_id, created_at desc);
create index verification_requests_queue_idx on public.verification_requests (kind, created_at);
create index verification_requests_decided_by_idx on public.verification_requests (decided_by);
-- The documents policy looks a file up among the requests.
create index verification_requests_documents_idx on public.verification_requests using gin (document_paths);

-- A request names a kind that is requested with documents, and files that are there. Paths outside
-- the applicant's folder are left to the folder constraint, so that the answer never says whether
-- someone else's file exists.
create or replace function private.check_verification_request()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  kind_source text;
  missing text;
begin
  select k.source into kind_source from public.verification_kinds k where k.kind = new.kind;
  if not found then
    raise exception 'unknown verification kind "%"', coalesce(new.kind, 'null') using errcode = 'PA001';
  end if;
  if kind_source = 'auth' then
    raise exception 'the % verification comes from Supabase Auth (confirm it there); it is not requested', new.kind using errcode = '22023';
  end if;
  if new.user_id is not null and private.paths_in_folder(new.document_paths, new.user_id::text) then
    select p into missing from unnest(new.document_paths) p
     where not exists (select 1 from storage.objects o where o.bucket_id = 'verification-documents' and o.name = p)
     limit 1;
    if found then
      raise exception 'no document "%" in verification-documents', missing using errcode = 'PA001', hint = 'upload it first';
    end if;
  end if;
  return new;
end
$$;
create trigger check_verification_request before insert or update of kind, document_paths, user_id on public.verification_requests
  for each row execute function private.check_verification_request();

-- Verifications ---------------------------------------------------------------------------------------------------
-- What was verified. Written by decide_verification (an approval) and revoke_verification; a renewal
-- revokes the one before, so a user has at most one current row per kind. History stays.
create table public.verifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null references public.verification_kinds (kind),
  request_id uuid unique references public.verification_requests (id) on delete set null,
  verified_by uuid references public.profiles (id) on delete set null,
  verified_at timestamptz not null default now(),
  expires_at timestamptz,
  note text check (char_length(note) <= 2000),
  revoked_at timestamptz,
  revoked_by uuid references public.profiles (id) on delete set null,
  revoke_reason text check (char_length(revoke_reason) <= 2000),
  check (expires_at > verified_at),
  check ((revoked_at is null) = (revoke_reason is null))
);
comment on table public.verifications is 'What staff verified about a user (kind, by whom, when, until when, note) and revocations. Current: not revoked and not expired.';
create unique index verifications_one_current on public.verifications (user_id, kind) where revoked_at is null;
create index verifications_user_idx on public.verifications (user_id, verified_at desc);
create index verifications_kind_expiry_idx on public.verifications (kind, expires_at);
create index verifications_verified_by_idx on public.verifications (verified_by);
create index verifications_revoked_by_idx on public.verifications (revoked_by);

-- profiles.verified -----------------------------------------------------------------------------------------------------
-- The one rule: a current identity verification.
create or replace function private.identity_verified(p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.verifications v
                  where v.user_id = p_user_id and v.kind = 'identity' and v.revoked_at is null
                    and (v.expires_at is null or v.expires_at > now()))
$$;

-- The flag takes no value but the derived one, whoever writes (clients have no column grant either).
create or replace function private.guard_verified_flag()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (tg_op = 'INSERT' and new.verified)
     or (tg_op = 'UPDATE' and new.verified is distinct from old.verified and new.verified is distinct from private.identity_verified(new.id)) then
    raise exception 'profiles.verified follows the identity verification; it is not set directly' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger guard_verified_flag before insert or update of verified on public.profiles
  for each row execute function private.guard_verified_flag();

-- Every change to an identity verification brings the flag up to date in the same transaction.
create or replace function private.sync_verified_flag()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := case when tg_op = 'DELETE' then old.user_id else new.user_id end;
begin
  update public.profiles p set verified = private.identity_verified(p.id)
   where p.id = uid and p.verified is distinct from private.identity_verified(p.id);
  return null;
end
$$;
create trigger sync_verified_flag after insert or update or delete on public.verifications
  for each row execute function private.sync_verified_flag();

-- The kind's product hears of every approval, renewal and revocation (on_change).
create or replace function private.verification_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  hook text := (select k.on_change from public.verification_kinds k where k.kind = new.kind);
begin
  -- A renewal revokes the old row and inserts the new one: the insert tells, not the gap between.
  if hook is not null and not (tg_op = 'UPDATE' and new.revoke_reason is not distinct from 'renewed') then
    execute format('select %s($1)', private.registered_call(hook)) using new.user_id;
  end if;
  return null;
end
$$;
create trigger verification_changed after insert or update of revoked_at, expires_at on public.verifications
  for each row execute function private.verification_changed();

-- Expiry passes without a write: pg_cron clears the flag of identity verifications that have expired.
-- (Products reading private.user_verifications see expiry at once.)
create or replace function private.expire_verifications()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  cleared integer;
  expired record;
begin
  update public.profiles p set verified = false
   where p.verified
     and p.id in (select v.user_id from public.verifications v
                   where v.kind = 'identity' and v.revoked_at is null and v.expires_at <= now())
     and not private.identity_verified(p.id);
  get diagnostics cleared = row_count;
  -- Products' kinds with on_change: those that expired lately (the hook is idempotent; the window
  -- outlasts a few missed runs).
  for expired in
    select k.on_change, v.user_id
      from public.verifications v join public.verification_kinds k on k.kind = v.kind and k.on_change is not null
     where v.revoked_at is null and v.expires_at <= now() and v.expires_at > now() - interval '1 hour'
  loop
    execute format('select %s($1)', private.registered_call(expired.on_change)) using expired.user_id;
  end loop;
  return cleared;
end
$$;
select cron.schedule('expire-verifications', '*/5 * * * *', 'select private.expire_verifications()');

-- Reading -------------------------------------------------------------------------------------------------------------
-- A user's current verifications: email and phone from Auth, the rest current rows (not revoked, not
-- expired). No documents, no notes. For products' security-definer functions and the server; not
-- executable by clients (it takes any user's id).
create or replace function private.user_verifications(p_user_id uuid)
returns table (kind text, verified_at timestamptz, expires_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select 'email'::text, u.email_confirmed_at, null::timestamptz from auth.users u
   where u.id = p_user_id and u.email is not null and u.email_confirmed_at is not null
  union all
  select 'phone'::text, u.phone_confirmed_at, null::timestamptz from auth.users u
   where u.id = p_user_id and u.phone is not null and u.phone_confirmed_at is not null
  union all
  select v.kind, v.verified_at, v.expires_at
    from public.verifications v join public.verification_kinds k on k.kind = v.kind and k.source = 'documents'
   where v.user_id = p_user_id and v.revoked_at is null and (v.expires_at is null or v.expires_at > now())
$$;

-- The predicate products use (e.g. only certified readers may publish). A misspelt kind would shut
-- everyone out silently: it is an error.
create or replace function private.has_verification(p_user_id uuid, p_kind text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not exists (select 1 from public.verification_kinds k where k.kind = p_kind) then
    raise exception 'unknown verification kind "%"', coalesce(p_kind, 'null') using errcode = 'PA001';
  end if;
  return exists (select 1 from private.user_verifications(p_user_id) v where v.kind = p_kind);
end
$$;

-- The caller's own.
create or replace function public.my_verifications()
returns table (kind text, verified_at timestamptz, expires_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  caller uuid := auth.uid();
begin
  if caller is null then
    raise exception 'not signed in' using errcode = '42501', hint = 'call with a user''s JWT';
  end if;
  return query select v.kind, v.verified_at, v.expires_at from private.user_verifications(caller) v order by v.kind;
end
$$;

-- A user's, for clients: the user themselves, staff with users.read_all, and staff who decide a kind
-- (they see what else an applicant holds). Anyone else: 42501.
create or replace function public.user_verifications(p_user_id uuid)
returns table (kind text, verified_at timestamptz, expires_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if p_user_id is distinct from auth.uid() and not private.has_permission('users.read_all')
     and not exists (select 1 from private.decidable_verification_kinds()) then
    raise exception 'a user''s verifications are theirs and staff''s to read' using errcode = '42501';
  end if;
  return query select v.kind, v.verified_at, v.expires_at from private.user_verifications(p_user_id) v order by v.kind;
end
$$;

-- The kinds the caller decides (service_role: every kind), for the policies and the staff RPCs.
create or replace function private.decidable_verification_kinds()
returns setof text
language sql
stable
security definer
set search_path = ''
as $$
  select k.kind from public.verification_kinds k
   where k.decide_permission is not null and private.has_permission(k.decide_permission)
$$;

-- Whether the caller decides a request that names this file (staff read the documents of the kinds they decide).
create or replace function private.may_review_verification_document(p_name text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.verification_requests r
                  where r.document_paths @> array[p_name]
                    and r.kind in (select private.decidable_verification_kinds()))
$$;

-- Deciding and revoking -----------------------------------------------------------------------------------------------
-- Staff holding the kind's permission approve or reject a pending request (never their own). An
-- approval records a verification, expiring at p_expires_at, else after the kind's validity, else
-- never; it replaces the user's current verification of that kind.
create or replace function public.decide_verification(p_request_id uuid, p_approve boolean, p_note text default null, p_expires_at timestamptz default null)
returns public.verification_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  request public.verification_requests;
  kind_row public.verification_kinds;
  moderator uuid;
  expires timestamptz;
begin
  -- Who decides nothing learns nothing about requests.
  if not exists (select 1 from private.decidable_verification_kinds()) then
    raise exception 'deciding verifications needs the staff permission of a verification kind' using errcode = '42501';
  end if;
  select * into request from public.verification_requests r where r.id = p_request_id for update;
  if not found then
    raise exception 'no verification request %', p_request_id using errcode = 'PA001';
  end if;
  select * into kind_row from public.verification_kinds k where k.kind = request.kind;
  moderator := private.require_staff_permission(kind_row.decide_permission);
  if request.user_id = moderator then
    raise exception 'staff cannot decide their own verification' using errcode = '42501';
  end if;
  if request.status <> 'pending' then
    raise exception 'verification request % is already %', p_request_id, request.status using errcode = 'PA115';
  end if;
  if p_approve is null then
    raise exception 'a decision approves or rejects' using errcode = '22023';
  end if;
  if p_expires_at is not null and not p_approve then
    raise exception 'only an approval has an expiry' using errcode = '22023';
  end if;
  if p_expires_at is not null and p_expires_at <= now() then
    raise exception 'an expiry must be in the future' using errcode = '22023';
  end if;

  update public.verification_requests
     set status = case when p_approve then 'approved' else 'rejected' end, decided_by = moderator, decided_at = now(), decision_note = p_note
   where id = request.id
  returning * into request;
  if p_approve then
    expires := coalesce(p_expires_at, now() + kind_row.validity);
    update public.verifications set revoked_at = now(), revoked_by = moderator, revoke_reason = 'renewed'
     where user_id = request.user_id and verifications.kind = request.kind and revoked_at is null;
    insert into public.verifications (user_id, kind, request_id, verified_by, expires_at, note)
    values (request.user_id, request.kind, request.id, moderator, expires, p_note);
  end if;
  perform private.log_moderation(case when p_approve then 'verify' else 'reject_verification' end, 'user', request.user_id::text, null, p_note,
    jsonb_strip_nulls(jsonb_build_object('kind', request.kind, 'request_id', request.id, 'expires_at', expires)));
  perform private.notify(request.user_id, 'verification.' || request.status,
    jsonb_strip_nulls(jsonb_build_object('request_id', request.id, 'kind', request.kind, 'expires_at', expires)));
  return request;
end
$$;

-- Staff holding the kind's permission revoke a verification (with a reason the user is told).
create or replace function public.revoke_verification(p_verification_id uuid, p_reason text)
returns public.verifications
language plpgsql
security definer
set search_path = ''
as $$
declare
  revoked public.verifications;
  moderator uuid;
begin
  if not exists (select 1 from private.decidable_verification_kinds()) then
    raise exception 'revoking verifications needs the staff permission of a verification kind' using errcode = '42501';
  end if;
  select * into revoked from public.verifications v where v.id = p_verification_id for update;
  if not found then
    raise exception 'no verification %', p_verification_id using errcode = 'PA001';
  end if;
  moderator := private.require_staff_permission((select k.decide_permission from public.verification_kinds k where k.kind = revoked.kind));
  if nullif(btrim(p_reason), '') is null then
    raise exception 'a revocation needs a reason' using errcode = '22023';
  end if;
  if revoked.revoked_at is not null then
    raise exception 'verification % is already revoked', p_verification_id using errcode = 'PA115';
  end if;
  update public.verifications set revoked_at = now(), revoked_by = moderator, revoke_reason = p_reason
   where id = revoked.id
  returning * into revoked;
  perform private.log_moderation('revoke_verification', 'user', revoked.user_id::text, null, p_reason,
    jsonb_build_object('kind', revoked.kind, 'verification_id', revoked.id));
  perform private.notify(revoked.user_id, 'verification.revoked',
    jsonb_build_object('verification_id', revoked.id, 'kind', revoked.kind, 'reason', p_reason));
  return revoked;
end
$$;

-- Grants and policies ---------------------------------------------------------------------------------------------
revoke all on public.verification_kinds, public.verification_requests, public.verifications from anon, authenticated;
grant select on public.verification_kinds, public.verification_requests, public.verifications to authenticated;
grant insert (kind, document_paths) on public.verification_requests to authenticated;
alter table public.verification_kinds enable row level security;
alter table public.verification_requests enable row level security;
alter table public.verifications enable row level security;

create policy "signed-in users read the verification kinds" on public.verification_kinds for select to authenticated using (true);
create policy "users read their verification requests, staff those of the kinds they decide" on public.verification_requests
  for select to authenticated
  using (user_id = (select auth.uid()) or kind in (select private.decidable_verification_kinds()));
create policy "active users ask for verification" on public.verification_requests for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_active_user()));
create policy "users read their verifications, staff those of the kinds they decide and support all" on public.verifications
  for select to authenticated
  using (user_id = (select auth.uid()) or kind in (select private.decidable_verification_kinds())
         or (select private.has_permission('users.read_all')));

-- The documents (the bucket is made with the others in the storage migration): the applicant
-- uploads into and reads their own folder; staff read the files of requests of the kinds they decide
-- (the exists runs once per query, so users who decide nothing skip the per-file lookup).
create policy "users and deciding staff read verification documents" on storage.objects for select to authenticated
  using (bucket_id = 'verification-documents'
         and ((storage.foldername(name))[1] = (select auth.uid())::text
              or (exists (select 1 from private.decidable_verification_kinds()) and private.may_review_verification_document(name))));
create policy "active users upload their verification documents" on storage.objects for insert to authenticated
  with check (bucket_id = 'verification-documents' and (storage.foldername(name))[1] = (select auth.uid())::text
              and (select private.is_active_user()));

grant execute on function private.decidable_verification_kinds(), private.may_review_verification_document(text) to authenticated;
grant execute on function public.my_verifications(), public.user_verifications(uuid), public.decide_verification(uuid, boolean, text, timestamptz),
  public.revoke_verification(uuid, text) to authenticated;
