-- Time partitioning of the append-only tables (20261122000350_partitions.sql): partitions exist ahead
-- of time, rows land in their period's partition, a row outside the window is kept in the default
-- partition and moved out, retention drops whole partitions and keeps the rest, a day's roll-up reads
-- one partition, and the partitioned tables keep their access rules from every side.
begin;
select plan(55);

select tests.create_user('user@example.com') as usr \gset
select tests.create_user('other@example.com') as other \gset
select tests.create_user('staff@example.com') as staff \gset
insert into public.user_staff_roles (user_id, role) values (:'staff', 'admin');

select to_char(now() at time zone 'UTC', 'YYYYMMDD') as today, to_char((now() + interval '1 day') at time zone 'UTC', 'YYYYMMDD') as tomorrow,
       to_char((now() + interval '1 month') at time zone 'UTC', 'YYYYMM') as next_month,
       to_char((now() - interval '120 days') at time zone 'UTC', 'YYYYMMDD') as old_day \gset

-- The registry ---------------------------------------------------------------------------------------------------------
select is(array(select format('%s.%s %s %s', table_schema, table_name, period, retention_setting) from private.partitioned_tables order by 1),
  array['audit.analytics_events day retention.analytics_days', 'audit.api_logs day retention.log_days', 'audit.domain_events month retention.domain_event_days',
        'audit.error_logs month retention.log_days', 'audit.page_views day retention.log_days', 'audit.security_events month retention.security_event_days'],
  'the append-only tables that grow with traffic are registered, each with its period and retention setting');
select is(array(select c.oid::regclass::text from pg_partitioned_table p join pg_class c on c.oid = p.partrelid
                 where c.relnamespace = 'audit'::regnamespace order by 1),
  array['audit.analytics_events', 'audit.api_logs', 'audit.domain_events', 'audit.error_logs', 'audit.page_views', 'audit.security_events'],
  '... and are partitioned (the audit log, its archive and the roll-ups are not)');

-- Ahead of time --------------------------------------------------------------------------------------------------------
select ok(to_regclass('audit.page_views_p' || :'tomorrow') is not null and to_regclass('audit.api_logs_p' || :'tomorrow') is not null
          and to_regclass('audit.analytics_events_p' || :'tomorrow') is not null, 'tomorrow''s partitions of the daily tables exist already');
select ok(to_regclass('audit.error_logs_p' || :'next_month') is not null and to_regclass('audit.security_events_p' || :'next_month') is not null
          and to_regclass('audit.domain_events_p' || :'next_month') is not null, 'next month''s partitions of the monthly tables exist already');
select is(array(select table_name from private.partition_status()
                 where covered_until < now() + case period when 'day' then interval '14 days' else interval '3 months' end),
  array[]::text[], 'every table is covered two weeks (daily) or three months (monthly) ahead');
select is((select sum(default_rows)::int from private.partition_status()), 0, 'nothing waits in a default partition');
select is((select count(*)::int from cron.job where jobname = 'maintain-partitions' and command ~ 'private\.maintain_partitions\(\)'), 1,
  'pg_cron runs the maintenance');
