-- The AI studio's tables (seed 002): the assistant's projects, conversations, stored credentials,
-- learning and usage stats, and the app and tool catalogs with their credit costs, usage and results.
-- Fixed-price runs charge credits on the ledger in the same transaction as their usage rows. The
-- studio registers its AI purposes (conversation, project, app, tool) with the core's AI gateway.

select private.create_product_schema('studio');

create table studio.javari_projects (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 200),
  description text check (char_length(description) <= 5000),
  parent_project_id uuid references studio.javari_projects (id) on delete cascade,
  status text not null default 'active' check (status in ('active', 'archived', 'completed')),
  metadata jsonb not null default '{}' check (octet_length(metadata::text) <= 65536),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index javari_projects_user_id_idx on studio.javari_projects (user_id);
create index javari_projects_parent_idx on studio.javari_projects (parent_project_id);

create table studio.javari_conversations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  project_id uuid references studio.javari_projects (id) on delete set null,
  provider text not null check (char_length(provider) <= 100),
  model text not null check (char_length(model) <= 100),
  -- The chat so far, OpenAI-style [{role, content}]; the AI gateway appends each exchange. Clients
  -- insert only '[]' (policy); the bound is far above what a provider's context window takes.
  messages jsonb not null default '[]' check (jsonb_typeof(messages) = 'array' and octet_length(messages::text) <= 8388608),
  response text check (char_length(response) <= 1000000),
  tokens_used integer not null default 0,
  credits_used bigint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index javari_conversations_user_id_idx on studio.javari_conversations (user_id, created_at desc);
create index javari_conversations_project_id_idx on studio.javari_conversations (project_id);

-- Credentials for services a user connects. The secret is encrypted by an edge function with a key
-- that exists only in the functions' environment; clients see which services, never the secret.
create table studio.javari_credentials (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  service text not null check (service ~ '^[a-z0-9_.-]{2,50}$'),
  encrypted_credentials text not null,
  encryption_key_id text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_used_at timestamptz,
  unique (user_id, service)
);

create table studio.javari_learning (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  conversation_type text not null,
  message_count integer,
  avg_message_length integer,
  response_quality_score numeric(3, 2) check (response_quality_score between 0 and 1),
  provider text,
  model text,
  tokens_used integer,
  credits_used bigint,
  patterns_detected jsonb,
  created_at timestamptz not null default now()
);
create index javari_learning_user_id_idx on studio.javari_learning (user_id, created_at desc);

create table studio.javari_usage_stats (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  ai_request_id uuid,
  provider text not null,
  model text not null,
  input_tokens integer not null default 0,
  output_tokens integer not null default 0,
  total_tokens integer generated always as (input_tokens + output_tokens) stored,
  credits_used bigint not null default 0,
  success boolean not null,
  error_message text,
  created_at timestamptz not null default now()
);
create index javari_usage_stats_user_id_idx on studio.javari_usage_stats (user_id, created_at desc);
create index javari_usage_stats_request_idx on studio.javari_usage_stats (ai_request_id);

create table studio.app_catalog (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9-]{2,100}$'),
  name text not null,
  description text,
  category text not null,
  icon_url text,
  credit_cost bigint not null check (credit_cost >= 0),
  status text not null default 'active' check (status in ('active', 'beta', 'maintenance', 'deprecated')),
  deployment_url text,
  repository_url text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table studio.app_catalog add constraint app_catalog_icon_url_http check (private.is_http_url(icon_url)),
  add constraint app_catalog_deployment_url_http check (private.is_http_url(deployment_url)),
  add constraint app_catalog_repository_url_http check (private.is_http_url(repository_url));

create table studio.app_usage (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  app_id uuid not null references studio.app_catalog (id) on delete cascade,
  credits_used bigint not null,
  transfer_id bigint,
  ai_request_id uuid,
  execution_time_ms integer,
  success boolean not null,
  error_message text,
  created_at timestamptz not null default now()
);
create index app_usage_user_id_idx on studio.app_usage (user_id, created_at desc);
create index app_usage_app_id_idx on studio.app_usage (app_id);

create table studio.tools_catalog (
  id uuid primary key default gen_random_uuid(),
  app_id uuid references studio.app_catalog (id) on delete cascade,
  slug text not null check (slug ~ '^[a-z0-9-]{2,100}$'),
  name text not null,
  description text,
  credit_cost bigint not null check (credit_cost >= 0),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (app_id, slug)
);
create index tools_catalog_app_id_idx on studio.tools_catalog (app_id);

create table studio.tools_usage (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  tool_id uuid not null references studio.tools_catalog (id) on delete cascade,
  credits_used bigint not null,
  transfer_id bigint,
  created_at timestamptz not null default now()
);
create index tools_usage_user_id_idx on studio.tools_usage (user_id, created_at desc);
create index tools_usage_tool_id_idx on studio.tools_usage (tool_id);

