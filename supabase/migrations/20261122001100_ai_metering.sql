-- AI credit metering: prices per model, limits, the registry of AI purposes, and the request journal
-- of the ai-gateway function. A request reserves its worst-case cost as a ledger hold, then captures
-- what the provider reports and releases the rest; the purpose's recorder writes the product's rows in
-- the same transaction. The core names no product: products register their purposes (see below).

create table billing.ai_model_prices (
  model text primary key check (char_length(model) between 1 and 100),
  provider text not null check (provider in ('openai', 'anthropic')),
  input_credits_per_1k bigint not null check (input_credits_per_1k >= 0),
  output_credits_per_1k bigint not null check (output_credits_per_1k >= 0),
  minimum_credits bigint not null default 1 check (minimum_credits >= 0),
  max_output_tokens integer not null default 4096 check (max_output_tokens > 0),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Platform-wide limits (one row) and per-user overrides set by staff.
create table billing.ai_limits (
  id boolean primary key default true check (id),
  requests_per_minute integer not null check (requests_per_minute > 0),
  daily_credit_cap bigint not null check (daily_credit_cap > 0)
);
insert into billing.ai_limits (requests_per_minute, daily_credit_cap) values (30, 20000);

create table billing.ai_user_limits (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  requests_per_minute integer check (requests_per_minute > 0),
  daily_credit_cap bigint check (daily_credit_cap > 0)
);

-- What an AI request is for. The core registers `general`; each product registers its own purposes
-- from its own migration, so the core never names a product. Functions are stored as text signatures
-- (reg* types do not survive pg_upgrade), checked when registered and resolved at each lookup:
--   validator (p_user_id uuid, p_purpose_id text) returns boolean: may this caller use this purpose and id;
--   recorder (p_request billing.ai_requests, p_content text) returns void, optional: the product's own
--     rows (usage stats included) once the request is settled (content) or failed (null content);
--   prompt_builder (p_user_id uuid, p_purpose_id text, p_messages jsonb) returns jsonb, optional: the
--     messages sent to the provider, built from stored data (the client's messages are passed in).
-- They run inside the core's security definer functions, so they need no grants of their own.
create table private.ai_purposes (
  purpose text primary key check (purpose ~ '^[a-z][a-z0-9_]{1,59}$'),
  product text not null check (product ~ '^[a-z_]{2,30}$'),
  validator text not null,
  recorder text,
  prompt_builder text,
  created_at timestamptz not null default now()
);
comment on table private.ai_purposes is 'AI purposes registered by the core and the products: validator, recorder and prompt builder signatures.';

create table billing.ai_requests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  organization_id uuid references public.organizations (id) on delete set null,
  account_id uuid not null,
  hold_id uuid not null references billing.holds (id),
  idempotency_key text not null check (char_length(idempotency_key) between 1 and 255),
  provider text not null,
  model text not null,
  purpose_type text not null references private.ai_purposes (purpose),
  purpose_id text,
  last_user_message text,
  max_output_tokens integer not null,
  estimated_input_tokens integer not null,
  reserved_credits bigint not null,
  status text not null default 'reserved' check (status in ('reserved', 'completed', 'failed')),
  input_tokens integer,
  output_tokens integer,
  credits_charged bigint not null default 0,
  aborted boolean not null default false,
  -- What the gateway answered, so that a retry with the same key gets it again without a charge.
  response jsonb,
  error text,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  unique (user_id, idempotency_key)
);
create index ai_requests_user_recent_idx on billing.ai_requests (user_id, created_at desc);
create index ai_requests_organization_id_idx on billing.ai_requests (organization_id);
create index ai_requests_hold_id_idx on billing.ai_requests (hold_id);
create index ai_requests_purpose_type_idx on billing.ai_requests (purpose_type);

create trigger set_updated_at before update on billing.ai_model_prices for each row execute function private.set_updated_at();

revoke all on billing.ai_model_prices, billing.ai_limits, billing.ai_user_limits, billing.ai_requests, private.ai_purposes from anon, authenticated;
revoke insert, update, delete, truncate on billing.ai_requests from service_role;
-- Registered functions run with the owner's rights inside the core's security definer functions, so
-- only migrations (the owner) register purposes; service_role may read the registry, not change it.
revoke insert, update, delete, truncate on private.ai_purposes from service_role;
grant select on billing.ai_model_prices, billing.ai_limits to anon, authenticated;
grant select on billing.ai_user_limits, billing.ai_requests to authenticated;
alter table billing.ai_model_prices enable row level security;
alter table billing.ai_limits enable row level security;
alter table billing.ai_user_limits enable row level security;
alter table billing.ai_requests enable row level security;
alter table private.ai_purposes enable row level security;  -- no policy: only the core's functions read it
create policy "anyone reads active model prices" on billing.ai_model_prices for select to anon, authenticated using (active);
create policy "anyone reads the AI limits" on billing.ai_limits for select to anon, authenticated using (true);
create policy "users and staff read their AI limits" on billing.ai_user_limits for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('support.read')));
create policy "users and staff read AI requests" on billing.ai_requests for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('support.read')));

