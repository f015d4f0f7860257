-- The foundation migration, and the rules every later migration must keep (checked over the
-- whole database, so a new table or function that breaks them fails here).
begin;
select plan(15);

select ok(bool_and(exists (select 1 from pg_namespace where nspname = s)), 'the core and product schemas exist')
  from unnest(array['billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit']) s;

select ok(bool_and(has_schema_privilege(r, s, 'usage')), format('%s may use every exposed schema', r))
  from unnest(array['anon', 'authenticated', 'service_role']) r,
       unnest(array['billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge']) s
  group by r order by r;

-- The schemas the API exposes are `[api] schemas` of supabase/config.toml, which npm test passes in
-- (pg_prove --set api_schemas=...): the database does not know them (PostgREST's own setting is on
-- the authenticator role, which postgres does not see). Run without it, these checks are skipped.
\if :{?api_schemas}
\else
\set api_schemas ''
\endif
select case when :'api_schemas' = '' then skip('the exposed schemas come from supabase/config.toml: run through npm test', 3)
  else collect_tap(
    is(:'api_schemas'::text, 'public, graphql_public, billing, tabletop, tarot, studio, gigs, lounge'::text, 'the API exposes exactly these schemas'),
    ok(not ('private' = any(string_to_array(replace(:'api_schemas', ' ', ''), ','))), 'private is not exposed through the API'),
    ok(not ('audit' = any(string_to_array(replace(:'api_schemas', ' ', ''), ','))), 'audit is not exposed through the API'))
  end;

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
        where n.nspname in ('public', 'billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit')
          and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
          and (p.proacl is null or exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE'))),
  array[]::text[],
  'no function of ours, public''s included, is executable by PUBLIC: each is granted to the roles that need it');

select is(
  array(select format('%s in %s: %s', d.defaclrole::regrole, coalesce(d.defaclnamespace::regnamespace::text, 'every schema'), a.grantee::regrole)
          from pg_default_acl d, aclexplode(d.defaclacl) a
         where d.defaclrole = 'postgres'::regrole and d.defaclobjtype = 'f' and a.privilege_type = 'EXECUTE'
           and (a.grantee = 0 or a.grantee in ('anon'::regrole, 'authenticated'::regrole))
           and (d.defaclnamespace = 0 or d.defaclnamespace::regnamespace::text in ('public', 'billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit'))),
  array[]::text[],
  'a new function is executable by anon or authenticated only when its migration grants it (no default privileges, public included)');

-- A function a client can call that takes a user's id must establish the caller itself (auth.uid(),
-- the active-user or staff checks), directly or through the functions it calls: otherwise it acts for
-- whoever the client names.
select is(
  array(
    with recursive ours as (
      select p.oid, p.prosrc, n.nspname || '.' || p.proname || '(' as call from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit')
    ),
    reads_caller(oid, call) as (
      select o.oid, o.call from ours o
       where o.prosrc ~ '(auth\.uid\(\)|auth\.jwt\(\)|private\.require_active_user|private\.is_active_user|private\.has_permission|private\.require_staff_permission)'
      union
      select caller.oid, caller.call from ours caller, reads_caller r where strpos(caller.prosrc, r.call) > 0
    )
    select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('public', 'billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit')
       and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
       and exists (select 1 from unnest(p.proargnames) a where a ~ 'user')
       and p.oid not in (select oid from reads_caller)
     order by 1),
  array[]::text[],
  'no function anon or authenticated can call acts for a user id the client names');

-- The core names no product: no function, view, policy or trigger of the core's schemas reads a
-- product's schema. Products plug in through the core's registries; a product's own helpers in
-- private carry its name as a prefix.
select is(
  array(
    select format('function %s', p.oid::regprocedure) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('public', 'billing', 'audit', 'private')
       and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
       and p.prosrc ~* '\m(tabletop|tarot|studio|gigs|lounge)\.'
       and not (n.nspname = 'private' and p.proname ~ '^(tabletop|tarot|studio|gigs|lounge)_')
    union all
    select format('view %I.%I', schemaname, viewname) from pg_views
     where schemaname in ('public', 'billing', 'audit', 'private') and definition ~* '\m(tabletop|tarot|studio|gigs|lounge)\.'
    union all
    select format('policy %s on %I.%I', policyname, schemaname, tablename) from pg_policies
     where schemaname in ('public', 'billing', 'audit', 'private', 'storage', 'realtime')
       and concat(qual, ' ', with_check) ~* '\m(tabletop|tarot|studio|gigs|lounge)\.'
    union all
    select format('trigger %s on %s', t.tgname, t.tgrelid::regclass) from pg_trigger t
      join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_proc f on f.oid = t.tgfoid join pg_namespace fn on fn.oid = f.pronamespace
     where not t.tgisinternal and n.nspname in ('public', 'billing', 'audit', 'private')
       and (fn.nspname in ('tabletop', 'tarot', 'studio', 'gigs', 'lounge') or f.proname ~ '^(tabletop|tarot|studio|gigs|lounge)_')
    order by 1),
  array[]::text[],
  'no function, view, policy or trigger of the core names a product schema');

select is(
  array(select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef and n.nspname in ('public', 'billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit')
          and not exists (select 1 from unnest(p.proconfig) c where c like 'search_path=%')),
  array[]::text[],
  'every security definer function pins its search_path');


-- The shared updated_at trigger
select has_function('private', 'set_updated_at', 'private.set_updated_at() exists');
create table private.updated_at_probe (id int primary key, note text, updated_at timestamptz not null);
create trigger set_updated_at before update on private.updated_at_probe for each row execute function private.set_updated_at();
insert into private.updated_at_probe values (1, 'first', '2000-01-01');
update private.updated_at_probe set note = 'second' where id = 1;
select is((select updated_at from private.updated_at_probe), now(), 'an update stamps updated_at');

select * from finish();
rollback;
