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

-- Images (generation and edit) are priced per image, by model and size: a request reserves n times the
-- price and is charged for the images actually returned. Rows are data (seed, staff through the service
-- role), like the token prices above.
create table billing.ai_image_prices (
  model text not null check (char_length(model) between 1 and 100),
  size text not null check (size ~ '^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$'),
  provider text not null check (provider = 'openai'),  -- the OpenAI-compatible images API
  credits_per_image bigint not null check (credits_per_image > 0),
  max_images integer not null default 4 check (max_images between 1 and 10),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (model, size)
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
--     messages sent to the provider, built from stored data (the client's messages are passed in);
--   output_recorder (p_request billing.ai_requests, p_outputs jsonb) returns void, optional: where the
--     files of a settled image request go in the product (p_outputs: the stored objects, see ai_settle_images).
-- accepts_images: whether image generation and edit requests may name the purpose (its recorder then
-- also sees requests of kind image_generation / image_edit, with null content).
-- They run inside the core's security definer functions, so they need no grants of their own.
create table private.ai_purposes (
  purpose text primary key check (purpose ~ '^[a-z][a-z0-9_]{1,59}$'),
  product text not null check (product ~ '^[a-z_]{2,30}$'),
  validator text not null,
  recorder text,
  prompt_builder text,
  output_recorder text,
  accepts_images boolean not null default false,
  created_at timestamptz not null default now()
);
comment on table private.ai_purposes is 'AI purposes registered by the core and the products: validator, recorder and prompt builder signatures.';

create table billing.ai_requests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  organization_id uuid references public.organizations (id) on delete set null,
  account_id uuid not null,
  hold_id uuid not null references billing.holds (id),
  -- chat (tokens), or an image request priced per image (image_size, images_requested × credits_per_image).
  kind text not null default 'chat' check (kind in ('chat', 'image_generation', 'image_edit')),
  idempotency_key text not null check (char_length(idempotency_key) between 1 and 255),
  provider text not null,
  model text not null,
  purpose_type text not null references private.ai_purposes (purpose),
  purpose_id text,
  last_user_message text,
  max_output_tokens integer not null,
  estimated_input_tokens integer not null,
  reserved_credits bigint not null,
  image_size text,
  images_requested integer check (images_requested between 1 and 10),
  credits_per_image bigint check (credits_per_image > 0),
  images_returned integer check (images_returned between 0 and images_requested),
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
  unique (user_id, idempotency_key),
  check ((kind = 'chat') = (images_requested is null) and (kind = 'chat') = (credits_per_image is null)
         and (kind = 'chat') = (image_size is null))
);
create index ai_requests_user_recent_idx on billing.ai_requests (user_id, created_at desc);
create index ai_requests_organization_id_idx on billing.ai_requests (organization_id);
create index ai_requests_hold_id_idx on billing.ai_requests (hold_id);
create index ai_requests_purpose_type_idx on billing.ai_requests (purpose_type);

create trigger set_updated_at before update on billing.ai_model_prices for each row execute function private.set_updated_at();
create trigger set_updated_at before update on billing.ai_image_prices for each row execute function private.set_updated_at();

revoke all on billing.ai_model_prices, billing.ai_image_prices, billing.ai_limits, billing.ai_user_limits, billing.ai_requests, private.ai_purposes from anon, authenticated;
revoke insert, update, delete, truncate on billing.ai_requests from service_role;
-- Registered functions run with the owner's rights inside the core's security definer functions, so
-- only migrations (the owner) register purposes; service_role may read the registry, not change it.
revoke insert, update, delete, truncate on private.ai_purposes from service_role;
grant select on billing.ai_model_prices, billing.ai_image_prices, billing.ai_limits to anon, authenticated;
grant select on billing.ai_user_limits, billing.ai_requests to authenticated;
alter table billing.ai_model_prices enable row level security;
alter table billing.ai_image_prices enable row level security;
alter table billing.ai_limits enable row level security;
alter table billing.ai_user_limits enable row level security;
alter table billing.ai_requests enable row level security;
alter table private.ai_purposes enable row level security;  -- no policy: only the core's functions read it
create policy "anyone reads active model prices" on billing.ai_model_prices for select to anon, authenticated using (active);
create policy "anyone reads active image prices" on billing.ai_image_prices for select to anon, authenticated using (active);
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
  if new.output_recorder is not null then
    perform private.registered_function(new.output_recorder, array['billing.ai_requests', 'jsonb']::regtype[], 'void');
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
-- Its images are stored (media bucket, the caller's folder) and journalled, recorded nowhere else.
insert into private.ai_purposes (purpose, product, validator, accepts_images) values ('general', 'core', 'private.ai_allow_general(uuid, text)', true);

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

-- The caller's earlier request with this key, if any (a row of nulls if none). From here on the caller's
-- requests are checked and reserved one at a time (until the transaction ends), so limits hold under
-- concurrency. Errors: 42501 suspended or deleted account, PA110 the same key is still running.
create or replace function private.ai_earlier_request(p_user_id uuid, p_idempotency_key text)
returns billing.ai_requests
language plpgsql
set search_path = ''
as $$
declare
  earlier billing.ai_requests;
begin
  if not exists (select 1 from public.profiles pr where pr.id = p_user_id and pr.status = 'active') then
    raise exception 'account is suspended or deleted' using errcode = '42501';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('ai-request:' || p_user_id::text, 0));
  select * into earlier from billing.ai_requests r where r.user_id = p_user_id and r.idempotency_key = p_idempotency_key;
  if found and earlier.status = 'reserved' then
    raise exception 'a request with this idempotency key is still running' using errcode = 'PA110';
  end if;
  return earlier;
end
$$;

-- Opens a priced request (text or images): the purpose's validator, the per-minute limit, the daily
-- cap and the balance for its worst case (p_request.reserved_credits), then the hold and the journal
-- row. Called after private.ai_earlier_request in the same transaction. Errors: PA001 (purpose), PA184
-- images for a purpose that takes none, PA111, PA112, PA101 as ai_reserve.
create or replace function private.ai_open_request(p_request billing.ai_requests)
returns void
language plpgsql
set search_path = ''
as $$
declare
  registered private.ai_purposes;
  limits record;
  spent_today bigint;
  available bigint;
  hold billing.holds;
begin
  registered := private.ai_allowed_purpose(p_request.user_id, p_request.purpose_type, p_request.purpose_id);
  if p_request.kind <> 'chat' and not registered.accepts_images then
    raise exception 'AI purpose "%" takes no image requests', p_request.purpose_type using errcode = 'PA184';
  end if;

  select coalesce(u.requests_per_minute, l.requests_per_minute) as rpm, coalesce(u.daily_credit_cap, l.daily_credit_cap) as cap
    into limits
    from billing.ai_limits l left join billing.ai_user_limits u on u.user_id = p_request.user_id;
  -- Requests a minute: the core's limiter (PA111 with retry_after; 20261122000260_rate_limits.sql). A
  -- request refused further on (daily cap, credits) rolls its hit back with it.
  perform private.rate_limit('ai:request:' || p_request.user_id::text, interval '1 minute', limits.rpm);

  select coalesce(sum(case when r.status = 'reserved' then r.reserved_credits else r.credits_charged end), 0) into spent_today
    from billing.ai_requests r where r.user_id = p_request.user_id and r.created_at >= date_trunc('day', now());
  if spent_today + p_request.reserved_credits > limits.cap then
    raise exception 'the daily AI credit cap (%) would be exceeded', limits.cap using errcode = 'PA112',
      detail = json_build_object('retry_after', ceil(extract(epoch from date_trunc('day', now()) + interval '1 day' - now())))::text;
  end if;

  p_request.account_id := private.credit_payer(p_request.user_id, p_request.organization_id);
  select a.balance - a.held into available from billing.accounts a where a.id = p_request.account_id;
  if available < p_request.reserved_credits then
    raise exception 'insufficient credits: % available, % needed for the worst case', available, p_request.reserved_credits using errcode = 'PA101',
      detail = json_build_object('available', available, 'required', p_request.reserved_credits)::text;
  end if;
  hold := billing.create_hold(p_request.account_id, p_request.reserved_credits, now() + interval '15 minutes',
                              'ai-hold-' || p_request.id::text, 'ai_request', p_request.id::text);
  p_request.hold_id := hold.id;
  p_request.status := 'reserved';
  p_request.credits_charged := 0;
  p_request.aborted := false;
  p_request.created_at := now();
  insert into billing.ai_requests select (p_request).*;
end
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
  request billing.ai_requests;
begin
  earlier := private.ai_earlier_request(p_user_id, p_idempotency_key);
  if earlier.id is not null then
    return query select earlier.id, earlier.status, earlier.reserved_credits, earlier.provider, earlier.max_output_tokens, earlier.response;
    return;
  end if;

  select * into price from billing.ai_model_prices where model = p_model and active;
  if not found then
    raise exception 'unknown model %', p_model using errcode = 'PA001';
  end if;
  request.id := gen_random_uuid();
  request.user_id := p_user_id;
  request.organization_id := p_organization_id;
  request.kind := 'chat';
  request.idempotency_key := p_idempotency_key;
  request.provider := price.provider;
  request.model := p_model;
  request.purpose_type := p_purpose_type;
  request.purpose_id := p_purpose_id;
  request.last_user_message := p_last_user_message;
  request.max_output_tokens := least(greatest(coalesce(p_max_output_tokens, price.max_output_tokens), 1), price.max_output_tokens);
  request.estimated_input_tokens := greatest(p_input_tokens, 0);
  request.reserved_credits := private.ai_cost(price, request.estimated_input_tokens, request.max_output_tokens);
  perform private.ai_open_request(request);
  return query select request.id, 'reserved'::text, request.reserved_credits, request.provider, request.max_output_tokens, null::jsonb;
end
$$;

-- Step one of an image generation or edit (p_kind image_generation / image_edit): p_n images of p_size
-- at the model's price per image are reserved, under the same limits as text. Answers the recorded
-- result instead when the key was used before. Errors: PA001 no active price for the model and size (or
-- the purpose, as ai_reserve), 22023 p_n outside 1 to the price's max_images, PA184 a purpose that takes
-- no images, and the rest as ai_reserve.
create or replace function billing.ai_reserve_images(
  p_user_id uuid, p_kind text, p_model text, p_size text, p_n integer, p_purpose_type text, p_purpose_id text,
  p_organization_id uuid, p_idempotency_key text, p_prompt text)
returns table (request_id uuid, status text, reserved_credits bigint, provider text, images_requested integer, response jsonb)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  earlier billing.ai_requests;
  price billing.ai_image_prices;
  request billing.ai_requests;
begin
  if p_kind is null or p_kind not in ('image_generation', 'image_edit') then
    raise exception 'p_kind must be image_generation or image_edit' using errcode = '22023';
  end if;
  earlier := private.ai_earlier_request(p_user_id, p_idempotency_key);
  if earlier.id is not null then
    return query select earlier.id, earlier.status, earlier.reserved_credits, earlier.provider, earlier.images_requested, earlier.response;
    return;
  end if;

  select * into price from billing.ai_image_prices where model = p_model and size = p_size and active;
  if not found then
    raise exception 'no image price for model % at size %', p_model, p_size using errcode = 'PA001';
  end if;
  if p_n is null or p_n not between 1 and price.max_images then
    raise exception 'n must be 1 to % for % at %', price.max_images, p_model, p_size using errcode = '22023';
  end if;
  request.id := gen_random_uuid();
  request.user_id := p_user_id;
  request.organization_id := p_organization_id;
  request.kind := p_kind;
  request.idempotency_key := p_idempotency_key;
  request.provider := price.provider;
  request.model := p_model;
  request.purpose_type := p_purpose_type;
  request.purpose_id := p_purpose_id;
  request.last_user_message := left(p_prompt, 32000);
  request.max_output_tokens := 0;
  request.estimated_input_tokens := 0;
  request.image_size := p_size;
  request.images_requested := p_n;
  request.credits_per_image := price.credits_per_image;
  request.reserved_credits := p_n * price.credits_per_image;
  perform private.ai_open_request(request);
  return query select request.id, 'reserved'::text, request.reserved_credits, request.provider, p_n, null::jsonb;
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

-- Charges p_actual of a request's hold (at most what it holds) to revenue and releases the rest, then
-- records what the provider costs us, in its currency's minor units, at the provider's credit ratio.
create or replace function private.ai_charge(p_request billing.ai_requests, p_actual bigint, p_metadata jsonb)
returns void
language plpgsql
set search_path = ''
as $$
declare
  provider_cost bigint;
begin
  if p_actual > 0 then
    perform billing.capture_hold(p_request.hold_id, p_actual, billing.platform_account('revenue', 'CREDIT'), 'usage',
      'ai-capture-' || p_request.id::text, p_metadata, true);
  else
    perform billing.release_hold(p_request.hold_id, 'ai-release-' || p_request.id::text);
  end if;
  select ceil(p_actual / p.credit_ratio)::bigint into provider_cost from billing.provider_balances p where p.provider = p_request.provider;
  if provider_cost is not null then
    perform billing.record_provider_spend(p_request.provider, provider_cost);
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
begin
  select * into request from billing.ai_requests where id = p_request_id and kind = 'chat' for update;
  if not found then
    raise exception 'unknown AI chat request %', p_request_id using errcode = 'PA001';
  end if;
  if request.status <> 'reserved' then
    return request;  -- settled already
  end if;
  select * into price from billing.ai_model_prices where model = request.model;
  actual := least(request.reserved_credits, private.ai_cost(price, greatest(p_input_tokens, 0), greatest(p_output_tokens, 0)));
  perform private.ai_charge(request, actual, jsonb_build_object('model', request.model, 'input_tokens', p_input_tokens, 'output_tokens', p_output_tokens));
  update billing.ai_requests
     set status = 'completed', input_tokens = greatest(p_input_tokens, 0), output_tokens = greatest(p_output_tokens, 0),
         credits_charged = actual, aborted = p_aborted, completed_at = now(),
         response = jsonb_build_object('content', p_content, 'model', request.model, 'aborted', p_aborted,
           'usage', jsonb_build_object('prompt_tokens', greatest(p_input_tokens, 0), 'completion_tokens', greatest(p_output_tokens, 0)),
           'credits', jsonb_build_object('reserved', request.reserved_credits, 'charged', actual))
   where id = request.id
  returning * into request;
  perform private.ai_record(request, p_content);
  return request;
end
$$;

-- Step two of an image request: the images the provider returned, stored by the gateway in the media
-- bucket under <user id>/ai/<request id>/ (p_outputs: [{path, mime_type, size, width, height,
-- revised_prompt?}], at most images_requested). Charges credits_per_image for each and releases the
-- rest, records the answer for retries, then calls the purpose's recorder (content null) and its output
-- recorder (the outputs). Errors: PA001 unknown image request, 22023 outputs that are not the
-- request's stored images.
create or replace function billing.ai_settle_images(p_request_id uuid, p_outputs jsonb)
returns billing.ai_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  request billing.ai_requests;
  returned integer;
  actual bigint;
  output_recorder text;
begin
  select * into request from billing.ai_requests where id = p_request_id and kind <> 'chat' for update;
  if not found then
    raise exception 'unknown AI image request %', p_request_id using errcode = 'PA001';
  end if;
  if request.status <> 'reserved' then
    return request;  -- settled already
  end if;
  returned := case when jsonb_typeof(p_outputs) = 'array' then jsonb_array_length(p_outputs) end;
  -- Each output is a file of this request's folder that exists, described by bounded fields.
  if returned is null or returned > request.images_requested
     or exists (select 1 from jsonb_array_elements(p_outputs) o
                 where jsonb_typeof(o) <> 'object'
                    or coalesce(o ->> 'path', '') !~ ('^' || request.user_id::text || '/ai/' || request.id::text || '/[0-9]{1,2}\.(png|jpg|webp)$')
                    or coalesce(o ->> 'mime_type', '') not in ('image/png', 'image/jpeg', 'image/webp')
                    or jsonb_typeof(o -> 'size') is distinct from 'number' or jsonb_typeof(o -> 'width') is distinct from 'number'
                    or jsonb_typeof(o -> 'height') is distinct from 'number'
                    or (o ->> 'size')::numeric not between 1 and 52428800
                    or (o ->> 'width')::numeric not between 1 and 20000 or (o ->> 'height')::numeric not between 1 and 20000
                    or char_length(coalesce(o ->> 'revised_prompt', '')) > 32000
                    or not exists (select 1 from storage.objects so where so.bucket_id = 'media' and so.name = o ->> 'path'))
     or (select count(distinct o ->> 'path') from jsonb_array_elements(p_outputs) o) <> returned then
    raise exception 'the outputs are not this request''s stored images' using errcode = '22023';
  end if;
  actual := least(request.reserved_credits, returned * request.credits_per_image);
  perform private.ai_charge(request, actual, jsonb_build_object('model', request.model, 'size', request.image_size, 'images', returned));
  update billing.ai_requests
     set status = 'completed', images_returned = returned, credits_charged = actual, completed_at = now(),
         response = jsonb_build_object('model', request.model, 'created', extract(epoch from now())::bigint,
           'data', (select coalesce(jsonb_agg(jsonb_build_object('bucket', 'media', 'path', o.v ->> 'path', 'mime_type', o.v ->> 'mime_type',
                                                                 'size', (o.v ->> 'size')::bigint, 'width', (o.v ->> 'width')::integer,
                                                                 'height', (o.v ->> 'height')::integer)
                                              || case when o.v ? 'revised_prompt' then jsonb_build_object('revised_prompt', o.v ->> 'revised_prompt') else '{}' end
                                              order by o.n), '[]')
                      from jsonb_array_elements(p_outputs) with ordinality o (v, n)),
           'images', jsonb_build_object('requested', request.images_requested, 'returned', returned),
           'credits', jsonb_build_object('reserved', request.reserved_credits, 'charged', actual))
   where id = request.id
  returning * into request;
  perform private.ai_record(request, null);
  select p.output_recorder into output_recorder from private.ai_purposes p where p.purpose = request.purpose_type;
  if output_recorder is not null and returned > 0 then
    execute format('select %s($1, $2)', private.registered_call(output_recorder)) using request, request.response -> 'data';
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
  billing.ai_reserve_images(uuid, text, text, text, integer, text, text, uuid, text, text),
  billing.ai_prompt(uuid, text, text, jsonb), billing.ai_settle(uuid, integer, integer, text, boolean),
  billing.ai_settle_images(uuid, jsonb), billing.ai_fail(uuid, text)
  from anon, authenticated;
revoke execute on function private.check_ai_purpose(), private.ai_earlier_request(uuid, text), private.ai_open_request(billing.ai_requests),
  private.ai_charge(billing.ai_requests, bigint, jsonb),
  private.ai_allowed_purpose(uuid, text, text), private.ai_allow_general(uuid, text), private.ai_record(billing.ai_requests, text)
  from public, anon, authenticated;
