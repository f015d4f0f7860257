// A small local stand-in for the parts of Stripe's HTTP API our functions call (Stripe is not
// reachable here). It speaks Stripe's wire format (form-encoded bodies, JSON answers, Stripe errors),
// honours Idempotency-Key as Stripe does (the same key answers with the first response), and
// records every request so that tests can check what was sent.
import { createServer, type Server } from "node:http";
import { freePort } from "../scripts/lib/cluster.ts";

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  params: Record<string, unknown>;
}

/** `a[b][0][c]=1` form fields as nested objects (Stripe's encoding). */
function parseForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.replace(/\]/g, "").split("[");
    let node = root as Record<string, unknown>;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return root;
}

export class StripeStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly responses = new Map<string, { status: number; body: unknown }>();
  private readonly failures = new Map<string, number>();
  private counter = 0;
  // Ids are unique across stand-ins too: the tests of one run share a database.
  private readonly prefix = Math.random().toString(36).slice(2, 8);
  private server?: Server;
  url = "";

  /** The next request to this path answers with a Stripe error of this status. */
  failNext(path: string, status: number): void {
    this.failures.set(path, status);
  }

  created(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === "POST" && r.path === path);
  }

  async start(): Promise<this> {
    const port = await freePort(55700);
    this.server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const path = (request.url ?? "").split("?")[0];
        const idempotencyKey = request.headers["idempotency-key"] as string | undefined;
        this.requests.push({ method: request.method ?? "", path, idempotencyKey, params: parseForm(body) });
        const replay = idempotencyKey ? this.responses.get(`${path} ${idempotencyKey}`) : undefined;
        const answer = replay ?? this.answer(path, parseForm(body));
        if (idempotencyKey && !replay) this.responses.set(`${path} ${idempotencyKey}`, answer);
        response.writeHead(answer.status, { "content-type": "application/json", "request-id": `req_${this.counter}` });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(path: string, params: Record<string, unknown>): { status: number; body: unknown } {
    const failure = this.failures.get(path);
    if (failure) {
      this.failures.delete(path);
      return { status: failure, body: { error: { type: failure >= 500 ? "api_error" : "invalid_request_error", message: "refused by the stand-in" } } };
    }
    const id = `${this.prefix}${++this.counter}`;
    switch (path) {
      case "/v1/customers":
        return { status: 200, body: { id: `cus_standin${id}`, object: "customer", ...params } };
      case "/v1/checkout/sessions":
        return { status: 200, body: { id: `cs_standin${id}`, object: "checkout.session", url: `https://checkout.stripe.test/c/cs_standin${id}`, ...params } };
      case "/v1/billing_portal/sessions":
        return { status: 200, body: { id: `bps_standin${id}`, object: "billing_portal.session", url: `https://billing.stripe.test/p/${id}`, ...params } };
      case "/v1/accounts":
        return { status: 200, body: { id: `acct_standin${id}`, object: "account", charges_enabled: false, payouts_enabled: false, ...params } };
      case "/v1/account_links":
        return { status: 200, body: { object: "account_link", url: `https://connect.stripe.test/setup/${id}`, expires_at: Math.floor(Date.now() / 1000) + 300 } };
      case "/v1/refunds":
        return { status: 200, body: { id: `re_standin${id}`, object: "refund", status: "succeeded", ...params, amount: Number(params.amount) } };
      case "/v1/transfers":
        return { status: 200, body: { id: `tr_standin${id}`, object: "transfer", ...params, amount: Number(params.amount) } };
      default:
        return { status: 404, body: { error: { type: "invalid_request_error", message: `the stand-in has no ${path}` } } };
    }
  }
}
