// ER diagrams of our schemas, read from the catalog of a migrated database: one Mermaid diagram per
// schema (tables, their key columns, foreign keys, the policies that guard each table) and an
// overview of how the schemas reference each other. Deterministic, so a committed copy can be
// compared with what the migrations produce.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot, run } from "./process.ts";
import { ownSchemas } from "./project.ts";

interface Column {
  name: string;
  type: string;
  keys: string[];
  nullable: boolean;
}

interface Table {
  schema: string;
  name: string;
  rls: boolean;
  columns: Column[];
  policies: { name: string; command: string; roles: string[] }[];
}

interface ForeignKey {
  from_schema: string;
  from_table: string;
  from_columns: string[];
  to_schema: string;
  to_table: string;
  nullable: boolean;
  unique: boolean;
}

interface Catalog {
  tables: Table[];
  foreign_keys: ForeignKey[];
}

// Key columns only (primary, unique, foreign): the whole column list is what the generated types
// and the migrations already give; a diagram is for seeing how tables hang together.
const catalogQuery = (schemas: string[]) => `
with tables as (
  select c.oid, n.nspname as schema, c.relname as name, c.relrowsecurity as rls
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p') and not c.relispartition
     and n.nspname = any (array[${schemas.map((s) => `'${s}'`).join(", ")}])
),
key_columns as (
  select con.conrelid as oid, k.attnum,
         array_agg(distinct case con.contype when 'p' then 'PK' when 'f' then 'FK' else 'UK' end) as keys
    from pg_constraint con cross join unnest(con.conkey) as k(attnum)
   where con.contype in ('p', 'u', 'f') and con.conrelid in (select oid from tables)
   group by 1, 2
),
foreign_keys as (
  select fn.nspname as from_schema, fc.relname as from_table,
         (select array_agg(a.attname order by k.ord) from unnest(con.conkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum) as from_columns,
         tn.nspname as to_schema, tc.relname as to_table,
         exists (select from unnest(con.conkey) k(attnum) join pg_attribute a on a.attrelid = con.conrelid
                  and a.attnum = k.attnum where not a.attnotnull) as nullable,
         exists (select from pg_constraint u where u.conrelid = con.conrelid and u.contype in ('p', 'u')
                  and u.conkey::int[] @> con.conkey::int[] and u.conkey::int[] <@ con.conkey::int[]) as unique
    from pg_constraint con
    join pg_class fc on fc.oid = con.conrelid join pg_namespace fn on fn.oid = fc.relnamespace
    join pg_class tc on tc.oid = con.confrelid join pg_namespace tn on tn.oid = tc.relnamespace
   where con.contype = 'f' and con.conrelid in (select oid from tables) and con.conparentid = 0
)
select json_build_object(
  'tables', coalesce((select json_agg(json_build_object(
      'schema', t.schema, 'name', t.name, 'rls', t.rls,
      'columns', coalesce((select json_agg(json_build_object('name', a.attname,
                     'type', format_type(a.atttypid, null), 'keys', k.keys, 'nullable', not a.attnotnull) order by a.attnum)
                   from pg_attribute a join key_columns k on k.oid = a.attrelid and k.attnum = a.attnum
                  where a.attrelid = t.oid and not a.attisdropped), '[]'),
      'policies', coalesce((select json_agg(json_build_object('name', p.policyname, 'command', p.cmd, 'roles', p.roles) order by p.policyname)
                   from pg_policies p where p.schemaname = t.schema and p.tablename = t.name), '[]'))
    order by t.schema, t.name) from tables t), '[]'),
  'foreign_keys', coalesce((select json_agg(f order by f.from_schema, f.from_table, f.from_columns, f.to_schema, f.to_table)
    from foreign_keys f), '[]'))`;

