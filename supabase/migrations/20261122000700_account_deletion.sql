-- Account deletion by the user: the profile is marked deleted and scrubbed, memberships and staff
-- roles end, sessions end and the auth user is banned. Hard deletion of the auth user (by the
-- service) cascades through every table that references the profile.

create or replace function public.delete_my_account()
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := auth.uid();
begin
  -- A suspended user may still delete their account; only a signed-in caller is required.
  if caller is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if exists (select 1 from public.group_members where user_id = caller and role = 'owner')
     or exists (select 1 from public.organization_members where user_id = caller and role = 'owner') then
    raise exception 'transfer ownership of your groups and organizations first' using errcode = 'PA005';
  end if;
  delete from public.group_permissions where user_id = caller;
  delete from public.group_members where user_id = caller;
  delete from public.organization_members where user_id = caller;
  delete from public.user_staff_roles where user_id = caller;
  delete from public.invitations where invited_user_id = caller and accepted_at is null;
  delete from private.mfa_recovery_codes where user_id = caller;
  update public.profiles
     set status = 'deleted', deleted_at = now(), suspended_until = null,
         display_name = 'Deleted user', avatar_url = null, bio = null, timezone = null
   where id = caller and status <> 'deleted';
  if not found then
    raise exception 'account already deleted' using errcode = 'PA007';
  end if;
  update public.private_profiles
     set email = null, preferences = '{}', last_login_at = null, suspension_reason = null, suspended_by = null
   where id = caller;
  update auth.users set banned_until = 'infinity', raw_user_meta_data = '{}' where id = caller;
  delete from auth.sessions where user_id = caller;
end
$$;

grant execute on function public.delete_my_account() to authenticated;
