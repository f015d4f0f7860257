-- Size bounds and update policies, checked over the whole catalog (so a new table, column or policy
-- that breaks the rules fails here), then the attacks of issue 14 item 7 as a signed-in user tries
-- them.
--
-- Rule 1, bounds. A column is client-written when anon or authenticated may INSERT or UPDATE it
-- (table or column privilege) in one of our schemas. Every client-written text-like (text, varchar,
-- char, citext), json/jsonb, bytea or array column is bounded by one of:
--   - a CHECK that applies char_length, length, octet_length or pg_column_size to an expression of
--     the column and compares the result with `<=`/`<` a number (jsonb/json/bytea need one of these:
--     jsonb_array_length alone bounds no bytes);
--   - for text: a CHECK `col = ANY (ARRAY[...])` (an enumeration) or `col ~ '^...$'` with an anchored
--     pattern without `*`, `+`, `{n,}` or `|` (so its length is bounded); a foreign key; varchar(n);
--   - for arrays: a CHECK with cardinality(col) or array_length(col, ...) `<=`/`<` a number, and for
--     arrays of text also one of the length functions above over an expression of the column (the
--     total length: each element could be long otherwise) or a `col <@ ARRAY[...]` enumeration;
--   - a domain carries the same kind of CHECK on VALUE; an enum type bounds a value by itself.
-- Pragmatic limits: the CHECK text is read as pg_get_constraintdef prints it; a bound ORed with
-- something else that is not a bound would pass.
--
-- Rule 2, update policies are at least as strict as insert policies. For a table of our schemas with
-- a permissive INSERT policy and a permissive UPDATE policy that apply to the same client role, each
-- such UPDATE policy
--   a. has a WITH CHECK, and it is not `true` (without one, USING is applied to the new row: a rule
--      about who may touch a row, not about what the row may become);
--   b. where an INSERT policy pins an owner column (`col = (SELECT auth.uid() ...)` as a top-level
--      conjunct), mentions that same `col = (SELECT auth.uid() ...)` in its WITH CHECK (possibly in
--      an OR with a GM's or admin's path: then the owner is pinned for everybody else);
--   c. carries, as top-level conjuncts of its WITH CHECK, every top-level conjunct of the INSERT
--      policy that reads a column the role may UPDATE (a rule checked when a row is written must hold
--      whatever column is changed afterwards). Conjuncts that read no updatable column are not asked
--      for: they test the caller (which the USING clauses test too) or values the row keeps from its insert.
-- With several permissive INSERT policies (ORed), one of them satisfying b and c is enough. Conjuncts
-- are compared as pg_policies prints them; storage and realtime policies are tested in their areas.
begin;
select plan(19);

-- Splits a boolean expression as pg_get_expr prints it into its top-level AND conjuncts (nested
-- ANDs flattened), each without its outer parentheses.
create function tests.conjuncts(expr text)
returns setof text
language plpgsql immutable
as $$
declare
  e text := btrim(expr);
  depth int;
  quoted boolean;
  i int;
  start int;
  parts text[] := '{}';
  ch text;
  part text;
begin
  if e is null or e = '' then return; end if;
  -- Strip parentheses that enclose the whole expression.
  loop
    exit when left(e, 1) <> '(' or right(e, 1) <> ')';
    depth := 0; quoted := false; i := 1;
    while i <= length(e) loop
      ch := substr(e, i, 1);
      if ch = '''' then quoted := not quoted;
      elsif not quoted and ch = '(' then depth := depth + 1;
      elsif not quoted and ch = ')' then depth := depth - 1;
        exit when depth = 0;
      end if;
      i := i + 1;
    end loop;
    exit when i < length(e);
    e := btrim(substr(e, 2, length(e) - 2));
  end loop;
  depth := 0; quoted := false; start := 1; i := 1;
  while i <= length(e) loop
    ch := substr(e, i, 1);
    if ch = '''' then quoted := not quoted;
    elsif not quoted and ch = '(' then depth := depth + 1;
    elsif not quoted and ch = ')' then depth := depth - 1;
    elsif not quoted and depth = 0 and substr(e, i, 5) = ' AND ' then
      parts := parts || btrim(substr(e, start, i - start));
      i := i + 4;
      start := i + 1;
    end if;
    i := i + 1;
  end loop;
  parts := parts || btrim(substr(e, start));
  if cardinality(parts) = 1 then
    return next parts[1];
    return;
  end if;
  foreach part in array parts loop
    return query select tests.conjuncts(part);
  end loop;
