-- Demo and reference data for local development (`npm run db:reset`, `supabase db reset`).
-- Reference data the schema needs lives in migrations (staff roles, assets, overlay templates).

-- Catalog: credit packages, plans, AI model prices, studio apps and tools.
insert into billing.credit_packages (id, name, credits, bonus_credits, price_amount, sort_order) values
  ('starter', 'Starter', 1000, 0, 999, 1), ('creator', 'Creator', 5000, 500, 3999, 2), ('studio', 'Studio', 20000, 4000, 12999, 3)
on conflict (id) do nothing;
insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, minimum_credits, max_output_tokens) values
  ('gpt-4o-mini', 'openai', 1, 4, 1, 4096), ('gpt-4o', 'openai', 10, 40, 2, 4096),
  ('claude-3-5-haiku-latest', 'anthropic', 2, 10, 1, 4096), ('claude-sonnet-4-5', 'anthropic', 12, 60, 2, 8192)
on conflict (model) do nothing;
insert into billing.ai_image_prices (model, size, provider, credits_per_image, max_images) values
  ('gpt-image-1', '1024x1024', 'openai', 40, 4), ('gpt-image-1', '1024x1536', 'openai', 60, 4), ('gpt-image-1', '1536x1024', 'openai', 60, 4),
  ('dall-e-3', '1024x1024', 'openai', 40, 1), ('dall-e-2', '512x512', 'openai', 2, 4)
on conflict (model, size) do nothing;
insert into billing.provider_balances (provider, balance, low_balance_threshold) values ('openai', 500000, 50000), ('anthropic', 500000, 50000)
on conflict (provider) do nothing;
insert into studio.app_catalog (slug, name, category, credit_cost) values ('logo-maker', 'Logo maker', 'design', 25), ('story-helper', 'Story helper', 'writing', 10)
on conflict (slug) do nothing;
insert into studio.tools_catalog (app_id, slug, name, credit_cost)
select id, 'vectorize', 'Vectorize a logo', 15 from studio.app_catalog where slug = 'logo-maker'
on conflict (app_id, slug) do nothing;
-- The studio's bots: a health check of our own functions every five minutes (the studio's plans are
-- registered by its migration 20261122002110), and one knowledge entry.
insert into studio.bots (name, display_name, description, schedule_cron, api_endpoint, http_method, timeout_seconds) values
  ('health-monitor', 'Health monitor', 'Checks that the functions answer and the database is reachable', '*/5 * * * *',
   '/functions/v1/health', 'GET', 10)
on conflict (name) do nothing;
insert into studio.bot_knowledge (category, issue_pattern, solution)
select 'availability', 'health function answers 503 database_unavailable', 'Check the database connections and restart the pooler'
 where not exists (select 1 from studio.bot_knowledge where category = 'availability');

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

-- Tarot: a listed demo reader (per minute, payouts enabled) and a demo client with birth data and
-- some money in their wallet.
insert into auth.users (id, aud, role, email, raw_user_meta_data, email_confirmed_at, created_at, updated_at) values
  ('00000000-0000-4000-a000-000000000011', 'authenticated', 'authenticated', 'reader@demo.local', '{"display_name": "Demo Reader"}', now(), now(), now()),
  ('00000000-0000-4000-a000-000000000012', 'authenticated', 'authenticated', 'client@demo.local', '{"display_name": "Demo Client"}', now(), now(), now())
on conflict (id) do nothing;
do $$
declare
  reader constant uuid := '00000000-0000-4000-a000-000000000011';
  client constant uuid := '00000000-0000-4000-a000-000000000012';
begin
  if exists (select 1 from tarot.reader_profiles where user_id = reader) then
    return;
  end if;
  perform billing.register_connected_account('acct_demo_reader', reader);
  update billing.connected_accounts set charges_enabled = true, payouts_enabled = true, details_submitted = true where id = 'acct_demo_reader';
  insert into tarot.reader_profiles (user_id, specializations, experience_years, rate_type, rate_amount, currency, certifications, languages,
                                     availability_schedule, is_available_now, is_listed)
  values (reader, '{love, career}', 12, 'per_minute', 199, 'USD', '{"Certified Tarot Reader"}', '{en, es}',
          '{"mon": ["18:00-22:00"], "sat": ["10:00-16:00"]}', true, true);
  insert into tarot.client_profiles (user_id, date_of_birth, birth_chart_data)
  values (client, '1990-04-12', '{"time": "07:45", "place": "Lisbon", "sun": "Aries", "moon": "Cancer"}');
  insert into tarot.preferred_readers (client_id, reader_id) values (client, reader);
  perform billing.transfer(billing.platform_account('promotions', 'USD'), billing.user_account(client, 'USD'), 5000, 'bonus', 'seed-demo-client-usd');
end
$$;

-- Studio play: games (one premium, sold as a priced item), a public space and a support group.
do $$
declare
  gm constant uuid := '00000000-0000-4000-a000-000000000001';
  premium uuid;
