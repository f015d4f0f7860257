-- Studio access: every reference a client sets points at the caller's own rows, on insert and on
-- update alike (a project's parent, a conversation's project), tried by a stranger beside the owner.
-- Across the schema: the client-writable foreign keys are the reviewed ones, and every URL column
-- takes http(s) URLs only.
begin;
select plan(20);

select tests.create_user('studio-owner@example.com') as owner \gset
select tests.create_user('studio-stranger@example.com') as stranger \gset

select tests.authenticate_as(:'owner');
insert into studio.javari_projects (user_id, name) values (:'owner', 'Owner''s novel') returning id as victim_project \gset
insert into studio.javari_conversations (user_id, provider, model) values (:'owner', 'openai', 'm-access') returning id as victim_conversation \gset
select tests.authenticate_as(:'stranger');
insert into studio.javari_projects (user_id, name) values (:'stranger', 'Mine') returning id as own_project \gset
insert into studio.javari_conversations (user_id, provider, model) values (:'stranger', 'openai', 'm-access') returning id as own_conversation \gset

-- A project's parent ---------------------------------------------------------------------------------------------------
select throws_ok(format($$insert into studio.javari_projects (user_id, name, parent_project_id) values (auth.uid(), 'Nested', %L)$$, :'victim_project'),
  '42501', null, 'a stranger cannot create a project under someone else''s');
select throws_ok(format($$update studio.javari_projects set parent_project_id = %L where id = %L$$, :'victim_project', :'own_project'),
  '42501', null, '... nor move their own project under it with a plain update');
select throws_ok(format($$update studio.javari_projects set parent_project_id = id where id = %L$$, :'own_project'),
  '42501', null, 'a project is not its own parent');
select lives_ok(format($$insert into studio.javari_projects (user_id, name, parent_project_id) values (auth.uid(), 'Chapter', %L)$$, :'own_project'),
  'the owner nests a project under their own');
select lives_ok(format($$update studio.javari_projects set parent_project_id = null where parent_project_id = %L$$, :'own_project'),
  '... and moves it out');
select lives_ok(format($$update studio.javari_projects set parent_project_id = %L where name = 'Chapter'$$, :'own_project'),
  '... and back again with an update');

-- A conversation's project ----------------------------------------------------------------------------------------------
select throws_ok(format($$insert into studio.javari_conversations (user_id, provider, model, project_id) values (auth.uid(), 'openai', 'm', %L)$$, :'victim_project'),
  '42501', null, 'a stranger cannot start a conversation in someone else''s project');
select throws_ok(format($$update studio.javari_conversations set project_id = %L where id = %L$$, :'victim_project', :'own_conversation'),
  '42501', null, '... nor move their own conversation into it with a plain update');
select lives_ok(format($$update studio.javari_conversations set project_id = %L where id = %L$$, :'own_project', :'own_conversation'),
  'the owner moves a conversation into their own project');
select is((select project_id from studio.javari_conversations where id = :'own_conversation'), :'own_project'::uuid, '... and it is there');
select is((select count(*) from studio.javari_conversations where id = :'victim_conversation')::int, 0, 'the stranger reads nothing of the owner''s');
update studio.javari_conversations set project_id = :'own_project' where id = :'victim_conversation';

select tests.authenticate_as(:'owner');
select lives_ok(format($$update studio.javari_conversations set project_id = %L where id = %L$$, :'victim_project', :'victim_conversation'),
  'the owner files their conversation in their project');
reset role;
select is((select count(*) from studio.javari_projects where parent_project_id = :'victim_project')::int
        + (select count(*) from studio.javari_conversations where project_id = :'victim_project' and user_id <> :'owner')::int, 0,
  'nothing of the stranger''s hangs under the owner''s project');
select is((select project_id from studio.javari_conversations where id = :'victim_conversation'), :'victim_project'::uuid,
  'the stranger moved nothing of the owner''s');

-- A tool's output URL (written by the service) ---------------------------------------------------------------------------
insert into studio.tools_catalog (slug, name, credit_cost) values ('access-render', 'Render', 0) returning id as tool \gset
insert into studio.tools_usage (user_id, tool_id, credits_used) values (:'stranger', :'tool', 0) returning id as usage \gset
insert into studio.tools_results (user_id, tool_id, usage_id) values (:'stranger', :'tool', :'usage') returning id as result \gset
select tests.authenticate_as_service_role();
select throws_ok(format($$select studio.record_tool_output(%L, '{}', 'javascript:alert(1)')$$, :'result'), '23514', null,
  'a tool''s output URL is http(s) only');
select is((studio.record_tool_output(:'result', '{}', 'https://files.example.com/out.png')).output_url, 'https://files.example.com/out.png',
  '... an https one is stored');
reset role;

