import { runAdvisors, runLint } from "./lib/checks.ts";
const url = "postgresql://postgres:postgres@127.0.0.1:54322/postgres?sslmode=disable";
for (const [n, f] of [["advisors", runAdvisors], ["lint", runLint]] as const) {
  try { console.log(n, "OK"); f(url); } catch (e) { console.log(n, "FAIL", (e as Error).message.slice(0, 5000)); }
}
