-- Tabletop streaming (seed 000): streaming connections (platform tokens encrypted, never readable by
-- clients), overlays reached without login only through their secret token, overlay templates,
-- active streams with a public discovery view, and per-campaign stream view settings.

create table tabletop.streaming_connections (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  platform text not null check (platform in ('twitch', 'youtube', 'kick')),
  -- Sealed by an edge function with a key only the functions hold (supabase/functions/_shared/secrets.ts).
  access_token_encrypted text not null,
  refresh_token_encrypted text,
  encryption_key_id text not null,
  token_expires_at timestamptz,
  platform_user_id text not null,
  platform_username text,
  channel_id text,
  channel_url text,
  scopes text[] not null default '{}',
  is_active boolean not null default true,
  last_validated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, platform)
);
alter table tabletop.streaming_connections add constraint streaming_connections_channel_url_http check (private.is_http_url(channel_url));

create table tabletop.overlay_templates (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  description text,
  overlay_type text not null check (overlay_type in ('initiative', 'dice', 'party', 'scene', 'chat')),
  html_template text not null,
  css_template text not null,
  default_config jsonb not null default '{}',
  preview_image_url text,
  is_premium boolean not null default false,
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);
alter table tabletop.overlay_templates add constraint overlay_templates_preview_image_url_http check (private.is_http_url(preview_image_url));

