-- The scheduler: the seeded jobs, the jobs and functions from both sides (clients reach nothing,
-- the service role everything), claims and leases, results, retries with backoff and their bound,
-- the next-run computation, the table's bounds, and the hosted dispatcher (absent here; installed
-- over stand-ins of pg_net's and Vault's interfaces).
begin;
select plan(65);
-- The products' jobs (their migrations register them) wait while this file runs: only the core's and
-- this file's are claimed here.
update private.scheduled_jobs set enabled = false where product <> 'core';

-- The core's jobs
select results_eq(
  $$select name, function_name, run_every, enabled from private.scheduled_jobs where name in ('payouts', 'refunds') order by name$$,
  $$values ('payouts'::text, 'payouts'::text, interval '1 day', true), ('refunds', 'refunds', interval '5 minutes', true)$$,
  'payouts run daily and refunds every five minutes');
select is((select count(*) from private.scheduled_jobs
            where name in ('payouts', 'refunds')
              and (next_run_at = private.scheduler_next_run(starts_at, run_every, created_at) or last_started_at is not null))::int, 2,
  'each is due at its first slot after it was added (unless it has run since)');
select is((select to_char(next_run_at at time zone 'UTC', 'HH24:MI') from private.scheduled_jobs where name = 'payouts'), '02:00',
  'payouts at 02:00 UTC');
-- They wait while this file runs: what follows uses jobs of its own.
update private.scheduled_jobs set enabled = false;

-- Clients reach nothing
select tests.create_user('scheduler@example.com') as usr \gset
select tests.authenticate_as(:'usr');
select throws_ok($$select * from private.scheduled_jobs$$, '42501', null, 'a signed-in user reads no jobs');
select throws_ok($$update private.scheduled_jobs set enabled = true$$, '42501', null, '... changes none');
select throws_ok($$select * from private.claim_scheduled_jobs('me')$$, '42501', null, '... claims none');
select throws_ok(format($$select private.record_scheduled_job_result('payouts', %L, 200)$$, gen_random_uuid()), '42501', null, '... records no result');
select tests.clear_authentication();
select throws_ok($$select * from private.scheduled_jobs$$, '42501', null, 'anon reads no jobs');
select throws_ok($$insert into private.scheduled_jobs (name, function_name, run_every) values ('mine', 'payouts', '1 minute')$$, '42501', null, '... adds none');
select throws_ok($$select * from private.claim_scheduled_jobs('me')$$, '42501', null, '... claims none');
select throws_ok(format($$select private.record_scheduled_job_result('payouts', %L, 200)$$, gen_random_uuid()), '42501', null, '... records no result');
reset role;
select is(
  array(select p.oid::regprocedure::text from pg_proc p
         where p.pronamespace = 'private'::regnamespace and p.proname ~ 'schedul'
           and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))),
  array[]::text[],
  'no scheduler function is executable by a client');
select ok(not has_function_privilege('service_role', 'private.install_scheduler_dispatch()', 'execute'),
  'installing the platform dispatcher is the owner''s (it creates functions and cron jobs)');

-- The service role: registers, reads, claims
select tests.authenticate_as_service_role();
-- Its hourly slots fall half an hour from now, so a retry (minutes away) never meets one, whatever the clock.
select lives_ok($$insert into private.scheduled_jobs (name, function_name, run_every, starts_at, retry_after, max_attempts, next_run_at)
                  values ('pgtap-job', 'pgtap-fn', interval '1 hour', now() - interval '30 minutes', interval '1 minute', 3, now() - interval '1 second')$$,
  'the service role adds a job');
select is((select count(*) from private.scheduled_jobs where name in ('payouts', 'refunds', 'pgtap-job'))::int, 3, '... and reads the jobs');
insert into private.scheduled_jobs (name, function_name, run_every, starts_at) values ('pgtap-new', 'pgtap-fn', interval '15 minutes', '2026-01-01 00:05+00');
select is((select next_run_at from private.scheduled_jobs where name = 'pgtap-new'),
  private.scheduler_next_run('2026-01-01 00:05+00', interval '15 minutes', now()), 'a new job is due at its first slot');
delete from private.scheduled_jobs where name = 'pgtap-new';
select results_eq($$select job_name, edge_function, attempt, timeout_ms from private.claim_scheduled_jobs('pgtap-1')$$,
  $$values ('pgtap-job'::text, 'pgtap-fn'::text, 1, 120000)$$,
  'the service role claims the due job: the function to call, the try, the timeout');
select is((select claimed_by || ' until ' || (lease_expires_at - now())::text from private.scheduled_jobs where name = 'pgtap-job'),
  'pgtap-1 until 00:04:00', 'the claim is a lease of the timeout plus two minutes');