select count(*) as made from private.maintain_partitions() \gset
-- (made: a cluster reset yesterday has today's new period to make)
select is((select count(*)::int from private.maintain_partitions()), 0, 'a rerun in the same period has nothing to do');

-- Rows land in their period's partition ---------------------------------------------------------------------------------
select tests.authenticate_as(:'usr');
select public.track_event('page_view', '{"path": "/partitions"}');
reset role;
select audit.record_security_event(:'usr', 'test.partitioned', 'low', 'probe') as probe_event \gset
insert into audit.page_views (user_id, path) values (:'usr', '/today');
insert into audit.api_logs (user_id, method, path, status) values (:'usr', 'GET', '/rest/v1/x', 200);
insert into audit.error_logs (user_id, source, message) values (:'usr', 'probe', 'boom');
select tests.authenticate_as(:'usr');
select (public.create_group('Partitioned', 'partitioned-group')).id as grp \gset
reset role;
select is((select tableoid::regclass::text from audit.analytics_events where user_id = :'usr'), 'audit.analytics_events_p' || :'today',
  'an analytics event lands in today''s partition');
select is((select tableoid::regclass::text from audit.page_views where path = '/today'), 'audit.page_views_p' || :'today', '... a page view too');
select is((select tableoid::regclass::text from audit.api_logs where user_id = :'usr'), 'audit.api_logs_p' || :'today', '... an API log too');
select is((select tableoid::regclass::text from audit.error_logs where user_id = :'usr'), 'audit.error_logs_p' || to_char(now() at time zone 'UTC', 'YYYYMM'),
  '... an error log in this month''s');
select is((select tableoid::regclass::text from audit.security_events where user_id = :'usr'), 'audit.security_events_p' || to_char(now() at time zone 'UTC', 'YYYYMM'),
  '... a security event in this month''s');
select is((select tableoid::regclass::text from audit.domain_events where aggregate_id = :'grp'), 'audit.domain_events_p' || to_char(now() at time zone 'UTC', 'YYYYMM'),
  '... a domain event in this month''s');
select ok((select id from audit.security_events where user_id = :'usr') is not null
          and (select count(distinct id) = count(*) from audit.page_views), 'ids stay unique across partitions (one identity per table)');

-- A row outside the window is kept, then moved into a partition of its own ---------------------------------------------
insert into audit.page_views (user_id, path, created_at) values (:'usr', '/old', now() - interval '120 days');
insert into audit.security_events (user_id, event_type, description, created_at) values (:'usr', 'test.ancient', 'old', now() - interval '5 years');
select is((select tableoid::regclass::text from audit.page_views where path = '/old'), 'audit.page_views_default',
  'a row older than every partition is kept in the default partition, not refused nor lost');
select is((select default_rows::int from private.partition_status() where table_name = 'audit.page_views'), 1, '... where partition_status shows it');
update private.system_configuration set config_value = '365' where config_key = 'retention.log_days';
select is(array(select action || ' ' || partition_name || ' ' || rows_moved from private.maintain_partitions(now(), 'audit.page_views')),
  array['moved page_views_p' || :'old_day' || ' 1'], 'the maintenance moves it into a partition of its period (kept: within retention)');
select is((select tableoid::regclass::text from audit.page_views where path = '/old'), 'audit.page_views_p' || :'old_day', '... where it is now');
select is((select count(*)::int from audit.page_views_default), 0, '... and the default partition is empty again');
select is(array(select action from private.maintain_partitions(now(), 'audit.security_events')), array['moved'],
  'a security event from years ago gets its month''s partition too');

-- Retention drops whole partitions --------------------------------------------------------------------------------------
update private.system_configuration set config_value = '90' where config_key = 'retention.log_days';
select is(array(select action || ' ' || partition_name from private.maintain_partitions(now(), 'audit.page_views')),
  array['dropped page_views_p' || :'old_day'], 'past retention, the maintenance drops the old partition, whole');
select ok(to_regclass('audit.page_views_p' || :'old_day') is null, '... it is gone');
select is(array(select path from audit.page_views order by path), array['/today'], '... and the recent rows are kept');
select is((select count(*)::int from audit.page_views_default), 0, '... nothing went to the default partition');
select is((select count(*)::int from private.maintain_partitions() where table_name = 'audit.security_events'), 0,
  'security events are kept while their retention setting is 0');
select is((select count(*)::int from audit.security_events where event_type = 'test.ancient'), 1, '... the five-year-old one included');

-- A day's roll-up reads that day's partition ------------------------------------------------------------------------------
create temporary table plan_lines (line text);
do $$
declare
  line text;
begin
  for line in execute format('explain (costs off) select user_id, count(*) from audit.analytics_events where received_at >= %L and received_at < %L group by user_id',
                             date_trunc('day', now()), date_trunc('day', now()) + interval '1 day') loop
    insert into plan_lines values (line);
  end loop;
end
$$;
select is(array(select distinct (regexp_match(line, 'on (analytics_events_\w+)'))[1] from plan_lines where line ~ 'on analytics_events_'),
  array['analytics_events_p' || :'today'], 'the roll-up''s query of a day scans that day''s partition only');
truncate plan_lines;
-- Inside private.roll_up_day the bounds are parameters: a generic plan prunes when it starts.
set plan_cache_mode = force_generic_plan;
prepare day_page_views(timestamptz, timestamptz) as
  select user_id, count(*) from audit.page_views where created_at >= $1 and created_at < $2 group by user_id;
do $$
declare
  line text;
begin
  for line in execute format('explain (analyze, costs off, timing off, summary off) execute day_page_views(%L, %L)',
                             date_trunc('day', now()), date_trunc('day', now()) + interval '1 day') loop
    insert into plan_lines values (line);
  end loop;
end
$$;
reset plan_cache_mode;
select ok(exists (select 1 from plan_lines where line ~ 'Subplans Removed: [1-9]')
          and (select array_agg(distinct (regexp_match(line, ' on (page_views_(?:p\d+|default)) '))[1]) from plan_lines where line ~ ' on page_views_(p\d+|default) ')
              = array['page_views_p' || :'today'],
  '... and so does its generic plan (the others are pruned at executor start)');
select is(private.roll_up_day(current_date), 1, 'the roll-up counts the day''s activity');

-- Access from every side: the parents' grants and policies hold, the partitions are closed --------------------------------
select tests.clear_authentication();
select throws_ok($$select count(*) from audit.page_views$$, '42501', null, 'anon reads no page views');
select throws_ok(format('select count(*) from audit.page_views_p%s', :'today'), '42501', null, '... nor a partition of them');
select tests.authenticate_as(:'usr');
select is((select count(*)::int from audit.page_views) + (select count(*)::int from audit.api_logs) + (select count(*)::int from audit.error_logs)
          + (select count(*)::int from audit.analytics_events) + (select count(*)::int from audit.security_events) + (select count(*)::int from audit.domain_events),
  0, 'a user reads none of the partitioned tables, their own rows included');
select throws_ok(format('select count(*) from audit.analytics_events_p%s', :'today'), '42501', null, '... nor a partition directly (no policy to go around)');
select throws_ok(format('insert into audit.page_views_p%s (id, path) values (1, %L)', :'today', '/forged'), '42501', null, '... nor writes one');
select throws_ok($$insert into audit.page_views (path) values ('/forged')$$, '42501', null, '... nor the table');
select tests.authenticate_as(:'other');
select is((select count(*)::int from audit.analytics_events) + (select count(*)::int from audit.security_events), 0, 'another user reads none either');
select tests.authenticate_as(:'staff');
select ok((select count(*) from audit.page_views) = 1 and (select count(*) from audit.analytics_events where user_id = :'usr') = 1
          and (select count(*) from audit.security_events where user_id = :'usr') = 2 and (select count(*) from audit.domain_events where aggregate_id = :'grp') = 1,
  'staff with audit.read read every partition through the table');
select throws_ok(format('select count(*) from audit.security_events_p%s', to_char(now() at time zone 'UTC', 'YYYYMM')), '42501', null, '... not a partition directly');
select tests.authenticate_as_service_role();
select lives_ok($$insert into audit.api_logs (method, path, status) values ('POST', '/rest/v1/rpc/x', 204)$$, 'the service writes logs through the table');
select is((select count(*)::int from audit.api_logs), 2, '... and reads them all');
select throws_ok(format('delete from audit.domain_events_p%s', to_char(now() at time zone 'UTC', 'YYYYMM')), '42501', null,
  'the domain event store stays append-only: the service cannot delete from a partition');
select throws_ok($$insert into audit.domain_events (aggregate_type, aggregate_id, event_type) values ('x', 'y', 'forged')$$, '42501', null, '... nor write through the table');
select throws_ok($$select * from private.maintain_partitions()$$, '42501', null, 'the service does not run the maintenance');
select tests.authenticate_as(:'staff');
select throws_ok($$select * from private.partition_status()$$, '42501', null, '... nor does staff read its internals');
select throws_ok($$select * from private.partitioned_tables$$, '42501', null, '... nor the registry');
reset role;

-- The maintenance for a date far ahead ------------------------------------------------------------------------------------
select array_to_string(array(select 'dropped ' || partition_name from private.time_partitions((select r from private.partitioned_tables r where table_name = 'error_logs'))
                              where upper_bound <= '2031-03-10 12:00+00'::timestamptz - interval '90 days' order by 1), ',') as expected_drops \gset
select is(array(select action || ' ' || partition_name from private.maintain_partitions('2031-03-10 12:00+00', 'audit.error_logs') order by 1),
  array['created error_logs_p203103', 'created error_logs_p203104', 'created error_logs_p203105', 'created error_logs_p203106']
    || string_to_array(:'expected_drops', ','),
  'run as of a date far ahead, it creates that month and the three after it, and drops every partition past retention then');
select ok(cardinality(string_to_array(:'expected_drops', ',')) >= 4, '... (today''s among them)');
select is((select pg_get_expr(relpartbound, oid) from pg_class where oid = 'audit.error_logs_p203104'::regclass),
  'FOR VALUES FROM (''2031-04-01 00:00:00+00'') TO (''2031-05-01 00:00:00+00'')', '... each covering its UTC month');
select is(array(select partition_name from private.maintain_partitions('2031-03-10 23:30+00', 'audit.api_logs') where action = 'created' order by 1 limit 2),
  array['api_logs_p20310310', 'api_logs_p20310311'], 'daily tables get that day and the days after it');
select is((select count(*)::int from private.maintain_partitions('2031-03-10 23:30+00', 'audit.api_logs') where action = 'created'), 0, '... once');

-- A product registers its own table ---------------------------------------------------------------------------------------
create table public.probe_log (id bigint generated always as identity, at timestamptz not null default now(), note text, primary key (id, at)) partition by range (at);
create table public.probe_plain (id bigint primary key, at timestamptz not null);
select throws_ok($$select private.register_partitioned_table('public.probe_plain', 'probe', 'day', 3, 'retention.log_days')$$, '22023', null,
  'only a table partitioned by range on a timestamptz registers');
select throws_ok($$select private.register_partitioned_table('public.probe_log', 'probe', 'day', 3, 'probe.no_such_setting')$$, '22023', null,
  '... with a number setting for its retention');
select is((select count(*)::int from private.register_partitioned_table('public.probe_log', 'probe', 'day', 3, 'retention.log_days')), 4,
  'a registered table gets its partitions at once (today and three ahead)');
select ok(to_regclass('public.probe_log_default') is not null and not has_table_privilege('authenticated', 'public.probe_log_default', 'select'),
  '... and a default partition closed to clients');

select * from finish();
rollback;