create table studio.tools_results (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  tool_id uuid not null references studio.tools_catalog (id) on delete cascade,
  usage_id uuid references studio.tools_usage (id) on delete set null,
  input_data jsonb,
  output_data jsonb,
  output_url text,
  created_at timestamptz not null default now()
);
alter table studio.tools_results add constraint tools_results_output_url_http check (private.is_http_url(output_url));
create index tools_results_user_id_idx on studio.tools_results (user_id, created_at desc);
create index tools_results_tool_id_idx on studio.tools_results (tool_id);
create index tools_results_usage_id_idx on studio.tools_results (usage_id);

create trigger set_updated_at before update on studio.javari_projects for each row execute function private.set_updated_at();
create trigger set_updated_at before update on studio.javari_conversations for each row execute function private.set_updated_at();
create trigger set_updated_at before update on studio.javari_credentials for each row execute function private.set_updated_at();
create trigger set_updated_at before update on studio.app_catalog for each row execute function private.set_updated_at();

-- Grants and policies ----------------------------------------------------------------------------------------
revoke all on all tables in schema studio from anon, authenticated;
grant select on studio.app_catalog, studio.tools_catalog to anon, authenticated;
grant select, insert, delete on studio.javari_projects to authenticated;
grant update (name, description, parent_project_id, status, metadata) on studio.javari_projects to authenticated;
grant select, insert, delete on studio.javari_conversations to authenticated;
grant update (project_id) on studio.javari_conversations to authenticated;
grant select on studio.javari_learning, studio.javari_usage_stats, studio.app_usage, studio.tools_usage, studio.tools_results to authenticated;
-- javari_credentials: no client grant at all (studio.my_credentials lists them).

alter table studio.javari_projects enable row level security;
alter table studio.javari_conversations enable row level security;
alter table studio.javari_credentials enable row level security;
alter table studio.javari_learning enable row level security;
alter table studio.javari_usage_stats enable row level security;
alter table studio.app_catalog enable row level security;
alter table studio.app_usage enable row level security;
alter table studio.tools_catalog enable row level security;
alter table studio.tools_usage enable row level security;
alter table studio.tools_results enable row level security;

create policy "anyone reads live apps" on studio.app_catalog for select to anon, authenticated using (status <> 'deprecated');
create policy "anyone reads active tools" on studio.tools_catalog for select to anon, authenticated using (active);

-- Every reference a client sets points at the caller's own rows, on insert and on update alike: a
-- project's parent is one of the caller's projects (and not itself), a conversation's project too.
-- Security definer: a projects policy cannot read projects under RLS itself (that recursion is an error).
create or replace function private.studio_is_my_project(p_project_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from studio.javari_projects p where p.id = p_project_id and p.user_id = auth.uid())
$$;
revoke execute on function private.studio_is_my_project(uuid) from public, anon, authenticated;
grant execute on function private.studio_is_my_project(uuid) to authenticated;

create policy "users read their projects" on studio.javari_projects for select to authenticated using (user_id = (select auth.uid()));
create policy "active users create their projects" on studio.javari_projects for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_active_user())
              and (parent_project_id is null or private.studio_is_my_project(parent_project_id)));
create policy "active users update their projects" on studio.javari_projects for update to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active_user()))
  with check (user_id = (select auth.uid())
              and (parent_project_id is null or private.studio_is_my_project(parent_project_id))
              and (parent_project_id is null or parent_project_id <> id));
create policy "active users delete their projects" on studio.javari_projects for delete to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active_user()));

create policy "users read their conversations" on studio.javari_conversations for select to authenticated using (user_id = (select auth.uid()));
create policy "active users start conversations" on studio.javari_conversations for insert to authenticated
  with check (user_id = (select auth.uid()) and (select private.is_active_user())
              and (project_id is null or private.studio_is_my_project(project_id))
              and messages = '[]' and tokens_used = 0 and credits_used = 0 and response is null);
create policy "active users move their conversations" on studio.javari_conversations for update to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active_user()))
  with check (user_id = (select auth.uid())
              and (project_id is null or private.studio_is_my_project(project_id)));
create policy "active users delete their conversations" on studio.javari_conversations for delete to authenticated
  using (user_id = (select auth.uid()) and (select private.is_active_user()));

create policy "users read their learning records" on studio.javari_learning for select to authenticated using (user_id = (select auth.uid()));
create policy "users and staff read usage stats" on studio.javari_usage_stats for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('support.read')));
create policy "users and staff read app usage" on studio.app_usage for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('support.read')));
create policy "users and staff read tool usage" on studio.tools_usage for select to authenticated
  using (user_id = (select auth.uid()) or (select private.has_permission('support.read')));
create policy "users read their tool results" on studio.tools_results for select to authenticated using (user_id = (select auth.uid()));

