-- Tarot readings (seed 001 reading_sessions): a client asks a reader, or the AI (no reader). The
-- state moves only through the RPCs below: pending -> active -> completed, or pending -> cancelled.
-- The database draws the cards once, when the reading starts (pgcrypto randomness, no card twice,
-- an orientation each, the spread's positions); nobody chooses, repeats or edits a draw.
--
-- Money lives apart from the reading (tarot.reading_charges), so that staff who monitor readings
-- (readings.monitor) read readings and never money. A paid reading holds the client's money wallet
-- when it is requested (the price, or a first block of minutes), extends the hold while a per-minute
-- reading runs, and captures at the end (the rest released); the reader's share is recorded as an
-- earning, paid by the payouts run once the complaint window has passed. AI readings are charged
-- in credits by the ai-gateway (purpose tarot_reading, 20261122002390_tarot_registrations.sql).

insert into private.system_configuration (config_key, config_value, value_type, description, is_public, validation_rules) values
  ('tarot.platform_fee_bps', '2000', 'number', 'Tarot: the platform''s share of a paid reading, in basis points', true, '{"min": 0, "max": 10000}'),
  ('tarot.emergency_surcharge_bps', '5000', 'number', 'Tarot: the surcharge on an emergency reading, in basis points of the rate', true, '{"min": 0, "max": 50000}'),
  ('tarot.block_minutes', '10', 'number', 'Tarot: minutes held at the start of a per-minute reading, and by each extension', true, '{"min": 1, "max": 120}'),
  ('tarot.low_funds_warning_minutes', '2', 'number', 'Tarot: a per-minute reading extends its hold (or warns) when fewer minutes than this remain held', true, '{"min": 1, "max": 30}'),
  ('tarot.requests_per_minute', '30', 'number', 'Tarot: readings a client may ask for a minute (PA111 beyond)', true, '{"min": 1, "max": 1000}'),
  ('tarot.complaint_window_days', '7', 'number', 'Tarot: days after a reading in which its client may complain; the reader''s earning is paid after them', true, '{"min": 1, "max": 60}');

create table tarot.reading_sessions (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.profiles (id) on delete cascade,
  -- Null for an AI reading (ai), or when the reader's account was deleted.
  reader_id uuid references public.profiles (id) on delete set null,
  ai boolean not null default false,
  spread_id uuid not null references tarot.tarot_spreads (id),
  question text check (char_length(question) <= 2000),
  session_type text not null default 'standard' check (session_type in ('standard', 'emergency', 'practice')),
  status text not null default 'pending' check (status in ('pending', 'active', 'completed', 'cancelled')),
  -- The draw: [{position, label, card_id, card_key, name, reversed}], written once at the start.
  cards_drawn jsonb not null default '[]' check (jsonb_typeof(cards_drawn) = 'array'),
  ai_interpretation jsonb check (octet_length(ai_interpretation::text) <= 262144),
  ai_model_version text check (char_length(ai_model_version) <= 100),
  reader_notes text check (char_length(reader_notes) <= 10000),
  reader_interpretation text check (char_length(reader_interpretation) <= 20000),
  duration_minutes integer check (duration_minutes >= 0),
  satisfaction_rating smallint check (satisfaction_rating between 1 and 5),
  client_feedback text check (char_length(client_feedback) <= 2000),
  rated_at timestamptz,
  -- Set when a per-minute reading could not extend its hold: it ends when the held minutes run out.
  funds_warning_at timestamptz,
  end_reason text check (end_reason in ('finished', 'funds_exhausted', 'cancelled', 'expired')),
  started_at timestamptz,
  completed_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (not ai or (reader_id is null and session_type = 'standard')),
  check ((status in ('active', 'completed')) = (started_at is not null and jsonb_array_length(cards_drawn) > 0)),
  check ((status = 'completed') = (completed_at is not null)),
  check ((status = 'cancelled') = (cancelled_at is not null)),
  check (satisfaction_rating is null or (status = 'completed' and session_type <> 'practice' and rated_at is not null))
);
comment on table tarot.reading_sessions is 'Readings by a reader or the AI: state, draw and duration by the database; notes by the reader; rating by the client.';
create index reading_sessions_client_idx on tarot.reading_sessions (client_id, created_at desc);
create index reading_sessions_reader_idx on tarot.reading_sessions (reader_id, status);
create index reading_sessions_spread_idx on tarot.reading_sessions (spread_id);
create index reading_sessions_active_idx on tarot.reading_sessions (started_at) where status = 'active';
-- One AI reading waiting for its interpretation per client: a new draw comes only after paying for
-- the last one, so nobody redraws for free until the cards please them.
create unique index reading_sessions_one_open_ai_idx on tarot.reading_sessions (client_id) where ai and status = 'active';
create trigger set_updated_at before update on tarot.reading_sessions for each row execute function private.set_updated_at();

-- What a reading costs and what it paid. The rate is the reader's when the reading was requested.
create table tarot.reading_charges (
  reading_id uuid primary key references tarot.reading_sessions (id) on delete cascade,
  client_id uuid not null references public.profiles (id) on delete cascade,
  reader_id uuid references public.profiles (id) on delete set null,
  currency text not null references billing.assets (code),
  rate_type text not null check (rate_type in ('per_minute', 'per_reading')),
  -- The reader's rate and the surcharge (emergency) at request; effective_rate includes it.
  rate_amount bigint not null check (rate_amount >= 0),
  surcharge_bps integer not null default 0 check (surcharge_bps >= 0),
  effective_rate bigint not null check (effective_rate >= 0),
  hold_id uuid references billing.holds (id),
  held bigint not null default 0 check (held >= 0),
  charged bigint not null default 0 check (charged >= 0),
  platform_fee bigint not null default 0 check (platform_fee >= 0),
  reader_earning bigint not null default 0 check (reader_earning >= 0),
  refunded bigint not null default 0 check (refunded >= 0 and refunded <= charged),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table tarot.reading_charges is 'The money side of a paid reading: hold, capture, fee, earning, refunds. Its client and reader read it; monitors do not.';
create index reading_charges_client_idx on tarot.reading_charges (client_id);
create index reading_charges_reader_idx on tarot.reading_charges (reader_id);
create index reading_charges_hold_idx on tarot.reading_charges (hold_id);
create trigger set_updated_at before update on tarot.reading_charges for each row execute function private.set_updated_at();

-- Helpers ------------------------------------------------------------------------------------------------------------------
-- The clients with whom the caller, a reader, holds a reading now (pending or active).
create or replace function private.tarot_my_current_client_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select r.client_id from tarot.reading_sessions r where r.reader_id = auth.uid() and r.status in ('pending', 'active');
end
$$;

-- The draw: card_count distinct cards of the deck, ordered and oriented by pgcrypto's random bytes,
-- laid on the spread's positions.
create or replace function private.tarot_draw(p_spread_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  spread tarot.tarot_spreads;
  drawn jsonb;
begin
  select * into spread from tarot.tarot_spreads where id = p_spread_id;
  with shuffled as (
    select c.id, c.card_key, c.name, row_number() over (order by extensions.gen_random_bytes(16)) as n
      from tarot.tarot_cards c
  )
  select jsonb_agg(jsonb_build_object('position', (slot ->> 'position')::integer, 'label', slot ->> 'label',
                                      'card_id', s.id, 'card_key', s.card_key, 'name', s.name,
                                      'reversed', get_byte(extensions.gen_random_bytes(1), 0) >= 128)
                   order by s.n)
    into drawn
    from shuffled s
    join jsonb_array_elements(spread.layout_data) with ordinality l(slot, n) on l.n = s.n;
  return drawn;
end
$$;

-- A reading locked for a step by one of its sides: 'client', 'reader', or an error.
create or replace function private.tarot_lock_reading(p_reading_id uuid, p_caller uuid)
returns tarot.reading_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  reading tarot.reading_sessions;
begin
  select * into reading from tarot.reading_sessions where id = p_reading_id for update;
  if not found or p_caller not in (reading.client_id, coalesce(reading.reader_id, reading.client_id)) then
    raise exception 'no reading %', p_reading_id using errcode = 'PA001';
  end if;
  return reading;
end
$$;

create or replace function private.tarot_config(p_key text, p_default numeric)
returns numeric
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(private.config_number(p_key), p_default)
$$;

-- Ends an active reading: duration by the server's clock; the money captured (the price, or the
-- minutes used, never more than held; the rest released) and the reader's share recorded as an
-- earning, payable after the complaint window.
create or replace function private.tarot_finish(p_reading tarot.reading_sessions, p_reason text)
returns tarot.reading_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  charge tarot.reading_charges;
  hold billing.holds;
  minutes integer := greatest(1, ceil(extract(epoch from now() - p_reading.started_at) / 60)::integer);
  due bigint;
  fee bigint;
  earning bigint;
  finished tarot.reading_sessions;
begin
  select * into charge from tarot.reading_charges where reading_id = p_reading.id for update;
  if charge.hold_id is not null then
    select * into hold from billing.holds where id = charge.hold_id;
    due := case charge.rate_type when 'per_reading' then hold.amount else least(minutes * charge.effective_rate, hold.amount) end;
    if hold.status = 'open' and due > 0 then
      perform billing.capture_hold(hold.id, due, billing.platform_account('revenue', charge.currency), 'payment',
        'tarot-capture-' || p_reading.id, jsonb_build_object('tarot_reading', p_reading.id, 'minutes', minutes), true);
      fee := ceil(due * private.tarot_config('tarot.platform_fee_bps', 2000) / 10000)::bigint;
      earning := due - fee;
      if earning > 0 and p_reading.reader_id is not null then
        perform billing.record_seller_earning(p_reading.reader_id, earning, charge.currency, 'tarot_reading', p_reading.id::text, null,
          now() + make_interval(days => private.tarot_config('tarot.complaint_window_days', 7)::integer));
      end if;
      update tarot.reading_charges set held = hold.amount, charged = due, platform_fee = fee, reader_earning = greatest(earning, 0)
       where reading_id = p_reading.id;
    elsif hold.status = 'open' then
      perform billing.release_hold(hold.id, 'tarot-release-' || p_reading.id);
    end if;
  end if;
  update tarot.reading_sessions
     set status = 'completed', completed_at = now(), duration_minutes = minutes, end_reason = p_reason
   where id = p_reading.id
  returning * into finished;
  return finished;
end
$$;

-- Client RPCs ---------------------------------------------------------------------------------------------------------------
-- Asks for a reading. With a reader: pending until the reader starts it; a paid one holds the price
-- (per reading) or the first block of minutes (per minute) on the client's wallet now. Without a
-- reader: an AI reading, active at once with its draw; the interpretation comes from the ai-gateway.
-- Idempotent per key: a retry answers the first reading and holds nothing more.
-- Errors: PA001 unknown spread or reader, PA150 the reader takes no readings now (not listed,
-- suspended, yourself), PA116 a paid reader without payouts, PA101/PA102/PA103 the wallet,
-- 42501 blocked, 22023 bad arguments, PA111 too many requests this minute.
create or replace function tarot.request_reading(
  p_spread_id uuid, p_reader_id uuid default null, p_question text default null, p_session_type text default 'standard',
  p_idempotency_key text default null)
returns tarot.reading_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  new_id uuid := gen_random_uuid();
  replay text;
  reader tarot.reader_profiles;
  surcharge integer := 0;
  rate bigint;
  to_hold bigint;
  hold billing.holds;
  created tarot.reading_sessions;
begin
  replay := private.idempotency_claim(p_idempotency_key, 'tarot.request_reading',
    jsonb_build_object('spread', p_spread_id, 'reader', p_reader_id, 'question', p_question, 'type', p_session_type), new_id::text);
  if replay is not null then
    select * into created from tarot.reading_sessions where id = replay::uuid;
    return created;
  end if;
  -- Every request writes a reading (and an AI one draws at once): bounded per client.
  perform private.rate_limit('tarot:request:' || caller, interval '1 minute',
                             private.tarot_config('tarot.requests_per_minute', 30)::integer);
  if p_session_type is null or p_session_type not in ('standard', 'emergency', 'practice') then
    raise exception 'a session type is standard, emergency or practice' using errcode = '22023';
  end if;
  if not exists (select 1 from tarot.tarot_spreads s where s.id = p_spread_id and (s.is_public or s.created_by = caller)) then
    raise exception 'no spread %', p_spread_id using errcode = 'PA001';
  end if;

  if p_reader_id is null then
    if p_session_type <> 'standard' then
      raise exception 'an AI reading is a standard reading' using errcode = '22023';
    end if;
    insert into tarot.reading_sessions (id, client_id, ai, spread_id, question, session_type, status, cards_drawn, started_at)
    values (new_id, caller, true, p_spread_id, p_question, 'standard', 'active', private.tarot_draw(p_spread_id), now())
    on conflict (client_id) where ai and status = 'active' do nothing
    returning * into created;
    if created.id is null then
      raise exception 'your last AI reading awaits its interpretation: ask the AI about it first' using errcode = 'PA115';
    end if;
    return created;
  end if;

  select * into reader from tarot.reader_profiles rp where rp.user_id = p_reader_id;
  if not found then
    raise exception 'no reader %', p_reader_id using errcode = 'PA001';
  end if;
  if p_reader_id = caller or not reader.is_listed
     or not exists (select 1 from public.profiles p where p.id = p_reader_id and p.status = 'active') then
    raise exception 'this reader takes no readings now' using errcode = 'PA150';
  end if;
  if exists (select 1 from public.blocks b where (b.blocker_id = caller and b.blocked_id = p_reader_id)
                                              or (b.blocker_id = p_reader_id and b.blocked_id = caller)) then
    raise exception 'you cannot ask this reader' using errcode = '42501';
  end if;

  insert into tarot.reading_sessions (id, client_id, reader_id, spread_id, question, session_type)
  values (new_id, caller, p_reader_id, p_spread_id, p_question, p_session_type)
  returning * into created;

  if p_session_type = 'practice' or reader.rate_amount = 0 then
    return created;  -- free: nothing held, nothing earned
  end if;
  if not private.tarot_reader_can_be_paid(p_reader_id) then
    raise exception 'this reader cannot be paid yet (payouts not enabled)' using errcode = 'PA116';
  end if;
  if p_session_type = 'emergency' then
    surcharge := private.tarot_config('tarot.emergency_surcharge_bps', 5000)::integer;
  end if;
  rate := reader.rate_amount + ceil(reader.rate_amount * surcharge / 10000.0)::bigint;
  to_hold := case reader.rate_type when 'per_reading' then rate else rate * private.tarot_config('tarot.block_minutes', 10)::bigint end;
  -- A pending reading waits a day for its reader at most: then the hold expires and the sweeper cancels it.
  hold := billing.create_hold(billing.user_account(caller, reader.currency), to_hold, now() + interval '1 day',
                              'tarot-hold-' || new_id, 'tarot_reading', new_id::text);
  insert into tarot.reading_charges (reading_id, client_id, reader_id, currency, rate_type, rate_amount, surcharge_bps, effective_rate, hold_id, held)
  values (new_id, caller, p_reader_id, reader.currency, reader.rate_type, reader.rate_amount, surcharge, rate, hold.id, hold.amount);
  return created;
end
$$;

-- The reader starts a pending reading: the draw happens now. Errors: PA001 not your reading, PA115
-- not pending, PA105 / PA108 the hold expired (cancel and ask again).
create or replace function tarot.start_reading(p_reading_id uuid)
returns tarot.reading_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  reading tarot.reading_sessions := private.tarot_lock_reading(p_reading_id, caller);
  charge tarot.reading_charges;
begin
  if reading.reader_id is distinct from caller then
    raise exception 'only the reader starts a reading' using errcode = '42501';
  end if;
  if reading.status <> 'pending' then
    raise exception 'the reading is %, not pending', reading.status using errcode = 'PA115';
  end if;
  select * into charge from tarot.reading_charges where reading_id = reading.id;
  if charge.hold_id is not null then
    -- The hold now lasts the held minutes (and an hour of grace), however long the reading waited.
    perform billing.extend_hold(charge.hold_id, 0,
      now() + make_interval(mins => (charge.held / greatest(charge.effective_rate, 1))::integer + 60), 'tarot-start-' || reading.id);
  end if;
  update tarot.reading_sessions set status = 'active', started_at = now(), cards_drawn = private.tarot_draw(reading.spread_id)
   where id = reading.id
  returning * into reading;
  return reading;
end
$$;

-- A paid reading's clock. Per minute: while fewer than tarot.low_funds_warning_minutes held minutes remain,
-- the hold grows by a block; when the wallet cannot cover it the reading is warned (funds_warning_at,
-- a notification), and once the held minutes are used up it ends. Called by either side's app every
-- minute or so, and by the sweeper for every active reading. Returns the reading.
create or replace function private.tarot_tick(p_reading_id uuid)
returns tarot.reading_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  reading tarot.reading_sessions;
  charge tarot.reading_charges;
  hold billing.holds;
  elapsed integer;
  covered integer;
  block integer := private.tarot_config('tarot.block_minutes', 10)::integer;
begin
  select * into reading from tarot.reading_sessions where id = p_reading_id for update;
  select * into charge from tarot.reading_charges where reading_id = p_reading_id for update;
  if reading.status <> 'active' or charge.hold_id is null or charge.effective_rate = 0 then
    return reading;
  end if;
  select * into hold from billing.holds where id = charge.hold_id;
  if charge.rate_type = 'per_reading' then
    -- The price is held whole; the hold only has to outlast the reading, however long it runs.
    if hold.status = 'open' and hold.expires_at < now() + interval '30 minutes' then
      perform billing.extend_hold(hold.id, 0, now() + interval '2 hours', 'tarot-keep-' || reading.id || '-' || floor(extract(epoch from hold.expires_at)));
    end if;
    return reading;
  end if;
  elapsed := ceil(extract(epoch from now() - reading.started_at) / 60)::integer;
  covered := (hold.amount / charge.effective_rate)::integer;
  if covered - elapsed >= private.tarot_config('tarot.low_funds_warning_minutes', 2) then
    return reading;
  end if;
  begin
    hold := billing.extend_hold(hold.id, block * charge.effective_rate,
      now() + make_interval(mins => covered + block - elapsed + 60), 'tarot-extend-' || reading.id || '-' || covered);
    update tarot.reading_charges set held = hold.amount where reading_id = reading.id;
    update tarot.reading_sessions set funds_warning_at = null where id = reading.id and funds_warning_at is not null
    returning * into reading;
    return reading;
  exception when sqlstate 'PA101' or sqlstate 'PA102' or sqlstate 'PA103' then
    -- The wallet cannot cover another block: warn, then end when the held minutes are used.
    null;
  end;
  if elapsed >= covered then
    return private.tarot_finish(reading, 'funds_exhausted');
  end if;
  if reading.funds_warning_at is null then
    update tarot.reading_sessions set funds_warning_at = now() where id = reading.id returning * into reading;
    perform private.notify(reading.client_id, 'tarot.reading_funds_low',
      jsonb_build_object('reading_id', reading.id, 'minutes_left', covered - elapsed));
  end if;
  return reading;
end
$$;

create or replace function tarot.reading_tick(p_reading_id uuid)
returns tarot.reading_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
begin
  perform private.tarot_lock_reading(p_reading_id, caller);
  return private.tarot_tick(p_reading_id);
end
$$;

-- Either side ends an active reading (money as private.tarot_finish says). PA115 unless active.
create or replace function tarot.complete_reading(p_reading_id uuid)
returns tarot.reading_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  reading tarot.reading_sessions := private.tarot_lock_reading(p_reading_id, caller);
begin
  if reading.status <> 'active' or reading.ai then
    raise exception 'only an active reading with a reader is completed (this one is %)', reading.status using errcode = 'PA115';
  end if;
  return private.tarot_finish(reading, 'finished');
end
$$;

-- Either side cancels a pending reading: its hold is released. PA115 unless pending.
create or replace function private.tarot_cancel(p_reading tarot.reading_sessions, p_reason text)
returns tarot.reading_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  charge tarot.reading_charges;
  cancelled tarot.reading_sessions;
begin
  select * into charge from tarot.reading_charges where reading_id = p_reading.id;
  if charge.hold_id is not null and exists (select 1 from billing.holds h where h.id = charge.hold_id and h.status = 'open') then
    perform billing.release_hold(charge.hold_id, 'tarot-release-' || p_reading.id);
  end if;
  update tarot.reading_sessions set status = 'cancelled', cancelled_at = now(), end_reason = p_reason
   where id = p_reading.id
  returning * into cancelled;
  return cancelled;
end
$$;

create or replace function tarot.cancel_reading(p_reading_id uuid)
returns tarot.reading_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  reading tarot.reading_sessions := private.tarot_lock_reading(p_reading_id, caller);
begin
  if reading.status <> 'pending' then
    raise exception 'only a pending reading is cancelled (this one is %)', reading.status using errcode = 'PA115';
  end if;
  return private.tarot_cancel(reading, 'cancelled');
end
$$;

-- The client rates a completed reading once (not a practice one): 1 to 5 and a feedback text.
create or replace function tarot.rate_reading(p_reading_id uuid, p_rating integer, p_feedback text default null)
returns tarot.reading_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  reading tarot.reading_sessions := private.tarot_lock_reading(p_reading_id, caller);
begin
  if reading.client_id <> caller then
    raise exception 'only the reading''s client rates it' using errcode = '42501';
  end if;
  if p_rating is null or p_rating not between 1 and 5 then
    raise exception 'a rating is 1 to 5' using errcode = '22023';
  end if;
  if reading.status <> 'completed' or reading.session_type = 'practice' or reading.rated_at is not null then
    raise exception 'only a completed, unrated, non-practice reading is rated' using errcode = 'PA115';
  end if;
  update tarot.reading_sessions set satisfaction_rating = p_rating, client_feedback = p_feedback, rated_at = now()
   where id = reading.id
  returning * into reading;
  return reading;
end
$$;

-- Triggers ------------------------------------------------------------------------------------------------------------------
-- The reader's aggregates and the spread's usage follow the readings.
create or replace function private.tarot_refresh_reader()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.reader_id is not null then
    update tarot.reader_profiles rp
       set average_rating = s.average, rating_count = s.rated, readings_completed = s.completed
      from (select round(avg(r.satisfaction_rating), 2) as average, count(r.satisfaction_rating)::integer as rated,
                   count(*) filter (where r.status = 'completed')::integer as completed
              from tarot.reading_sessions r where r.reader_id = new.reader_id) s
     where rp.user_id = new.reader_id;
  end if;
  return null;
end
$$;
create trigger refresh_reader after update of status, satisfaction_rating on tarot.reading_sessions
  for each row when (new.status is distinct from old.status or new.satisfaction_rating is distinct from old.satisfaction_rating)
  execute function private.tarot_refresh_reader();

create or replace function private.tarot_count_spread_use()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update tarot.tarot_spreads set usage_count = usage_count + 1 where id = new.spread_id;
  return null;
end
$$;
create trigger count_spread_use after insert on tarot.reading_sessions for each row execute function private.tarot_count_spread_use();

-- The sweeper (pg_cron, every minute): every active paid reading's clock, and pending readings whose
-- hold expired are cancelled.
create or replace function private.tarot_sweep_readings()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  reading_id uuid;
  swept integer := 0;
  expired tarot.reading_sessions;
begin
  for reading_id in
    select c.reading_id from tarot.reading_charges c join tarot.reading_sessions r on r.id = c.reading_id
     where r.status = 'active' and c.hold_id is not null
  loop
    perform private.tarot_tick(reading_id);
    swept := swept + 1;
  end loop;
  for expired in
    select r.* from tarot.reading_sessions r join tarot.reading_charges c on c.reading_id = r.id
      join billing.holds h on h.id = c.hold_id
     where r.status = 'pending' and (h.status <> 'open' or h.expires_at <= now())
     for update of r skip locked
  loop
    perform private.tarot_cancel(expired, 'expired');
    swept := swept + 1;
  end loop;
  return swept;
end
$$;
select cron.schedule('tarot-sweep-readings', '* * * * *', 'select private.tarot_sweep_readings()');

-- Grants and policies ------------------------------------------------------------------------------------------------------
revoke all on tarot.reading_sessions, tarot.reading_charges from anon, authenticated;
grant select on tarot.reading_sessions, tarot.reading_charges to authenticated;
-- The reader's own words; everything else changes through the RPCs.
grant update (reader_notes, reader_interpretation) on tarot.reading_sessions to authenticated;
alter table tarot.reading_sessions enable row level security;
alter table tarot.reading_charges enable row level security;

create policy "clients, readers, monitors and staff read readings" on tarot.reading_sessions for select to authenticated
  using (client_id = (select auth.uid()) or reader_id = (select auth.uid())
         or (select private.has_permission('readings.monitor')) or (select private.has_permission('users.read_all')));
create policy "readers write notes on their started readings" on tarot.reading_sessions for update to authenticated
  using (reader_id = (select auth.uid()) and status in ('active', 'completed'))
  with check (reader_id = (select auth.uid()) and status in ('active', 'completed'));
create policy "the client, the reader and staff read a reading's charges" on tarot.reading_charges for select to authenticated
  using (client_id = (select auth.uid()) or reader_id = (select auth.uid()) or (select private.has_permission('users.read_all')));

create policy "clients, their current readers and staff read birth data" on tarot.client_profiles for select to authenticated
  using (user_id = (select auth.uid()) or user_id in (select private.tarot_my_current_client_ids())
         or (select private.has_permission('users.read_all')));

-- Both sides see the reading change live (started, warned, ended) under these policies.
alter publication supabase_realtime add table tarot.reading_sessions;

grant execute on function private.tarot_my_current_client_ids() to authenticated, service_role;
revoke execute on function private.tarot_draw(uuid), private.tarot_lock_reading(uuid, uuid), private.tarot_finish(tarot.reading_sessions, text),
  private.tarot_tick(uuid), private.tarot_cancel(tarot.reading_sessions, text), private.tarot_sweep_readings(),
  private.tarot_config(text, numeric) from service_role;
grant execute on function tarot.request_reading(uuid, uuid, text, text, text), tarot.start_reading(uuid), tarot.reading_tick(uuid),
  tarot.complete_reading(uuid), tarot.cancel_reading(uuid), tarot.rate_reading(uuid, integer, text) to authenticated;
