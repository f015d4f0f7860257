-- Rate limits: one limiter for the core and every product. A caller names a key, a window and a
-- maximum; the hit is counted, or refused with SQLSTATE PA111 and {"retry_after": seconds} in DETAIL
-- (the edge functions answer 429 with Retry-After).
--
-- Keys are '<owner>:<action>:<subject>': the owner is the core's area or the product (`^[a-z_]{2,30}$`),
-- the action a short name (`^[a-z][a-z0-9_.]{0,59}$`), the subject what is limited, usually a user id:
--   messaging:send:<user id>    analytics:track:<user id>    ai:request:<user id>
--   <product>:<action>:<user id>, e.g. reading:start:<user id> for a product's readings (products choose their own)
-- Call it from a security definer function (clients cannot call it, and need not know the key).
--
-- Why a fixed window (anchored at the key's first hit, not at the clock): one row per key and one
-- atomic upsert per hit (no table-wide lock, no count over past hits, no history to keep); the count
-- is exact under concurrency because the upsert takes the key's row lock, so hits on one key queue
-- and hits on different keys never meet; a refusal knows exactly when the window ends, so
-- retry_after is exact; windows do not all reset at the same instant. The price: a caller who waits
-- for the end of a window can spend up to twice the maximum across its edge. For abuse limits
-- (messages, analytics, AI requests, whose money is capped separately) that is acceptable; a sliding
-- log would have to keep one timestamp per hit, and the two-window estimate is only approximate.
--
-- A refused hit is not counted, and a hit counts only if the caller's transaction commits (the row
-- is written in it): a request refused later for another reason does not use up the limit.

-- Whether a key is '<owner>:<action>:<subject>' (owner 2-30, action 1-60, subject 1-200 characters).
-- The lengths are counted, not written as regex bounds: a bounded repetition like [^[:space:]]{1,200}
-- compiles to a large automaton that cost 0.04 ms a match, twice a hit (here and the table's check).
-- PL/pgSQL: its expression's plan is kept (a SQL function with SET search_path is planned every call).
create or replace function private.is_rate_limit_key(p_key text)
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
begin
  return p_key ~ '^[a-z_]+:[a-z][a-z0-9_.]*:[^[:space:]]+$'
     and char_length(split_part(p_key, ':', 1)) between 2 and 30
     and char_length(split_part(p_key, ':', 2)) <= 60
     and char_length(p_key) - char_length(split_part(p_key, ':', 1)) - char_length(split_part(p_key, ':', 2)) - 2 <= 200;
end
$$;

-- Unlogged: a hit writes no WAL (every join, heartbeat, message and event counts one). A crash or a
-- failover empties the table, which only restarts the current windows (all of one minute today):
-- the limits are against abuse, not records anyone reads back.
create unlogged table private.rate_limits (
  key text primary key check (private.is_rate_limit_key(key)),
  hits integer not null check (hits > 0),
  -- When the window ends; the next hit after it opens a new window. Not indexed, so that every hit
  -- is a HOT update (the clean-up scans the table, which holds one row per recently active key).
  resets_at timestamptz not null
) with (fillfactor = 70);
comment on table private.rate_limits is 'One fixed window per rate-limit key: hits so far and when the window ends. Written only by private.rate_limit_try.';
alter table private.rate_limits enable row level security;
revoke all on private.rate_limits from anon, authenticated;

-- Counts a hit on p_key when the window has room and answers 0; otherwise counts nothing and answers
-- the seconds until the window ends (at least 1). For callers that raise their own error (messaging
-- keeps PA113) or degrade instead of refusing; everyone else calls private.rate_limit.
-- 22023 for a malformed key, a window outside 1 second .. 31 days, or a maximum below 1.
create or replace function private.rate_limit_try(p_key text, p_window interval, p_max integer)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  counted integer;
  resets timestamptz;
begin
  if p_key is null or not private.is_rate_limit_key(p_key) then
    raise exception 'a rate-limit key is ''<owner>:<action>:<subject>'', not "%"', left(p_key, 300) using errcode = '22023';
  end if;
  if p_window is null or p_window < interval '1 second' or p_window > interval '31 days' then
    raise exception 'a rate-limit window is between 1 second and 31 days, not %', p_window using errcode = '22023';
  end if;
  if p_max is null or p_max < 1 then
    raise exception 'a rate-limit maximum is at least 1, not %', p_max using errcode = '22023';
  end if;
  -- One statement: a new key, a window that has ended (reset), or room left in the current one.
  -- ON CONFLICT locks the key's row and re-checks the WHERE on its latest version, so concurrent hits
  -- on one key are counted one after the other and never pass the maximum. The clock is read once
  -- the row is ours (clock_timestamp, not the transaction's start): a hit that queued behind others
  -- is judged, and told how long to wait, by the time it is counted.
  insert into private.rate_limits as l (key, hits, resets_at) values (p_key, 1, clock_timestamp() + p_window)
  on conflict (key) do update
     set hits = case when l.resets_at <= clock_timestamp() then 1 else l.hits + 1 end,
         resets_at = case when l.resets_at <= clock_timestamp() then clock_timestamp() + p_window else l.resets_at end
   where l.resets_at <= clock_timestamp() or l.hits < p_max
  returning l.hits into counted;
  if counted is not null then
    return 0;
  end if;
  -- Refused: the row is ours (locked by the upsert) and its window is running.
  select l.resets_at into resets from private.rate_limits l where l.key = p_key;
  return least(greatest(1, ceil(extract(epoch from coalesce(resets, clock_timestamp() + p_window) - clock_timestamp()))),
               ceil(extract(epoch from p_window)))::integer;
end
$$;

-- Counts a hit on p_key or raises PA111 "rate limited" with DETAIL
-- {"retry_after": seconds, "limit": p_max, "window_seconds": ...}. Errors as rate_limit_try.
create or replace function private.rate_limit(p_key text, p_window interval, p_max integer)
returns void
language plpgsql
set search_path = ''
as $$
declare
  wait integer := private.rate_limit_try(p_key, p_window, p_max);
  seconds integer := extract(epoch from p_window)::integer;
begin
  if wait > 0 then
    raise exception 'too many requests (%): at most % every % seconds', split_part(p_key, ':', 1) || ':' || split_part(p_key, ':', 2), p_max, seconds
      using errcode = 'PA111', detail = json_build_object('retry_after', wait, 'limit', p_max, 'window_seconds', seconds)::text;
  end if;
end
$$;

-- Clean-up: a row whose window has ended only says "start afresh", which a missing row says too.
create or replace function private.purge_rate_limits()
returns integer
language sql
set search_path = ''
as $$
  with gone as (delete from private.rate_limits where resets_at < now() returning 1)
  select count(*)::integer from gone
$$;
select cron.schedule('purge-rate-limits', '*/10 * * * *', 'select private.purge_rate_limits()');

-- The server's role may limit its own work; clients never call the limiter (it is no RPC: private is
-- not exposed, and they have no EXECUTE).
revoke execute on function private.rate_limit_try(text, interval, integer), private.rate_limit(text, interval, integer),
  private.purge_rate_limits(), private.is_rate_limit_key(text) from public, anon, authenticated;
grant execute on function private.rate_limit_try(text, interval, integer), private.rate_limit(text, interval, integer) to service_role;
revoke execute on function private.purge_rate_limits() from service_role;
