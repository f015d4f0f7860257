-- Time partitioning of the append-only tables that grow with traffic (logs, analytics, events).
-- Native declarative range partitioning on each row's timestamp, driven by pg_cron (no pg_partman: it
-- would be one more extension for CI and `npm start`). A table registers itself here once
-- (private.register_partitioned_table, from the migration that creates it); every hour
-- private.maintain_partitions() then
--   1. moves any row that reached the table's default partition into a partition of its own period
--      (created for it), so a row outside the created range is kept, never lost nor refused;
--   2. creates the partitions of the next `premake` periods ahead of time;
--   3. drops whole partitions whose period ended before the table's retention: a DROP, never a DELETE.
-- Periods are UTC days or UTC months; partitions are named <table>_pYYYYMMDD or <table>_pYYYYMM, the
-- default partition <table>_default. docs/operations.md, "Partitioned tables", says what to watch.

create table private.partitioned_tables (
  table_schema text not null check (table_schema ~ '^[a-z][a-z0-9_]{0,62}$'),
  -- At most 50 characters, so that the partitions' names (table + '_pYYYYMMDD') fit in 63.
  table_name text not null check (table_name ~ '^[a-z][a-z0-9_]{0,49}$'),
  -- Who registered it: 'core', or the product whose migration added the row.
  product text not null default 'core' check (product ~ '^[a-z_]{2,30}$'),
  -- The timestamptz column the table is partitioned by (read from the catalog at registration).
  partition_key text not null,
  period text not null check (period in ('day', 'month')),
  -- How many periods after the current one exist ahead of time.
  premake integer not null check (premake between 1 and 400),
  -- The number setting (private.system_configuration) that holds the days a row is kept; 0 keeps
  -- every partition. Staff change it with public.set_config_value, like any setting.
  retention_setting text not null references private.system_configuration (config_key),
  created_at timestamptz not null default now(),
  primary key (table_schema, table_name)
);
comment on table private.partitioned_tables is 'Time-partitioned append-only tables: the period of their partitions, how many are made ahead, and the setting that holds their retention in days.';

-- Only the owner (migrations, pg_cron) reads or changes the registry; RLS with no policy keeps every
-- client out even if a grant slipped in.
revoke all on private.partitioned_tables from anon, authenticated;
revoke insert, update, delete, truncate on private.partitioned_tables from service_role;
alter table private.partitioned_tables enable row level security;

-- The start of the UTC period holding p_at.
create or replace function private.partition_period_start(p_period text, p_at timestamptz)
returns timestamptz
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.date_trunc(p_period, p_at at time zone 'UTC') at time zone 'UTC'
$$;

-- The start of the period p_count periods after the one starting at p_start.
create or replace function private.partition_period_shift(p_period text, p_start timestamptz, p_count integer)
returns timestamptz
language sql
immutable
set search_path = ''
as $$
  select (p_start at time zone 'UTC' + p_count * case p_period when 'day' then interval '1 day' else interval '1 month' end) at time zone 'UTC'
$$;

-- A partition: one period of one registered table, or its default partition (p_start null). Rows of
-- the period that are waiting in the default partition move into it in the same transaction. The
-- table is built beside the parent and attached (SHARE UPDATE EXCLUSIVE on the parent: reads and
-- inserts go on), then closed to everyone but its owner: clients and the server read and write
-- through the parent, whose grants, policies and statement triggers apply (a partition's own
-- privileges are not checked then). Returns the rows moved in, or null when it existed already.
create or replace function private.create_time_partition(p_table private.partitioned_tables, p_start timestamptz)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  part text := case when p_start is null then p_table.table_name || '_default'
                    else p_table.table_name || '_p' || pg_catalog.to_char(p_start at time zone 'UTC', case p_table.period when 'day' then 'YYYYMMDD' else 'YYYYMM' end) end;
  upper_bound timestamptz := private.partition_period_shift(p_table.period, p_start, 1);
  default_part regclass := pg_catalog.to_regclass(pg_catalog.format('%I.%I', p_table.table_schema, p_table.table_name || '_default'));
  moved bigint := 0;