-- Across the schema ---------------------------------------------------------------------------------------------------------
-- Every foreign key a client may write (insert or update) was reviewed: a policy or trigger checks that it
-- points at something the caller may use, on insert and, where it can be updated, on update (tests in the
-- table's own file). A new one, or one that becomes updatable, fails here until it is checked, tested, and
-- listed here.
select is(
  array(
    select format('%s.%s: %s', c.conrelid::regclass, a.attname,
                  concat_ws(' ', case when has_column_privilege('authenticated', c.conrelid, a.attnum, 'INSERT')
                                           or has_column_privilege('anon', c.conrelid, a.attnum, 'INSERT') then 'insert' end,
                                 case when has_column_privilege('authenticated', c.conrelid, a.attnum, 'UPDATE')
                                           or has_column_privilege('anon', c.conrelid, a.attnum, 'UPDATE') then 'update' end))
      from pg_constraint c cross join lateral unnest(c.conkey) k(attnum)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
     where c.contype = 'f' and c.connamespace::regnamespace::text in ('public', 'billing', 'private', 'audit', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge')
       and (has_column_privilege('authenticated', c.conrelid, a.attnum, 'INSERT') or has_column_privilege('authenticated', c.conrelid, a.attnum, 'UPDATE')
            or has_column_privilege('anon', c.conrelid, a.attnum, 'INSERT') or has_column_privilege('anon', c.conrelid, a.attnum, 'UPDATE'))
     order by 1),
  array['blocks.blocked_id: insert', 'blocks.blocker_id: insert', 'gigs.gigs.moodboard_id: insert update', 'gigs.media.gig_id: insert update',
        'gigs.media_exif.media_id: insert', 'gigs.moodboards.gig_id: insert update', 'gigs.profiles.user_id: insert',
        'gigs.showcase_likes.showcase_id: insert', 'gigs.source_images.user_id: insert',
        -- an avatar from the public list of known avatar assets (the trigger also requires an active one)
        'lounge.profiles.avatar_id: update', 'messages.conversation_id: insert',
        -- a registered report target type, as the context of a report too: the registry is public
        'messages.reply_to_id: insert', 'reports.context_type: insert', 'reports.target_type: insert', 'studio.javari_conversations.project_id: insert update',
        'studio.javari_conversations.user_id: insert', 'studio.javari_projects.parent_project_id: insert update', 'studio.javari_projects.user_id: insert',
        'tabletop.campaigns.group_id: insert', 'tabletop.characters.campaign_id: insert', 'tabletop.characters.owner_id: insert',
        'tabletop.game_listings.currency: insert update', 'tabletop.game_listings.gm_id: insert', 'tabletop.game_listings.group_id: insert update',
        'tabletop.gm_profiles.user_id: insert',
        'tabletop.journals.author_id: insert', 'tabletop.journals.campaign_id: insert', 'tabletop.journals.parent_id: insert update',
        'tabletop.scenes.campaign_id: insert', 'tabletop.stream_overlays.template_id: update', 'tabletop.stream_view_configs.campaign_id: insert',
        -- a listed reader (the insert policy), and a currency of the public asset registry
        'tarot.preferred_readers.reader_id: insert', 'tarot.reader_profiles.currency: insert update',
        'user_content_preferences.user_id: insert update', 'user_image_type_library.user_id: insert update',
        -- a registered kind of verification: the registry is public
        'verification_requests.kind: insert'],
  'the foreign keys clients write are the reviewed ones');

-- Every URL column holds http(s) URLs only (private.is_http_url in a CHECK), whoever writes it.
select is(
  array(
    select format('%s.%s', c.oid::regclass, a.attname)
      from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where c.relkind in ('r', 'p') and c.relnamespace::regnamespace::text in ('public', 'billing', 'private', 'audit', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge')
       and a.attname ~ '_url$'
       and not exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'c' and a.attnum = any (k.conkey)
                         and pg_get_constraintdef(k.oid) ~ ('private\.is_http_url\(' || quote_ident(a.attname) || '\)'))
     order by 1),
  array[]::text[],
  'every URL column takes http(s) URLs only');
select ok(private.is_http_url('https://example.com/a?b=c#d') and private.is_http_url('http://example.com') and private.is_http_url(null) is null,
  'an http(s) URL passes (none, null, passes a CHECK)');
select is(array(select u from unnest(array['javascript:alert(1)', 'data:text/html,<script>', 'https://', 'https://user@evil.example',
                                           'https://example.com/"onerror="x', 'ftp://example.com/f', 'https://example.com/' || repeat('a', 2048)]) u
                 where private.is_http_url(u)),
  array[]::text[], 'anything else is refused: other schemes, no host, credentials, quotes, over 2048 characters');

select * from finish();
rollback;
