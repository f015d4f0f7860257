// npm test — everything, on a throwaway cluster of its own (so it runs beside `npm start`):
// typecheck, migrations and seed from zero, generated types, advisors, lint, pgTAP, vitest.
// Ends with `N passed, N failed`: pgTAP assertions and vitest tests, plus one for each gate.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { generateTypes, runAdvisors, runLint } from "./lib/checks.ts";
import { staleDiagrams } from "./lib/diagrams.ts";
import { assertDocExamplesCompile } from "./lib/doc-examples.ts";
import { ensurePackages, freePort, LocalCluster, resetDatabase } from "./lib/cluster.ts";
import { denoRunFlags } from "./lib/functions.ts";
import { localBin, repoRoot, run, runStreaming } from "./lib/process.ts";
import { apiSchemas, edgeFunctions } from "./lib/project.ts";

const tally = { passed: 0, failed: 0 };
const failures: string[] = [];

function heading(title: string): void {
  console.log(`\n=== ${title}`);
}

/** A check that is one test: it passes when it returns, fails when it throws. */
async function gate(title: string, check: () => unknown): Promise<void> {
  heading(title);
  try {
    const report = await check();
    if (typeof report === "string" && report.trim()) console.log(report.trim());
    console.log(`ok - ${title}`);
    tally.passed++;
  } catch (error) {
    console.log(error instanceof Error ? error.message : String(error));
    console.log(`not ok - ${title}`);
    tally.failed++;
    failures.push(title);
  }
}

function count(title: string, passed: number, failed: number): void {
  tally.passed += passed;
  tally.failed += failed;
  if (failed > 0) failures.push(`${title}: ${failed} failed`);
}

async function pgTap(cluster: LocalCluster): Promise<void> {
  heading("pgTAP (pg_prove over supabase/tests)");
  // What `supabase test db` does first, as postgres (pgtap is one of the platform's privileged extensions).
  run("psql", [cluster.url, "-q", "-X", "-v", "ON_ERROR_STOP=1", "-c", "create extension if not exists pgtap with schema extensions"]);
  const { port } = cluster.options;
  // As postgres, a non-superuser as on the platform. The exposed schemas ([api] schemas) are passed
  // in as a psql variable: no database setting tells postgres what PostgREST exposes.
  const result = run("pg_prove", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "postgres",
    "--set", `api_schemas=${apiSchemas().join(", ")}`, "--ext", ".sql", "-r", "--verbose", "supabase/tests"], {
    env: { PGPASSWORD: "postgres" },
    allowFailure: true,
  });
  const output = result.stdout + result.stderr;
  // The assertions are counted one by one; only what is not a plain pass is printed.
  const passed = output.match(/^\s*ok \d+/gm)?.length ?? 0;
  let failed = output.match(/^\s*not ok \d+/gm)?.length ?? 0;
  console.log(output.split("\n").filter((line) => !/^\s*ok \d+/.test(line)).join("\n").trim());
  // A file that died or ran fewer tests than it planned fails even without a `not ok` line.
  if (result.status !== 0 && failed === 0) failed = 1;
  count("pgTAP", passed, failed);
}

async function vitest(cluster: LocalCluster): Promise<void> {
  heading("vitest");
  const report = resolve(cluster.dir, "vitest.json");
  const status = await runStreaming(localBin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], {
    env: { SUPABASE_DB_URL: cluster.url },
  });
  if (!existsSync(report)) {
    count("vitest", 0, 1);
    return;
  }
  const { numPassedTests, numFailedTests } = JSON.parse(readFileSync(report, "utf8"));
  count("vitest", numPassedTests, numFailedTests + (status !== 0 && numFailedTests === 0 ? 1 : 0));
}

async function main(): Promise<number> {
  const started = Date.now();
  // package.json engines: supabase-js needs Node 22's WebSocket. `npm test` runs on node_modules/.bin/node
  // (the `node` devDependency) even where the machine's own Node is older.
  await gate(`runtime: Node.js 22 or newer (this is ${process.version})`, () => {
    if (Number(process.versions.node.split(".")[0]) < 22) throw new Error(`Node.js ${process.version}: run npm test through npm (npm install provides Node 22 as node_modules/.bin/node)`);
  });
  await gate("typecheck: tsc", () => run(localBin("tsc"), ["--noEmit", "-p", "tsconfig.json"]).stdout);
  await gate("typecheck: deno check (edge functions)", () => {
    const entries = [...edgeFunctions().map((f) => `supabase/functions/${f.name}/index.ts`), "scripts/functions-server.ts"];
    run(localBin("deno"), ["check", ...denoRunFlags.filter((flag) => !flag.startsWith("--allow") && flag !== "--no-prompt"), ...entries], { env: { DENO_NO_UPDATE_CHECK: "1" } });
  });

  ensurePackages();
  const cluster = new LocalCluster({ name: `test-${process.pid}`, port: await freePort(54330), throwaway: true });
  try {
    await gate("database: bootstrap, migrations and seed from zero", () => {
      cluster.init();
      cluster.start();
      cluster.bootstrap();
      resetDatabase(cluster.url);
    });
    if (tally.failed === 0 || cluster.isRunning()) {
      // The gates read the database as migrations left it, before tests add their helpers and rows.
      let generated: string | undefined;
      await gate("types/database.types.ts is up to date (npm run types)", () => {
        const committed = readFileSync(resolve(repoRoot, "types/database.types.ts"), "utf8");
        generated = generateTypes(cluster.url);
        if (generated !== committed) throw new Error("types/database.types.ts is stale: run `npm run types` and commit it");
      });
      // Against the types these migrations generate (not the committed file), so a renamed column
      // fails here even before anyone regenerates the types.
      await gate("typecheck: the ts examples of docs/*.md", () => assertDocExamplesCompile({ databaseTypes: generated }));
      await gate("docs/schema diagrams are up to date (npm run docs:diagrams)", () => {
        const stale = staleDiagrams(cluster.url);
        if (stale.length) throw new Error(`docs/schema is stale (${stale.join(", ")}): run \`npm run docs:diagrams\` and commit it`);
      });
      await gate("supabase db advisors: nothing at warning or error level", () => runAdvisors(cluster.url));
      await gate("supabase db lint: clean", () => runLint(cluster.url));
      await pgTap(cluster);
      await vitest(cluster);
    }
  } finally {
    cluster.destroy();
  }

  console.log(`\nFinished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  if (failures.length) console.log(`Failed: ${failures.join("; ")}`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.log(`${tally.passed} passed, ${tally.failed + 1} failed`);
    process.exit(1);
  },
);
