-- Scheduler for edge functions: one table of jobs (which function, how often, the last result),
-- claimed with a lease so that a due job runs once even when two schedulers overlap. Two
-- schedulers read the same table: on the hosted platform pg_cron calls
-- private.dispatch_scheduled_jobs() every minute, which posts through pg_net with the service key
-- from Vault (installed only where pg_net and Vault exist; see docs/operations.md); locally
-- `npm start` runs a small loop (scripts/lib/scheduler.ts) over the same functions.
--
-- A schedule is an interval from an anchor: the job is due at starts_at + k * run_every. An
-- interval is validated by a check constraint and computed with plain arithmetic; runs missed while
-- no scheduler ran collapse into one. The anchor keeps a daily job at its hour (payouts at 02:00 UTC).

create table private.scheduled_jobs (
  name text primary key check (name ~ '^[a-z][a-z0-9_-]{1,62}$'),
  -- Who registered the job: 'core', or the product whose migration added it.
  product text not null default 'core' check (product ~ '^[a-z_]{2,30}$'),
  -- The edge function called: POST <project>/functions/v1/<function_name> with the service key.
  function_name text not null check (function_name ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$'),
  -- Whole minutes to 31 days, no months or years (their length varies): pg_cron ticks once a minute.
  run_every interval not null check (
    extract(epoch from run_every) between 60 and 31 * 86400
    and extract(epoch from run_every)::numeric % 60 = 0
    and extract(year from run_every) = 0 and extract(month from run_every) = 0),
  starts_at timestamptz not null default '2026-01-01 00:00:00+00',
  enabled boolean not null default true,
  -- How long one call may take (the edge runtime stops a function after 150 to 400 s).
  timeout interval not null default '2 minutes' check (timeout between interval '1 second' and interval '15 minutes'),
  -- A failed run is retried after retry_after, doubled on each further failure, at most max_attempts
  -- tries in all; then the run is given up and the job waits for its next slot.
  retry_after interval not null default '1 minute' check (retry_after between interval '1 second' and interval '1 day'),
  max_attempts integer not null default 5 check (max_attempts between 1 and 10),
  next_run_at timestamptz not null,
  -- Tries of the current run so far (the one under way included); 0 once it succeeds or is given up.
  attempts integer not null default 0 check (attempts between 0 and 10),
  -- The lease of the scheduler running it now: while it holds, nobody else claims the job.
  claim_id uuid,
  claimed_by text check (char_length(claimed_by) <= 100),
  lease_expires_at timestamptz,
  -- pg_net's request id while the hosted dispatcher waits for the answer.
  request_id bigint,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_status text check (last_status in ('succeeded', 'failed')),
  last_http_status integer check (last_http_status between 100 and 599),
  last_error text check (char_length(last_error) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint scheduled_jobs_lease_whole check (
    (claim_id is null) = (claimed_by is null) and (claim_id is null) = (lease_expires_at is null)
    and (request_id is null or claim_id is not null))
);
comment on table private.scheduled_jobs is 'Edge functions run on a schedule by pg_cron (hosted) or npm start (local); see docs/operations.md.';
create index scheduled_jobs_due_idx on private.scheduled_jobs (next_run_at) where enabled and claim_id is null;
create index scheduled_jobs_lease_idx on private.scheduled_jobs (lease_expires_at) where claim_id is not null;

-- Only the server reaches the jobs: service_role (the default privileges of private) and the
-- owner; RLS on with no policy keeps every client out even if a grant slipped in.
alter table private.scheduled_jobs enable row level security;
revoke all on private.scheduled_jobs from anon, authenticated;

-- The first slot strictly after p_after: starts_at + k * run_every. Seconds arithmetic, so a
-- daily job stays at its UTC hour across daylight saving time whatever the session's time zone.
create or replace function private.scheduler_next_run(p_starts_at timestamptz, p_every interval, p_after timestamptz)
returns timestamptz
language sql
stable
strict
set search_path = ''
as $$
  select case
    when p_starts_at > p_after then p_starts_at
    else p_starts_at + interval '1 second' * ((floor(extract(epoch from p_after - p_starts_at) / extract(epoch from p_every)) + 1)
                                              * extract(epoch from p_every))::double precision
  end
$$;

-- A new job is due at its first slot; a changed schedule moves the next run unless it is set too.
create or replace function private.scheduled_jobs_schedule()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.next_run_at := coalesce(new.next_run_at, private.scheduler_next_run(new.starts_at, new.run_every, pg_catalog.now()));
  elsif (new.run_every, new.starts_at) is distinct from (old.run_every, old.starts_at)
        and new.next_run_at is not distinct from old.next_run_at then
    new.next_run_at := private.scheduler_next_run(new.starts_at, new.run_every, pg_catalog.now());
  end if;
  return new;
end
$$;
create trigger schedule before insert or update on private.scheduled_jobs for each row execute function private.scheduled_jobs_schedule();
create trigger set_updated_at before update on private.scheduled_jobs for each row execute function private.set_updated_at();

-- Records the answer to a claimed run and sets the next one. Succeeded = no error and a 2xx answer:
-- the next slot. Failed: again after retry_after * 2^(tries - 1) (never later than the next slot),
-- or, after max_attempts tries, the run is given up and the job waits for its next slot. The claim
-- must still be held: a scheduler whose lease expired reports nothing (its run was already
-- recorded as failed, and may be running again elsewhere).
create or replace function private.record_scheduled_job_result(p_name text, p_claim_id uuid, p_http_status integer, p_error text default null)
returns private.scheduled_jobs
language plpgsql
set search_path = ''
as $$
declare
  job private.scheduled_jobs;
  succeeded boolean := coalesce(p_error is null and p_http_status between 200 and 299, false);
  next_slot timestamptz;
  error_text text;
begin
  if p_http_status is not null and p_http_status not between 100 and 599 then
    raise exception 'an HTTP status is between 100 and 599, not %', p_http_status using errcode = '22023';
  end if;
  select * into job from private.scheduled_jobs where name = p_name for update;
  if not found then
    raise exception 'unknown scheduled job "%"', p_name using errcode = 'PA001';
  end if;
  if job.claim_id is null or job.claim_id is distinct from p_claim_id then
    raise exception 'the claim on scheduled job "%" is no longer held', p_name using errcode = 'PA190',
      hint = 'its lease expired, so the run was recorded as failed and may have been claimed again';
  end if;
  next_slot := private.scheduler_next_run(job.starts_at, job.run_every, now());
  error_text := case when not succeeded then coalesce(nullif(btrim(p_error), ''), 'HTTP ' || p_http_status, 'no answer') end;
  update private.scheduled_jobs
     set claim_id = null, claimed_by = null, lease_expires_at = null, request_id = null,
         last_finished_at = now(),
         last_status = case when succeeded then 'succeeded' else 'failed' end,
         last_http_status = p_http_status,
         last_error = left(case when not succeeded and job.attempts >= job.max_attempts
                                then format('gave up after %s tries: %s', job.attempts, error_text)
                                else error_text end, 1000),
         attempts = case when succeeded or job.attempts >= job.max_attempts then 0 else job.attempts end,
         next_run_at = case when succeeded or job.attempts >= job.max_attempts then next_slot
                            else least(now() + job.retry_after * power(2, greatest(job.attempts, 1) - 1)::double precision, next_slot) end
   where name = p_name
  returning * into job;
  return job;
end
$$;

-- Claims up to p_limit due jobs for p_worker: each gets a lease of its timeout plus two minutes (a
-- pg_cron tick to collect pg_net's answer). SKIP LOCKED lets overlapping schedulers pass over a
-- job another one is claiming; the lease, written in the same statement, keeps them off it while
-- its call runs. Runs whose lease expired without a result (a scheduler that died, an answer pg_net
-- lost) are recorded as failed first, so they are retried like any failure.
create or replace function private.claim_scheduled_jobs(p_worker text, p_limit integer default 10)
returns table (job_name text, edge_function text, claim uuid, attempt integer, timeout_ms integer)
language plpgsql
set search_path = ''
as $$
declare
  expired record;
begin
  if p_worker is null or p_worker !~ '^[A-Za-z0-9_.:@-]{1,100}$' then
    raise exception 'a scheduler names itself with 1 to 100 letters, digits or _.:@-' using errcode = '22023';
  end if;
  if p_limit is null or p_limit not between 1 and 100 then
    raise exception 'a scheduler claims 1 to 100 jobs at a time, not %', p_limit using errcode = '22023';
  end if;
  for expired in
    select j.name, j.claim_id from private.scheduled_jobs j
     where j.claim_id is not null and j.lease_expires_at <= now()
     for update skip locked
  loop
    perform private.record_scheduled_job_result(expired.name, expired.claim_id, null, 'no result before the lease expired');
  end loop;
  return query
  update private.scheduled_jobs j
     set claim_id = gen_random_uuid(), claimed_by = p_worker, lease_expires_at = now() + j.timeout + interval '2 minutes',
         attempts = j.attempts + 1, last_started_at = now(), request_id = null
   where j.name in (select d.name from private.scheduled_jobs d
                     where d.enabled and d.claim_id is null and d.next_run_at <= now()
                     order by d.next_run_at
                     limit p_limit
                     for update skip locked)
  returning j.name, j.function_name, j.claim_id, j.attempts, (extract(epoch from j.timeout) * 1000)::integer;
end
$$;

-- The hosted scheduler. Created only where pg_net and Vault exist (the hosted platform, the Docker
-- stack), never locally where neither does; returns whether it was installed. Run it again after
-- enabling pg_net on a database that lacked it. Each pg_cron tick records the answers pg_net
-- collected since the last one, then claims the due jobs and queues one POST each; pg_net sends
-- them only if the transaction commits, so a claim and its call stand or fall together.
create or replace function private.install_scheduler_dispatch()
returns boolean
language plpgsql
set search_path = ''
as $install$
begin
  if to_regprocedure('net.http_post(text, jsonb, jsonb, jsonb, integer)') is null
     or to_regclass('net._http_response') is null or to_regclass('vault.decrypted_secrets') is null then
    return false;
  end if;
  execute $ddl$
    create or replace function private.dispatch_scheduled_jobs()
    returns integer
    language plpgsql
    set search_path = ''
    as $fn$
    declare
      project_url text;
      service_key text;
      answered record;
      job record;
      sent integer := 0;
    begin
      select s.decrypted_secret into project_url from vault.decrypted_secrets s where s.name = 'project_url';
      select s.decrypted_secret into service_key from vault.decrypted_secrets s where s.name = 'service_role_key';
      if nullif(btrim(project_url), '') is null or nullif(btrim(service_key), '') is null then
        raise exception 'the scheduler needs the Vault secrets project_url and service_role_key' using errcode = 'PA191',
          hint = 'see docs/operations.md';
      end if;
      for answered in
        select j.name, j.claim_id, r.status_code, r.timed_out, r.error_msg, r.content
          from private.scheduled_jobs j join net._http_response r on r.id = j.request_id
         where j.claim_id is not null
         for update of j skip locked
      loop
        perform private.record_scheduled_job_result(answered.name, answered.claim_id,
          case when answered.timed_out or answered.error_msg is not null then null else answered.status_code end,
          case when answered.timed_out then 'timed out'
               when answered.error_msg is not null then answered.error_msg
               when answered.status_code between 200 and 299 then null
               else left(answered.content, 1000) end);
      end loop;
      for job in select * from private.claim_scheduled_jobs('pg_net') loop
        update private.scheduled_jobs
           set request_id = net.http_post(
                 url := rtrim(project_url, '/') || '/functions/v1/' || job.edge_function,
                 body := jsonb_build_object('scheduled_job', job.job_name),
                 headers := jsonb_build_object('Content-Type', 'application/json', 'Authorization', 'Bearer ' || service_key),
                 timeout_milliseconds := job.timeout_ms)
         where name = job.job_name;
        sent := sent + 1;
      end loop;
      return sent;
    end
    $fn$
  $ddl$;
  execute 'revoke execute on function private.dispatch_scheduled_jobs() from public, anon, authenticated, service_role';
  perform cron.schedule('dispatch-scheduled-jobs', '* * * * *', 'select private.dispatch_scheduled_jobs()');
  return true;
end
$install$;

-- The jobs: the server's (service_role) and the owner's; no client calls any of this.
revoke execute on function private.scheduler_next_run(timestamptz, interval, timestamptz), private.scheduled_jobs_schedule(),
  private.record_scheduled_job_result(text, uuid, integer, text), private.claim_scheduled_jobs(text, integer),
  private.install_scheduler_dispatch() from public, anon, authenticated;
grant execute on function private.scheduler_next_run(timestamptz, interval, timestamptz),
  private.record_scheduled_job_result(text, uuid, integer, text), private.claim_scheduled_jobs(text, integer) to service_role;
-- Installing creates functions and cron jobs: the owner's business.
revoke execute on function private.install_scheduler_dispatch() from service_role;

-- The core's jobs: payouts once a day at 02:00 UTC, refunds every five minutes.
insert into private.scheduled_jobs (name, function_name, run_every, starts_at, timeout, retry_after, max_attempts) values
  ('payouts', 'payouts', interval '1 day', '2026-01-01 02:00:00+00', interval '5 minutes', interval '5 minutes', 5),
  ('refunds', 'refunds', interval '5 minutes', '2026-01-01 00:00:00+00', interval '2 minutes', interval '1 minute', 3);

-- Migrations own their extensions (a reset drops the others): pg_net where the platform offers it.
do $$
begin
  if exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_net') then
    create extension if not exists pg_net with schema extensions;
  end if;
  perform private.install_scheduler_dispatch();
end
$$;
