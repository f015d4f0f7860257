-- Streaming goes live (issue 23, item 4), the database's side: a campaign's GM starts and ends a
-- stream through RPCs from a stored connection; service code updates viewers and the end; the live
-- view shows anon only what anon may see; premium overlay templates need the plan that includes them.
-- The token refresh through the platform's OAuth endpoint: tests/integration/tabletop-streaming.test.ts.
begin;
select plan(32);

select tests.create_user('live-gm@example.com') as gm \gset
select tests.create_user('live-player@example.com') as player \gset
select tests.create_user('live-outsider@example.com') as outsider \gset

select tests.authenticate_as(:'gm');
select (public.create_group('Live table', 'live-table')).id as grp \gset
select public.get_group_invite_code(:'grp') as code \gset
insert into tabletop.campaigns (group_id, name, game_system) values (:'grp', 'Streamed saga', 'Pathfinder') returning id as campaign \gset
insert into tabletop.campaigns (group_id, name) values (:'grp', 'Private saga') returning id as quiet \gset
select tests.authenticate_as(:'player');
select public.join_group_by_code(:'code');

-- Starting
select tests.authenticate_as(:'gm');
select throws_ok(format($$select tabletop.start_stream(%L, 'twitch')$$, :'campaign'), 'PA001', null, 'a GM without a connected channel does not go live');
reset role;
select tabletop.store_streaming_connection(:'gm', 'twitch', 'sealed-access', 'sealed-refresh', 'key', now() + interval '1 hour', 'tw-gm', 'livegm',
  'https://twitch.tv/livegm', array['chat:read']);
select tabletop.store_streaming_connection(:'gm', 'kick', 'sealed-access', null, 'key', now() - interval '1 hour', 'k-gm', 'livegm',
  'https://kick.com/livegm', null);
select tabletop.store_streaming_connection(:'player', 'twitch', 'sealed-access', null, 'key', null, 'tw-p', 'player', 'https://twitch.tv/player', null);
select tests.authenticate_as(:'player');
select throws_ok(format($$select tabletop.start_stream(%L, 'twitch')$$, :'campaign'), '42501', null, 'a player does not stream the campaign');
select tests.authenticate_as(:'outsider');
select throws_ok(format($$select tabletop.start_stream(%L, 'twitch')$$, :'campaign'), '42501', null, '... nor a stranger');
select tests.clear_authentication();
select throws_ok(format($$select tabletop.start_stream(%L, 'twitch')$$, :'campaign'), '42501', null, '... nor anon');
reset role;
select tabletop.store_streaming_connection(:'gm', 'youtube', 'sealed-access', 'sealed-refresh', 'key', now() + interval '1 hour', 'yt-gm', 'livegm', null, null);
select tests.authenticate_as(:'gm');
select throws_ok(format($$select tabletop.start_stream(%L, 'youtube')$$, :'campaign'), '22023', null, 'a connection without a channel URL does not go live');
select throws_ok(format($$select tabletop.start_stream(%L, 'kick')$$, :'campaign'), 'PA115', null, 'an expired connection that cannot be refreshed does not go live');
select tabletop.start_stream(:'campaign', 'twitch', 'Session 12: the siege') as stream \gset
select is((select stream_url || ' ' || title || ' ' || game_system || ' ' || viewer_count from tabletop.active_streams where id = :'stream'),
  'https://twitch.tv/livegm Session 12: the siege Pathfinder 0', 'the GM goes live: the stream''s row, its URL the connected channel');
select throws_ok(format($$select tabletop.start_stream(%L, 'twitch')$$, :'campaign'), '23505', null, 'one live stream per campaign');
select throws_ok(format($$select tabletop.start_stream(%L, 'twitch', repeat('x', 201))$$, :'quiet'), '23514', null, 'a title is bounded');
select tabletop.start_stream(:'quiet', 'twitch', 'Just us', false) as private_stream \gset
select tests.authenticate_as(:'player');
select is((select count(*) from public.notifications where type = 'tabletop.stream_started' and payload ->> 'stream_id' = :'stream')::int, 1,
  'the campaign''s members are told it is live');

-- What anon sees
select tests.clear_authentication();
select is((select title from tabletop.live_streams where id = :'stream'), 'Session 12: the siege', 'anon sees the public live stream');
select is((select count(*) from tabletop.live_streams where id = :'private_stream')::int, 0, '... not a private one');
select throws_ok($$select user_id, campaign_id, streaming_connection_id from tabletop.active_streams$$, '42501', null,
  '... and never who streams, the campaign or the connection');
