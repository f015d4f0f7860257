-- Tabletop history (issue 23): campaigns, characters, scenes and journals are deleted softly,
-- restorable by their owner for 30 days, then purged; deletions are audited; a deleted campaign's
-- channels are archived; the audit log is archived or dropped by its retention settings.
begin;
select plan(40);

select tests.create_user('hist-owner@example.com') as owner \gset
select tests.create_user('hist-cogm@example.com') as cogm \gset
select tests.create_user('hist-player@example.com') as player \gset
select tests.create_user('hist-other@example.com') as other \gset
select tests.create_user('hist-auditor@example.com') as auditor \gset
insert into public.user_staff_roles (user_id, role) values (:'auditor', 'admin');

select tests.authenticate_as(:'owner');
select (public.create_group('History table', 'history-table')).id as grp \gset
select public.get_group_invite_code(:'grp') as code \gset
insert into tabletop.campaigns (group_id, name) values (:'grp', 'Old tales') returning id as campaign \gset
insert into tabletop.scenes (campaign_id, name) values (:'campaign', 'Ruins') returning id as scene \gset
insert into tabletop.journals (campaign_id, title, visibility) values (:'campaign', 'Chronicle', 'public') returning id as chronicle \gset
select tabletop.open_campaign_channel(:'campaign', 'ooc') as ooc \gset
select tests.authenticate_as(:'cogm');
select public.join_group_by_code(:'code');
select tests.authenticate_as(:'owner');
select public.change_group_member_role(:'grp', :'cogm', 'gm');
select tests.authenticate_as(:'player');
select public.join_group_by_code(:'code');
insert into tabletop.characters (campaign_id, name) values (:'campaign', 'Brannoc') returning id as hero \gset
insert into tabletop.journals (campaign_id, title) values (:'campaign', 'My diary') returning id as diary \gset
select tests.authenticate_as(:'other');
select public.join_group_by_code(:'code');

-- Scenes
select tests.authenticate_as(:'player');
select throws_ok(format($$select tabletop.delete_content('scene', %L)$$, :'scene'), 'PA001', null, 'a player deletes no scene');
select throws_ok(format($$delete from tabletop.scenes where id = %L$$, :'scene'), '42501', null, 'nobody deletes for good with a plain DELETE');
select tests.authenticate_as(:'cogm');
select lives_ok(format($$select tabletop.delete_content('scene', %L)$$, :'scene'), 'a GM deletes a scene');
select throws_ok(format($$select tabletop.delete_content('scene', %L)$$, :'scene'), 'PA115', null, '... once');
select is((select count(*) from tabletop.scenes where id = :'scene' and deleted_at is not null)::int, 1, '... and still sees it, to restore it');
select is(tests.rows_affected(format($$update tabletop.scenes set name = 'Edited' where id = %L$$, :'scene')), 0::bigint, 'a deleted scene is not edited');
select tests.authenticate_as(:'player');
select is((select count(*) from tabletop.scenes where id = :'scene')::int, 0, 'players no longer see it');
select throws_ok(format($$select tabletop.restore_content('scene', %L)$$, :'scene'), 'PA001', null, '... nor restore it');
select tests.authenticate_as(:'cogm');
select lives_ok(format($$select tabletop.restore_content('scene', %L)$$, :'scene'), 'the GM restores it');
select throws_ok(format($$select tabletop.restore_content('scene', %L)$$, :'scene'), 'PA115', null, '... once: what is not deleted is not restored');
select tests.authenticate_as(:'player');
select is((select count(*) from tabletop.scenes where id = :'scene')::int, 1, '... and the players see it again');

-- Characters and journals: their owners
select tests.authenticate_as(:'other');
select throws_ok(format($$select tabletop.delete_content('character', %L)$$, :'hero'), 'PA001', null, 'another player deletes no one''s character');
select throws_ok(format($$select tabletop.delete_content('journal', %L)$$, :'diary'), 'PA001', null, '... nor their journal');
select throws_ok($$select tabletop.delete_content('dragon', gen_random_uuid())$$, '22023', null, 'content is of the four kinds only');
select tests.authenticate_as(:'player');
select tabletop.delete_content('character', :'hero');
select tabletop.delete_content('journal', :'diary');
select is((select count(*) from tabletop.characters where id = :'hero' and deleted_at is not null)::int, 1, 'the owner sees their deleted character');
select tests.authenticate_as(:'other');
select is((select count(*) from tabletop.characters where id = :'hero')::int + (select count(*) from tabletop.journals where id = :'diary')::int, 0,
  'the other members do not');