export function readCatalog(url: string, schemas = ownSchemas()): Catalog {
  const { stdout } = run("psql", [url, "-q", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", catalogQuery(schemas)]);
  return JSON.parse(stdout) as Catalog;
}

/** A Mermaid entity: bare within its own schema, quoted and schema-qualified outside it. */
function entity(schema: string, table: string, home: string): string {
  return schema === home ? table : `"${schema}.${table}"`;
}

function attributeType(type: string): string {
  return type.replace("timestamp with time zone", "timestamptz").replace(/\[\]$/, "_array").replace(/[^A-Za-z0-9_]+/g, "_");
}

const commandNames: Record<string, string> = { ALL: "all", SELECT: "select", INSERT: "insert", UPDATE: "update", DELETE: "delete" };

function schemaDiagram(catalog: Catalog, schema: string): string {
  const tables = catalog.tables.filter((t) => t.schema === schema);
  const lines = ["erDiagram"];
  for (const table of tables) {
    lines.push(`  ${table.name} {`);
    for (const column of table.columns) {
      lines.push(`    ${attributeType(column.type)} ${column.name} ${column.keys.join(", ")}${column.nullable ? ' "null"' : ""}`);
    }
    lines.push("  }");
  }
  // Each reference once, drawn from the referenced table (one) to the referencing one (many).
  const seen = new Set<string>();
  for (const fk of catalog.foreign_keys.filter((f) => f.from_schema === schema)) {
    const parent = `${fk.nullable ? "|o" : "||"}--${fk.unique ? "o|" : "o{"}`;
    const line = `  ${entity(fk.to_schema, fk.to_table, schema)} ${parent} ${fk.from_table} : "${fk.from_columns.join(", ")}"`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  const policyRows = tables.map((t) => {
    const policies = t.policies.map((p) => `${p.name} (${commandNames[p.command] ?? p.command}; ${p.roles.join(", ")})`);
    const guard = !t.rls ? "**RLS off**" : policies.length ? policies.join("<br>") : "RLS on, no policy: clients see nothing";
    return `| \`${t.name}\` | ${guard} |`;
  });
  return [
    `# Schema \`${schema}\``,
    "",
    "Generated by `npm run docs:diagrams` from the database the migrations build; `npm test` fails when",
    "this file is stale. Columns shown are the keys (PK, FK, UK); `null` marks a nullable one. Tables of",
    "other schemas appear as `schema.table`.",
    "",
    "```mermaid",
    ...lines,
    "```",
    "",
    "## Who may touch each table (Row Level Security policies)",
    "",
    "| table | policies (command; roles) |",
    "|---|---|",
    ...policyRows,
    "",
  ].join("\n");
}

function overview(catalog: Catalog, schemas: string[]): string {
  const counts = new Map<string, number>();
  for (const t of catalog.tables) counts.set(t.schema, (counts.get(t.schema) ?? 0) + 1);
  const edges = new Map<string, number>();
  for (const fk of catalog.foreign_keys) {
    if (fk.from_schema === fk.to_schema) continue;
    const key = `${fk.from_schema} ${fk.to_schema}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
  }
  const present = schemas.filter((s) => counts.has(s));
  const lines = ["flowchart LR"];
  for (const s of present) lines.push(`  ${s}["${s}<br>${counts.get(s)} tables"]`);
  for (const s of [...new Set([...edges.keys()].map((k) => k.split(" ")[1]))].filter((s) => !present.includes(s)).sort()) {
    lines.push(`  ${s}(["${s} (platform)"])`);
  }
  for (const [key, n] of [...edges.entries()].sort()) {
    const [from, to] = key.split(" ");
    lines.push(`  ${from} -->|${n}| ${to}`);
  }
  return [
    "# Schemas and how they reference each other",
    "",
    "Generated by `npm run docs:diagrams`; `npm test` fails when it is stale. An arrow from A to B with",
    "n on it: n foreign keys of tables in A reference tables in B. Products reference the core; the",
    "core references no product (`docs/architecture.md`).",
    "",
    "```mermaid",
    ...lines,
    "```",
    "",
    "| schema | tables | diagram |",
    "|---|---:|---|",
    ...present.map((s) => `| \`${s}\` | ${counts.get(s)} | [${s}.md](${s}.md) |`),
    "",
  ].join("\n");
}

/** Every diagram file, by path relative to docs/schema/. */
export function generateDiagrams(url: string): Map<string, string> {
  const schemas = ownSchemas();
  const catalog = readCatalog(url, schemas);
  const files = new Map<string, string>([["README.md", overview(catalog, schemas)]]);
  for (const schema of schemas) {
    if (catalog.tables.some((t) => t.schema === schema)) files.set(`${schema}.md`, schemaDiagram(catalog, schema));
  }
  return files;
}

export const diagramsDir = resolve(repoRoot, "docs/schema");

/** The committed diagram files that differ from what the database gives, or that should not exist. */
export function staleDiagrams(url: string): string[] {
  const generated = generateDiagrams(url);
  const committed = existsSync(diagramsDir) ? readdirSync(diagramsDir).filter((f) => f.endsWith(".md")) : [];
  const stale = [...generated.entries()]
    .filter(([file, content]) => !existsSync(resolve(diagramsDir, file)) || readFileSync(resolve(diagramsDir, file), "utf8") !== content)
    .map(([file]) => file);
  return [...stale, ...committed.filter((file) => !generated.has(file))].sort();
}

/** Writes every diagram and removes those of schemas that no longer have tables. */
export function writeDiagrams(url: string): string[] {
  const generated = generateDiagrams(url);
  mkdirSync(diagramsDir, { recursive: true });
  for (const file of readdirSync(diagramsDir)) if (file.endsWith(".md") && !generated.has(file)) rmSync(resolve(diagramsDir, file));
  for (const [file, content] of generated) writeFileSync(resolve(diagramsDir, file), content);
  return [...generated.keys()];
}
