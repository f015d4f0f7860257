-- Observability and configuration: domain events, security events, the analytics RPC, logs, the
-- daily roll-up and maintenance jobs, and system configuration, from both sides.
begin;
select plan(49);

select tests.create_user('user@example.com') as usr \gset
select tests.create_user('other@example.com') as other \gset
select tests.create_user('admin@example.com') as admin \gset
select tests.create_user('root@example.com') as root \gset
insert into public.user_staff_roles (user_id, role) values (:'admin', 'admin'), (:'root', 'super_admin');

-- Domain events are written with the state change, and never change
select tests.authenticate_as(:'usr');
select (public.create_group('Events', 'events-group')).id as grp \gset
reset role;
select is((select event_type from audit.domain_events where aggregate_type = 'group' and aggregate_id = :'grp'), 'group.member_joined',
  'a membership writes a domain event in the same transaction');
select throws_ok($$delete from audit.domain_events$$, '42501', null, 'the domain event store is append-only');
select throws_ok($$update audit.domain_events set event_type = 'x'$$, '42501', null, '... and unchangeable');

-- Security events
select audit.record_security_event(:'usr', 'ai.limit_exceeded', 'low', 'too many requests');
select tests.authenticate_as(:'usr');
select is((select count(*) from audit.security_events)::int, 0, 'users read no security events');
select throws_ok($$select audit.record_security_event(null, 'x.y', 'low', 'forged')$$, '42501', null, '... nor record them');
select tests.authenticate_as(:'admin');
select is((select count(*) from audit.security_events where user_id = :'usr')::int, 1, 'staff with audit.read read them');

-- Analytics: registered events (the registry and property schemas: 21_events_moderation)
select tests.authenticate_as(:'usr');
select lives_ok($$select public.track_event('page_view', '{"path": "/lobby"}', 'sess-1')$$, 'a user sends an analytics event');
select throws_ok($$select public.track_event('buy_everything')$$, 'PA001', null, 'only registered events');
select throws_ok($$select public.track_event('page_view', '[1, 2]')$$, '22023', null, 'properties are an object');
select throws_ok($$select public.track_event('page_view', '{"path": "/x"}', null, now() - interval '3 days')$$, '22023', null, 'events are recent');
select throws_ok(format($$select public.track_event('page_view', '{"path": "/x"}', %L)$$, repeat('s', 101)), '22023', 'session_id is at most 100 characters',
  'session ids are bounded');
select throws_ok($$insert into audit.analytics_events (event_name, occurred_at) values ('page_view', now())$$, '42501', null, 'the table is written only through the RPC');
select is((select count(*) from audit.analytics_events)::int, 0, 'users do not read raw analytics');
reset role;
select throws_ok($$select private.record_analytics_event(null, 'buy_everything', '{}')$$, 'PA001', 'unknown analytics event "buy_everything"',
  'the server records registered events only');
select is(private.record_analytics_event(:'usr', 'page_view', '{"path": "/server"}') > 0, true, '... and records them');
set local role service_role;
select throws_ok($$insert into audit.analytics_events (event_name, occurred_at) values ('buy_everything', now())$$, '42501', null,
  'the service role writes analytics through the functions that check the event too');
reset role;
delete from audit.analytics_events where properties ->> 'path' = '/server';
update private.system_configuration set config_value = '2' where config_key = 'analytics.events_per_minute';
select tests.authenticate_as(:'usr');
select public.track_event('page_view', '{"path": "/next"}');
select throws_ok($$select public.track_event('page_view', '{"path": "/again"}')$$, 'PA111', null, 'analytics are rate-limited per user');
select tests.clear_authentication();
select throws_ok($$select public.track_event('page_view', '{"path": "/"}')$$, '42501', null, 'anon sends no analytics');

-- Logs: written by the service, read by staff
select tests.authenticate_as_service_role();
select lives_ok(format($$insert into audit.page_views (user_id, path) values (%L, '/gigs')$$, :'usr'), 'the service writes page views');
select lives_ok($$insert into audit.api_logs (method, path, status, duration_ms) values ('GET', '/rest/v1/gigs', 200, 12)$$, '... API logs');
select lives_ok($$insert into audit.error_logs (source, message) values ('checkout', 'boom')$$, '... and error logs');
select tests.authenticate_as(:'usr');
select throws_ok($$insert into audit.error_logs (source, message) values ('me', 'fake')$$, '42501', null, 'users write no logs');
select is((select count(*) from audit.page_views)::int + (select count(*) from audit.error_logs)::int, 0, '... and read none');
select tests.authenticate_as(:'admin');
select is((select count(*) from audit.error_logs where source = 'checkout')::int, 1, 'staff read the logs');

