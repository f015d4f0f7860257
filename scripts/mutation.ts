// npm run test:mutation — does a test fail when an access rule is broken? On one throwaway cluster
// with every migration, each mutant is applied alone, the pgTAP files run, the mutant is undone
// and the catalog checked to be as it was. Mutants:
//   policy-using / policy-check  a policy of ours opened (USING or WITH CHECK made `true`)
//   guard                        a condition that leads to a `raise` in a client-callable security
//                                definer function made false
//   column-grant                 a column grant to anon or authenticated widened to the whole table
//   function-grant               a function of an exposed schema that clients may not call granted
//                                to authenticated
// A mutant is killed when a pgTAP file fails. Files that name the mutated object run first; when
// none of them fails, the rest run too. Equivalent mutants (that cannot change behaviour) are listed
// with the reason in supabase/tests/mutation-equivalents.txt and not counted.
//
//   npm run test:mutation                          every mutant
//   npm run test:mutation -- --sample 30 --seed X  a random sample (CI: seeded by the commit)
//   npm run test:mutation -- --only guard          one kind; --match <text> mutants whose id contains it
//   npm run test:mutation -- --quick               only the files naming the mutated object run
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import postgres from "postgres";
import { ensurePackages, freePort, LocalCluster, resetDatabase } from "./lib/cluster.ts";
import { repoRoot, run } from "./lib/process.ts";

const ourSchemas = ["public", "billing", "tabletop", "tarot", "studio", "gigs", "lounge", "private", "audit"];
const exposedSchemas = ["public", "billing", "tabletop", "tarot", "studio", "gigs", "lounge"];
const testsDir = resolve(repoRoot, "supabase/tests/database");
const equivalentsFile = resolve(repoRoot, "supabase/tests/mutation-equivalents.txt");

interface Mutant {
  id: string;
  /** The object's name as tests would spell it: files naming it run first. */
  name: string;
  apply: string;
  undo: string;
}