begin
  if pg_catalog.to_regclass(pg_catalog.format('%I.%I', p_table.table_schema, part)) is not null then
    return null;
  end if;
  execute pg_catalog.format('create table %I.%I (like %I.%I including defaults including constraints)',
    p_table.table_schema, part, p_table.table_schema, p_table.table_name);
  if p_start is not null and default_part is not null then
    execute pg_catalog.format('with waiting as (delete from %s where %I >= $1 and %I < $2 returning *) insert into %I.%I select * from waiting',
      default_part, p_table.partition_key, p_table.partition_key, p_table.table_schema, part)
      using p_start, upper_bound;
    get diagnostics moved = row_count;
  end if;
  execute pg_catalog.format('alter table %I.%I attach partition %I.%I %s', p_table.table_schema, p_table.table_name, p_table.table_schema, part,
    case when p_start is null then 'default' else pg_catalog.format('for values from (%L) to (%L)', p_start, upper_bound) end);
  execute pg_catalog.format('revoke all on table %I.%I from public, anon, authenticated, service_role', p_table.table_schema, part);
  execute pg_catalog.format('alter table %I.%I enable row level security', p_table.table_schema, part);
  return moved;
end
$$;

-- The partitions of one registered table with their bounds (null for the default partition).
create or replace function private.time_partitions(p_table private.partitioned_tables)
returns table (partition_name text, lower_bound timestamptz, upper_bound timestamptz)
language sql
stable
set search_path = ''
as $$
  select c.relname::text,
         (pg_catalog.regexp_match(pg_catalog.pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)'))[1]::timestamptz,
         (pg_catalog.regexp_match(pg_catalog.pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz
    from pg_catalog.pg_inherits i
    join pg_catalog.pg_class c on c.oid = i.inhrelid
   where i.inhparent = pg_catalog.format('%I.%I', p_table.table_schema, p_table.table_name)::regclass
$$;

-- The maintenance run (pg_cron, every hour; safe to rerun): for each registered table (or only
-- p_table, 'schema.name'), as of p_now. One row per thing done: 'moved' (rows taken out of the
-- default partition into their period's new partition), 'created', 'dropped'. Fails as a whole, and
-- visibly in cron.job_run_details, rather than skip a table: the partitions made ahead cover many
-- runs. A lock it waits for more than 3 seconds fails the run instead of queueing the table's
-- inserts behind it (creating and dropping a partition take their locks only briefly).
create or replace function private.maintain_partitions(p_now timestamptz default now(), p_table text default null)
returns table (table_name text, action text, partition_name text, rows_moved bigint)
language plpgsql
set search_path = ''
set lock_timeout = '3s'
as $$
declare
  t private.partitioned_tables;
  default_part text;
  period_start timestamptz;
  moved bigint;
  keep_days integer;
  expired record;
begin
  -- One run at a time (pg_cron's and one by hand would race to create the same partition).
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('private.maintain_partitions'));
  for t in select * from private.partitioned_tables r
            where p_table is null or pg_catalog.format('%I.%I', r.table_schema, r.table_name) = p_table
            order by r.table_schema, r.table_name loop
    table_name := pg_catalog.format('%I.%I', t.table_schema, t.table_name);
    -- 1. Rows that came while their period had no partition (older or further ahead than those made).
    default_part := pg_catalog.format('%I.%I', t.table_schema, t.table_name || '_default');
    for period_start in execute pg_catalog.format(
        'select distinct private.partition_period_start(%L, %I) from %s order by 1', t.period, t.partition_key, default_part) loop
      moved := private.create_time_partition(t, period_start);
      action := 'moved'; partition_name := t.table_name || '_p' || pg_catalog.to_char(period_start at time zone 'UTC', case t.period when 'day' then 'YYYYMMDD' else 'YYYYMM' end);
      rows_moved := moved;
      return next;
    end loop;
    -- 2. The current period and the next `premake` ones.
    for i in 0 .. t.premake loop
      period_start := private.partition_period_shift(t.period, private.partition_period_start(t.period, p_now), i);
      moved := private.create_time_partition(t, period_start);
      if moved is not null then
        action := 'created'; partition_name := t.table_name || '_p' || pg_catalog.to_char(period_start at time zone 'UTC', case t.period when 'day' then 'YYYYMMDD' else 'YYYYMM' end);
        rows_moved := moved;
        return next;
      end if;
    end loop;
    -- 3. Whole partitions past retention (0 keeps them all).
    keep_days := coalesce(private.config_number(t.retention_setting), 0)::integer;
    if keep_days > 0 then
      for expired in select p.partition_name from private.time_partitions(t) p
                  where p.upper_bound <= p_now - pg_catalog.make_interval(days => keep_days) order by p.upper_bound loop
        execute pg_catalog.format('drop table %I.%I', t.table_schema, expired.partition_name);
        action := 'dropped'; partition_name := expired.partition_name; rows_moved := null;
        return next;
      end loop;
    end if;
  end loop;
end
$$;

-- Registers a table that is `partition by range (<timestamptz column>)` and has no partitions yet:
-- creates its default partition, records it, and makes its partitions at once (so they exist right
-- after `supabase db reset`). The core registers its own tables; a product registers its own
-- append-only table from its migration with a retention setting of its own, for example
--   insert into private.system_configuration (config_key, config_value, value_type, description, validation_rules)
--   values ('retention.acme_play_days', '180', 'number', 'Days play logs are kept; 0 keeps them', '{"min": 0, "max": 3650}');
--   select private.register_partitioned_table('acme.play_log', 'acme', 'day', 14, 'retention.acme_play_days');
create or replace function private.register_partitioned_table(p_table text, p_product text, p_period text, p_premake integer, p_retention_setting text)
returns setof text
language plpgsql
set search_path = ''
as $$
declare
  rel regclass := pg_catalog.to_regclass(p_table);
  registered private.partitioned_tables;
  key_column text;
begin
  if rel is null then
    raise exception 'no table %', p_table using errcode = '42P01';
  end if;
  select a.attname into key_column
    from pg_catalog.pg_partitioned_table pt
    join pg_catalog.pg_attribute a on a.attrelid = pt.partrelid and a.attnum = pt.partattrs[0]
   where pt.partrelid = rel and pt.partstrat = 'r' and pt.partnatts = 1 and a.atttypid = 'timestamptz'::regtype and a.attnotnull;
  if key_column is null then
    raise exception '% must be partitioned by range on one not-null timestamptz column', p_table using errcode = '22023';
  end if;
  if exists (select 1 from pg_catalog.pg_inherits where inhparent = rel) then
    raise exception '% has partitions already: register it right after creating it', p_table using errcode = '22023';
  end if;
  if private.config_number(p_retention_setting) is null then
    raise exception 'the retention setting % must be a number setting (days; 0 keeps every partition)', coalesce(p_retention_setting, 'null') using errcode = '22023';
  end if;
  insert into private.partitioned_tables (table_schema, table_name, product, partition_key, period, premake, retention_setting)
  select n.nspname, c.relname, p_product, key_column, p_period, p_premake, p_retention_setting
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where c.oid = rel
  returning * into registered;
  perform private.create_time_partition(registered, null);
  return query select m.action || ' ' || m.partition_name from private.maintain_partitions(pg_catalog.now(), pg_catalog.format('%I.%I', registered.table_schema, registered.table_name)) m;
end
$$;

-- What to watch (docs/operations.md): per registered table, how far ahead partitions exist, the rows
-- waiting in the default partition (0 unless partitions ran out or a row came from far outside the
-- window; the next run moves them), and the oldest period kept.
create or replace function private.partition_status()
returns table (table_name text, period text, partitions integer, covered_until timestamptz, oldest_kept timestamptz, default_rows bigint, retention_days integer)
language plpgsql
stable
set search_path = ''
as $$
declare
  t private.partitioned_tables;
begin
  for t in select * from private.partitioned_tables r order by r.table_schema, r.table_name loop
    table_name := pg_catalog.format('%I.%I', t.table_schema, t.table_name);
    period := t.period;
    select count(*) filter (where p.upper_bound is not null), max(p.upper_bound), min(p.lower_bound)
      into partitions, covered_until, oldest_kept from private.time_partitions(t) p;
    execute pg_catalog.format('select count(*) from %I.%I', t.table_schema, t.table_name || '_default') into default_rows;
    retention_days := coalesce(private.config_number(t.retention_setting), 0)::integer;
    return next;
  end loop;
end
$$;

revoke execute on function private.partition_period_start(text, timestamptz), private.partition_period_shift(text, timestamptz, integer),
  private.create_time_partition(private.partitioned_tables, timestamptz), private.time_partitions(private.partitioned_tables),
  private.maintain_partitions(timestamptz, text), private.register_partitioned_table(text, text, text, integer, text),
  private.partition_status() from service_role;

select cron.schedule('maintain-partitions', '7 * * * *', 'select count(*) from private.maintain_partitions()');
