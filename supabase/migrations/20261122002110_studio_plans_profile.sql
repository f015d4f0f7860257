-- The studio's plans and the seed's profile as the studio reads it (seed 002 `profiles`).
--
-- Plans light, standard, advanced and premium are the studio's registration in billing.plans: each
-- grants its monthly credits when its invoice is paid (the core's subscription handling), and
-- billing.current_plan('studio', user) answers which one a user has. No plan is the default: a user
-- without a subscription has no tier, as in the seed. features.tier is the seed's subscription_tier.
insert into billing.plans (id, product, name, tier, monthly_credits, price_amount, features) values
  ('studio-light', 'studio', 'Light', 1, 500, 999, '{"tier": "light"}'),
  ('studio-standard', 'studio', 'Standard', 2, 1500, 1999, '{"tier": "standard"}'),
  ('studio-advanced', 'studio', 'Advanced', 3, 4000, 4999, '{"tier": "advanced"}'),
  ('studio-premium', 'studio', 'Premium', 4, 10000, 9999, '{"tier": "premium"}')
on conflict (id) do nothing;

-- The seed's role vocabulary from the core's staff roles: owner for a super_admin, admin for any
-- other staff role, user otherwise.
create or replace function private.studio_role_of(p_user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when exists (select 1 from public.user_staff_roles r where r.user_id = p_user_id and r.role = 'super_admin') then 'owner'
    when exists (select 1 from public.user_staff_roles r where r.user_id = p_user_id) then 'admin'
    else 'user'
  end
$$;
revoke execute on function private.studio_role_of(uuid) from public, anon, authenticated;

-- The caller's profile in the seed's shape: one row. credits is public.get_user_credits (the balance,
-- open holds included); the subscription fields are billing.current_plan's for the studio (null
-- without a subscription); last_login_at is Auth's last sign-in. A suspended user reads it too.
create or replace function studio.my_profile()
returns table (id uuid, email text, display_name text, avatar_url text, role text, credits integer,
               subscription_tier text, subscription_status text, subscription_id uuid, plan_id text, monthly_credits bigint,
               last_login_at timestamptz, created_at timestamptz, updated_at timestamptz)
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
  return query
    select p.id, pp.email, p.display_name, p.avatar_url, private.studio_role_of(p.id), public.get_user_credits(p.id),
           plan.features ->> 'tier', plan.status, plan.subscription_id, plan.plan_id, plan.monthly_credits,
           pp.last_login_at, p.created_at, p.updated_at
      from public.profiles p
      left join public.private_profiles pp on pp.id = p.id
      left join lateral (select * from billing.current_plan('studio', p.id)) plan on true
     where p.id = caller;
end
$$;

revoke execute on function studio.my_profile() from public, anon, authenticated;
grant execute on function studio.my_profile() to authenticated;