begin
  if exists (select 1 from studio.games_catalog where slug = 'star-hopper') then
    return;
  end if;
  insert into studio.games_catalog (slug, name, description, category, min_score, max_score, min_duration_seconds) values
    ('star-hopper', 'Star Hopper', 'Hop between asteroids; don''t look down.', 'arcade', 0, 100000, 20),
    ('word-weaver', 'Word Weaver', 'Make words from falling letters.', 'puzzle', 0, 50000, 30);
  insert into studio.games_catalog (slug, name, description, category, is_premium, credit_cost, min_score, max_score, min_duration_seconds)
  values ('dungeon-dash', 'Dungeon Dash', 'A roguelike sprint through ten floors.', 'adventure', true, 5, 0, 1000000, 60)
  returning id into premium;
  insert into billing.priced_items (product, item_type, item_id, asset, price) values ('studio', 'game', premium::text, 'CREDIT', 5);

  perform set_config('request.jwt.claims', json_build_object('sub', gm, 'role', 'authenticated')::text, true);
  insert into studio.virtual_spaces (name, type, capacity, is_public, coordinates, owner_id)
  values ('The Plaza', 'plaza', 100, true, '{"x": 0, "y": 0, "z": 0}', gm);
  perform studio.create_support_group('Caregivers circle', 'caregivers', false, 20, 'A weekly place to talk about caring for someone.');
  perform set_config('request.jwt.claims', '', true);
end
$$;

-- Gigs (seed 003): its admin, talent and contributor, gigs around a few cities, and a showcase of a
-- completed shoot approved by both sides.
insert into auth.users (id, aud, role, email, raw_user_meta_data, email_confirmed_at, created_at, updated_at) values
  ('00000000-0000-0000-0000-000000000001', 'authenticated', 'authenticated', 'admin@preset.ie', '{"display_name": "Preset Admin"}', now(), now(), now()),
  ('00000000-0000-0000-0000-000000000002', 'authenticated', 'authenticated', 'talent@example.com', '{"display_name": "Demo Talent"}', now(), now(), now()),
  ('00000000-0000-0000-0000-000000000003', 'authenticated', 'authenticated', 'contributor@example.com', '{"display_name": "Demo Contributor"}', now(), now(), now())
on conflict (id) do nothing;
insert into public.user_staff_roles (user_id, role) values ('00000000-0000-0000-0000-000000000001', 'admin') on conflict do nothing;

do $$
declare
  talent constant uuid := '00000000-0000-0000-0000-000000000002';
  contributor constant uuid := '00000000-0000-0000-0000-000000000003';
  city record;
  shoot uuid;
  application uuid;
  photo uuid;
  showcase uuid;
begin
  if exists (select 1 from gigs.profiles where user_id = contributor) then
    return;
  end if;
  perform set_config('request.jwt.claims', json_build_object('sub', talent, 'role', 'authenticated')::text, true);
  insert into gigs.profiles (user_id, role, handle, city, country, style_tags, looking_for_types, experience_years, equipment)
  values (talent, 'talent', 'demo_talent', 'Dublin', 'IE', '{editorial,fashion}', '{model}', 3, '{}');
  perform set_config('request.jwt.claims', json_build_object('sub', contributor, 'role', 'authenticated')::text, true);
  insert into gigs.profiles (user_id, role, handle, city, country, style_tags, looking_for_types, experience_years, equipment)
  values (contributor, 'contributor', 'demo_contributor', 'Dublin', 'IE', '{editorial}', '{model,mua}', 8, '{"Fujifilm GFX"}');
  -- The demo contributor is on pro, so the demo gigs fit the plan.
  insert into billing.subscriptions (user_id, plan_id, status, stripe_subscription_id, current_period_end, last_event_at)
  values (contributor, 'gigs-pro', 'active', 'sub_demo_gigs_pro', now() + interval '30 days', now());
  for city in select * from (values ('Dublin', 53.3498, -6.2603), ('London', 51.5074, -0.1278), ('Berlin', 52.52, 13.405), ('Paris', 48.8566, 2.3522)) c(name, lat, lng) loop
    insert into gigs.gigs (title, description, comp_type, comp_amount, location_text, location_lat, location_lng, location_radius_km,
                           start_time, end_time, application_deadline, looking_for_types, applicant_preferences)
    values ('Editorial shoot in ' || city.name, 'Street editorial at dusk, two looks.', 'paid', 20000, city.name, city.lat, city.lng, 50,
            now() + interval '14 days', now() + interval '14 days 3 hours', now() + interval '10 days', '{model}', '{"style_tags": ["editorial"]}')
    returning id into shoot;
    perform gigs.publish_gig(shoot);
  end loop;
  -- A completed shoot with a showcase.
  insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time, application_deadline, looking_for_types)
  values ('Portrait session', 'Natural light portraits.', 'tfp', 'Dublin', 53.34, -6.26, now() + interval '2 days', now() + interval '2 days 2 hours',
          now() + interval '1 day', '{model}')
  returning id into shoot;
  perform gigs.publish_gig(shoot);
  perform set_config('request.jwt.claims', json_build_object('sub', talent, 'role', 'authenticated')::text, true);
  application := (gigs.apply(shoot, 'Would love to!')).id;
  perform set_config('request.jwt.claims', json_build_object('sub', contributor, 'role', 'authenticated')::text, true);
  perform gigs.review_application(application, 'accepted');
  perform gigs.complete_gig(shoot);
  -- (Storage keeps its objects across a local db reset.)
  insert into storage.objects (bucket_id, name, owner_id) values ('media', contributor || '/portrait-1.jpg', contributor)
  on conflict (bucket_id, name) do nothing;
  insert into gigs.media (type, path, mime_type, width, height, palette)
  values ('image', contributor || '/portrait-1.jpg', 'image/jpeg', 4000, 5000, '{"#d9c3a5", "#2b2b2b"}') returning id into photo;
  showcase := (gigs.create_showcase(shoot, talent, array[photo], 'Natural light, Dublin', '{portrait}', '{"#d9c3a5"}')).id;
  perform set_config('request.jwt.claims', json_build_object('sub', talent, 'role', 'authenticated')::text, true);
  perform gigs.set_showcase_approval(showcase, true);
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