-- Registering an AI purpose -----------------------------------------------------------------------------------
-- A registration whose functions do not exist with the expected signatures is refused at once, not at
-- the first request (to_regprocedure is only stable, so this cannot be a check constraint).
create or replace function private.check_ai_purpose()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform private.registered_function(new.validator, array['uuid', 'text']::regtype[], 'boolean');
  if new.recorder is not null then
    perform private.registered_function(new.recorder, array['billing.ai_requests', 'text']::regtype[], 'void');
  end if;
  if new.prompt_builder is not null then
    perform private.registered_function(new.prompt_builder, array['uuid', 'text', 'jsonb']::regtype[], 'jsonb');
  end if;
  return new;
end
$$;
create trigger check_ai_purpose before insert or update on private.ai_purposes for each row execute function private.check_ai_purpose();

-- The registered purpose, once its validator allowed this caller and id. Errors: PA001 unknown purpose,
-- PA001 an id the validator refuses (unknown, or not this user's).
create or replace function private.ai_allowed_purpose(p_user_id uuid, p_purpose_type text, p_purpose_id text)
returns private.ai_purposes
language plpgsql
set search_path = ''
as $$
declare
  registered private.ai_purposes;
  allowed boolean;
begin
  select * into registered from private.ai_purposes p where p.purpose = p_purpose_type;
  if not found then
    raise exception 'unknown AI purpose "%"', p_purpose_type using errcode = 'PA001';
  end if;
  execute format('select %s($1, $2)', private.registered_call(registered.validator)) into allowed using p_user_id, p_purpose_id;
  if allowed is not true then
    raise exception 'unknown % % for this user', p_purpose_type, coalesce(p_purpose_id, '(no id)') using errcode = 'PA001';
  end if;
  return registered;
end
$$;

-- `general`: a request that belongs to no product's data; any id is the client's own label.
create or replace function private.ai_allow_general(p_user_id uuid, p_purpose_id text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select true
$$;
insert into private.ai_purposes (purpose, product, validator) values ('general', 'core', 'private.ai_allow_general(uuid, text)');

-- The cost of tokens at a model's prices: per 1,000 tokens, rounded up, at least the minimum.
create or replace function private.ai_cost(p_price billing.ai_model_prices, p_input_tokens integer, p_output_tokens integer)
returns bigint
language sql
immutable
set search_path = ''
as $$
  select greatest(p_price.minimum_credits,
                  ceil(p_input_tokens::numeric * p_price.input_credits_per_1k / 1000)::bigint
                + ceil(p_output_tokens::numeric * p_price.output_credits_per_1k / 1000)::bigint)
$$;

-- Step one: checks the limits, prices the worst case and reserves it. Answers the recorded result
-- instead when the key was used before. Errors: PA001 unknown model or purpose (or an id the purpose's
-- validator refuses), 42501 not allowed,
-- PA101 insufficient credits, PA111 too many requests this minute (the core's rate limiter), PA112 daily cap,
-- PA110 in progress.
create or replace function billing.ai_reserve(
  p_user_id uuid, p_model text, p_max_output_tokens integer, p_input_tokens integer, p_purpose_type text,
  p_purpose_id text, p_organization_id uuid, p_idempotency_key text, p_last_user_message text)
returns table (request_id uuid, status text, reserved_credits bigint, provider text, max_output_tokens integer, response jsonb)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  earlier billing.ai_requests;
  price billing.ai_model_prices;
  limits record;
  spent_today bigint;
  worst bigint;
  payer uuid;
  available bigint;
  hold billing.holds;
  new_id uuid := gen_random_uuid();
begin
  if not exists (select 1 from public.profiles pr where pr.id = p_user_id and pr.status = 'active') then
    raise exception 'account is suspended or deleted' using errcode = '42501';
  end if;
  -- One user's requests are checked and reserved one at a time, so limits hold under concurrency.
  perform pg_advisory_xact_lock(hashtextextended('ai-request:' || p_user_id::text, 0));

  select * into earlier from billing.ai_requests r where r.user_id = p_user_id and r.idempotency_key = p_idempotency_key;
  if found then
    if earlier.status = 'reserved' then
      raise exception 'a request with this idempotency key is still running' using errcode = 'PA110';
    end if;
    return query select earlier.id, earlier.status, earlier.reserved_credits, earlier.provider, earlier.max_output_tokens, earlier.response;
    return;
  end if;

  select * into price from billing.ai_model_prices where model = p_model and active;
  if not found then
    raise exception 'unknown model %', p_model using errcode = 'PA001';
  end if;
  perform private.ai_allowed_purpose(p_user_id, p_purpose_type, p_purpose_id);

  select coalesce(u.requests_per_minute, l.requests_per_minute) as rpm, coalesce(u.daily_credit_cap, l.daily_credit_cap) as cap
    into limits
    from billing.ai_limits l left join billing.ai_user_limits u on u.user_id = p_user_id;
  -- Requests a minute: the core's limiter (PA111 with retry_after; 20261122000260_rate_limits.sql). A
  -- request refused further on (daily cap, credits) rolls its hit back with it.
  perform private.rate_limit('ai:request:' || p_user_id::text, interval '1 minute', limits.rpm);

  max_output_tokens := least(greatest(coalesce(p_max_output_tokens, price.max_output_tokens), 1), price.max_output_tokens);
  worst := private.ai_cost(price, greatest(p_input_tokens, 0), max_output_tokens);
  select coalesce(sum(case when r.status = 'reserved' then r.reserved_credits else r.credits_charged end), 0) into spent_today
    from billing.ai_requests r where r.user_id = p_user_id and r.created_at >= date_trunc('day', now());
  if spent_today + worst > limits.cap then
    raise exception 'the daily AI credit cap (%) would be exceeded', limits.cap using errcode = 'PA112',
      detail = json_build_object('retry_after', ceil(extract(epoch from date_trunc('day', now()) + interval '1 day' - now())))::text;
  end if;

  payer := private.credit_payer(p_user_id, p_organization_id);
  select a.balance - a.held into available from billing.accounts a where a.id = payer;
  if available < worst then
    raise exception 'insufficient credits: % available, % needed for the worst case', available, worst using errcode = 'PA101',
      detail = json_build_object('available', available, 'required', worst)::text;
  end if;
  hold := billing.create_hold(payer, worst, now() + interval '15 minutes', 'ai-hold-' || new_id::text, 'ai_request', new_id::text);
  insert into billing.ai_requests (id, user_id, organization_id, account_id, hold_id, idempotency_key, provider, model, purpose_type,
                                   purpose_id, last_user_message, max_output_tokens, estimated_input_tokens, reserved_credits)
  values (new_id, p_user_id, p_organization_id, payer, hold.id, p_idempotency_key, price.provider, p_model, p_purpose_type,
          p_purpose_id, p_last_user_message, max_output_tokens, greatest(p_input_tokens, 0), worst);
  return query select new_id, 'reserved'::text, worst, price.provider, max_output_tokens, null::jsonb;
end
$$;

-- Step zero, for a purpose with a prompt builder: the messages to send, built from the product's stored
-- data (a draw, a brief) after the purpose's validator allowed the caller and id; the gateway sends these
-- instead of the client's (which the builder receives) and reserves for them. Null when the purpose has
-- no builder: the client's messages are sent as they are. Errors: PA001 as ai_reserve; 22023 when the
-- builder returns something other than 1 to 500 {role, content} messages (a product bug, not the caller's).
create or replace function billing.ai_prompt(p_user_id uuid, p_purpose_type text, p_purpose_id text, p_messages jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  builder text;
  built jsonb;
  valid boolean;
begin
  select p.prompt_builder into builder from private.ai_purposes p where p.purpose = p_purpose_type;
  if not found then
    raise exception 'unknown AI purpose "%"', p_purpose_type using errcode = 'PA001';
  end if;
  if builder is null then
    return null;
  end if;
  perform private.ai_allowed_purpose(p_user_id, p_purpose_type, p_purpose_id);
  execute format('select %s($1, $2, $3)', private.registered_call(builder)) into built using p_user_id, p_purpose_id, p_messages;
  valid := case when jsonb_typeof(built) = 'array' then
             jsonb_array_length(built) between 1 and 500
             and not exists (select 1 from jsonb_array_elements(built) m
                              where case when jsonb_typeof(m) = 'object' then
                                      (select count(*) from jsonb_object_keys(m)) <> 2
                                      or coalesce(m ->> 'role', '') not in ('system', 'user', 'assistant')
                                      or jsonb_typeof(m -> 'content') is distinct from 'string'
                                      or char_length(m ->> 'content') > 200000
                                    else true end)
           else false end;
  if not valid then
    raise exception 'the prompt builder of AI purpose "%" returned no valid messages', p_purpose_type using errcode = '22023';
  end if;
  return built;
end
$$;

-- The purpose's recorder, if it registered one: the product's own rows for a settled or failed request.
create or replace function private.ai_record(p_request billing.ai_requests, p_content text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  recorder text;
begin
  select p.recorder into recorder from private.ai_purposes p where p.purpose = p_request.purpose_type;
  if recorder is not null then
    execute format('select %s($1, $2)', private.registered_call(recorder)) using p_request, p_content;
  end if;
end
$$;

-- Step two: the provider answered (or the client left mid-stream: p_aborted). Captures the actual
-- cost (never more than reserved), releases the rest, calls the purpose's recorder and records the
-- provider's spend.
create or replace function billing.ai_settle(p_request_id uuid, p_input_tokens integer, p_output_tokens integer, p_content text, p_aborted boolean default false)
returns billing.ai_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  request billing.ai_requests;
  price billing.ai_model_prices;
  actual bigint;
  provider_cost bigint;
begin
  select * into request from billing.ai_requests where id = p_request_id for update;
  if not found then
    raise exception 'unknown AI request %', p_request_id using errcode = 'PA001';
  end if;
  if request.status <> 'reserved' then
    return request;  -- settled already
  end if;
  select * into price from billing.ai_model_prices where model = request.model;
  actual := least(request.reserved_credits, private.ai_cost(price, greatest(p_input_tokens, 0), greatest(p_output_tokens, 0)));
  if actual > 0 then
    perform billing.capture_hold(request.hold_id, actual, billing.platform_account('revenue', 'CREDIT'), 'usage',
      'ai-capture-' || request.id::text, jsonb_build_object('model', request.model, 'input_tokens', p_input_tokens, 'output_tokens', p_output_tokens), true);
  else
    perform billing.release_hold(request.hold_id, 'ai-release-' || request.id::text);
  end if;
  update billing.ai_requests
     set status = 'completed', input_tokens = greatest(p_input_tokens, 0), output_tokens = greatest(p_output_tokens, 0),
         credits_charged = actual, aborted = p_aborted, completed_at = now(),
         response = jsonb_build_object('content', p_content, 'model', request.model, 'aborted', p_aborted,
           'usage', jsonb_build_object('prompt_tokens', greatest(p_input_tokens, 0), 'completion_tokens', greatest(p_output_tokens, 0)),
           'credits', jsonb_build_object('reserved', request.reserved_credits, 'charged', actual))
   where id = request.id
  returning * into request;
  perform private.ai_record(request, p_content);
  -- What the provider costs us, in its currency's minor units, at the provider's credit ratio.
  select ceil(actual / p.credit_ratio)::bigint into provider_cost from billing.provider_balances p where p.provider = request.provider;
  if provider_cost is not null then
    perform billing.record_provider_spend(request.provider, provider_cost);
  end if;
  return request;
end
$$;

-- The provider failed before any output (or the request could not be made): release everything.
create or replace function billing.ai_fail(p_request_id uuid, p_error text)
returns billing.ai_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  request billing.ai_requests;
begin
  select * into request from billing.ai_requests where id = p_request_id for update;
  if not found then
    raise exception 'unknown AI request %', p_request_id using errcode = 'PA001';
  end if;
  if request.status <> 'reserved' then
    return request;
  end if;
  perform billing.release_hold(request.hold_id, 'ai-release-' || request.id::text);
  update billing.ai_requests
     set status = 'failed', error = left(p_error, 2000), completed_at = now(),
         response = jsonb_build_object('error', jsonb_build_object('code', 'provider_error', 'message', left(p_error, 500)))
   where id = request.id
  returning * into request;
  perform private.ai_record(request, null);
  return request;
end
$$;

revoke execute on function billing.ai_reserve(uuid, text, integer, integer, text, text, uuid, text, text),
  billing.ai_prompt(uuid, text, text, jsonb), billing.ai_settle(uuid, integer, integer, text, boolean), billing.ai_fail(uuid, text)
  from anon, authenticated;
revoke execute on function private.check_ai_purpose(),
  private.ai_allowed_purpose(uuid, text, text), private.ai_allow_general(uuid, text), private.ai_record(billing.ai_requests, text)
  from public, anon, authenticated;
