-- Tabletop streaming: tokens never readable, overlays only through their secret token, templates,
-- live stream discovery and stream settings, from both sides.
begin;
select plan(20);

select tests.create_user('streamer@example.com') as gm \gset
select tests.create_user('player@example.com') as player \gset
select tests.create_user('outsider@example.com') as outsider \gset
select tests.authenticate_as(:'gm');
select (public.create_group('Stream Table', 'stream-table')).id as grp \gset
select public.get_group_invite_code(:'grp') as code \gset
insert into tabletop.campaigns (group_id, name) values (:'grp', 'Live Campaign') returning id as campaign \gset
select tests.authenticate_as(:'player');
select public.join_group_by_code(:'code');

-- Connections
reset role;
select tabletop.store_streaming_connection(:'gm', 'twitch', 'sealed-access', 'sealed-refresh', 'key1', now() + interval '1 hour',
  'tw-123', 'dragonstreams', 'https://twitch.tv/dragonstreams', array['channel:read']) as connection \gset
select tests.authenticate_as(:'gm');
select is((select platform_username from tabletop.streaming_connections), 'dragonstreams', 'a streamer reads their connection''s metadata');
select throws_ok($$select access_token_encrypted from tabletop.streaming_connections$$, '42501', null, '... never its tokens');
select throws_ok($$select * from tabletop.streaming_connections$$, '42501', null, '... not even with *');
select throws_ok($$select tabletop.store_streaming_connection(auth.uid(), 'kick', 'x', null, 'k', null, 'id', null, null, null)$$, '42501', null,
  'connections are stored only by the service');
select tests.authenticate_as(:'outsider');
select is((select count(*) from tabletop.streaming_connections)::int, 0, 'nobody else reads it');

-- Overlays
select tests.authenticate_as(:'gm');
select overlay_id, access_token from tabletop.create_overlay(:'campaign', 'initiative', 'Turn order',
  (select id from tabletop.overlay_templates where name = 'Initiative tracker')) \gset
insert into tabletop.stream_view_configs (campaign_id, camera_mode) values (:'campaign', 'follow');
select is((select count(*) from tabletop.stream_overlays)::int, 1, 'the GM reads the campaign''s overlays');
select tests.authenticate_as(:'player');
select throws_ok(format($$select * from tabletop.create_overlay(%L, 'dice', 'Mine')$$, :'campaign'), '42501', null, 'a player makes no overlays');
select is((select count(*) from tabletop.stream_overlays)::int, 0, '... and reads none');
select is((select camera_mode from tabletop.stream_view_configs where campaign_id = :'campaign'), 'follow', 'members read the stream settings');
select throws_ok(format($$insert into tabletop.stream_view_configs (campaign_id) values (%L)$$, :'campaign'), '42501', null, '... only GMs change them');
select tests.clear_authentication();
select is(tabletop.overlay_by_token(:'access_token') -> 'overlay' ->> 'name', 'Turn order', 'with the token, anyone (no login) reads the overlay');
select ok(tabletop.overlay_by_token(:'access_token') -> 'template' ? 'html', '... its template');
select is(tabletop.overlay_by_token(:'access_token') #>> '{view,camera_mode}', 'follow', '... and the campaign''s stream settings');
select is(tabletop.overlay_by_token('not-the-token'), null, 'without it, nothing');
select throws_ok($$select * from tabletop.stream_overlays$$, '42501', null, 'the overlays table itself is closed to anon');
select ok((select count(*) from tabletop.overlay_templates) >= 3, 'the seeded templates are public');

-- Live streams
reset role;
insert into tabletop.active_streams (campaign_id, user_id, streaming_connection_id, platform, stream_url, title, is_public)
values (:'campaign', :'gm', :'connection', 'twitch', 'https://twitch.tv/dragonstreams', 'Dragons live', true),
       (:'campaign', :'gm', :'connection', 'twitch', 'https://twitch.tv/dragonstreams', 'Private run', false);
select tests.clear_authentication();
select is((select array_agg(title) from tabletop.live_streams), array['Dragons live'], 'anyone discovers live public streams');
select throws_ok($$select user_id from tabletop.live_streams$$, '42703', null, 'the discovery view shows nothing private');
select tests.authenticate_as(:'gm');
select is((select count(*) from tabletop.active_streams)::int, 2, 'the streamer sees their own, public or not');
select tests.authenticate_as(:'outsider');
select is((select count(*) from tabletop.active_streams)::int, 1, 'others see only the public live one');

select * from finish();
rollback;
