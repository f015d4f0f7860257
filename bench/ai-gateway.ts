// npm run bench:ai-gateway — latency the ai-gateway adds over calling the (stand-in) provider
// directly, streamed and not, with the gateway served as `npm start` serves it (Deno over HTTP)
// on a throwaway cluster. Baseline and gateway run in the same process, one request at a time.
import { freePort } from "../scripts/lib/cluster.ts";
import { startFunctionsServer } from "../scripts/lib/functions.ts";
import { run } from "../scripts/lib/process.ts";
import { AiStandIn } from "../tests/ai-stand-in.ts";
import { userToken } from "../tests/helpers.ts";
import { percentile, timed, withBenchCluster } from "./cluster.ts";
import { latencyPoints, saveBenchResult, type BenchPoint } from "./results.ts";

const requests = Number(process.env.BENCH_REQUESTS ?? 300);
const messages = [{ role: "user", content: "Say hello." }];

async function sample(call: () => Promise<Response>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await timed(call);
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) samples.push(await timed(call));
  return samples.sort((a, b) => a - b);
}

const ai = await new AiStandIn().start();
try {
  await withBenchCluster(async (cluster) => {
    const [user] = run("psql", [cluster.url, "-At", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-c", `
      insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k) values ('bench-model', 'openai', 2, 10);
      insert into auth.users (id, aud, role, email, created_at, updated_at)
        values (gen_random_uuid(), 'authenticated', 'authenticated', 'ai-bench@example.com', now(), now()) returning id;`]).stdout.trim().split("\n");
    run("psql", [cluster.url, "-q", "-X", "-v", "ON_ERROR_STOP=1", "-c", `
      insert into billing.ai_user_limits values ('${user}', 1000000, 1000000000);
      select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account('${user}', 'CREDIT'), 1000000000, 'bonus', 'ai-bench');`]);
    const server = await startFunctionsServer({ port: await freePort(56100), dbUrl: cluster.url, env: { OPENAI_BASE_URL: ai.url, ANTHROPIC_BASE_URL: ai.url } });
    try {
      const token = await userToken(user);
      const direct = (stream: boolean) => () => fetch(`${ai.url}/v1/chat/completions`, {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "bench-model", messages, max_tokens: 100, stream }),
      });
      const viaGateway = (stream: boolean) => () => fetch(`${server.url}/functions/v1/ai-gateway`, {
        method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ model: "bench-model", messages, max_tokens: 100, stream }),
      });
      console.log(`\nms per request, ${requests} sequential requests each, durable commits\n`);
      console.log("| mode | provider direct p50 | via gateway p50 | added p50 | provider direct p99 | via gateway p99 | added p99 |");
      console.log("|---|---:|---:|---:|---:|---:|---:|");
      const points: BenchPoint[] = [];
      for (const stream of [false, true]) {
        const base = await sample(direct(stream));
        const gateway = await sample(viaGateway(stream));
        const [b50, g50, b99, g99] = [percentile(base, 50), percentile(gateway, 50), percentile(base, 99), percentile(gateway, 99)];
        console.log(`| ${stream ? "streamed" : "not streamed"} | ${b50.toFixed(1)} | ${g50.toFixed(1)} | ${(g50 - b50).toFixed(1)} | ${b99.toFixed(1)} | ${g99.toFixed(1)} | ${(g99 - b99).toFixed(1)} |`);
        const mode = stream ? "streamed" : "not streamed";
        points.push(...latencyPoints(`${mode}: provider direct`, base), ...latencyPoints(`${mode}: via gateway`, gateway));
      }
      const file = saveBenchResult("ai-gateway", `AI gateway latency against the provider called directly, ${requests} requests (ms)`, {
        mark: "bar", x: "percentile", y: "ms per request", points,
      });
      console.log(`\nFigures: ${file}`);
    } finally {
      await server.stop();
    }
  });
} finally {
  await ai.stop();
}