-- Functions ---------------------------------------------------------------------------------------------------
-- The services a user connected, without their secrets.
create or replace function studio.my_credentials()
returns table (service text, created_at timestamptz, updated_at timestamptz, last_used_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select c.service, c.created_at, c.updated_at, c.last_used_at from studio.javari_credentials c
   where c.user_id = auth.uid() order by c.service
$$;

-- A fixed-price tool run: charges the tool's credit cost and records the usage and the result row
-- (with the input; the tool's output is added by the service) in one transaction.
create or replace function studio.run_tool(p_tool_id uuid, p_input jsonb, p_idempotency_key text, p_organization_id uuid default null)
returns studio.tools_results
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  tool studio.tools_catalog;
  charged billing.transfers;
  usage_id uuid;
  result studio.tools_results;
begin
  select * into tool from studio.tools_catalog where id = p_tool_id and active;
  if not found then
    raise exception 'no active tool %', p_tool_id using errcode = 'PA001';
  end if;
  charged := private.charge_credits(caller, tool.credit_cost, 'tool', tool.id::text, p_idempotency_key, p_organization_id);
  -- A replayed key charged nothing new: answer with the first run's result.
  select r.* into result from studio.tools_results r join studio.tools_usage u on u.id = r.usage_id where u.transfer_id = charged.id;
  if found then
    return result;
  end if;
  insert into studio.tools_usage (user_id, tool_id, credits_used, transfer_id) values (caller, tool.id, tool.credit_cost, charged.id)
  returning id into usage_id;
  insert into studio.tools_results (user_id, tool_id, usage_id, input_data) values (caller, tool.id, usage_id, p_input)
  returning * into result;
  return result;
end
$$;

create or replace function studio.run_app(p_app_id uuid, p_idempotency_key text, p_organization_id uuid default null)
returns studio.app_usage
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  app studio.app_catalog;
  charged billing.transfers;
  usage studio.app_usage;
begin
  select * into app from studio.app_catalog where id = p_app_id and status in ('active', 'beta');
  if not found then
    raise exception 'no available app %', p_app_id using errcode = 'PA001';
  end if;
  charged := private.charge_credits(caller, app.credit_cost, 'app', app.id::text, p_idempotency_key, p_organization_id);
  select * into usage from studio.app_usage where transfer_id = charged.id;
  if found then
    return usage;
  end if;
  insert into studio.app_usage (user_id, app_id, credits_used, transfer_id, success)
  values (caller, app.id, app.credit_cost, charged.id, true)
  returning * into usage;
  return usage;
end
$$;

create or replace function studio.record_tool_output(p_result_id uuid, p_output jsonb, p_output_url text default null)
returns studio.tools_results
language sql
security definer
set search_path = ''
as $$
  update studio.tools_results set output_data = p_output, output_url = p_output_url where id = p_result_id returning *
$$;

create or replace function studio.store_credentials(p_user_id uuid, p_service text, p_encrypted text, p_key_id text)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into studio.javari_credentials (user_id, service, encrypted_credentials, encryption_key_id)
  values (p_user_id, p_service, p_encrypted, p_key_id)
  on conflict (user_id, service) do update set encrypted_credentials = excluded.encrypted_credentials,
    encryption_key_id = excluded.encryption_key_id
$$;

-- AI purposes ----------------------------------------------------------------------------------------------------
-- The studio's purposes in the core's registry (private.ai_purposes). Validators: may this user use this
-- id. The core calls them and the recorder from its own security definer functions; clients never do.
create or replace function studio.ai_validate_conversation(p_user_id uuid, p_purpose_id text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (select 1 from studio.javari_conversations c where c.id::text = p_purpose_id and c.user_id = p_user_id)
$$;

create or replace function studio.ai_validate_project(p_user_id uuid, p_purpose_id text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (select 1 from studio.javari_projects pr where pr.id::text = p_purpose_id and pr.user_id = p_user_id)
$$;

-- Apps and tools are catalog entries anyone may run while they are available.
create or replace function studio.ai_validate_app(p_user_id uuid, p_purpose_id text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (select 1 from studio.app_catalog a where a.id::text = p_purpose_id and a.status in ('active', 'beta'))
$$;

create or replace function studio.ai_validate_tool(p_user_id uuid, p_purpose_id text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (select 1 from studio.tools_catalog t where t.id::text = p_purpose_id and t.active)
$$;

-- What a settled (or failed: null content, status 'failed') request of a studio purpose leaves here:
-- a usage stats row always, and per purpose the exchange appended to the conversation, an app usage
-- row, or a tool's usage and result. A purpose registered here but not handled raises case_not_found.
create or replace function studio.ai_record_usage(p_request billing.ai_requests, p_content text)
returns void
language plpgsql
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
    when 'project' then
      null;  -- the request journal and the usage stats hold it
  end case;
end
$$;

insert into private.ai_purposes (purpose, product, validator, recorder) values
  ('conversation', 'studio', 'studio.ai_validate_conversation(uuid, text)', 'studio.ai_record_usage(billing.ai_requests, text)'),
  ('project', 'studio', 'studio.ai_validate_project(uuid, text)', 'studio.ai_record_usage(billing.ai_requests, text)'),
  ('app', 'studio', 'studio.ai_validate_app(uuid, text)', 'studio.ai_record_usage(billing.ai_requests, text)'),
  ('tool', 'studio', 'studio.ai_validate_tool(uuid, text)', 'studio.ai_record_usage(billing.ai_requests, text)');

revoke execute on all functions in schema studio from public, anon, authenticated;
grant execute on function studio.my_credentials(), studio.run_tool(uuid, jsonb, text, uuid), studio.run_app(uuid, text, uuid) to authenticated;