select tests.authenticate_as(:'gm');
select is((select count(*) from tabletop.active_streams where id = :'private_stream')::int, 1, 'the streamer sees their private stream');

-- Service code: viewers, thumbnail, end
select tests.authenticate_as(:'gm');
select throws_ok(format($$select tabletop.update_stream_stats(%L, 1000000)$$, :'stream'), '42501', null, 'a streamer does not set their own viewer count');
select tests.authenticate_as_service_role();
select lives_ok(format($$select tabletop.update_stream_stats(%L, 321, 'https://cdn.example.com/thumb.jpg')$$, :'stream'), 'service code updates the viewer count');
select throws_ok(format($$select tabletop.update_stream_stats(%L, -1)$$, :'stream'), '22023', null, '... which is never negative');
select throws_ok($$select tabletop.update_stream_stats(gen_random_uuid(), 1)$$, 'PA001', null, '... of a stream that exists');
select tests.clear_authentication();
select is((select viewer_count || ' ' || thumbnail_url from tabletop.live_streams where id = :'stream'), '321 https://cdn.example.com/thumb.jpg',
  'anon sees the count');

-- Ending
select tests.authenticate_as(:'player');
select throws_ok(format($$select tabletop.end_stream(%L)$$, :'stream'), 'PA001', null, 'a player does not end the GM''s stream');
select tests.authenticate_as(:'gm');
select lives_ok(format($$select tabletop.end_stream(%L)$$, :'stream'), 'the GM ends it');
select throws_ok(format($$select tabletop.end_stream(%L)$$, :'stream'), 'PA001', null, '... once');
select tests.clear_authentication();
select is((select count(*) from tabletop.live_streams where id = :'stream')::int, 0, 'an ended stream leaves the live list');
select tests.authenticate_as_service_role();
select tabletop.update_stream_stats(:'private_stream', 0, null, now() - interval '1 minute');
select is((select ended_at is not null from tabletop.active_streams where id = :'private_stream'), true, 'service code records a stream''s end');

-- The token refresh's database side is the server's alone
select tests.authenticate_as(:'gm');
select throws_ok($$select * from tabletop.streaming_connections_to_refresh(interval '1 day')$$, '42501', null, 'a user lists no connections to refresh');
select throws_ok(format($$select tabletop.store_refreshed_streaming_tokens(%L, 'mine', null, 'k', now() + interval '1 day', null)$$,
  (select id from tabletop.streaming_connections where platform = 'twitch' and platform_user_id = 'tw-gm')), '42501', null, '... stores no tokens');
select throws_ok($$select tabletop.deactivate_streaming_connection(gen_random_uuid(), 'x')$$, '42501', null, '... deactivates no connection');
select tests.clear_authentication();
select throws_ok($$select * from tabletop.streaming_connections_to_refresh(interval '1 day')$$, '42501', null, '... nor does anon');
reset role;
select ok(not has_function_privilege('authenticated', 'tabletop.mark_booking_paid(uuid, text)', 'execute')
          and not has_function_privilege('anon', 'tabletop.mark_booking_paid(uuid, text)', 'execute'), 'only the webhook marks a booking paid');

-- Premium overlay templates
select id as premium from tabletop.overlay_templates where is_premium limit 1 \gset
select id as basic from tabletop.overlay_templates where not is_premium limit 1 \gset
select tests.authenticate_as(:'gm');
select throws_ok(format($$select * from tabletop.create_overlay(%L, 'scene', 'Spotlight', %L)$$, :'campaign', :'premium'), 'PA143', null,
  'a premium template needs the plan that includes it');
select overlay_id as overlay from tabletop.create_overlay(:'campaign', 'dice', 'Dice', :'basic') \gset
select throws_ok(format($$update tabletop.stream_overlays set template_id = %L where id = %L$$, :'premium', :'overlay'), '42501', null,
  '... on update too');
reset role;
insert into billing.subscriptions (stripe_subscription_id, user_id, plan_id, status, current_period_end, last_event_at)
values ('sub_live_gm', :'gm', 'tabletop-streamer', 'active', now() + interval '30 days', now());
select tests.authenticate_as(:'gm');
select lives_ok(format($$select * from tabletop.create_overlay(%L, 'scene', 'Spotlight', %L)$$, :'campaign', :'premium'), 'with the Streamer plan it is used');

select * from finish();
rollback;