end
$$;

-- Whether the text mentions the column as a name of its own (not `other_table.col`, not `xcol`).
create function tests.mentions(expr text, col text)
returns boolean
language sql immutable
as $$ select expr ~ ('(?<![.\w"])"?' || regexp_replace(col, '([^\w])', '\\\1', 'g') || '"?(?![\w"])') $$;

-- The calls of one of the functions in a CHECK's text whose argument mentions the column and whose
-- result is compared with `<=`/`<` a number: true when there is one.
create function tests.bounded_call(def text, col text, funcs text[])
returns boolean
language plpgsql immutable
as $$
declare
  pos int;
  i int;
  depth int;
  quoted boolean;
  ch text;
  rest text;
  m text[];
begin
  pos := 1;
  loop
    rest := substr(def, pos);
    m := regexp_match(rest, '^(.*?)(?<![.\w])(' || array_to_string(funcs, '|') || ')\(');
    exit when m is null;
    i := pos + length(m[1]) + length(m[2]);  -- the opening parenthesis
    depth := 0; quoted := false;
    pos := i;
    while pos <= length(def) loop
      ch := substr(def, pos, 1);
      if ch = '''' then quoted := not quoted;
      elsif not quoted and ch = '(' then depth := depth + 1;
      elsif not quoted and ch = ')' then depth := depth - 1;
        exit when depth = 0;
      end if;
      pos := pos + 1;
    end loop;
    if tests.mentions(substr(def, i + 1, pos - i - 1), col)
       and substr(def, pos + 1) ~ '^\s*<=?\s*\(?\d' then
      return true;
    end if;
    pos := i + 1;
  end loop;
  return false;
end
$$;

-- Whether an anchored regular expression bounds the length of what it matches.
create function tests.bounded_pattern(pattern text)
returns boolean
language sql immutable
as $fn$
  select pattern ~ '^\^' and pattern ~ '[^\\]\$$'
     and pattern !~ '[*+|]' and pattern !~ '\{\d+,\}'
$fn$;

-- Rule 1: the client-written columns of the given schemas that nothing bounds.
create function tests.unbounded_client_columns(schemas text[])
returns setof text
language sql stable
as $$
  with cols as (
    select c.oid as rel, a.attnum, a.attname::text as col, format('%I.%I.%I', n.nspname, c.relname, a.attname) as name,
           coalesce(nullif(t.typbasetype, 0), t.oid) as base, a.atttypmod as typmod,
           case when t.typtype = 'd' then t.oid end as domain
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      join pg_type t on t.oid = a.atttypid
     where c.relkind in ('r', 'p') and n.nspname = any(schemas)
       and exists (select 1 from unnest(array['anon', 'authenticated']) r, unnest(array['INSERT', 'UPDATE']) p
                    where has_column_privilege(r, c.oid, a.attnum, p))
  ), typed as (
    select cols.*, bt.typcategory = 'A' as is_array,
           coalesce(nullif(bt.typelem, 0), bt.oid) as elem
      from cols join pg_type bt on bt.oid = cols.base
  ), kinded as (
    select typed.*, et.typtype = 'e' as elem_enum,
           (et.typcategory = 'S' or et.oid in ('json'::regtype, 'jsonb'::regtype, 'bytea'::regtype, 'xml'::regtype)) as elem_texty,
           et.oid in ('json'::regtype, 'jsonb'::regtype, 'bytea'::regtype, 'xml'::regtype) as elem_bytes,
           et.oid in ('varchar'::regtype, 'bpchar'::regtype) as elem_sized
      from typed join pg_type et on et.oid = typed.elem
     where typed.is_array or et.typcategory = 'S' or et.oid in ('json'::regtype, 'jsonb'::regtype, 'bytea'::regtype, 'xml'::regtype)
  ), checks as (
    -- Each column with the text of the CHECKs that may bound it, and the name it has in them.
    select k.*, pg_get_constraintdef(co.oid) as def, k.col as ref
      from kinded k join pg_constraint co on co.conrelid = k.rel and co.contype = 'c' and k.attnum = any(co.conkey)
    union all
    select k.*, pg_get_constraintdef(co.oid), 'VALUE'
      from kinded k join pg_constraint co on co.contypid = k.domain and co.contype = 'c'
  ), verdict as (
    select k.name,
      exists (select 1 from pg_constraint f where f.conrelid = k.rel and f.contype = 'f' and k.attnum = any(f.conkey)) as fk,
      (not k.is_array and (k.elem_enum or (k.elem_sized and k.typmod > 0))) as by_type,
      -- A length bound on the value (or, for an array, on an expression of it such as array_to_string).
      exists (select 1 from checks ch where ch.name = k.name
               and tests.bounded_call(ch.def, ch.ref, array['char_length', 'length', 'octet_length', 'pg_column_size'])) as by_length,
      exists (select 1 from checks ch where ch.name = k.name and not k.is_array and not k.elem_bytes
               and (ch.def ~ ('(?<![.\w])' || ch.ref || ' = ANY \(ARRAY\[')
                    or exists (select 1 from regexp_matches(ch.def, '(?<![.\w])' || ch.ref || ' ~ ''((?:[^'']|'''')*)''::text', 'g') p
                                where tests.bounded_pattern(replace(p[1], '''''', ''''))))) as by_values,
      exists (select 1 from checks ch where ch.name = k.name and k.is_array
               and ch.def ~ ('(?<![.\w])' || ch.ref || ' <@ ARRAY\[')) as by_element_values,
      exists (select 1 from checks ch where ch.name = k.name and k.is_array
               and tests.bounded_call(ch.def, ch.ref, array['cardinality', 'array_length'])) as by_count,
      k.is_array, k.elem_texty, k.elem_enum, k.elem_sized, k.typmod
      from kinded k
  )
  select name from verdict
   where not fk and not by_type
     and not case when is_array then by_count and (not elem_texty or by_length or by_element_values or (elem_sized and typmod > 0))
                  else by_length or by_values end
   order by name
$$;

-- Rule 2: the UPDATE policies of the given schemas that are looser than the table's INSERT policy.
create function tests.loose_update_policies(schemas text[])
returns setof text
language sql stable
as $$
  with pol as (
    select p.schemaname, p.tablename, p.policyname, p.cmd, p.roles, p.with_check,
           format('%I.%I', p.schemaname, p.tablename)::regclass as rel
      from pg_policies p
     where p.schemaname = any(schemas) and p.permissive = 'PERMISSIVE' and p.cmd in ('INSERT', 'UPDATE', 'ALL')
  ), pairs as (
    select u.*, r as role, i.policyname as ins_name, i.with_check as ins_check
      from pol u
      cross join unnest(array['anon', 'authenticated']) r
      join pol i on i.rel = u.rel and i.cmd in ('INSERT', 'ALL')
     where u.cmd in ('UPDATE', 'ALL')
       and (r = any(u.roles) or 'public' = any(u.roles)) and (r = any(i.roles) or 'public' = any(i.roles))
  ), judged as (
    select pairs.*,
      -- b. owner pins of the insert that the update does not repeat
      (select string_agg(c, '; ') from tests.conjuncts(ins_check) c
        where c ~ '^\w+ = \( SELECT auth\.uid\(\) AS uid\)$' and strpos(coalesce(with_check, ''), c) = 0) as lost_pins,
      -- c. insert conjuncts over updatable columns that the update's WITH CHECK does not carry
      (select string_agg(c, '; ') from tests.conjuncts(ins_check) c
        where exists (select 1 from pg_attribute a
                       where a.attrelid = rel and a.attnum > 0 and not a.attisdropped
                         and has_column_privilege(role, rel, a.attnum, 'UPDATE') and tests.mentions(c, a.attname))
          and c not in (select tests.conjuncts(with_check))) as lost_rules
      from pairs
  )
  select format('%I.%I: UPDATE policy "%s" for %s: %s', schemaname, tablename, policyname, role,
                case when with_check is null or with_check = 'true' then 'no WITH CHECK'
                     else 'WITH CHECK lacks ' || concat_ws('; ', lost_pins, lost_rules) end)
    from judged j
   where with_check is null or with_check = 'true'
      or not exists (select 1 from judged k where k.rel = j.rel and k.policyname = j.policyname and k.role = j.role
                       and k.lost_pins is null and k.lost_rules is null)
   group by 1
   order by 1
$$;

-- The rules over the whole catalog ---------------------------------------------------------------------------------
select is(
  array(select tests.unbounded_client_columns(array['public', 'billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit'])),
  array[]::text[],
  'every client-written text, jsonb and array column has a size bound');

select is(
  array(select tests.loose_update_policies(array['public', 'billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit'])),
  array[]::text[],
  'every UPDATE policy has a WITH CHECK at least as strict as the INSERT policy for the same role');

-- The rules can fail: probe tables that break them are found, and only what breaks them ---------------------------
create table tests.bounds_probe_ref (code text primary key);
create table tests.bounds_probe (
  id integer primary key,
  free text,
  short text check (char_length(short) <= 10),
  only_min text check (char_length(only_min) >= 1),
  other_col text check (char_length(short) <= 10 and other_col is not null),
  code text check (code ~ '^[a-z]{1,5}$'),
  open_code text check (open_code ~ '^[a-z]+$'),
  unanchored text check (unanchored ~ '^[a-z]{1,5}'),
  kind text check (kind in ('a', 'b')),
  sized varchar(10),
  unsized varchar,
  ref text references tests.bounds_probe_ref (code),
  doc jsonb check (jsonb_typeof(doc) = 'object'),
  doc_small jsonb check (octet_length(doc_small::text) <= 100 and jsonb_typeof(doc) = 'object'),
  items jsonb check (jsonb_array_length(items) <= 3),
  ids uuid[] check (cardinality(ids) <= 3),
  all_ids uuid[],
  words text[] check (cardinality(words) <= 3),
  words_ok text[] check (cardinality(words_ok) <= 3 and octet_length(array_to_string(words_ok, '')) <= 30),
  server_only text
);
grant insert (id, free, short, only_min, other_col, code, open_code, unanchored, kind, sized, unsized, ref, doc, doc_small, items,
               ids, all_ids, words) on tests.bounds_probe to authenticated;
grant update (words_ok) on tests.bounds_probe to anon;
select is(
  array(select tests.unbounded_client_columns(array['tests'])),
  array['tests.bounds_probe.all_ids', 'tests.bounds_probe.doc', 'tests.bounds_probe.free', 'tests.bounds_probe.items',
        'tests.bounds_probe.only_min', 'tests.bounds_probe.open_code', 'tests.bounds_probe.other_col',
        'tests.bounds_probe.unanchored', 'tests.bounds_probe.unsized', 'tests.bounds_probe.words'],
  'the bound check finds unbounded client-written columns (and only those)');

create table tests.policy_probe (id integer primary key, owner_id uuid, group_id uuid, note text);
alter table tests.policy_probe enable row level security;
grant insert, select on tests.policy_probe to authenticated;
grant update (group_id, note) on tests.policy_probe to authenticated;
create policy ins on tests.policy_probe for insert to authenticated
  with check (owner_id = (select auth.uid()) and group_id is not null and (select private.is_active_user()));
create policy no_check on tests.policy_probe for update to authenticated using (owner_id = (select auth.uid()));
create policy check_true on tests.policy_probe for update to authenticated using (owner_id = (select auth.uid())) with check (true);
create policy lost_rule on tests.policy_probe for update to authenticated using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));
create policy as_strict on tests.policy_probe for update to authenticated using (owner_id = (select auth.uid()))
  with check (owner_id = (select auth.uid()) and group_id is not null);
create table tests.pin_probe (id integer primary key, owner_id uuid, note text);
alter table tests.pin_probe enable row level security;
grant insert, update (note) on tests.pin_probe to authenticated;
create policy ins on tests.pin_probe for insert to authenticated with check (owner_id = (select auth.uid()));
create policy lost_pin on tests.pin_probe for update to authenticated using (true) with check (note is not null);
create policy pinned on tests.pin_probe for update to authenticated using (true) with check (owner_id = (select auth.uid()) or note = 'staff');
select is(
  array(select substring(x from '^\S+ UPDATE policy "([^"]+)"') from tests.loose_update_policies(array['tests']) x),
  array['lost_pin', 'check_true', 'lost_rule', 'no_check'],
  'the policy check finds UPDATE policies looser than the INSERT policy (and only those)');

-- Item 7: a signed-in user tries 1 MB values; the rightful writes of ordinary sizes go through ------------------------
select tests.create_user('big@example.com', '{"display_name": "Big"}') as big \gset
select tests.create_user('friend@example.com', '{"display_name": "Friend"}') as friend \gset
select tests.authenticate_as(:'friend');
insert into studio.javari_projects (user_id, name) values (auth.uid(), 'Friend''s') returning id as friends_project \gset
select tests.authenticate_as(:'big');
select public.create_conversation('group', array[:'friend']::uuid[], 'Sizes') as conv \gset
select throws_ok(format($$insert into public.messages (conversation_id, content, type, roll_data) values (%L, 'roll', 'roll', jsonb_build_object('x', repeat('a', 1048576)))$$, :'conv'),
  '23514', null, 'a 1 MB roll is refused (pushed to every participant)');
select throws_ok(format($$insert into public.messages (conversation_id, content, attachments) values (%L, 'file', jsonb_build_array(jsonb_build_object('path', repeat('a', 1048576))))$$, :'conv'),
  '23514', null, '... and 1 MB of attachments');
select (public.create_group('Size Table', 'size-table')).id as grp \gset
insert into tabletop.campaigns (group_id, name) values (:'grp', 'Sizes') returning id as campaign \gset
select throws_ok(format($$insert into tabletop.characters (campaign_id, owner_id, name, game_data) values (%L, auth.uid(), 'Huge', jsonb_build_object('x', repeat('a', 1048576)))$$, :'campaign'),
  '23514', null, 'character game data is bounded');
select lives_ok(format($$insert into tabletop.characters (campaign_id, owner_id, name, game_data) values (%L, auth.uid(), 'Ayla', jsonb_build_object('notes', repeat('a', 30000)))$$, :'campaign'),
  '... an ordinary sheet is not');
select throws_ok(format($$insert into tabletop.journals (campaign_id, title, content) values (%L, 'Huge', repeat('x', 1048576))$$, :'campaign'),
  '23514', null, 'journal content is bounded');
select throws_ok($$insert into studio.javari_projects (user_id, name, metadata) values (auth.uid(), 'Huge', jsonb_build_object('x', repeat('a', 1048576)))$$,
  '23514', null, 'project metadata is bounded');
select throws_ok($$insert into studio.javari_projects (user_id, name, description) values (auth.uid(), 'Huge', repeat('x', 1048576))$$,
  '23514', null, '... and its description');
insert into tabletop.gm_profiles (user_id, headline) values (auth.uid(), 'Sizes') returning id as gm_profile \gset
select throws_ok($$update tabletop.gm_profiles set bio = repeat('x', 1048576) where user_id = auth.uid()$$, '23514', null, 'a GM''s bio is bounded');
select throws_ok(format($$insert into tabletop.game_listings (gm_id, title, description, game_system, listing_type, session_length_minutes) values (%L, 'Huge', repeat('x', 1048576), 'D&D 5e', 'one_shot', 180)$$, :'gm_profile'),
  '23514', null, 'a listing''s description is bounded');
select throws_ok(format($$insert into tabletop.game_listings (gm_id, title, description, game_system, listing_type, session_length_minutes, tags) values (%L, 'Tags', 'ok', 'D&D 5e', 'one_shot', 180, array(select 'tag' || i from generate_series(1, 1000) i))$$, :'gm_profile'),
  '23514', null, '... and its tags');
select throws_ok($$insert into public.user_content_preferences (user_id, hidden_tags) values (auth.uid(), array(select repeat('x', 1000) || i from generate_series(1, 1000) i))$$,
  '23514', null, 'content preferences are bounded');
select lives_ok($$insert into public.user_content_preferences (user_id, hidden_tags) values (auth.uid(), array['gore', 'spiders'])$$, '... ordinary ones are kept');

-- Update policies as strict as insert: a conversation moves into the mover's own projects only ----------------------
insert into studio.javari_conversations (user_id, provider, model) values (auth.uid(), 'openai', 'gpt') returning id as chat \gset
insert into studio.javari_projects (user_id, name) values (auth.uid(), 'Mine') returning id as my_project \gset
select throws_ok(format($$update studio.javari_conversations set project_id = %L where id = %L$$, :'friends_project', :'chat'), '42501', null,
  'a conversation is not moved into someone else''s project');
select lives_ok(format($$update studio.javari_conversations set project_id = %L where id = %L$$, :'my_project', :'chat'), '... but into the owner''s own');
select is((select project_id from studio.javari_conversations where id = :'chat'), :'my_project'::uuid, '... where it now is');

select * from finish();
rollback;
