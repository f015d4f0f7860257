-- Notifications: one table for every product's notices, written by the database (private.notify,
-- or the triggers beside the tables they watch) and read, marked and received live by their owner.

create table public.notifications (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.profiles (id) on delete cascade,
  type text not null check (type ~ '^[a-z_.]{2,60}$'),
  payload jsonb not null default '{}',
  read_at timestamptz,
  created_at timestamptz not null default now()
);
create index notifications_user_idx on public.notifications (user_id, id desc);
create index notifications_unread_idx on public.notifications (user_id) where read_at is null;

-- The one way a notification is written (delivered live through Realtime on insert).
create or replace function private.notify(p_user_id uuid, p_type text, p_payload jsonb)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.notifications (user_id, type, payload) values (p_user_id, p_type, coalesce(p_payload, '{}'))
$$;

create or replace function public.mark_notifications_read(p_up_to_id bigint default null)
returns integer
language sql
security definer
set search_path = ''
as $$
  with marked as (
    update public.notifications set read_at = now()
     where user_id = auth.uid() and read_at is null and (p_up_to_id is null or id <= p_up_to_id)
    returning 1
  )
  select count(*)::integer from marked
$$;

-- The unread badge, counted up to p_cap (a badge shows "99+"): at most p_cap entries of the unread
-- index, however long the user's history. Invoker's rights: the table's policy keeps it to the caller.
create or replace function public.unread_notification_count(p_cap integer default 100)
returns integer
language sql
stable
set search_path = ''
as $$
  select count(*)::integer
    from (select from public.notifications n
           where n.user_id = (select auth.uid()) and n.read_at is null
           limit least(greatest(coalesce(p_cap, 100), 1), 1000)) unread
$$;

revoke all on public.notifications from anon, authenticated;
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
alter table public.notifications enable row level security;
create policy "users read their notifications" on public.notifications for select to authenticated using (user_id = (select auth.uid()));
create policy "users mark their notifications read" on public.notifications for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

grant execute on function public.mark_notifications_read(bigint), public.unread_notification_count(integer) to authenticated;

-- Delivered live through Realtime (postgres_changes under RLS).
alter publication supabase_realtime add table public.notifications;
