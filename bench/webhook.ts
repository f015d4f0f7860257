// npm run bench:webhook — latency of the stripe-webhook function served as `npm start` serves it
// (Deno, over HTTP, on a throwaway cluster): signed checkout.session.completed events that grant a
// credit package, and the same events delivered again. The baseline, in the same run, is the
// health function's round trip (one query); the ratio says what handling an event costs beyond it.
import Stripe from "stripe";
import { freePort } from "../scripts/lib/cluster.ts";
import { startFunctionsServer, stripeWebhookSecret } from "../scripts/lib/functions.ts";
import { run } from "../scripts/lib/process.ts";
import { stripeApiVersion } from "../supabase/functions/_shared/stripe.ts";
import { percentile, timed, withBenchCluster } from "./cluster.ts";
import { latencyPoints, saveBenchResult } from "./results.ts";

const events = Number(process.env.BENCH_EVENTS ?? 300);

function summary(name: string, samples: number[], baseline?: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  return `| ${name} | ${p50.toFixed(1)} | ${percentile(sorted, 95).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ${baseline ? (p50 / baseline).toFixed(1) : "1.0"} |`;
}

await withBenchCluster(async (cluster) => {
  run("psql", [cluster.url, "-q", "-X", "-v", "ON_ERROR_STOP=1", "-c", `
    insert into billing.credit_packages (id, name, credits, bonus_credits, price_amount) values ('bench-pack', 'Bench', 1000, 100, 999);
    insert into auth.users (id, aud, role, email, created_at, updated_at)
      select gen_random_uuid(), 'authenticated', 'authenticated', 'hook-' || i || '@example.com', now(), now() from generate_series(1, ${events}) i;`]);
  const users = run("psql", [cluster.url, "-At", "-X", "-c", "select id from auth.users order by email"]).stdout.trim().split("\n");
  const server = await startFunctionsServer({ port: await freePort(55800), dbUrl: cluster.url });
  try {
    const url = `${server.url}/functions/v1/stripe-webhook`;
    const signed = (i: number) => {
      const payload = JSON.stringify({
        id: `evt_bench_${i}`, object: "event", type: "checkout.session.completed", api_version: stripeApiVersion, created: Math.floor(Date.now() / 1000),
        data: { object: { id: `cs_bench_${i}`, mode: "payment", payment_status: "paid", amount_total: 999, currency: "usd",
                          payment_intent: `pi_bench_${i}`, metadata: { purpose: "credit_package", ref: "bench-pack", user_id: users[i] } } },
      });
      return { payload, header: Stripe.webhooks.generateTestHeaderString({ payload, secret: stripeWebhookSecret }) };
    };
    const post = (i: number) => () => {
      const { payload, header } = signed(i);
      return fetch(url, { method: "POST", body: payload, headers: { "stripe-signature": header } });
    };
    // Warm up both paths (Deno's first calls compile).
    for (let i = 0; i < 20; i++) await timed(() => fetch(`${server.url}/functions/v1/health`));
    const health: number[] = [];
    for (let i = 0; i < events; i++) health.push(await timed(() => fetch(`${server.url}/functions/v1/health`)));
    const handled: number[] = [];
    for (let i = 0; i < events; i++) handled.push(await timed(post(i)));
    const duplicates: number[] = [];
    for (let i = 0; i < events; i++) duplicates.push(await timed(post(i)));
    const baseline = [...health].sort((a, b) => a - b)[Math.floor(health.length / 2)];
    console.log(`\nms per request, ${events} sequential requests each, durable commits\n`);
    console.log("| request | p50 | p95 | p99 | p50 / health |");
    console.log("|---|---:|---:|---:|---:|");
    console.log(summary("health (baseline: one query)", health));
    console.log(summary("stripe-webhook: checkout.session.completed, credit package granted", handled, baseline));
    console.log(summary("stripe-webhook: the same event again (duplicate)", duplicates, baseline));
    const file = saveBenchResult("webhook", `Stripe webhook latency, ${events} sequential requests (ms)`, {
      mark: "bar", x: "percentile", y: "ms per request",
      points: [...latencyPoints("health (baseline: one query)", health), ...latencyPoints("credit package granted", handled),
        ...latencyPoints("duplicate event", duplicates)],
    });
    console.log(`\nFigures: ${file}`);
  } finally {
    await server.stop();
  }
});