select is_empty($$select * from private.claim_scheduled_jobs('pgtap-2')$$, 'a job is not claimed again while its lease holds');
select claim_id as claim from private.scheduled_jobs where name = 'pgtap-job' \gset
select throws_ok(format($$select private.record_scheduled_job_result('pgtap-job', %L, 200)$$, gen_random_uuid()), 'PA190', null,
  'only the holder of the claim records the result');
select throws_ok(format($$select private.record_scheduled_job_result('no-such-job', %L, 200)$$, :'claim'), 'PA001', null,
  'an unknown job is an error');
select throws_ok(format($$select private.record_scheduled_job_result('pgtap-job', %L, 700)$$, :'claim'), '22023', null,
  'an HTTP status is one');

-- A failure is recorded and retried, with backoff, at most max_attempts tries
select (private.record_scheduled_job_result('pgtap-job', :'claim', 500, 'boom')).last_status as recorded \gset
select results_eq($$select last_status, last_http_status, last_error, attempts, next_run_at, claim_id is null from private.scheduled_jobs where name = 'pgtap-job'$$,
  $$values ('failed'::text, 500, 'boom'::text, 1, now() + interval '1 minute', true)$$,
  'a failure is recorded and the job is due again after retry_after');
select is_empty($$select * from private.claim_scheduled_jobs('pgtap-2')$$, '... not before');
update private.scheduled_jobs set next_run_at = now() - interval '1 second' where name = 'pgtap-job';
select is((select attempt from private.claim_scheduled_jobs('pgtap-2')), 2, 'then it is claimed again: the second try');
select (private.record_scheduled_job_result('pgtap-job', claim_id, 502)).last_status as recorded from private.scheduled_jobs where name = 'pgtap-job' \gset
select results_eq($$select last_error, attempts, next_run_at from private.scheduled_jobs where name = 'pgtap-job'$$,
  $$values ('HTTP 502'::text, 2, now() + interval '2 minutes')$$,
  'a second failure waits twice as long (an answer without text is named by its status)');
update private.scheduled_jobs set next_run_at = now() - interval '1 second' where name = 'pgtap-job';
select is((select attempt from private.claim_scheduled_jobs('pgtap-2')), 3, 'the third try');
select (private.record_scheduled_job_result('pgtap-job', claim_id, null, 'connection refused')).last_status as recorded from private.scheduled_jobs where name = 'pgtap-job' \gset
select results_eq($$select last_status, last_http_status, last_error, attempts, next_run_at from private.scheduled_jobs where name = 'pgtap-job'$$,
  $$select 'failed'::text, null::integer, 'gave up after 3 tries: connection refused'::text, 0, private.scheduler_next_run(starts_at, run_every, now())
      from private.scheduled_jobs where name = 'pgtap-job'$$,
  'after max_attempts tries the run is given up: the job waits for its next slot');

-- Success
update private.scheduled_jobs set next_run_at = now() - interval '1 second' where name = 'pgtap-job';
select is((select attempt from private.claim_scheduled_jobs('pgtap-3')), 1, 'the next run starts counting tries again');
select (private.record_scheduled_job_result('pgtap-job', claim_id, 200)).last_status as recorded from private.scheduled_jobs where name = 'pgtap-job' \gset
select results_eq($$select last_status, last_http_status, last_error, attempts, last_finished_at, claim_id, claimed_by, lease_expires_at, next_run_at
                      from private.scheduled_jobs where name = 'pgtap-job'$$,
  $$select 'succeeded'::text, 200, null::text, 0, now(), null::uuid, null::text, null::timestamptz, private.scheduler_next_run(starts_at, run_every, now())
      from private.scheduled_jobs where name = 'pgtap-job'$$,
  'a success is recorded, the lease released, and the job is due at its next slot');
select ok((select next_run_at > now() and next_run_at <= now() + interval '1 hour' from private.scheduled_jobs where name = 'pgtap-job'),
  '... within one interval');

-- Bounds of a run: backoff never past the next slot, error text, leases that expire, disabled jobs, how many are claimed
insert into private.scheduled_jobs (name, function_name, run_every, starts_at, retry_after, next_run_at)
values ('pgtap-often', 'pgtap-fn', interval '5 minutes', '2026-01-01', interval '10 minutes', now() - interval '1 second');
select (private.record_scheduled_job_result('pgtap-often', claim, 503, repeat('x', 5000))).last_status as recorded
  from private.claim_scheduled_jobs('pgtap-4', 1) where job_name = 'pgtap-often' \gset
select is((select next_run_at from private.scheduled_jobs where name = 'pgtap-often'),
  private.scheduler_next_run('2026-01-01', interval '5 minutes', now()), 'a retry is never later than the next slot');
