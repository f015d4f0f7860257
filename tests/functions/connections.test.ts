// The functions connect through the platform's pooler in transaction mode (Supavisor, port 6543): no
// prepared statements, no state kept on a session, and no transaction held open across an outside
// call (Stripe, an AI provider, an OAuth token endpoint, any fetch). docs/operations.md, "Connections".
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { connectDatabase } from "../../supabase/functions/_shared/db.ts";
import { testDatabaseUrl } from "../helpers.ts";

const functionsDir = join(import.meta.dirname, "../../supabase/functions");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The text of the argument list of each call to one of `callees` (balanced parentheses; strings and template literals skipped). */
function callArguments(source: string, callees: RegExp): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(callees)) {
    let depth = 0;
    let quote: string | null = null;
    const start = match.index + match[0].length - 1; // the "(" the pattern ends with
    for (let i = start; i < source.length; i++) {
      const c = source[i];
      if (quote) {
        if (c === "\\") i++;
        else if (c === quote) quote = null;
        continue;
      }
      if (c === '"' || c === "'" || c === "`") quote = c;
      else if (c === "(") depth++;
      else if (c === ")" && --depth === 0) {
        found.push(source.slice(start + 1, i));
        break;
      }
    }
  }
  return found;
}

// A transaction's body: `sql.begin(...)`, `sql.reserve(...)` or the helper that wraps begin, `asCaller(...)`.
const transactionCalls = /(?:\.begin|\.reserve|\basCaller)\s*\(/g;
// What waits on the outside world: any fetch, the Stripe SDK, the AI providers, sealing secrets, the helpers that call them.
const outsideCall = /\b(?:fetch\w*|stripe|providers?|callProvider|ensureCustomer|secrets|seal|unseal|refreshToken|tokenEndpoint)\b|\bnew\s+Request\b/i;

/** What in a transaction's body is not a query on the transaction itself (`tx`...). */
function outsideCallsInTransactions(source: string): string[] {
  return callArguments(source, transactionCalls).flatMap((body) => {
    const problems: string[] = [];
    const outside = body.match(outsideCall);
    if (outside) problems.push(`calls ${outside[0]}`);
    for (const awaited of body.matchAll(/\bawait\s+([\w.$]+)/g)) {
      if (!/^tx\b/.test(awaited[1])) problems.push(`awaits ${awaited[1]}`);
    }
    return problems;
  });
}

describe("connections", () => {
  const sql = connectDatabase(testDatabaseUrl());
  afterAll(() => sql.end());

  test("every function connects with the one pool settings: no prepared statements (transaction mode), small pool, short timeouts", () => {
    expect(sql.options).toMatchObject({ prepare: false, max: 5, idle_timeout: 20, connect_timeout: 5 });
    const opened = sources(functionsDir).filter((file) => /^import\s+(?!type\b)[^;]*from\s+"postgres"/m.test(readFileSync(file, "utf8")));
    expect(opened.map((file) => relative(functionsDir, file))).toEqual(["_shared/db.ts"]);
  });

  test("queries run unprepared (a pooler in transaction mode may give each statement another session)", async () => {
    await sql`select 1 as one`;
    await sql`select 1 as one`;
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from pg_prepared_statements`;
    expect(n).toBe(0);
  });

  test("no function holds a transaction open across an outside call", () => {
    const offenders = sources(functionsDir).flatMap((file) =>
      outsideCallsInTransactions(readFileSync(file, "utf8")).map((problem) => `${relative(functionsDir, file)}: ${problem}`)
    );
    expect(offenders).toEqual([]);
    // The check itself finds what it looks for.
    expect(outsideCallsInTransactions("await sql.begin(async (tx) => { await tx`select 1`; await fetch(url); })")).toEqual(["calls fetch", "awaits fetch"]);
    expect(outsideCallsInTransactions("asCaller(sql, claims, async (tx) => { const s = await stripe.checkout.sessions.create({}); })"))
      .toEqual(["calls stripe", "awaits stripe.checkout.sessions.create"]);
    expect(outsideCallsInTransactions("sql.begin((tx) => fetchImpl(tokenUrl))")).toEqual(["calls fetchImpl"]);
    expect(outsideCallsInTransactions("asCaller(sql, claims, (tx) => tx`select ${'(a)'} from f(${x})`)")).toEqual([]);
  });

  test("no function keeps state on its session (a pooled session is someone else's next)", () => {
    const stateful = sources(functionsDir).flatMap((file) => {
      const source = readFileSync(file, "utf8");
      return [/set_config\([^)]*,\s*false\s*\)/, /\bpg_advisory_lock\b/, /\blisten\b\s*\(/i, /create\s+temp/i]
        .filter((pattern) => pattern.test(source)).map((pattern) => `${relative(functionsDir, file)}: ${pattern}`);
    });
    expect(stateful).toEqual([]);
  });
});
