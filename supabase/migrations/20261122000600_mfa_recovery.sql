-- MFA recovery codes, which Supabase Auth lacks. A user at aal2 generates a set (shown once; only
-- SHA-256 hashes kept; a new set replaces the old). Redeeming one is one-time and audited: it removes
-- the user's MFA factors so that they can sign in at aal1 and enrol a new one.

create table private.mfa_recovery_codes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  code_hash bytea not null,
  used_at timestamptz,
  created_at timestamptz not null default now(),
  unique (user_id, code_hash)
);
comment on table private.mfa_recovery_codes is 'Hashes of MFA recovery codes; reached only through generate_mfa_recovery_codes / redeem_mfa_recovery_code.';
create index mfa_recovery_codes_unused_idx on private.mfa_recovery_codes (user_id) where used_at is null;
alter table private.mfa_recovery_codes enable row level security;

create trigger audit_row_change after insert or update or delete on private.mfa_recovery_codes
  for each row execute function private.audit_row_change('id', 'user_id');

-- Codes are read aloud and typed: case and dashes do not matter.
create or replace function private.recovery_code_hash(p_code text)
returns bytea
language sql
immutable
set search_path = ''
as $$
  select extensions.digest(upper(regexp_replace(coalesce(p_code, ''), '[^A-Za-z0-9]', '', 'g')), 'sha256')
$$;

-- For RPCs that need a session verified with MFA (aal2): recovery codes, and staff actions that move
-- money. service_role (the server) has no session to verify and passes.
create or replace function private.require_aal2(p_what text)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if auth.role() = 'service_role' then
    return;
  end if;
  if coalesce(auth.jwt() ->> 'aal', '') <> 'aal2' then
    raise exception '% need a session verified with MFA (aal2)', p_what using errcode = '42501',
      hint = 'verify a second factor (supabase.auth.mfa.challengeAndVerify) and call again';
  end if;
end
$$;
grant execute on function private.require_aal2(text) to authenticated, service_role;

create or replace function public.generate_mfa_recovery_codes()
returns setof text
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  code text;
begin
  perform private.require_aal2('recovery codes');
  delete from private.mfa_recovery_codes where user_id = caller;
  for i in 1..10 loop
    -- 10 characters of Crockford base32: 50 bits each.
    code := (select string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(b, n) % 32), 1), '')
               from extensions.gen_random_bytes(10) b, generate_series(0, 9) n);
    insert into private.mfa_recovery_codes (user_id, code_hash) values (caller, private.recovery_code_hash(code));
    return next substr(code, 1, 5) || '-' || substr(code, 6, 5);
  end loop;
end
$$;

create or replace function public.redeem_mfa_recovery_code(p_code text)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  redeemed uuid;
begin
  update private.mfa_recovery_codes set used_at = now()
   where id = (select id from private.mfa_recovery_codes
                where user_id = caller and code_hash = private.recovery_code_hash(p_code) and used_at is null
                for update)
  returning id into redeemed;
  if redeemed is null then
    raise exception 'invalid or already used recovery code' using errcode = '28000';
  end if;
  delete from auth.mfa_factors where user_id = caller;
  return (select count(*) from private.mfa_recovery_codes where user_id = caller and used_at is null);
end
$$;

create or replace function public.mfa_recovery_codes_remaining()
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select count(*)::integer from private.mfa_recovery_codes where user_id = auth.uid() and used_at is null
$$;

grant execute on function public.generate_mfa_recovery_codes(), public.redeem_mfa_recovery_code(text),
  public.mfa_recovery_codes_remaining() to authenticated;