select is((select char_length(last_error) from private.scheduled_jobs where name = 'pgtap-often'), 1000, 'the error text is bounded');
update private.scheduled_jobs set next_run_at = now() - interval '1 second' where name = 'pgtap-often';
select is((select count(*) from private.claim_scheduled_jobs('pgtap-4'))::int, 1, 'claimed again...');
update private.scheduled_jobs set lease_expires_at = now() - interval '1 second' where name = 'pgtap-often';
select is_empty($$select * from private.claim_scheduled_jobs('pgtap-5')$$, '... when its lease expires, the run is not simply taken over');
select results_eq($$select last_status, last_error, attempts, claim_id is null, next_run_at > now() from private.scheduled_jobs where name = 'pgtap-often'$$,
  $$values ('failed'::text, 'no result before the lease expired'::text, 2, true, true)$$,
  '... it is recorded as a failure and retried like one');
update private.scheduled_jobs set next_run_at = now() - interval '1 second', enabled = false where name = 'pgtap-often';
select is_empty($$select * from private.claim_scheduled_jobs('pgtap-5')$$, 'a disabled job is never claimed, however due');
update private.scheduled_jobs set enabled = true where name in ('pgtap-often', 'pgtap-job');
update private.scheduled_jobs set next_run_at = now() - interval '1 second' where name in ('pgtap-often', 'pgtap-job');
select is((select count(*) from private.claim_scheduled_jobs('pgtap-6', 1))::int, 1, 'a scheduler claims at most its limit');
select throws_ok($$select * from private.claim_scheduled_jobs('pgtap-6', 0)$$, '22023', null, '... of 1 to 100');
select throws_ok($$select * from private.claim_scheduled_jobs('', 5)$$, '22023', null, 'a scheduler names itself');

-- Bounds of a job
select throws_ok($$insert into private.scheduled_jobs (name, function_name, run_every) values ('fast', 'f', interval '30 seconds')$$, '23514', null,
  'a job runs at most once a minute');
select throws_ok($$insert into private.scheduled_jobs (name, function_name, run_every) values ('odd', 'f', interval '90 seconds')$$, '23514', null,
  '... every whole number of minutes');
select throws_ok($$insert into private.scheduled_jobs (name, function_name, run_every) values ('rare', 'f', interval '32 days')$$, '23514', null,
  '... at least every 31 days');
select throws_ok($$insert into private.scheduled_jobs (name, function_name, run_every) values ('monthly', 'f', interval '1 month')$$, '23514', null,
  '... in days, hours and minutes (a month has no fixed length)');
select throws_ok($$insert into private.scheduled_jobs (name, function_name, run_every, timeout) values ('long', 'f', interval '1 hour', interval '1 hour')$$, '23514', null,
  'a call times out within 15 minutes');
select throws_ok($$insert into private.scheduled_jobs (name, function_name, run_every, max_attempts) values ('stubborn', 'f', interval '1 hour', 11)$$, '23514', null,
  'a run is tried at most 10 times');
select throws_ok($$insert into private.scheduled_jobs (name, function_name, run_every) values ('Bad Name', 'f', interval '1 hour')$$, '23514', null,
  'job names are lowercase words');
select throws_ok($$insert into private.scheduled_jobs (name, function_name, run_every) values ('escape', '../payouts', interval '1 hour')$$, '23514', null,
  'a function name is a name, not a path');

-- The next run
select is(private.scheduler_next_run('2026-01-01 02:00+00', interval '1 day', '2026-03-10 01:59+00'), '2026-03-10 02:00+00'::timestamptz,
  'the next run is the next slot of the schedule');
select is(private.scheduler_next_run('2026-01-01 02:00+00', interval '1 day', '2026-03-10 02:00+00'), '2026-03-11 02:00+00'::timestamptz,
  '... strictly after the given time');
select is(private.scheduler_next_run('2026-01-01 00:00+00', interval '5 minutes', '2026-01-01 00:07:30+00'), '2026-01-01 00:10+00'::timestamptz,
  '... for every kind of interval');
select is(private.scheduler_next_run('2027-01-01 00:00+00', interval '1 day', '2026-06-01 00:00+00'), '2027-01-01 00:00+00'::timestamptz,
  'a schedule that has not started yet starts at its anchor');
set local timezone = 'Europe/Berlin';
select is(private.scheduler_next_run('2026-01-01 02:00+00', interval '1 day', '2026-03-30 00:00+00'), '2026-03-30 02:00+00'::timestamptz,
  'daylight saving time does not move a daily job, whatever the session''s time zone');
reset timezone;
update private.scheduled_jobs set run_every = interval '2 hours' where name = 'pgtap-often';
select is((select next_run_at from private.scheduled_jobs where name = 'pgtap-often'),
  private.scheduler_next_run('2026-01-01', interval '2 hours', now()), 'a changed schedule moves the next run');

