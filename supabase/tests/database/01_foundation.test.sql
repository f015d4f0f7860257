-- The foundation migration, and the rules every later migration must keep (checked over the
-- whole database, so a new table or function that breaks them fails here).
begin;
select plan(12);

select ok(bool_and(exists (select 1 from pg_namespace where nspname = s)), 'the core and product schemas exist')
  from unnest(array['billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit']) s;

select ok(bool_and(has_schema_privilege(r, s, 'usage')), format('%s may use every exposed schema', r))
  from unnest(array['anon', 'authenticated', 'service_role']) r,
       unnest(array['billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge']) s
  group by r order by r;

select is(
  current_setting('pgrst.db_schemas'),
  'public, graphql_public, billing, tabletop, tarot, studio, gigs, lounge',
  'the advisors see the schemas the API exposes');

-- Rules for every table and function of ours
select is(
  array(select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and not c.relrowsecurity and c.relispartition = false
          and n.nspname in ('public', 'billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit')
          and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')),
  array[]::text[],
  'RLS is on for every table in our schemas');

select is(
  array(select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit')
          and (p.proacl is null or exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE'))),
  array[]::text[],
  'no function of ours is executable by PUBLIC: each is granted to the roles that need it');

select is(
  array(select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef and n.nspname in ('public', 'billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit')
          and not exists (select 1 from unnest(p.proconfig) c where c like 'search_path=%')),
  array[]::text[],
  'every security definer function pins its search_path');

-- private is never exposed
select ok(not ('private' = any(string_to_array(replace(current_setting('pgrst.db_schemas'), ' ', ''), ','))), 'private is not exposed through the API');
select ok(not ('audit' = any(string_to_array(replace(current_setting('pgrst.db_schemas'), ' ', ''), ','))), 'audit is not exposed through the API');

-- The shared updated_at trigger
select has_function('private', 'set_updated_at', 'private.set_updated_at() exists');
create table private.updated_at_probe (id int primary key, note text, updated_at timestamptz not null);
create trigger set_updated_at before update on private.updated_at_probe for each row execute function private.set_updated_at();
insert into private.updated_at_probe values (1, 'first', '2000-01-01');
update private.updated_at_probe set note = 'second' where id = 1;
select is((select updated_at from private.updated_at_probe), now(), 'an update stamps updated_at');

select * from finish();
rollback;
