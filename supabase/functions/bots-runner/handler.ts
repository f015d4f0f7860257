import { z } from "zod";
import type { Auth } from "../_shared/auth.ts";
import type { Sql } from "../_shared/db.ts";
import { json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";
import { parseJsonBody } from "../_shared/validate.ts";

export interface BotsRunnerDependencies {
  sql: Sql;
  auth: Auth;
  /** The project's URL: bots on `/functions/v1/<name>` are our own functions there. */
  supabaseUrl: string;
  /** Sent to our own bot functions (`/functions/v1/bot-…`) only, never to another function or host. */
  serviceRoleKey: string;
  fetch?: typeof fetch;
  /** Who claims, in studio.bot_executions.claimed_by. */
  worker?: string;
}

/** What the scheduler posts (`{"scheduled_job": "studio-bots"}`), or nothing; anything else is refused. */
const requestSchema = z.object({ scheduled_job: z.string().max(100).optional(), limit: z.number().int().min(1).max(100).optional() }).strict();

const text = (max: number) => z.string().trim().min(1).max(max);

/** What a bot may answer: findings, each with the action it took and whether to escalate. */
const findingSchema = z.object({
  severity: z.enum(["info", "low", "medium", "high", "critical"]),
  category: text(50),
  title: text(200),
  description: z.string().max(5000).optional(),
  affected_component: z.string().max(100).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  action: z.object({
    type: text(50),
    description: text(2000),
    success: z.boolean(),
    error: z.string().max(2000).optional(),
    knowledge_id: z.uuid().optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  }).strict().optional(),
  escalate: z.boolean().optional(),
}).strict();

const reportSchema = z.object({ findings: z.array(findingSchema).max(100).optional() });

/** Our functions that are bots, and so are called with the service key. */
const botFunction = /^\/functions\/v1\/bot-[a-z0-9_-]+$/;

interface ClaimedBot {
  execution_id: string;
  bot_name: string;
  api_endpoint: string;
  http_method: "GET" | "POST";
  timeout_ms: number;
}

interface Outcome {
  succeeded: boolean;
  httpStatus: number | null;
  error: string | null;
  findings: z.infer<typeof findingSchema>[];
}

/**
 * POST (service_role key; the scheduler every minute): starts the due bots and records each run.
 * studio.claim_due_bots gives each due bot a running execution (two runners never start one bot
 * twice); the bot's endpoint is called with its timeout and no redirects (an allowed host cannot
 * send us elsewhere); studio.record_bot_run records the outcome and the findings the bot reported.
 * A report the database refuses is recorded as a failed run, never dropped.
 */
export function createBotsRunnerHandler(deps: BotsRunnerDependencies): Handler {
  const doFetch = deps.fetch ?? fetch;
  const worker = deps.worker ?? "bots-runner";

  async function call(bot: ClaimedBot): Promise<Outcome> {
    const own = bot.api_endpoint.startsWith("/functions/v1/");
    const url = own ? new URL(bot.api_endpoint, deps.supabaseUrl).toString() : bot.api_endpoint;
    const headers: Record<string, string> = { "content-type": "application/json" };
    // The service key goes to our functions written as bots (bot-…) only: a bot pointed at another of
    // our functions (payouts, refunds) reaches it as an anonymous caller and is refused there.
    if (botFunction.test(bot.api_endpoint)) headers.authorization = `Bearer ${deps.serviceRoleKey}`;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: bot.http_method,
        headers,
        body: bot.http_method === "POST" ? JSON.stringify({ bot: bot.bot_name, execution_id: bot.execution_id }) : undefined,
        redirect: "manual",
        signal: AbortSignal.timeout(bot.timeout_ms),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === "TimeoutError";
      return { succeeded: false, httpStatus: null, error: timedOut ? `timed out after ${bot.timeout_ms} ms` : `unreachable: ${String(error)}`, findings: [] };
    }
    const body = await response.text();
    if (!response.ok) {
      return { succeeded: false, httpStatus: response.status, error: `HTTP ${response.status}: ${body.slice(0, 500)}`, findings: [] };
    }
    let parsedBody: unknown = {};
    try {
      parsedBody = body.trim() === "" ? {} : JSON.parse(body);
    } catch {
      // A 2xx without JSON (a plain health check) reports no findings.
      return { succeeded: true, httpStatus: response.status, error: null, findings: [] };
    }
    const report = reportSchema.safeParse(parsedBody);
    if (!report.success) {
      const problems = report.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      return { succeeded: false, httpStatus: response.status, error: `invalid report: ${problems}`, findings: [] };
    }
    return { succeeded: true, httpStatus: response.status, error: null, findings: report.data.findings ?? [] };
  }

  async function record(bot: ClaimedBot, outcome: Outcome): Promise<boolean> {
    try {
      await deps.sql`select studio.record_bot_run(${bot.execution_id}, ${outcome.succeeded}, ${outcome.httpStatus}, ${outcome.error},
                                                  ${deps.sql.json(outcome.findings as unknown as Parameters<Sql["json"]>[0])})`;
      return outcome.succeeded;
    } catch (error) {
      if (outcome.findings.length === 0) throw error;
      // The findings broke a rule of the database (an unknown knowledge entry): the run failed.
      const message = error instanceof Error ? error.message : String(error);
      await deps.sql`select studio.record_bot_run(${bot.execution_id}, false, ${outcome.httpStatus}, ${`findings refused: ${message}`})`;
      return false;
    }
  }

  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    await deps.auth.serviceRole(request);
    const input = await parseJsonBody(request, requestSchema);
    const claimed = await deps.sql<ClaimedBot[]>`
      select execution_id, bot_name, api_endpoint, http_method, timeout_ms from studio.claim_due_bots(${worker}, ${input.limit ?? 10})`;
    const results = await Promise.all(claimed.map(async (bot) => record(bot, await call(bot))));
    const succeeded = results.filter(Boolean).length;
    return json(200, { ran: claimed.length, succeeded, failed: claimed.length - succeeded });
  });
}