create table tabletop.stream_overlays (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references tabletop.campaigns (id) on delete cascade,
  created_by uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  overlay_type text not null check (overlay_type in ('initiative', 'dice', 'party', 'scene', 'chat')),
  name text not null check (char_length(name) between 1 and 100),
  -- The secret in the overlay's URL: stored as its SHA-256, shown once when made.
  access_token_hash bytea not null unique,
  config jsonb not null default '{}' check (octet_length(config::text) <= 16384),
  custom_css text check (char_length(custom_css) <= 20000),
  custom_html text check (char_length(custom_html) <= 50000),
  template_id uuid references tabletop.overlay_templates (id),
  background_color text not null default '#00FF00' check (background_color ~ '^#[0-9A-Fa-f]{6}$'),
  transparent boolean not null default true,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index stream_overlays_campaign_id_idx on tabletop.stream_overlays (campaign_id);
create index stream_overlays_created_by_idx on tabletop.stream_overlays (created_by);
create index stream_overlays_template_id_idx on tabletop.stream_overlays (template_id);

create table tabletop.active_streams (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid references tabletop.campaigns (id) on delete set null,
  user_id uuid not null references public.profiles (id) on delete cascade,
  streaming_connection_id uuid not null references tabletop.streaming_connections (id) on delete cascade,
  gm_profile_id uuid references tabletop.gm_profiles (id) on delete set null,
  platform text not null,
  stream_id text,
  stream_url text not null,
  title text check (char_length(title) <= 200),
  game_system text,
  viewer_count integer not null default 0,
  thumbnail_url text,
  is_public boolean not null default true,
  is_featured boolean not null default false,
  started_at timestamptz not null default now(),
  ended_at timestamptz,
  last_updated_at timestamptz not null default now()
);
alter table tabletop.active_streams add constraint active_streams_stream_url_http check (private.is_http_url(stream_url)),
  add constraint active_streams_thumbnail_url_http check (private.is_http_url(thumbnail_url));
create index active_streams_live_idx on tabletop.active_streams (started_at desc) where ended_at is null and is_public;
-- Discovery's most watched first.
create index active_streams_viewers_idx on tabletop.active_streams (viewer_count desc) where ended_at is null and is_public;
create index active_streams_user_id_idx on tabletop.active_streams (user_id);
create index active_streams_campaign_id_idx on tabletop.active_streams (campaign_id);
create index active_streams_connection_idx on tabletop.active_streams (streaming_connection_id);
create index active_streams_gm_profile_idx on tabletop.active_streams (gm_profile_id);
-- One live stream per campaign at a time.
create unique index active_streams_one_live_per_campaign on tabletop.active_streams (campaign_id) where ended_at is null;

create table tabletop.stream_view_configs (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null unique references tabletop.campaigns (id) on delete cascade,
  camera_mode text not null default 'auto' check (camera_mode in ('auto', 'follow', 'fixed')),
  camera_smoothing numeric(3, 2) not null default 0.5 check (camera_smoothing between 0 and 1),
  camera_padding integer not null default 100,
  show_initiative_tracker boolean not null default true,
  show_turn_indicator boolean not null default true,
  show_dice_rolls boolean not null default true,
  show_chat_bubbles boolean not null default false,
  show_watermark boolean not null default true,
  watermark_position text not null default 'bottom-right' check (char_length(watermark_position) <= 50),
  custom_watermark_url text check (char_length(custom_watermark_url) <= 2048),
  target_fps integer not null default 30 check (target_fps between 1 and 120),
  quality_level text not null default 'high' check (quality_level in ('low', 'medium', 'high')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table tabletop.stream_view_configs add constraint stream_view_configs_custom_watermark_url_http check (private.is_http_url(custom_watermark_url));

do $$
declare
  t text;
begin
  foreach t in array array['streaming_connections', 'stream_overlays', 'stream_view_configs'] loop
    execute format('create trigger set_updated_at before update on tabletop.%I for each row execute function private.set_updated_at()', t);
  end loop;
end
$$;

-- The public discovery list: live, public streams only, without anything private.
create view tabletop.live_streams with (security_invoker = true) as
  select s.id, s.platform, s.stream_url, s.title, s.game_system, s.viewer_count, s.thumbnail_url, s.is_featured, s.started_at,
         s.gm_profile_id
    from tabletop.active_streams s
   where s.ended_at is null and s.is_public;

-- Grants and policies --------------------------------------------------------------------------------------------------
revoke all on tabletop.streaming_connections, tabletop.overlay_templates, tabletop.stream_overlays, tabletop.active_streams,
  tabletop.stream_view_configs, tabletop.live_streams from anon, authenticated;
-- Connections: their metadata only, never the tokens (no column grant on them).
grant select (id, user_id, platform, token_expires_at, platform_user_id, platform_username, channel_id, channel_url, scopes, is_active,
  last_validated_at, created_at, updated_at) on tabletop.streaming_connections to authenticated;
grant delete on tabletop.streaming_connections to authenticated;
grant select on tabletop.overlay_templates, tabletop.live_streams to anon, authenticated;
-- Active streams: the columns of the public view only (it is security_invoker, so it reads them as the
-- caller; ended_at and is_public are what it filters on). Who streams, from which campaign and with which
-- connection stays with the server, for anon and signed-in users alike.
grant select (id, platform, stream_url, title, game_system, viewer_count, thumbnail_url, is_featured, started_at, gm_profile_id,
  ended_at, is_public) on tabletop.active_streams to anon, authenticated;
grant select (id, campaign_id, created_by, overlay_type, name, config, custom_css, custom_html, template_id, background_color, transparent,
  is_active, created_at, updated_at) on tabletop.stream_overlays to authenticated;
grant update (name, config, custom_css, custom_html, template_id, background_color, transparent, is_active) on tabletop.stream_overlays to authenticated;
grant delete on tabletop.stream_overlays to authenticated;
grant select, insert, delete on tabletop.stream_view_configs to authenticated;
grant update (camera_mode, camera_smoothing, camera_padding, show_initiative_tracker, show_turn_indicator, show_dice_rolls, show_chat_bubbles,
  show_watermark, watermark_position, custom_watermark_url, target_fps, quality_level) on tabletop.stream_view_configs to authenticated;

alter table tabletop.streaming_connections enable row level security;
alter table tabletop.overlay_templates enable row level security;
alter table tabletop.stream_overlays enable row level security;
alter table tabletop.active_streams enable row level security;
alter table tabletop.stream_view_configs enable row level security;

create policy "users read their connections" on tabletop.streaming_connections for select to authenticated using (user_id = (select auth.uid()));
create policy "users disconnect their connections" on tabletop.streaming_connections for delete to authenticated using (user_id = (select auth.uid()));
create policy "anyone reads active templates" on tabletop.overlay_templates for select to anon, authenticated using (is_active);
create policy "GMs read their campaigns' overlays" on tabletop.stream_overlays for select to authenticated
  using (private.tabletop_campaign_role(campaign_id) in ('owner', 'gm'));
-- A template is any active one the caller's plan includes (premium ones: a plan with premium_overlays);
-- checked here for updates and in create_overlay.
create or replace function private.tabletop_may_use_template(p_template_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (select 1 from tabletop.overlay_templates t
                  where t.id = p_template_id and t.is_active
                    and (not t.is_premium
                         or coalesce((select (p.features ->> 'premium_overlays')::boolean from billing.current_plan('tabletop', auth.uid()) p), false)));
end
$$;
grant execute on function private.tabletop_may_use_template(uuid) to authenticated, service_role;
create policy "GMs edit their campaigns' overlays" on tabletop.stream_overlays for update to authenticated
  using ((select private.is_active_user()) and private.tabletop_campaign_role(campaign_id) in ('owner', 'gm'))
  with check (private.tabletop_campaign_role(campaign_id) in ('owner', 'gm')
              and (template_id is null or private.tabletop_may_use_template(template_id)));
create policy "GMs remove their campaigns' overlays" on tabletop.stream_overlays for delete to authenticated
  using (private.tabletop_campaign_role(campaign_id) in ('owner', 'gm'));
create policy "anyone reads public live streams" on tabletop.active_streams for select to anon using (is_public and ended_at is null);
create policy "signed-in users read public live streams, streamers their own" on tabletop.active_streams for select to authenticated
  using ((is_public and ended_at is null) or user_id = (select auth.uid()));
create policy "members read their campaigns' stream settings" on tabletop.stream_view_configs for select to authenticated
  using (campaign_id in (select private.tabletop_my_campaign_ids()));
create policy "GMs set stream settings" on tabletop.stream_view_configs for insert to authenticated
  with check ((select private.is_active_user()) and private.tabletop_campaign_role(campaign_id) in ('owner', 'gm'));
create policy "GMs change stream settings" on tabletop.stream_view_configs for update to authenticated
  using ((select private.is_active_user()) and private.tabletop_campaign_role(campaign_id) in ('owner', 'gm'))
  with check (private.tabletop_campaign_role(campaign_id) in ('owner', 'gm'));
create policy "GMs remove stream settings" on tabletop.stream_view_configs for delete to authenticated
  using (private.tabletop_campaign_role(campaign_id) in ('owner', 'gm'));

-- Overlays ------------------------------------------------------------------------------------------------------------------
-- A GM makes an overlay for a campaign; the token (its URL's secret) is returned once.
create or replace function tabletop.create_overlay(p_campaign_id uuid, p_overlay_type text, p_name text, p_template_id uuid default null,
  p_config jsonb default '{}')
returns table (overlay_id uuid, access_token text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  token text := encode(extensions.gen_random_bytes(32), 'hex');
begin
  perform private.require_active_user();
  if coalesce(private.tabletop_campaign_role(p_campaign_id) not in ('owner', 'gm'), true) then
    raise exception 'only the campaign''s GMs make overlays' using errcode = '42501';
  end if;
  if p_template_id is not null and not exists (select 1 from tabletop.overlay_templates t where t.id = p_template_id and t.is_active) then
    raise exception 'no active overlay template %', p_template_id using errcode = 'PA001';
  end if;
  if p_template_id is not null and not private.tabletop_may_use_template(p_template_id) then
    raise exception 'this overlay template is premium: it comes with a plan that includes premium overlays' using errcode = 'PA143';
  end if;
  insert into tabletop.stream_overlays (campaign_id, overlay_type, name, template_id, config, access_token_hash)
  values (p_campaign_id, p_overlay_type, p_name, p_template_id, coalesce(p_config, '{}'), extensions.digest(token, 'sha256'))
  returning id into overlay_id;
  access_token := token;
  return next;
end
$$;

-- What a streaming tool (no login) renders: an active overlay by its token, its template and the
-- campaign's stream settings; nothing without the right token.
create or replace function tabletop.overlay_by_token(p_access_token text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
           'overlay', jsonb_build_object('id', o.id, 'type', o.overlay_type, 'name', o.name, 'config', o.config, 'custom_css', o.custom_css,
                                         'custom_html', o.custom_html, 'background_color', o.background_color, 'transparent', o.transparent),
           'template', case when t.id is null then null else jsonb_build_object('html', t.html_template, 'css', t.css_template, 'default_config', t.default_config) end,
           'view', (select to_jsonb(v) - 'id' - 'campaign_id' - 'created_at' - 'updated_at' from tabletop.stream_view_configs v where v.campaign_id = o.campaign_id))
    from tabletop.stream_overlays o
    left join tabletop.overlay_templates t on t.id = o.template_id
   where o.access_token_hash = extensions.digest(coalesce(p_access_token, ''), 'sha256') and o.is_active
$$;

-- Connections arrive from the streaming-connections edge function with their tokens sealed.
create or replace function tabletop.store_streaming_connection(p_user_id uuid, p_platform text, p_access_token_encrypted text,
  p_refresh_token_encrypted text, p_encryption_key_id text, p_token_expires_at timestamptz, p_platform_user_id text,
  p_platform_username text, p_channel_url text, p_scopes text[])
returns uuid
language sql
security definer
set search_path = ''
as $$
  insert into tabletop.streaming_connections (user_id, platform, access_token_encrypted, refresh_token_encrypted, encryption_key_id,
    token_expires_at, platform_user_id, platform_username, channel_url, scopes, last_validated_at)
  values (p_user_id, p_platform, p_access_token_encrypted, p_refresh_token_encrypted, p_encryption_key_id, p_token_expires_at,
          p_platform_user_id, p_platform_username, p_channel_url, coalesce(p_scopes, '{}'), now())
  on conflict (user_id, platform) do update
     set access_token_encrypted = excluded.access_token_encrypted, refresh_token_encrypted = excluded.refresh_token_encrypted,
         encryption_key_id = excluded.encryption_key_id, token_expires_at = excluded.token_expires_at,
         platform_username = excluded.platform_username, channel_url = excluded.channel_url, scopes = excluded.scopes,
         is_active = true, last_validated_at = now()
  returning id
$$;

revoke execute on function tabletop.create_overlay(uuid, text, text, uuid, jsonb), tabletop.overlay_by_token(text),
  tabletop.store_streaming_connection(uuid, text, text, text, text, timestamptz, text, text, text, text[]) from public, anon, authenticated;
grant execute on function tabletop.create_overlay(uuid, text, text, uuid, jsonb) to authenticated;
grant execute on function tabletop.overlay_by_token(text) to anon, authenticated;

-- Reference data: overlay templates.
insert into tabletop.overlay_templates (name, description, overlay_type, html_template, css_template, default_config) values
  ('Initiative tracker', 'Turn order with the active combatant highlighted', 'initiative',
   '<ol class="initiative">{{#each combatants}}<li class="{{#if active}}active{{/if}}">{{name}}</li>{{/each}}</ol>',
   '.initiative li.active { font-weight: bold; }', '{"show_hp": false}'),
  ('Dice roll', 'The latest roll, animated', 'dice',
   '<div class="roll">{{roller}} rolled {{formula}}: <b>{{total}}</b></div>', '.roll { font-size: 2em; }', '{"duration_ms": 4000}'),
  ('Party', 'The party''s names and portraits', 'party',
   '<ul class="party">{{#each characters}}<li><img src="{{portrait}}">{{name}}</li>{{/each}}</ul>', '.party img { width: 64px; }', '{}')
on conflict (name) do nothing;
insert into tabletop.overlay_templates (name, description, overlay_type, html_template, css_template, default_config, is_premium) values
  ('Scene spotlight', 'The active scene''s art with its name, animated between scenes', 'scene',
   '<figure class="spotlight"><img src="{{image}}"><figcaption>{{name}}</figcaption></figure>', '.spotlight img { width: 100%; }',
   '{"transition_ms": 800}', true)
on conflict (name) do nothing;

-- Tabletop's plans: without a subscription a GM has the free one; premium overlays come with Streamer.
insert into billing.plans (id, product, name, tier, monthly_credits, price_amount, is_default, features) values
  ('tabletop-free', 'tabletop', 'Free', 0, 0, 0, true, '{"premium_overlays": false}'),
  ('tabletop-streamer', 'tabletop', 'Streamer', 1, 0, 499, false, '{"premium_overlays": true}')
on conflict (id) do nothing;

-- Going live ----------------------------------------------------------------------------------------------------------------
-- A campaign's owner or GM goes live on a platform they connected: the stream's row (its URL is the
-- connection's channel), and the campaign's other members are told (tabletop.stream_started).
create or replace function tabletop.start_stream(p_campaign_id uuid, p_platform text, p_title text default null, p_is_public boolean default true)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  campaign tabletop.campaigns;
  connection tabletop.streaming_connections;
  stream_id uuid;
begin
  if coalesce(private.tabletop_campaign_role(p_campaign_id) not in ('owner', 'gm'), true) then
    raise exception 'only the campaign''s GMs stream it' using errcode = '42501';
  end if;
  select * into campaign from tabletop.campaigns where id = p_campaign_id;
  select * into connection from tabletop.streaming_connections where user_id = caller and platform = p_platform and is_active;
  if not found then
    raise exception 'connect your % channel first', coalesce(p_platform, 'streaming') using errcode = 'PA001';
  end if;
  if connection.channel_url is null then
    raise exception 'your % connection has no channel URL: connect it again', p_platform using errcode = '22023';
  end if;
  if connection.token_expires_at <= now() and connection.refresh_token_encrypted is null then
    raise exception 'your % connection has expired: connect it again', p_platform using errcode = 'PA115';
  end if;
  insert into tabletop.active_streams (campaign_id, user_id, streaming_connection_id, gm_profile_id, platform, stream_url, title, game_system,
                                       is_public)
  values (campaign.id, caller, connection.id, (select g.id from tabletop.gm_profiles g where g.user_id = caller), connection.platform,
          connection.channel_url, coalesce(p_title, left(campaign.name, 200)), campaign.game_system, coalesce(p_is_public, true))
  returning id into stream_id;
  insert into public.notifications (user_id, type, payload)
  select m.user_id, 'tabletop.stream_started',
         jsonb_build_object('campaign_id', campaign.id, 'stream_id', stream_id, 'platform', connection.platform, 'stream_url', connection.channel_url)
    from public.group_members m where m.group_id = campaign.group_id and m.user_id <> caller;
  return stream_id;
exception when unique_violation then
  raise exception 'this campaign is live already: end that stream first' using errcode = '23505';
end
$$;

-- The streamer, or a GM of the campaign, ends a live stream.
create or replace function tabletop.end_stream(p_stream_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  update tabletop.active_streams s set ended_at = now(), last_updated_at = now()
   where s.id = p_stream_id and s.ended_at is null
     and (s.user_id = caller or coalesce(private.tabletop_campaign_role(s.campaign_id) in ('owner', 'gm'), false));
  if not found then
    raise exception 'no live stream % of yours', p_stream_id using errcode = 'PA001';
  end if;
end
$$;

-- Service code (the platform's webhooks or a poller) reports viewers, the thumbnail and the end.
create or replace function tabletop.update_stream_stats(p_stream_id uuid, p_viewer_count integer, p_thumbnail_url text default null,
  p_ended_at timestamptz default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if p_viewer_count is null or p_viewer_count < 0 then
    raise exception 'a viewer count is 0 or more' using errcode = '22023';
  end if;
  update tabletop.active_streams
     set viewer_count = p_viewer_count, thumbnail_url = coalesce(p_thumbnail_url, thumbnail_url),
         ended_at = coalesce(ended_at, p_ended_at), last_updated_at = now()
   where id = p_stream_id;
  if not found then
    raise exception 'no stream %', p_stream_id using errcode = 'PA001';
  end if;
end
$$;

-- Token refresh (the streaming-token-refresh function): the connections whose access token expires
-- within p_within and that can be refreshed, and what a refresh stores.
create or replace function tabletop.streaming_connections_to_refresh(p_within interval, p_limit integer default 100)
returns table (id uuid, platform text, refresh_token_encrypted text, encryption_key_id text)
language sql
stable
security definer
set search_path = ''
as $$
  select c.id, c.platform, c.refresh_token_encrypted, c.encryption_key_id
    from tabletop.streaming_connections c
   where c.is_active and c.refresh_token_encrypted is not null and c.token_expires_at < now() + p_within
   order by c.token_expires_at
   limit p_limit
$$;

create or replace function tabletop.store_refreshed_streaming_tokens(p_connection_id uuid, p_access_token_encrypted text,
  p_refresh_token_encrypted text, p_encryption_key_id text, p_token_expires_at timestamptz, p_scopes text[])
returns void
language sql
security definer
set search_path = ''
as $$
  update tabletop.streaming_connections
     set access_token_encrypted = p_access_token_encrypted,
         refresh_token_encrypted = coalesce(p_refresh_token_encrypted, refresh_token_encrypted),
         encryption_key_id = p_encryption_key_id, token_expires_at = p_token_expires_at,
         scopes = coalesce(p_scopes, scopes), last_validated_at = now(), is_active = true
   where id = p_connection_id
$$;

-- The platform refused the refresh token (revoked, expired): the user connects again.
create or replace function tabletop.deactivate_streaming_connection(p_connection_id uuid, p_reason text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  owner uuid;
  platform text;
begin
  update tabletop.streaming_connections c set is_active = false where c.id = p_connection_id and c.is_active
  returning c.user_id, c.platform into owner, platform;
  if owner is not null then
    perform private.notify(owner, 'tabletop.streaming_connection_expired',
      jsonb_build_object('connection_id', p_connection_id, 'platform', platform, 'reason', left(p_reason, 200)));
  end if;
end
$$;

revoke execute on function tabletop.start_stream(uuid, text, text, boolean), tabletop.end_stream(uuid),
  tabletop.update_stream_stats(uuid, integer, text, timestamptz), tabletop.streaming_connections_to_refresh(interval, integer),
  tabletop.store_refreshed_streaming_tokens(uuid, text, text, text, timestamptz, text[]), tabletop.deactivate_streaming_connection(uuid, text)
  from public, anon, authenticated;
grant execute on function tabletop.start_stream(uuid, text, text, boolean), tabletop.end_stream(uuid) to authenticated;
grant execute on function tabletop.update_stream_stats(uuid, integer, text, timestamptz), tabletop.streaming_connections_to_refresh(interval, integer),
  tabletop.store_refreshed_streaming_tokens(uuid, text, text, text, timestamptz, text[]), tabletop.deactivate_streaming_connection(uuid, text)
  to service_role;

insert into private.scheduled_jobs (name, product, function_name, run_every, timeout, retry_after, max_attempts) values
  ('streaming-token-refresh', 'tabletop', 'streaming-token-refresh', interval '10 minutes', interval '2 minutes', interval '1 minute', 3);
