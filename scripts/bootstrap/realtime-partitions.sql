-- The daily partitions of realtime.messages that the Realtime service keeps (yesterday to three
-- days ahead, owned by supabase_realtime_admin). The local stack runs this as supabase_admin at
-- every start, since no Realtime service does it here; a message outside them is refused, and
-- realtime.send turns that into a warning, as on the platform.
\set ON_ERROR_STOP on
set client_min_messages = warning;
do $$
declare
  day date;
  partition_name text;
begin
  for day in select generate_series(current_date - 1, current_date + 3, interval '1 day')::date loop
    partition_name := 'messages_' || to_char(day, 'YYYY_MM_DD');
    if to_regclass('realtime.' || partition_name) is null then
      execute format('create table realtime.%I partition of realtime.messages for values from (%L) to (%L)',
        partition_name, day, day + 1);
      execute format('alter table realtime.%I owner to supabase_realtime_admin', partition_name);
    end if;
  end loop;
end
$$;