function argument(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const quoteIdent = (value: string) => `"${value.replaceAll('"', '""')}"`;

async function policyMutants(sql: postgres.Sql): Promise<Mutant[]> {
  const rows = await sql<{ schemaname: string; tablename: string; policyname: string; qual: string | null; with_check: string | null }[]>`
    select schemaname, tablename, policyname, qual, with_check from pg_policies
     where (schemaname = any(${ourSchemas}) or (schemaname in ('storage', 'realtime')))
       and roles && array['anon', 'authenticated', 'public']::name[]
     order by 1, 2, 3`;
  const mutants: Mutant[] = [];
  for (const p of rows) {
    const target = `${quoteIdent(p.policyname)} on ${quoteIdent(p.schemaname)}.${quoteIdent(p.tablename)}`;
    if (p.qual !== null && p.qual !== "true") {
      mutants.push({ id: `policy-using ${p.schemaname}.${p.tablename} "${p.policyname}"`, name: p.tablename,
        apply: `alter policy ${target} using (true)`, undo: `alter policy ${target} using (${p.qual})` });
    }
    if (p.with_check !== null && p.with_check !== "true") {
      mutants.push({ id: `policy-check ${p.schemaname}.${p.tablename} "${p.policyname}"`, name: p.tablename,
        apply: `alter policy ${target} with check (true)`, undo: `alter policy ${target} with check (${p.with_check})` });
    }
  }
  return mutants;
}

// `if <condition> then raise` and `elsif <condition> then raise`: the condition made false.
const guardPattern = /\b(if|elsif)\s+([\s\S]+?)\s+then\s+raise\b/gi;

async function guardMutants(sql: postgres.Sql): Promise<Mutant[]> {
  const rows = await sql<{ signature: string; name: string; definition: string }[]>`
    select p.oid::regprocedure::text as signature, p.proname as name, pg_get_functiondef(p.oid) as definition
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = any(${exposedSchemas}) and p.prosecdef and p.prokind = 'f'
       and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
       and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
     order by 1`;
  const mutants: Mutant[] = [];
  for (const f of rows) {
    let index = 0;
    for (const match of f.definition.matchAll(guardPattern)) {
      index++;
      // A condition that runs over a `loop`/`then` of its own is not one guard: skip what the
      // lazy match may have swallowed.
      if (/\b(then|loop|end if)\b/i.test(match[2])) continue;
      const start = match.index + match[0].indexOf(match[2], match[1].length);
      const mutated = f.definition.slice(0, start) + "false" + f.definition.slice(start + match[2].length);
      mutants.push({ id: `guard ${f.signature}#${index} (${match[2].replace(/\s+/g, " ").slice(0, 80)})`, name: f.name, apply: mutated, undo: f.definition });
    }
  }
  return mutants;
}

async function columnGrantMutants(sql: postgres.Sql): Promise<Mutant[]> {
  const rows = await sql<{ table_schema: string; table_name: string; grantee: string; privilege_type: string; columns: string[] }[]>`
    select c.table_schema, c.table_name, c.grantee, c.privilege_type, array_agg(c.column_name::text order by c.column_name) as columns
      from information_schema.column_privileges c
     where c.table_schema = any(${ourSchemas}) and c.grantee in ('anon', 'authenticated') and c.privilege_type in ('INSERT', 'UPDATE')
       and not has_table_privilege(c.grantee, format('%I.%I', c.table_schema, c.table_name), c.privilege_type)
     group by 1, 2, 3, 4 order by 1, 2, 3, 4`;
  return rows.map((g) => {
    const table = `${quoteIdent(g.table_schema)}.${quoteIdent(g.table_name)}`;
    const columns = g.columns.map(quoteIdent).join(", ");
    return {
      id: `column-grant ${g.privilege_type.toLowerCase()} on ${g.table_schema}.${g.table_name} to ${g.grantee}`, name: g.table_name,
      apply: `grant ${g.privilege_type} on ${table} to ${g.grantee}`,
      undo: `revoke ${g.privilege_type} on ${table} from ${g.grantee}; grant ${g.privilege_type} (${columns}) on ${table} to ${g.grantee}`,
    };
  });
}

async function functionGrantMutants(sql: postgres.Sql): Promise<Mutant[]> {
  const rows = await sql<{ signature: string; name: string }[]>`
    select p.oid::regprocedure::text as signature, p.proname as name
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = any(${exposedSchemas}) and p.prokind = 'f' and p.prorettype <> 'trigger'::regtype
       and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
       and not has_function_privilege('authenticated', p.oid, 'execute')
     order by 1`;
  return rows.map((f) => ({
    id: `function-grant ${f.signature} to authenticated`, name: f.name,
    apply: `grant execute on function ${f.signature} to authenticated`,
    undo: `revoke execute on function ${f.signature} from authenticated`,
  }));
}

/** What the mutants change, hashed: it must be the same after every undo. */
async function fingerprint(sql: postgres.Sql): Promise<string> {
  return createHash("sha256").update(await catalogState(sql)).digest("hex");
}

async function catalogState(sql: postgres.Sql): Promise<string> {
  const [row] = await sql<{ state: string }[]>`
    select concat_ws(E'\n',
      (select string_agg(line, E'\n' order by line)
         from (select concat_ws('|', schemaname, tablename, policyname, qual, with_check) as line from pg_policies) p),
      (select string_agg(pg_get_functiondef(p.oid)
                         || (select string_agg(a::text, ',' order by a::text) from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a),
                         E'\n' order by p.oid)
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = any(${exposedSchemas}) and p.prokind = 'f'),
      (select string_agg(line, E'\n' order by line)
         from (select concat_ws('|', table_schema, table_name, column_name, grantee, privilege_type) as line
                 from information_schema.column_privileges where table_schema = any(${ourSchemas})) c)) as state`;
  return row.state;
}

function testFiles(): { name: string; text: string }[] {
  return readdirSync(testsDir).filter((f) => f.endsWith(".sql") && !f.startsWith("000_")).sort()
    .map((name) => ({ name, text: readFileSync(resolve(testsDir, name), "utf8") }));
}

/** Runs one pgTAP file; true when it fails (a `not ok`, an error, or fewer tests than planned). */
function fileFails(url: string, file: string): boolean {
  const result = run("psql", [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", resolve(testsDir, file)], { allowFailure: true });
  const output = result.stdout + result.stderr;
  return result.status !== 0 || /^\s*not ok /m.test(output) || /# Looks like you/.test(output);
}

function seededRandom(seed: string): () => number {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function equivalents(): Map<string, string> {
  const listed = new Map<string, string>();
  for (const line of readFileSync(equivalentsFile, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [id, reason] = line.split("\t");
    listed.set(id.trim(), (reason ?? "").trim());
  }
  return listed;
}

async function main(): Promise<number> {
  const started = Date.now();
  ensurePackages();
  const cluster = new LocalCluster({ name: `mutation-${process.pid}`, port: await freePort(54360 + (process.pid % 200)), throwaway: true });
  // Interrupted, the cluster goes too.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      cluster.destroy();
      process.exit(130);
    });
  }
  try {
    cluster.init();
    cluster.start();
    cluster.bootstrap();
    resetDatabase(cluster.url);
    run("psql", [cluster.url, "-q", "-X", "-v", "ON_ERROR_STOP=1", "-c", "create extension if not exists pgtap with schema extensions"]);
    run("psql", [cluster.url, "-q", "-X", "-v", "ON_ERROR_STOP=1", "-f", resolve(testsDir, "000_test_helpers.test.sql")]);

    // Mutants are applied by the platform's superuser: some policies are on tables postgres does not own.
    const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
    let mutants = [
      ...(await policyMutants(admin)), ...(await guardMutants(admin)),
      ...(await columnGrantMutants(admin)), ...(await functionGrantMutants(admin)),
    ];
    const only = argument("--only");
    const match = argument("--match");
    if (only) mutants = mutants.filter((m) => m.id.startsWith(only));
    if (match) mutants = mutants.filter((m) => m.id.includes(match));
    const listed = equivalents();
    const equivalent = mutants.filter((m) => listed.has(m.id));
    mutants = mutants.filter((m) => !listed.has(m.id));
    const sample = Number(argument("--sample") ?? 0);
    if (sample > 0) {
      const random = seededRandom(argument("--seed") ?? "mutation");
      mutants = mutants.map((m) => ({ m, key: random() })).sort((a, b) => a.key - b.key).slice(0, sample).map(({ m }) => m);
    }

    const files = testFiles();
    const baselineState = await catalogState(admin);
    const baseline = createHash("sha256").update(baselineState).digest("hex");
    const survivors: string[] = [];
    for (const [index, mutant] of mutants.entries()) {
      const word = new RegExp(`\\b${mutant.name}\\b`);
      const naming = files.filter((f) => word.test(f.text));
      // --quick: only the files that name the object (a first pass that may count too many survivors).
      const ordered = process.argv.includes("--quick") ? naming : [...naming, ...files.filter((f) => !naming.includes(f))];
      await admin.unsafe(mutant.apply);
      let killedBy: string | undefined;
      try {
        killedBy = ordered.find((f) => fileFails(cluster.url, f.name))?.name;
      } finally {
        await admin.unsafe(mutant.undo);
      }
      if ((await fingerprint(admin)) !== baseline) {
        const now = (await catalogState(admin)).split("\n");
        const before = new Set(baselineState.split("\n"));
        const after = new Set(now);
        const changed = [...now.filter((l) => !before.has(l)), ...[...before].filter((l) => !after.has(l))];
        throw new Error(`undoing ${mutant.id} did not restore the database:\n${changed.slice(0, 6).join("\n").slice(0, 2000)}`);
      }
      if (!killedBy) survivors.push(mutant.id);
      console.log(`${killedBy ? "killed  " : "SURVIVED"} ${index + 1}/${mutants.length} ${mutant.id}${killedBy ? ` (${killedBy})` : ""}`);
    }
    await admin.end();

    console.log(`\n${equivalent.length} equivalent mutants listed in supabase/tests/mutation-equivalents.txt`);
    if (survivors.length) console.log(`Survivors:\n${survivors.map((s) => `  ${s}`).join("\n")}`);
    console.log(`mutants: ${mutants.length}, killed: ${mutants.length - survivors.length}, survived: ${survivors.length} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    console.log(`mutation: ${mutants.length - survivors.length} passed, ${survivors.length} failed`);
    return survivors.length === 0 ? 0 : 1;
  } finally {
    cluster.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