select throws_ok(format($$select tabletop.restore_content('character', %L)$$, :'hero'), 'PA001', null, '... nor restore it');
select tests.authenticate_as(:'player');
select lives_ok(format($$select tabletop.restore_content('character', %L)$$, :'hero'), 'the owner restores it within 30 days');
reset role;
update tabletop.journals set deleted_at = now() - interval '31 days' where id = :'diary';
select tests.authenticate_as(:'player');
select throws_ok(format($$select tabletop.restore_content('journal', %L)$$, :'diary'), 'PA115', null, 'after 30 days it can no longer be restored');
reset role;
select is(private.tabletop_purge_deleted(), 1, 'the purge removes what was deleted more than 30 days ago');
select is((select count(*) from tabletop.journals where id = :'diary')::int, 0, '... for good');
select is((select string_agg(operation || coalesce(' ' || (new_data ->> 'deleted_by' = :'player')::text, ''), ', ' order by id) from audit.audit_log
            where table_name = 'journals' and row_key ->> 'id' = :'diary'), 'UPDATE true, UPDATE true, DELETE',
  'the deletion (by whom), and the purge, are audited');

-- Campaigns: the group's owner; the channels are archived
select tests.authenticate_as(:'player');
insert into tabletop.journals (campaign_id, title) values (:'campaign', 'Second diary') returning id as diary2 \gset
select tabletop.delete_content('journal', :'diary2');
select tests.authenticate_as(:'cogm');
select throws_ok(format($$select tabletop.delete_content('campaign', %L)$$, :'campaign'), 'PA001', null, 'a GM who is not the owner deletes no campaign');
select tests.authenticate_as(:'owner');
select tabletop.delete_content('campaign', :'campaign');
select is((select count(*) from tabletop.campaigns where id = :'campaign')::int, 1, 'the owner sees the deleted campaign');
select throws_ok(format($$insert into tabletop.scenes (campaign_id, name) values (%L, 'New')$$, :'campaign'), '42501', null, '... but adds nothing to it');
select throws_ok(format($$select tabletop.restore_content('scene', %L)$$, :'scene'), 'PA001', null, 'nothing in it is restored on its own');
select tests.authenticate_as(:'player');
select throws_ok(format($$select tabletop.restore_content('journal', %L)$$, :'diary2'), 'PA115', 'its campaign is deleted: restore the campaign first',
  'an author restores nothing of a deleted campaign');
select is((select count(*) from tabletop.campaigns where id = :'campaign')::int + (select count(*) from tabletop.scenes where id = :'scene')::int
          + (select count(*) from tabletop.characters where id = :'hero')::int, 0, 'a member sees nothing of a deleted campaign');
select is((select count(*) from public.conversations where id = :'ooc')::int, 0, '... its channels are archived, out of their list');
select throws_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'hello?')$$, :'ooc'), '42501', null, '... and closed to posts');
select tests.clear_authentication();
select is((select count(*) from tabletop.journals where id = :'chronicle')::int, 0, 'its public journals leave the public''s sight');
reset role;
select is((select count(*) from public.messages where conversation_id = :'ooc')::int, 0, '(its channel is kept, empty of people)');
select tests.authenticate_as(:'owner');
select lives_ok(format($$select tabletop.restore_content('campaign', %L)$$, :'campaign'), 'the owner restores the campaign');
select tests.authenticate_as(:'player');
select is((select count(*) from public.conversations where id = :'ooc')::int, 1, '... and its members are back in its channels');
select is((select count(*) from tabletop.characters where id = :'hero')::int, 1, '... with what was in it');

-- Audit retention
reset role;
insert into audit.audit_log (occurred_at, actor_role, table_schema, table_name, operation, row_key)
values (now() - interval '400 days', 'database', 'tabletop', 'scenes', 'DELETE', '{"id": "old"}'),
       (now() - interval '10 days', 'database', 'tabletop', 'scenes', 'DELETE', '{"id": "recent"}');
select is(private.apply_audit_retention(), '{"archived": 1, "dropped": 0}'::jsonb, 'audit rows past retention are archived');
select is((select count(*) from audit.audit_log_archive where row_key ->> 'id' = 'old')::int + (select count(*) from audit.audit_log where row_key ->> 'id' = 'old')::int,
  1, '... out of the live log');
select tests.authenticate_as(:'player');
select is((select count(*) from audit.audit_log_archive)::int, 0, 'users read no archived audit rows');
select tests.authenticate_as(:'auditor');
select is((select count(*) from audit.audit_log_archive where row_key ->> 'id' = 'old')::int, 1, 'staff with audit.read do');
reset role;
update private.system_configuration set config_value = '0' where config_key = 'retention.audit_archive_days';
insert into audit.audit_log (occurred_at, actor_role, table_schema, table_name, operation, row_key)
values (now() - interval '500 days', 'database', 'tabletop', 'scenes', 'DELETE', '{"id": "older"}');
select is(private.apply_audit_retention(), '{"archived": 0, "dropped": 1}'::jsonb, 'with no archive days they are dropped');

select * from finish();
rollback;
