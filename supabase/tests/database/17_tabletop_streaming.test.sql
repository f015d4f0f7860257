-- Tabletop streaming: tokens never readable, overlays only through their secret token, templates,
-- live stream discovery and stream settings, from both sides.
begin;
select plan(33);

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
-- An overlay's template is an active one, when made and on every later update.
reset role;
insert into tabletop.overlay_templates (name, overlay_type, html_template, css_template, is_active)
values ('Retired', 'dice', '<b>{{total}}</b>', '', false) returning id as retired_template \gset
select tests.authenticate_as(:'gm');
select throws_ok(format($$select * from tabletop.create_overlay(%L, 'dice', 'Old', %L)$$, :'campaign', :'retired_template'), 'PA001', null,
  'a GM makes no overlay from a retired template');
select throws_ok(format($$update tabletop.stream_overlays set template_id = %L where id = %L$$, :'retired_template', :'overlay_id'), '42501', null,
  '... nor moves one onto it with a plain update');
select lives_ok(format($$update tabletop.stream_overlays set template_id = (select id from tabletop.overlay_templates where name = 'Dice roll') where id = %L$$, :'overlay_id'),
  '... an active template is fine');
update tabletop.stream_overlays set template_id = (select id from tabletop.overlay_templates where name = 'Initiative tracker') where id = :'overlay_id';
-- URLs a GM writes are http(s) only.
select throws_ok(format($$update tabletop.stream_view_configs set custom_watermark_url = 'javascript:alert(document.cookie)' where campaign_id = %L$$, :'campaign'),
  '23514', null, 'a watermark URL that is not http(s) is refused');
select lives_ok(format($$update tabletop.stream_view_configs set custom_watermark_url = 'https://cdn.example.com/mark.png' where campaign_id = %L$$, :'campaign'),
  '... an https one is kept');
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
       (null, :'gm', :'connection', 'twitch', 'https://twitch.tv/dragonstreams', 'Private run', false);  -- one live stream per campaign
select throws_ok(format($$insert into tabletop.active_streams (user_id, streaming_connection_id, platform, stream_url) values (%L, %L, 'twitch', 'javascript:alert(1)')$$,
  :'gm', :'connection'), '23514', null, 'a stream''s URL is http(s) only, even from the server');
select tests.clear_authentication();
select is((select array_agg(title) from tabletop.live_streams), array['Dragons live'], 'anyone discovers live public streams');
select throws_ok($$select user_id from tabletop.live_streams$$, '42703', null, 'the discovery view shows nothing private');
-- The table behind the view: anon reads what the view shows and nothing more (who streams, from which
-- campaign, over which connection).
select throws_ok($$select user_id from tabletop.active_streams$$, '42501', null, 'anon cannot read who streams from the table itself');
select throws_ok($$select campaign_id from tabletop.active_streams$$, '42501', null, '... nor the campaign');
select throws_ok($$select streaming_connection_id from tabletop.active_streams$$, '42501', null, '... nor the connection');
select throws_ok($$select * from tabletop.active_streams$$, '42501', null, '... not even with *');
select is((select array_agg(title || ' ' || stream_url) from tabletop.active_streams), array['Dragons live https://twitch.tv/dragonstreams'],
  '... the columns the view shows it reads, of the public live stream only');
select tests.authenticate_as(:'gm');
select is((select count(*) from tabletop.active_streams)::int, 2, 'the streamer sees their own, public or not');
select tests.authenticate_as(:'outsider');
select is((select count(*) from tabletop.active_streams)::int, 1, 'others see only the public live one');
select throws_ok($$select user_id, campaign_id from tabletop.active_streams$$, '42501', null, '... and a signed-in stranger no private column of it either');
select throws_ok($$select streaming_connection_id from tabletop.active_streams$$, '42501', null, '... nor its connection');

select * from finish();
rollback;
