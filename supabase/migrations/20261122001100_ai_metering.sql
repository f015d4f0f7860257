-- AI credit metering: prices per model, limits, and the request journal of the ai-gateway function.
-- A request reserves its worst-case cost as a ledger hold, then captures what the provider reports
-- and releases the rest; usage lands in the products' tables in the same transaction.

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

create table billing.ai_requests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  organization_id uuid references public.organizations (id) on delete set null,
  account_id uuid not null,
  hold_id uuid not null references billing.holds (id),
  idempotency_key text not null check (char_length(idempotency_key) between 1 and 255),
  provider text not null,
  model text not null,
  purpose_type text not null check (purpose_type in ('general', 'app', 'tool', 'conversation', 'project', 'gig_enhancement', 'tarot_reading')),
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

create trigger set_updated_at before update on billing.ai_model_prices for each row execute function private.set_updated_at();

revoke all on billing.ai_model_prices, billing.ai_limits, billing.ai_user_limits, billing.ai_requests from anon, authenticated;
revoke insert, update, delete, truncate on billing.ai_requests from service_role;
grant select on billing.ai_model_prices, billing.ai_limits to anon, authenticated;
grant select on billing.ai_user_limits, billing.ai_requests to authenticated;
alter table billing.ai_model_prices enable row level security;
alter table billing.ai_limits enable row level security;
alter table billing.ai_user_limits enable row level security;
alter table billing.ai_requests enable row level security;
create policy "anyone reads active model prices" on billing.ai_model_prices for select to anon, authenticated using (active);
create policy "anyone reads the AI limits" on billing.ai_limits for select to anon, authenticated using (true);
create policy "users and staff read their AI limits" on billing.ai_user_limits for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('support.read')));
create policy "users and staff read AI requests" on billing.ai_requests for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('support.read')));

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
-- instead when the key was used before. Errors: PA001 unknown model or purpose, 42501 not allowed,
-- PA101 insufficient credits, PA111 too many requests this minute, PA112 daily cap, PA110 in progress.
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
  recent integer;
  oldest timestamptz;
  spent_today bigint;
  worst bigint;
  payer uuid;
  available bigint;
  hold billing.holds;
  new_id uuid := gen_random_uuid();
  purpose_ok boolean;
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
  purpose_ok := case p_purpose_type
    when 'general' then true
    when 'tarot_reading' then true
    when 'conversation' then exists (select 1 from studio.javari_conversations c where c.id::text = p_purpose_id and c.user_id = p_user_id)
    when 'project' then exists (select 1 from studio.javari_projects pr where pr.id::text = p_purpose_id and pr.user_id = p_user_id)
    when 'app' then exists (select 1 from studio.app_catalog a where a.id::text = p_purpose_id and a.status in ('active', 'beta'))
    when 'tool' then exists (select 1 from studio.tools_catalog t where t.id::text = p_purpose_id and t.active)
    when 'gig_enhancement' then p_purpose_id is null
      or exists (select 1 from gigs.source_images s where s.id::text = p_purpose_id and s.user_id = p_user_id)
    else false end;
  if not purpose_ok then
    raise exception 'unknown % % for this user', p_purpose_type, p_purpose_id using errcode = 'PA001';
  end if;

  select coalesce(u.requests_per_minute, l.requests_per_minute) as rpm, coalesce(u.daily_credit_cap, l.daily_credit_cap) as cap
    into limits
    from billing.ai_limits l left join billing.ai_user_limits u on u.user_id = p_user_id;
  select count(*), min(r.created_at) into recent, oldest
    from billing.ai_requests r where r.user_id = p_user_id and r.created_at > now() - interval '1 minute';
  if recent >= limits.rpm then
    raise exception 'too many AI requests: % a minute', limits.rpm using errcode = 'PA111',
      detail = json_build_object('retry_after', greatest(1, ceil(extract(epoch from oldest + interval '1 minute' - now()))))::text;
  end if;

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

-- Usage rows in the products' tables for a finished (or failed) request.
create or replace function private.record_ai_usage(p_request billing.ai_requests, p_content text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  succeeded boolean := p_request.status = 'completed';
begin
  insert into studio.javari_usage_stats (user_id, ai_request_id, provider, model, input_tokens, output_tokens, credits_used, success, error_message)
  values (p_request.user_id, p_request.id, p_request.provider, p_request.model, coalesce(p_request.input_tokens, 0),
          coalesce(p_request.output_tokens, 0), p_request.credits_charged, succeeded, p_request.error);
  case p_request.purpose_type
    when 'conversation' then
      if succeeded then
        update studio.javari_conversations
           set messages = messages
                 || case when p_request.last_user_message is null then '[]'::jsonb
                         else jsonb_build_array(jsonb_build_object('role', 'user', 'content', p_request.last_user_message)) end
                 || jsonb_build_array(jsonb_build_object('role', 'assistant', 'content', p_content)),
               response = p_content,
               tokens_used = tokens_used + coalesce(p_request.input_tokens, 0) + coalesce(p_request.output_tokens, 0),
               credits_used = credits_used + p_request.credits_charged
         where id = p_request.purpose_id::uuid;
      end if;
    when 'app' then
      insert into studio.app_usage (user_id, app_id, credits_used, ai_request_id, success, error_message,
                                    execution_time_ms)
      values (p_request.user_id, p_request.purpose_id::uuid, p_request.credits_charged, p_request.id, succeeded, p_request.error,
              (extract(epoch from now() - p_request.created_at) * 1000)::integer);
    when 'tool' then
      if succeeded then
        with usage as (
          insert into studio.tools_usage (user_id, tool_id, credits_used) values (p_request.user_id, p_request.purpose_id::uuid, p_request.credits_charged)
          returning id
        )
        insert into studio.tools_results (user_id, tool_id, usage_id, input_data, output_data)
        select p_request.user_id, p_request.purpose_id::uuid, usage.id, jsonb_build_object('prompt', p_request.last_user_message),
               jsonb_build_object('text', p_content)
          from usage;
      end if;
    when 'gig_enhancement' then
      insert into gigs.ai_enhancements (user_id, source_image_id, ai_request_id, prompt, result, status, credits_used, error_message)
      values (p_request.user_id, p_request.purpose_id::uuid, p_request.id, p_request.last_user_message, p_content,
              case when succeeded then 'completed' else 'failed' end, p_request.credits_charged, p_request.error);
    else
      null;  -- general, project, tarot_reading: the request journal and usage stats hold it
  end case;
end
$$;

-- Step two: the provider answered (or the client left mid-stream: p_aborted). Captures the actual
-- cost (never more than reserved), releases the rest, records usage and the provider's spend.
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
  perform private.record_ai_usage(request, p_content);
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
  perform private.record_ai_usage(request, null);
  return request;
end
$$;

revoke execute on function billing.ai_reserve(uuid, text, integer, integer, text, text, uuid, text, text),
  billing.ai_settle(uuid, integer, integer, text, boolean), billing.ai_fail(uuid, text) from anon, authenticated;