-- Jobs
reset role;
select is(private.roll_up_day(current_date), 1, 'the roll-up writes one row per active user of the day');
select is((select events || '/' || page_views from audit.user_analytics where user_id = :'usr' and day = current_date), '2/1', '... with their activity');
select is(private.roll_up_day(current_date), 1, 're-running a day replaces it');
select is((select metric_value from audit.system_metrics where metric_name = 'active_users' and measured_at = current_date::timestamptz), 1::numeric, 'and records platform metrics');
select tests.authenticate_as(:'other');
select is((select count(*) from audit.user_analytics)::int, 0, 'a user reads only their own daily analytics');
reset role;
update audit.page_views set created_at = now() - interval '200 days';
select ok((select count(*) from private.maintain_partitions() where table_name = 'audit.page_views' and action = 'dropped') >= 1,
          'logs past their retention are dropped with their partition');
select is((select count(*) from audit.page_views)::int, 0, '... and gone (46_partitions tests retention)');
insert into public.invitations (group_id, invited_email, role, token_hash, expires_at) values (:'grp', 'late@example.com', 'player', '\x01', now() - interval '2 days');
select is(private.delete_expired_invitations(), 1, 'expired invitations are deleted');
select is((select count(*) from cron.job where jobname in ('delete-expired-invitations', 'maintain-partitions', 'roll-up-yesterday'))::int, 3, 'pg_cron runs the jobs');

-- Configuration
select tests.clear_authentication();
select is(public.public_config() ->> 'platform.name', 'Platform', 'anyone reads the public configuration');
select ok(not (public.public_config() ? 'retention.log_days'), '... and only that');
select tests.authenticate_as(:'usr');
select throws_ok($$select * from public.config_entries()$$, '42501', null, 'users read no other configuration');
select tests.authenticate_as(:'admin');
select throws_ok($$select public.set_config_value('retention.log_days', '2')$$, '22023', null, 'values are validated');
select throws_ok($$select public.set_config_value('retention.log_days', '"ninety"')$$, '22023', null, '... and typed');
select lives_ok($$select public.set_config_value('retention.log_days', '30')$$, 'staff with config.manage change configuration');
reset role;
insert into private.system_configuration (config_key, config_value, value_type, is_sensitive) values ('mail.api_key', '"secret-key"', 'string', true);
select tests.authenticate_as(:'admin');
select is((select config_value from public.config_entries() where config_key = 'mail.api_key'), null, 'a sensitive value is hidden from an admin');
select tests.authenticate_as(:'root');
select is((select config_value from public.config_entries() where config_key = 'mail.api_key'), '"secret-key"'::jsonb, '... and shown to a super_admin');
-- private.config_number is reachable by clients (triggers call it as the caller): it answers no sensitive key to one.
reset role;
insert into private.system_configuration (config_key, config_value, value_type, is_sensitive)
values ('fraud.score_threshold', '73', 'number', true), ('fraud.window_minutes', '10', 'number', false);
select tests.authenticate_as(:'usr');
select is(private.config_number('fraud.window_minutes'), 10::numeric, 'a client''s request reads the numbers the rules need');
select throws_ok($$select private.config_number('fraud.score_threshold')$$, '42501', null, '... never a sensitive one');
select throws_ok($$select private.config_number('mail.api_key')$$, '42501', null, '... nor a sensitive string (no cast error shows it either)');
select tests.authenticate_as(:'root');
select throws_ok($$select private.config_number('fraud.score_threshold')$$, '42501', null, '... not even for a super_admin''s request (config_entries is theirs)');
select tests.clear_authentication();
select throws_ok($$select private.config_number('fraud.score_threshold')$$, '42501', null, '... nor for anon');
select tests.authenticate_as_service_role();
select is(private.config_number('fraud.score_threshold'), 73::numeric, 'the server (service_role) reads it');
reset role;
select set_config('request.jwt.claims', '', true);
select is(private.config_number('fraud.score_threshold'), 73::numeric, '... and so do scheduled jobs');
select throws_ok($$select private.config_number('platform.name')$$, '22023', null, 'only numbers are read as numbers');

select * from finish();
rollback;
