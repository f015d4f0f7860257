-- Demo and reference data for local development (`npm run db:reset`, `supabase db reset`).
-- Reference data the schema needs lives in migrations (staff roles, assets, overlay templates).

-- Catalog: credit packages, plans, AI model prices, studio apps and tools.
insert into billing.credit_packages (id, name, credits, bonus_credits, price_amount, sort_order) values
  ('starter', 'Starter', 1000, 0, 999, 1), ('creator', 'Creator', 5000, 500, 3999, 2), ('studio', 'Studio', 20000, 4000, 12999, 3)
on conflict (id) do nothing;
-- The gigs product's tiers (seed 003: free, plus, pro); free is what a user has without a subscription.
insert into billing.plans (id, product, name, tier, monthly_credits, price_amount, is_default) values
  ('gigs-free', 'gigs', 'Free', 0, 0, 0, true), ('gigs-plus', 'gigs', 'Plus', 1, 2000, 999, false),
  ('gigs-pro', 'gigs', 'Pro', 2, 10000, 2999, false)
on conflict (id) do nothing;
insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, minimum_credits, max_output_tokens) values
  ('gpt-4o-mini', 'openai', 1, 4, 1, 4096), ('gpt-4o', 'openai', 10, 40, 2, 4096),
  ('claude-3-5-haiku-latest', 'anthropic', 2, 10, 1, 4096), ('claude-sonnet-4-5', 'anthropic', 12, 60, 2, 8192)
on conflict (model) do nothing;
insert into billing.provider_balances (provider, balance, low_balance_threshold) values ('openai', 500000, 50000), ('anthropic', 500000, 50000)
on conflict (provider) do nothing;
insert into studio.app_catalog (slug, name, category, credit_cost) values ('logo-maker', 'Logo maker', 'design', 25), ('story-helper', 'Story helper', 'writing', 10)
on conflict (slug) do nothing;
insert into studio.tools_catalog (app_id, slug, name, credit_cost)
select id, 'vectorize', 'Vectorize a logo', 15 from studio.app_catalog where slug = 'logo-maker'
on conflict (app_id, slug) do nothing;

-- Demo users (password login is Auth's; these rows let the database side be explored).
insert into auth.users (id, aud, role, email, raw_user_meta_data, email_confirmed_at, created_at, updated_at) values
  ('00000000-0000-4000-a000-000000000001', 'authenticated', 'authenticated', 'gm@demo.local', '{"display_name": "Demo GM"}', now(), now(), now()),
  ('00000000-0000-4000-a000-000000000002', 'authenticated', 'authenticated', 'player@demo.local', '{"display_name": "Demo Player"}', now(), now(), now())
on conflict (id) do nothing;

-- A demo group with a campaign, run by a GM with payouts enabled and a published listing.
do $$
declare
  gm constant uuid := '00000000-0000-4000-a000-000000000001';
  player constant uuid := '00000000-0000-4000-a000-000000000002';
  demo_group uuid;
  gm_profile uuid;
  listing uuid;
begin
  if exists (select 1 from public.groups where slug = 'demo-table') then
    return;
  end if;
  perform set_config('request.jwt.claims', json_build_object('sub', gm, 'role', 'authenticated')::text, true);
  demo_group := (public.create_group('Demo Table', 'demo-table', null, true, 6, 'A table to try things out')).id;
  insert into public.group_members (group_id, user_id, role) values (demo_group, player, 'player');
  insert into tabletop.campaigns (group_id, name, game_system, status) values (demo_group, 'The Sunken Keep', 'D&D 5e', 'active');
  perform billing.register_connected_account('acct_demo_gm', gm);
  update billing.connected_accounts set charges_enabled = true, payouts_enabled = true, details_submitted = true where id = 'acct_demo_gm';
  insert into tabletop.gm_profiles (user_id, headline, bio, is_listed, systems_played)
  values (gm, 'Story-first fantasy', 'Ten years behind the screen.', true, '{"D&D 5e", "Pathfinder 2e"}')
  returning id into gm_profile;
  insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes,
                                      min_players, max_players, scheduled_start, beginner_friendly)
  values (gm_profile, 'One-shot: The Sunken Keep', 'A drowned fortress and what waits inside.', 'D&D 5e', 1500, 'one_shot', 240, 3, 5,
          now() + interval '10 days', true)
  returning id into listing;
  perform tabletop.publish_listing(listing);
  perform set_config('request.jwt.claims', '', true);
end
$$;

-- Lounge: the system rooms (one per region and theme), the avatars, a few items, and a demo user
-- with a lounge profile.
insert into lounge.avatars (id, name) values
  ('classic-m', 'Classic (m)'), ('classic-f', 'Classic (f)'), ('robot', 'Robot'), ('fox', 'Fox')
on conflict (id) do nothing;
insert into lounge.rooms (name, theme, region, capacity)
select initcap(t.theme) || ' ' || upper(r.region), t.theme, r.region, 50
  from (values ('eu'), ('me'), ('na')) r (region), (values ('lounge'), ('dance'), ('sports')) t (theme)
 where not exists (select 1 from lounge.rooms x where x.created_by is null and x.region = r.region and x.theme = t.theme);
insert into lounge.inventory_items (sku, type, name, metadata, price_minor, currency, price_credits) values
  ('hat-neon', 'cosmetic', 'Neon hat', '{"slot": "head", "color": "#39ff14"}', 199, 'USD', 200),
  ('jacket-leather', 'cosmetic', 'Leather jacket', '{"slot": "torso"}', 499, 'USD', null),
  ('emote-wave', 'emote', 'Wave', '{"animation": "wave"}', null, 'USD', 50),
  ('drink-mojito', 'drink', 'Mojito', '{"glass": "highball"}', 99, 'USD', 100)
on conflict (sku) do nothing;
insert into auth.users (id, aud, role, email, raw_user_meta_data, email_confirmed_at, created_at, updated_at) values
  ('00000000-0000-4000-a000-000000000024', 'authenticated', 'authenticated', 'lounger@demo.local', '{"display_name": "Demo Lounger"}', now(), now(), now())
on conflict (id) do nothing;
do $$
declare
  lounger constant uuid := '00000000-0000-4000-a000-000000000024';
begin
  if exists (select 1 from lounge.profiles where user_id = lounger) then
    return;
  end if;
  perform set_config('request.jwt.claims', json_build_object('sub', lounger, 'role', 'authenticated')::text, true);
  perform lounge.set_display_name('Lounger');
  update lounge.profiles set bio = 'Here for the music.', avatar_id = 'fox', interests = '{music,football}' where user_id = lounger;
  perform set_config('request.jwt.claims', '', true);
end
$$;