-- The hosted dispatcher. Where pg_net and Vault exist (the Docker stack) it is installed and only
-- that is checked; here, where neither exists, it is not, until stand-ins of their interfaces are
-- created (net.http_post queues a request; answers land in net._http_response).
reset role;
update private.scheduled_jobs set claim_id = null, claimed_by = null, lease_expires_at = null, enabled = false where name like 'pgtap-%';
select to_regclass('net._http_response') is not null and to_regclass('vault.decrypted_secrets') is not null as platform \gset
\if :platform
select skip('pg_net and Vault exist here', 2);
\else
select is(private.install_scheduler_dispatch(), false, 'without pg_net and Vault the platform dispatcher is not installed');
select ok(to_regprocedure('private.dispatch_scheduled_jobs()') is null and not exists (select 1 from cron.job where jobname = 'dispatch-scheduled-jobs'),
  '... nor scheduled');
create schema net;
create table net._http_response (id bigint, status_code integer, content_type text, headers jsonb, content text, timed_out boolean, error_msg text,
                                 created timestamptz not null default now());
create table net.sent (id bigserial primary key, url text, body jsonb, headers jsonb, timeout_milliseconds integer);
create function net.http_post(url text, body jsonb default '{}', params jsonb default '{}', headers jsonb default '{"Content-Type": "application/json"}',
                              timeout_milliseconds integer default 1000) returns bigint language sql
  as $$ insert into net.sent (url, body, headers, timeout_milliseconds) values (url, body, headers, timeout_milliseconds) returning id $$;
create schema vault;
create table vault.test_secrets (name text primary key, decrypted_secret text);
create view vault.decrypted_secrets as select name, decrypted_secret from vault.test_secrets;
\endif

select is(private.install_scheduler_dispatch(), true, 'with pg_net and Vault the platform dispatcher is installed');
select is((select schedule || ' ' || command from cron.job where jobname = 'dispatch-scheduled-jobs'),
  '* * * * * select private.dispatch_scheduled_jobs()', '... and pg_cron runs it every minute');
select ok(not has_function_privilege('service_role', 'private.dispatch_scheduled_jobs()', 'execute')
          and not has_function_privilege('authenticated', 'private.dispatch_scheduled_jobs()', 'execute'),
  '... as the owner only');
\if :platform
select skip('pg_net and Vault exist here: its calls are tested over stand-ins only', 6);
\else
insert into private.scheduled_jobs (name, function_name, run_every, timeout, next_run_at)
values ('pgtap-hosted', 'hosted-fn', interval '1 hour', interval '5 minutes', now() - interval '1 second');
select throws_ok($$select private.dispatch_scheduled_jobs()$$, 'PA191', null, 'without the Vault secrets it refuses');
insert into vault.test_secrets values ('project_url', 'https://project-ref.supabase.co/'), ('service_role_key', 'the-service-key');
select is(private.dispatch_scheduled_jobs(), 1, 'a tick claims the due job and queues one request');
select results_eq($$select url, body, headers, timeout_milliseconds from net.sent$$,
  $$values ('https://project-ref.supabase.co/functions/v1/hosted-fn'::text, '{"scheduled_job": "pgtap-hosted"}'::jsonb,
            '{"Content-Type": "application/json", "Authorization": "Bearer the-service-key"}'::jsonb, 300000)$$,
  '... a POST to the function with the service key from Vault, timed out at the job''s timeout');
select is(private.dispatch_scheduled_jobs(), 0, 'while its answer is awaited the job is not sent again');
insert into net._http_response (id, status_code, content) select request_id, 200, '{"paid": 0}' from private.scheduled_jobs where name = 'pgtap-hosted';
select private.dispatch_scheduled_jobs() as dispatched \gset
select results_eq($$select last_status, last_http_status, attempts, request_id, claim_id from private.scheduled_jobs where name = 'pgtap-hosted'$$,
  $$values ('succeeded'::text, 200, 0, null::bigint, null::uuid)$$, 'the next tick records the answer');
update private.scheduled_jobs set next_run_at = now() - interval '1 second' where name = 'pgtap-hosted';
select private.dispatch_scheduled_jobs() as dispatched \gset
insert into net._http_response (id, timed_out, error_msg) select request_id, true, 'Timeout was reached' from private.scheduled_jobs where name = 'pgtap-hosted';
select private.dispatch_scheduled_jobs() as dispatched \gset
select results_eq($$select last_status, last_http_status, last_error, attempts from private.scheduled_jobs where name = 'pgtap-hosted'$$,
  $$values ('failed'::text, null::integer, 'timed out'::text, 1)$$, 'a request pg_net gave up on is a failure, retried like any');
\endif

select * from finish();
rollback;
