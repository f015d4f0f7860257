-- Tabletop (seed 000), campaigns: campaigns of a group with characters, scenes and journals, read
-- and written by the group's members by role; campaign chat is the core messaging, registered as the
-- conversation subject `campaign` (channels and the campaign:<id> Realtime topic follow the group's
-- membership).

select private.create_product_schema('tabletop');

-- Campaign content ------------------------------------------------------------------------------------------------
create table tabletop.campaigns (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references public.groups (id) on delete cascade,
  listing_id uuid,
  name text not null check (char_length(name) between 1 and 200),
  description text check (char_length(description) <= 5000),
  game_system text check (char_length(game_system) <= 100),
  world_data jsonb not null default '{}' check (octet_length(world_data::text) <= 262144),
  status text not null default 'planning' check (status in ('planning', 'active', 'paused', 'completed')),
  settings jsonb not null default '{}' check (octet_length(settings::text) <= 16384),
  started_at timestamptz,
  completed_at timestamptz,
  -- Soft deletion: restorable by its owner for 30 days (tabletop.restore_content), then purged.
  deleted_at timestamptz,
  deleted_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index campaigns_group_id_idx on tabletop.campaigns (group_id);
create index campaigns_listing_id_idx on tabletop.campaigns (listing_id);

create table tabletop.characters (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references tabletop.campaigns (id) on delete cascade,
  owner_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  game_data jsonb not null default '{}' check (octet_length(game_data::text) <= 65536),
  -- Soft deletion: restorable by its owner for 30 days (tabletop.restore_content), then purged.
  deleted_at timestamptz,
  deleted_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index characters_campaign_id_idx on tabletop.characters (campaign_id);
create index characters_owner_id_idx on tabletop.characters (owner_id);

create table tabletop.scenes (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references tabletop.campaigns (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 200),
  description text check (char_length(description) <= 5000),
  scene_data jsonb not null default '{}' check (octet_length(scene_data::text) <= 262144),
  is_active boolean not null default false,
  sort_order integer not null default 0,
  -- Soft deletion: restorable by its owner for 30 days (tabletop.restore_content), then purged.
  deleted_at timestamptz,
  deleted_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index scenes_campaign_id_idx on tabletop.scenes (campaign_id, sort_order);

create table tabletop.journals (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references tabletop.campaigns (id) on delete cascade,
  author_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  content text check (char_length(content) <= 100000),
  content_format text not null default 'markdown' check (content_format in ('markdown', 'html', 'plain')),
  visibility text not null default 'players' check (visibility in ('gm_only', 'players', 'public')),
  category text check (category in ('session_notes', 'lore', 'rules', 'handout')),
  tags text[] not null default '{}' check (cardinality(tags) <= 20 and octet_length(array_to_string(tags, '')) <= 1000),
  pinned boolean not null default false,
  sort_order integer not null default 0,
  parent_id uuid references tabletop.journals (id) on delete cascade,
  -- Soft deletion: restorable by its owner for 30 days (tabletop.restore_content), then purged.
  deleted_at timestamptz,
  deleted_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index journals_campaign_id_idx on tabletop.journals (campaign_id, pinned desc, sort_order);
create index journals_author_id_idx on tabletop.journals (author_id);
create index journals_parent_id_idx on tabletop.journals (parent_id);
create index journals_public_idx on tabletop.journals (campaign_id) where visibility = 'public';

do $$
declare
  t text;
begin
  foreach t in array array['campaigns', 'characters', 'scenes', 'journals'] loop
    execute format('create trigger set_updated_at before update on tabletop.%I for each row execute function private.set_updated_at()', t);
    execute format('create index %I on tabletop.%I (deleted_at) where deleted_at is not null', t || '_deleted_idx', t);
    execute format('create index %I on tabletop.%I (deleted_by)', t || '_deleted_by_idx', t);
    -- A deletion, a restoration and the purge are audited.
    execute format('create trigger audit_deletion after update of deleted_at on tabletop.%I for each row '
                   'when (old.deleted_at is distinct from new.deleted_at) execute function private.audit_row_change(''id'')', t);
    execute format('create trigger audit_purge after delete on tabletop.%I for each row execute function private.audit_row_change(''id'')', t);
  end loop;
end
$$;

-- Helpers -----------------------------------------------------------------------------------------------------------------
-- The caller's role in the campaign's group (owner and GMs run it); none in a deleted campaign.
create or replace function private.tabletop_campaign_role(p_campaign_id uuid)
returns public.group_role
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (select m.role from tabletop.campaigns c join public.group_members m on m.group_id = c.group_id and m.user_id = auth.uid()
           where c.id = p_campaign_id and c.deleted_at is null);
end
$$;

-- Whether the caller holds a group permission in the campaign's group (its owner and GMs hold them
-- all; others as granted with public.set_group_permission): manage_campaigns, manage_scenes,
-- manage_journals, moderate_chat.
create or replace function private.tabletop_campaign_can(p_campaign_id uuid, p_permission text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return coalesce((select private.has_group_permission(c.group_id, p_permission) from tabletop.campaigns c
                    where c.id = p_campaign_id and c.deleted_at is null), false);
end
$$;

create or replace function private.tabletop_my_campaign_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select c.id from tabletop.campaigns c join public.group_members m on m.group_id = c.group_id
                where m.user_id = auth.uid() and c.deleted_at is null;
end
$$;

-- A campaign that exists and is not deleted (for reads that need no membership: public journals).
create or replace function private.tabletop_campaign_live(p_campaign_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from tabletop.campaigns c where c.id = p_campaign_id and c.deleted_at is null)
$$;

-- Grants and policies -------------------------------------------------------------------------------------------------------
revoke all on tabletop.campaigns, tabletop.characters, tabletop.scenes, tabletop.journals from anon, authenticated;
grant select on tabletop.campaigns, tabletop.characters, tabletop.scenes, tabletop.journals to authenticated;
grant select on tabletop.journals to anon;
-- Deleting is soft, through tabletop.delete_content (no DELETE for clients, nor the deletion columns).
grant insert (id, campaign_id, name, description, scene_data, is_active, sort_order, created_at, updated_at) on tabletop.scenes to authenticated;
grant insert (id, campaign_id, owner_id, name, game_data, created_at, updated_at) on tabletop.characters to authenticated;
grant insert (id, campaign_id, author_id, title, content, content_format, visibility, category, tags, pinned, sort_order, parent_id, created_at, updated_at)
  on tabletop.journals to authenticated;
-- listing_id links a campaign to a marketplace listing: set by the product's server code only.
grant insert (group_id, name, description, game_system, world_data, status, settings, started_at, completed_at) on tabletop.campaigns to authenticated;
grant update (name, description, game_system, world_data, status, settings, started_at, completed_at) on tabletop.campaigns to authenticated;
grant update (name, game_data) on tabletop.characters to authenticated;
grant update (name, description, scene_data, is_active, sort_order) on tabletop.scenes to authenticated;
grant update (title, content, content_format, visibility, category, tags, pinned, sort_order, parent_id) on tabletop.journals to authenticated;
grant execute on function private.tabletop_campaign_role(uuid), private.tabletop_my_campaign_ids(), private.tabletop_campaign_can(uuid, text),
  private.tabletop_campaign_live(uuid) to anon, authenticated, service_role;

alter table tabletop.campaigns enable row level security;
alter table tabletop.characters enable row level security;
alter table tabletop.scenes enable row level security;
alter table tabletop.journals enable row level security;

create policy "group members read their campaigns, the owner also deleted ones" on tabletop.campaigns for select to authenticated
  using ((group_id in (select private.my_group_ids()) and (deleted_at is null or private.group_role_of(group_id) = 'owner'))
         or (select private.has_permission('users.read_all')));
create policy "group owners, GMs and manage_campaigns holders create campaigns" on tabletop.campaigns for insert to authenticated
  with check ((select private.is_active_user()) and private.has_group_permission(group_id, 'manage_campaigns'));
create policy "GMs and manage_campaigns holders run their campaigns" on tabletop.campaigns for update to authenticated
  using ((select private.is_active_user()) and deleted_at is null and private.tabletop_campaign_can(id, 'manage_campaigns'))
  with check (private.tabletop_campaign_can(id, 'manage_campaigns'));

create policy "members read their campaign's characters, owners their deleted ones" on tabletop.characters for select to authenticated
  using (campaign_id in (select private.tabletop_my_campaign_ids()) and (deleted_at is null or owner_id = (select auth.uid())));
create policy "players and GMs create characters in their campaigns" on tabletop.characters for insert to authenticated
  with check ((select private.is_active_user()) and owner_id = (select auth.uid())
              and private.tabletop_campaign_role(campaign_id) in ('owner', 'gm', 'player'));
create policy "owners and GMs edit characters" on tabletop.characters for update to authenticated
  using ((select private.is_active_user()) and deleted_at is null and (owner_id = (select auth.uid()) or private.tabletop_campaign_role(campaign_id) in ('owner', 'gm')))
  with check (owner_id = (select auth.uid()) or private.tabletop_campaign_role(campaign_id) in ('owner', 'gm'));

create policy "members read scenes, scene managers deleted ones too" on tabletop.scenes for select to authenticated
  using (campaign_id in (select private.tabletop_my_campaign_ids()) and (deleted_at is null or private.tabletop_campaign_can(campaign_id, 'manage_scenes')));
create policy "GMs and manage_scenes holders create scenes" on tabletop.scenes for insert to authenticated
  with check ((select private.is_active_user()) and private.tabletop_campaign_can(campaign_id, 'manage_scenes'));
create policy "GMs and manage_scenes holders edit scenes" on tabletop.scenes for update to authenticated
  using ((select private.is_active_user()) and deleted_at is null and private.tabletop_campaign_can(campaign_id, 'manage_scenes'))
  with check (private.tabletop_campaign_can(campaign_id, 'manage_scenes'));

create policy "anyone reads public journals" on tabletop.journals for select to anon
  using (visibility = 'public' and deleted_at is null and private.tabletop_campaign_live(campaign_id));
-- GM-only journals are for those who manage journals: the owner, GMs and manage_journals holders.
create policy "members read journals their role allows, journal managers all, anyone the public ones" on tabletop.journals for select to authenticated
  using ((visibility = 'public' and deleted_at is null and private.tabletop_campaign_live(campaign_id))
         or (campaign_id in (select private.tabletop_my_campaign_ids())
             and (author_id = (select auth.uid()) or private.tabletop_campaign_can(campaign_id, 'manage_journals')
                  or (visibility = 'players' and deleted_at is null))));
create policy "members write journals; gm_only ones only journal managers" on tabletop.journals for insert to authenticated
  with check ((select private.is_active_user()) and author_id = (select auth.uid())
              and private.tabletop_campaign_role(campaign_id) in ('owner', 'gm', 'player')
              and (visibility <> 'gm_only' or private.tabletop_campaign_can(campaign_id, 'manage_journals')));
create policy "authors and journal managers edit journals" on tabletop.journals for update to authenticated
  using ((select private.is_active_user()) and deleted_at is null
         and (author_id = (select auth.uid()) or private.tabletop_campaign_can(campaign_id, 'manage_journals')))
  with check ((author_id = (select auth.uid()) or private.tabletop_campaign_can(campaign_id, 'manage_journals'))
              and (visibility <> 'gm_only' or private.tabletop_campaign_can(campaign_id, 'manage_journals')));



-- Journals: a parent in the same campaign, and a GM's restriction stays -----------------------------------------------------
-- A nested journal's parent is a journal of the same campaign, on insert and on every update. Once a
-- GM made a journal gm_only, only a GM lifts that (its author cannot reverse it with a plain update).
create or replace function private.tabletop_check_journal()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- A parent the caller could not read answers as one that does not exist (a player probing for
  -- GM-only journals learns nothing).
  if new.parent_id is not null
     and (new.parent_id = new.id
          or not exists (select 1 from tabletop.journals j
                          where j.id = new.parent_id and j.campaign_id = new.campaign_id
                            and (j.visibility <> 'gm_only' or auth.uid() is null or j.author_id = auth.uid()
                                 or private.tabletop_campaign_can(j.campaign_id, 'manage_journals')))) then
    raise exception 'a journal''s parent is another journal of the same campaign' using errcode = '22023';
  end if;
  if tg_op = 'UPDATE' and old.visibility = 'gm_only' and new.visibility <> 'gm_only' and auth.uid() is not null
     and not private.tabletop_campaign_can(new.campaign_id, 'manage_journals') then
    raise exception 'only the campaign''s journal managers lift a GM-only restriction' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger check_journal before insert or update of parent_id, campaign_id, visibility on tabletop.journals
  for each row execute function private.tabletop_check_journal();

-- Campaign chat ----------------------------------------------------------------------------------------------------------
-- Channels of a campaign (in character, out of character, GM-only, dice) are core conversations about
-- the subject `campaign`. Who takes part follows the group: every member; GM-only channels only its
-- owner and GMs; spectators read the in-character channel but do not post there (the core's
-- read-only participant role `reader`). The campaign:<id> topic: any member. Whispers are channels
-- of their own subject, `campaign_whisper`, reaching only their named recipients (below).
create or replace function private.tabletop_campaign_participant_role(p_campaign_id uuid, p_channel_type text, p_user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select case when m.role in ('owner', 'gm') then 'gm'
              when p_channel_type = 'gm_only' then null
              when m.role = 'spectator' and p_channel_type = 'ic' then 'reader'
              else 'member' end
    from tabletop.campaigns c join public.group_members m on m.group_id = c.group_id and m.user_id = p_user_id
   where c.id = p_campaign_id and c.deleted_at is null
$$;

create or replace function private.tabletop_campaign_topic_allowed(p_campaign_id uuid, p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from tabletop.campaigns c join public.group_members m on m.group_id = c.group_id and m.user_id = p_user_id
                  where c.id = p_campaign_id and c.deleted_at is null)
$$;

create or replace function private.tabletop_campaigns_of_group(p_group_id uuid)
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.id from tabletop.campaigns c where c.group_id = p_group_id
$$;

-- The campaign's owner, GMs and manage_campaigns holders open its channels.
create or replace function tabletop.open_campaign_channel(p_campaign_id uuid, p_channel_type text, p_title text default null)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  campaign tabletop.campaigns;
begin
  select * into campaign from tabletop.campaigns where id = p_campaign_id;
  if not private.tabletop_campaign_can(p_campaign_id, 'manage_campaigns') then
    raise exception 'only the campaign''s GMs open channels' using errcode = '42501';
  end if;
  if p_channel_type is null or p_channel_type not in ('ic', 'ooc', 'gm_only', 'dice') then
    raise exception 'a campaign channel is ic, ooc, gm_only or dice (whispers: open_whisper)' using errcode = '22023';
  end if;
  return private.open_subject_channel('campaign', campaign.id, p_channel_type,
    coalesce(p_title, left(campaign.name, 180) || ' (' || p_channel_type || ')'), caller,
    array(select m.user_id from public.group_members m where m.group_id = campaign.group_id));
end
$$;

create or replace function private.tabletop_close_campaign_channels()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.close_subject_channels('campaign', old.id);
  return null;
end
$$;
create trigger close_campaign_channels after delete on tabletop.campaigns
  for each row execute function private.tabletop_close_campaign_channels();

grant execute on function tabletop.open_campaign_channel(uuid, text, text) to authenticated;

-- Chat mentions: `<@user id>` in a campaign message notifies that member (tabletop.chat_mention)
-- when they can read the message (a participant of the channel, a recipient of a whisper), are not
-- its author, and have not turned notify_chat_mentions off for the group. At most 20 per message.
create or replace function private.tabletop_campaign_message_posted(p_campaign_id uuid, p_message_id bigint)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  message public.messages;
begin
  select * into message from public.messages where id = p_message_id;
  if position('<@' in message.content) = 0 then
    return;
  end if;
  insert into public.notifications (user_id, type, payload)
  select m.user_id, 'tabletop.chat_mention',
         jsonb_build_object('campaign_id', p_campaign_id, 'conversation_id', message.conversation_id, 'message_id', message.id,
                            'author_id', message.author_id, 'preview', left(message.content, 140))
    from (select distinct (r[1])::uuid as user_id
            from regexp_matches(message.content, '<@([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})>', 'g') r
           limit 20) mentioned
    join tabletop.campaigns c on c.id = p_campaign_id
    join public.group_members m on m.group_id = c.group_id and m.user_id = mentioned.user_id and m.notify_chat_mentions
    join public.conversation_participants p on p.conversation_id = message.conversation_id and p.user_id = m.user_id
   where m.user_id is distinct from message.author_id
     and (message.whisper_to is null or m.user_id = any (message.whisper_to))
     and not exists (select 1 from public.blocks b where b.blocker_id = m.user_id and b.blocked_id = message.author_id);
end
$$;

insert into private.conversation_subjects (subject_type, product, topic_prefix, opener, participant_role, topic_predicate, membership_scope, subjects_in_scope,
                                           on_message)
values ('campaign', 'tabletop', 'campaign', 'tabletop.open_campaign_channel(uuid, text, text)',
        'private.tabletop_campaign_participant_role(uuid, text, uuid)', 'private.tabletop_campaign_topic_allowed(uuid, uuid)',
        'group', 'private.tabletop_campaigns_of_group(uuid)', 'private.tabletop_campaign_message_posted(uuid, bigint)');

-- Whispers ------------------------------------------------------------------------------------------------------------------
-- A whisper channel is between its opener and the recipients they name, all of them members of the
-- campaign's group who play in it (spectators neither whisper nor are whispered to). It reaches
-- nobody else, GMs included; a recipient who leaves the group is out of it at once, and back if they
-- return. Server-side only: clients see the channel and its participants through the core.
create table tabletop.campaign_whispers (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references tabletop.campaigns (id) on delete cascade,
  created_by uuid not null references public.profiles (id) on delete cascade,
  recipient_ids uuid[] not null check (cardinality(recipient_ids) between 1 and 20),
  created_at timestamptz not null default now()
);
create index campaign_whispers_campaign_id_idx on tabletop.campaign_whispers (campaign_id);
create index campaign_whispers_created_by_idx on tabletop.campaign_whispers (created_by);
alter table tabletop.campaign_whispers enable row level security;
revoke all on tabletop.campaign_whispers from anon, authenticated;

create or replace function private.tabletop_whisper_participant_role(p_whisper_id uuid, p_channel_type text, p_user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select 'member'
    from tabletop.campaign_whispers w
    join tabletop.campaigns c on c.id = w.campaign_id
    join public.group_members m on m.group_id = c.group_id and m.user_id = p_user_id and m.role <> 'spectator'
   where w.id = p_whisper_id and c.deleted_at is null and (p_user_id = w.created_by or p_user_id = any (w.recipient_ids))
$$;

create or replace function private.tabletop_whisper_topic_allowed(p_whisper_id uuid, p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select private.tabletop_whisper_participant_role(p_whisper_id, 'whisper', p_user_id) is not null
$$;

create or replace function private.tabletop_whispers_of_group(p_group_id uuid)
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select w.id from tabletop.campaign_whispers w join tabletop.campaigns c on c.id = w.campaign_id where c.group_id = p_group_id
$$;

create or replace function tabletop.open_whisper(p_campaign_id uuid, p_recipient_ids uuid[], p_title text default null)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  recipients uuid[] := array(select distinct r from unnest(p_recipient_ids) r where r is distinct from auth.uid());
  whisper_id uuid;
begin
  if coalesce(private.tabletop_campaign_role(p_campaign_id) not in ('owner', 'gm', 'player'), true) then
    raise exception 'only the campaign''s players and GMs whisper' using errcode = '42501';
  end if;
  if cardinality(recipients) not between 1 and 20 or char_length(p_title) > 200
     or exists (select 1 from unnest(recipients) r
                 where private.tabletop_whisper_role_of(p_campaign_id, r) is null) then
    raise exception 'a whisper goes to 1 to 20 players or GMs of the campaign' using errcode = '22023';
  end if;
  insert into tabletop.campaign_whispers (campaign_id, created_by, recipient_ids) values (p_campaign_id, caller, recipients)
  returning id into whisper_id;
  return private.open_subject_channel('campaign_whisper', whisper_id, 'whisper', coalesce(p_title, 'Whisper'), caller, caller || recipients);
end
$$;

-- A member's role in the campaign's group, when they may whisper or be whispered to.
create or replace function private.tabletop_whisper_role_of(p_campaign_id uuid, p_user_id uuid)
returns public.group_role
language sql
stable
security definer
set search_path = ''
as $$
  select m.role from tabletop.campaigns c join public.group_members m on m.group_id = c.group_id and m.user_id = p_user_id
   where c.id = p_campaign_id and m.role <> 'spectator'
$$;

create or replace function private.tabletop_close_whisper_channels()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.close_subject_channels('campaign_whisper', old.id);
  return null;
end
$$;
create trigger close_whisper_channels after delete on tabletop.campaign_whispers
  for each row execute function private.tabletop_close_whisper_channels();

grant execute on function tabletop.open_whisper(uuid, uuid[], text) to authenticated;

insert into private.conversation_subjects (subject_type, product, topic_prefix, opener, participant_role, topic_predicate, membership_scope, subjects_in_scope)
values ('campaign_whisper', 'tabletop', 'whisper', 'tabletop.open_whisper(uuid, uuid[], text)',
        'private.tabletop_whisper_participant_role(uuid, text, uuid)', 'private.tabletop_whisper_topic_allowed(uuid, uuid)',
        'group', 'private.tabletop_whispers_of_group(uuid)');

-- Chat moderation -------------------------------------------------------------------------------------------------------
-- The campaign's owner, GMs and moderate_chat holders remove a message from its channels (a soft
-- delete, as its author's own; whispers are not theirs to see, so not theirs to remove).
create or replace function tabletop.remove_campaign_message(p_message_id bigint)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  message record;
begin
  perform private.require_active_user();
  select m.id, m.deleted_at, c.subject_id into message
    from public.messages m join public.conversations c on c.id = m.conversation_id and c.subject_type = 'campaign'
   where m.id = p_message_id and m.whisper_to is null;
  if message.id is null or not private.tabletop_campaign_can(message.subject_id, 'moderate_chat') then
    raise exception 'no campaign message % for you to moderate', p_message_id using errcode = 'PA001';
  end if;
  if message.deleted_at is null then
    update public.messages set deleted_at = now() where id = message.id;
  end if;
end
$$;
grant execute on function tabletop.remove_campaign_message(bigint) to authenticated;

-- History: soft deletion -------------------------------------------------------------------------------------------------
-- Campaigns, characters, scenes and journals are deleted softly: out of every member's sight, kept
-- for 30 days in which whoever deleted-may restore them (a campaign: the group's owner; a character:
-- its owner or a GM; a scene: scene managers; a journal: its author or journal managers), then purged
-- by pg_cron. Deletion, restoration and purge are audited (audit.audit_log). A deleted campaign's
-- channels are archived: kept with their messages but with nobody in them (the participant rule
-- gives no one a role in a deleted campaign); restoring it brings its members back.

-- Re-applies the channel rules of a campaign and its whispers to every member of its group.
create or replace function private.tabletop_resync_campaign_channels(p_campaign_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  member uuid;
  whisper uuid;
begin
  for member in select m.user_id from tabletop.campaigns c join public.group_members m on m.group_id = c.group_id where c.id = p_campaign_id loop
    perform private.sync_subject_participant('campaign', p_campaign_id, member);
    for whisper in select w.id from tabletop.campaign_whispers w where w.campaign_id = p_campaign_id loop
      perform private.sync_subject_participant('campaign_whisper', whisper, member);
    end loop;
  end loop;
end
$$;

-- The row of a kind of content, locked: its campaign, when it was deleted, and whether the caller may
-- delete or restore it. Not found: campaign_id is null.
create or replace function private.tabletop_lock_content(p_kind text, p_id uuid, out campaign_id uuid, out deleted_at timestamptz,
  out campaign_deleted boolean, out allowed boolean)
language plpgsql
security definer
set search_path = ''
as $$
begin
  case p_kind
    when 'campaign' then
      select c.id, c.deleted_at, false, coalesce(private.group_role_of(c.group_id) = 'owner', false)
        into campaign_id, deleted_at, campaign_deleted, allowed
        from tabletop.campaigns c where c.id = p_id for update;
    when 'character' then
      select x.campaign_id, x.deleted_at, c.deleted_at is not null,
             x.owner_id = auth.uid() or coalesce(private.tabletop_campaign_role(x.campaign_id) in ('owner', 'gm'), false)
        into campaign_id, deleted_at, campaign_deleted, allowed
        from tabletop.characters x join tabletop.campaigns c on c.id = x.campaign_id where x.id = p_id for update of x;
    when 'scene' then
      select x.campaign_id, x.deleted_at, c.deleted_at is not null, private.tabletop_campaign_can(x.campaign_id, 'manage_scenes')
        into campaign_id, deleted_at, campaign_deleted, allowed
        from tabletop.scenes x join tabletop.campaigns c on c.id = x.campaign_id where x.id = p_id for update of x;
    when 'journal' then
      select x.campaign_id, x.deleted_at, c.deleted_at is not null,
             x.author_id = auth.uid() or private.tabletop_campaign_can(x.campaign_id, 'manage_journals')
        into campaign_id, deleted_at, campaign_deleted, allowed
        from tabletop.journals x join tabletop.campaigns c on c.id = x.campaign_id where x.id = p_id for update of x;
    else
      raise exception 'content is a campaign, character, scene or journal' using errcode = '22023';
  end case;
end
$$;

-- Sets or clears a content row's deletion (static SQL per kind).
create or replace function private.tabletop_mark_content(p_kind text, p_id uuid, p_deleted_at timestamptz, p_by uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  case p_kind
    when 'campaign' then update tabletop.campaigns set deleted_at = p_deleted_at, deleted_by = p_by where id = p_id;
    when 'character' then update tabletop.characters set deleted_at = p_deleted_at, deleted_by = p_by where id = p_id;
    when 'scene' then update tabletop.scenes set deleted_at = p_deleted_at, deleted_by = p_by where id = p_id;
    when 'journal' then update tabletop.journals set deleted_at = p_deleted_at, deleted_by = p_by where id = p_id;
  end case;
end
$$;

create or replace function tabletop.delete_content(p_kind text, p_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.require_active_user();
  content record;
begin
  select * into content from private.tabletop_lock_content(p_kind, p_id);
  if content.campaign_id is null or content.campaign_deleted or not content.allowed then
    raise exception 'no % % for you to delete', p_kind, p_id using errcode = 'PA001';
  end if;
  if content.deleted_at is not null then
    raise exception 'this % is deleted already', p_kind using errcode = 'PA115';
  end if;
  perform private.tabletop_mark_content(p_kind, p_id, now(), caller);
  if p_kind = 'campaign' then
    perform private.tabletop_resync_campaign_channels(p_id);
  end if;
end
$$;

create or replace function tabletop.restore_content(p_kind text, p_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  content record;
begin
  perform private.require_active_user();
  select * into content from private.tabletop_lock_content(p_kind, p_id);
  if content.campaign_id is null or not content.allowed then
    raise exception 'no % % for you to restore', p_kind, p_id using errcode = 'PA001';
  end if;
  if content.campaign_deleted then
    raise exception 'its campaign is deleted: restore the campaign first' using errcode = 'PA115';
  end if;
  if content.deleted_at is null then
    raise exception 'this % is not deleted', p_kind using errcode = 'PA115';
  end if;
  if content.deleted_at < now() - private.tabletop_restore_window() then
    raise exception 'deleted more than 30 days ago: it can no longer be restored' using errcode = 'PA115';
  end if;
  perform private.tabletop_mark_content(p_kind, p_id, null, null);
  if p_kind = 'campaign' then
    perform private.tabletop_resync_campaign_channels(p_id);
  end if;
end
$$;

create or replace function private.tabletop_restore_window()
returns interval
language sql
immutable
set search_path = ''
as $$
  select interval '30 days'
$$;

-- The purge (pg_cron, daily): what was deleted more than 30 days ago goes for good (a campaign with
-- everything in it and its channels).
create or replace function private.tabletop_purge_deleted()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  cutoff timestamptz := now() - private.tabletop_restore_window();
  purged integer := 0;
  n integer;
begin
  delete from tabletop.journals where deleted_at < cutoff;
  get diagnostics n = row_count; purged := purged + n;
  delete from tabletop.scenes where deleted_at < cutoff;
  get diagnostics n = row_count; purged := purged + n;
  delete from tabletop.characters where deleted_at < cutoff;
  get diagnostics n = row_count; purged := purged + n;
  delete from tabletop.campaigns where deleted_at < cutoff;
  get diagnostics n = row_count; purged := purged + n;
  return purged;
end
$$;
select cron.schedule('tabletop-purge-deleted', '23 3 * * *', 'select private.tabletop_purge_deleted()');

grant execute on function tabletop.delete_content(text, uuid), tabletop.restore_content(text, uuid) to authenticated;
