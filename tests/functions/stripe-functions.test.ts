import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { jwtSecret, signApiKey } from "../../scripts/lib/keys.ts";
import { createAuth } from "../../supabase/functions/_shared/auth.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import type { Handler } from "../../supabase/functions/_shared/http.ts";
import { createStripe, stripeApiVersion } from "../../supabase/functions/_shared/stripe.ts";
import { createBillingPortalHandler } from "../../supabase/functions/billing-portal/handler.ts";
import { createCheckoutHandler } from "../../supabase/functions/checkout/handler.ts";
import { createConnectOnboardingHandler } from "../../supabase/functions/connect-onboarding/handler.ts";
import { createPayoutsHandler } from "../../supabase/functions/payouts/handler.ts";
import { StripeStandIn } from "../stripe-stand-in.ts";
import { asCaller } from "../../supabase/functions/_shared/db.ts";
import { createUser, testDatabaseUrl, userToken } from "../helpers.ts";

const site = "http://127.0.0.1:3000";
const run = Date.now();
let sql: Sql;
let standIn: StripeStandIn;
let deps: Parameters<typeof createCheckoutHandler>[0];

beforeAll(async () => {
  sql = connectDatabase(testDatabaseUrl());
  standIn = await new StripeStandIn().start();
  deps = { sql, stripe: createStripe("sk_test_standin", standIn.url), auth: createAuth({ jwtSecret, supabaseUrl: "http://127.0.0.1:54321" }), siteOrigin: site };
  await sql`insert into billing.credit_packages (id, name, credits, price_amount) values (${`fn-pack-${run}`}, 'Pack', 100, 500)`;
  await sql`insert into billing.plans (id, product, name, monthly_credits, price_amount, stripe_price_id) values (${`fn-team-${run}`}, 'functions_test', 'Team', 100, 4900, ${`price_team_${run}`})`;
});
afterAll(async () => {
  await Promise.all([sql.end(), standIn.stop()]);
});

function post(body: unknown, token?: string, headers: Record<string, string> = {}): Request {
  return new Request("http://local/fn", {
    method: "POST", body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

const urls = { success_url: `${site}/done`, cancel_url: `${site}/cancel` };

/** Stripe objects asked for: the SDK may retry a request (same Idempotency-Key), which makes no second object. */
const distinct = (requests: { idempotencyKey?: string }[]) => new Set(requests.map((r) => r.idempotencyKey)).size;

describe("checkout", () => {
  let checkout: Handler;
  beforeAll(() => {
    checkout = createCheckoutHandler(deps);
  });

  test("needs a signed-in user's JWT", async () => {
    expect((await checkout(post({ purpose: "credit_package", package_id: `fn-pack-${run}`, ...urls }))).status).toBe(401);
    expect((await checkout(post({ purpose: "credit_package", ...urls }, await signApiKey("anon")))).status).toBe(401);
  });

  test("bad input answers 400 with what was wrong, and calls Stripe for nothing", async () => {
    const user = await createUser(sql, `checkout-bad-${run}@example.com`);
    const token = await userToken(user);
    const before = standIn.requests.length;
    const cases = [
      { purpose: "gift", ...urls },
      { purpose: "credit_package", package_id: `fn-pack-${run}`, ...urls, user_id: "someone-else" },
      { purpose: "credit_package", package_id: `fn-pack-${run}`, success_url: "https://evil.example/phish", cancel_url: urls.cancel_url },
      { purpose: "wallet_top_up", amount: 100, ...urls },
    ];
    for (const body of cases) {
      const response = await checkout(post(body, token));
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error.code).toMatch(/invalid_request/);
    }
    const unknown = await checkout(post({ purpose: "credit_package", package_id: "no-such-pack", ...urls }, token));
    expect(unknown.status).toBe(404);
    expect(standIn.requests.length).toBe(before);
  });

  test("a credit package: a session for the caller, whose id comes from the JWT; one customer however often", async () => {
    const user = await createUser(sql, `checkout-${run}@example.com`);
    const token = await userToken(user);
    for (const key of ["order-1-aaaa", "order-2-bbbb"]) {
      const response = await checkout(post({ purpose: "credit_package", package_id: `fn-pack-${run}`, ...urls }, token, { "idempotency-key": key }));
      expect(response.status).toBe(200);
      expect((await response.json()).url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    }
    const sessions = standIn.created("/v1/checkout/sessions").filter((r) => (r.params.metadata as Record<string, string>).user_id === user);
    expect(distinct(sessions)).toBe(2);
    expect(sessions[0].params).toMatchObject({ mode: "payment", metadata: { purpose: "credit_package", ref: `fn-pack-${run}`, user_id: user } });
    expect(distinct(standIn.created("/v1/customers").filter((r) => (r.params.metadata as Record<string, string>).user_id === user))).toBe(1);
    expect((await sql`select count(*)::int as n from billing.stripe_customers where user_id = ${user}`)[0].n).toBe(1);
  });

  test("a plan for an organization: only by its owner or admins", async () => {
    const owner = await createUser(sql, `plan-owner-${run}@example.com`);
    const member = await createUser(sql, `plan-member-${run}@example.com`);
    const orgId = await asCaller(sql, { sub: owner, role: "authenticated" }, async (tx) => {
      const [org] = await tx<{ id: string }[]>`select (public.create_organization('Plan Org', ${`plan-org-${run}`})).id`;
      const [{ token }] = await tx<{ token: string }[]>`select token from public.invite_to_organization(${org.id}, null, ${member})`;
      return { id: org.id, token };
    });
    await asCaller(sql, { sub: member, role: "authenticated" }, (tx) => tx`select public.accept_invitation(${orgId.token})`);
    const body = { purpose: "plan", plan_id: `fn-team-${run}`, organization_id: orgId.id, ...urls };
    expect((await checkout(post(body, await userToken(member)))).status).toBe(403);
    const response = await checkout(post(body, await userToken(owner)));
    expect(response.status).toBe(200);
    const [session] = standIn.created("/v1/checkout/sessions").filter((r) => (r.params.metadata as Record<string, string>).organization_id === orgId.id);
    expect(session.params).toMatchObject({ mode: "subscription", line_items: { 0: { price: `price_team_${run}` } } });
  });

  test("a wallet top-up is bounded and priced as asked", async () => {
    const user = await createUser(sql, `topup-${run}@example.com`);
    const response = await checkout(post({ purpose: "wallet_top_up", amount: 2500, currency: "eur", ...urls }, await userToken(user)));
    expect(response.status).toBe(200);
    const [session] = standIn.created("/v1/checkout/sessions").filter((r) => (r.params.metadata as Record<string, string>).user_id === user);
    expect(session.params).toMatchObject({ line_items: { 0: { price_data: { currency: "eur", unit_amount: "2500" } } } });
  });

  test("a suspended user buys nothing", async () => {
    const user = await createUser(sql, `suspended-buyer-${run}@example.com`);
    await sql`update public.profiles set status = 'suspended' where id = ${user}`;
    expect((await checkout(post({ purpose: "credit_package", package_id: `fn-pack-${run}`, ...urls }, await userToken(user)))).status).toBe(403);
  });
});

describe("billing-portal and connect-onboarding", () => {
  test("the portal needs a customer, then answers its URL", async () => {
    const portal = createBillingPortalHandler(deps);
    const user = await createUser(sql, `portal-${run}@example.com`);
    const token = await userToken(user);
    expect((await portal(post({ return_url: `${site}/account` }, token))).status).toBe(404);
    await createCheckoutHandler(deps)(post({ purpose: "credit_package", package_id: `fn-pack-${run}`, ...urls }, token));
    const response = await portal(post({ return_url: `${site}/account` }, token));
    expect(response.status).toBe(200);
    expect((await response.json()).url).toMatch(/^https:\/\/billing\.stripe\.test\//);
  });

  test("onboarding creates one Express account per seller and a fresh link each time", async () => {
    const onboarding = createConnectOnboardingHandler(deps);
    const seller = await createUser(sql, `seller-${run}@example.com`);
    const token = await userToken(seller);
    const body = { return_url: `${site}/seller/done`, refresh_url: `${site}/seller/again` };
    const first = await (await onboarding(post(body, token))).json();
    const second = await (await onboarding(post(body, token))).json();
    expect(first.account_id).toBe(second.account_id);
    expect(first.url).toMatch(/^https:\/\/connect\.stripe\.test\//);
    expect(distinct(standIn.created("/v1/accounts").filter((r) => (r.params.metadata as Record<string, string>).user_id === seller))).toBe(1);
    expect(distinct(standIn.created("/v1/account_links").filter((r) => r.params.account === first.account_id))).toBe(2);
  });
});

describe("payouts", () => {
  let serviceKey: string;
  const transfersTo = (account: string) => standIn.created("/v1/transfers").filter((r) => r.params.destination === account);

  async function sellerWithEarnings(name: string, amounts: number[]): Promise<{ seller: string; account: string }> {
    const seller = await createUser(sql, `${name}-${run}@example.com`);
    const account = `acct_${name}_${run}`;
    await sql`select billing.register_connected_account(${account}, ${seller})`;
    await sql`update billing.connected_accounts set charges_enabled = true, payouts_enabled = true, details_submitted = true where id = ${account}`;
    for (const [i, amount] of amounts.entries()) {
      await sql`select billing.record_seller_earning(${seller}, ${amount}, 'USD', 'test_sale', ${`${name}-${run}-${i}`}, null, now() - interval '1 day')`;
    }
    // Not yet past its hold window: stays for a later run.
    await sql`select billing.record_seller_earning(${seller}, 999, 'USD', 'test_sale', ${`${name}-${run}-later`}, null, now() + interval '7 days')`;
    return { seller, account };
  }

  beforeAll(async () => {
    serviceKey = await signApiKey("service_role");
  });

  test("only the service role runs payouts", async () => {
    const payouts = createPayoutsHandler(deps);
    expect((await payouts(post({}))).status).toBe(401);
    expect((await payouts(post({}, await userToken((await createUser(sql, `not-service-${run}@example.com`)))))).status).toBe(403);
  });

  test("one transfer per seller for what is due; a second run pays nobody twice", async () => {
    const payouts = createPayoutsHandler(deps);
    const { seller, account } = await sellerWithEarnings("gm", [1500, 2500]);
    const first = await payouts(post({}, serviceKey));
    expect(first.status).toBe(200);
    expect(await (await payouts(post({}, serviceKey))).json()).toEqual({ paid: 0, failed: 0, retry_later: 0 });
    const transfers = transfersTo(account);
    expect(distinct(transfers)).toBe(1);
    expect(transfers[0]).toMatchObject({ idempotencyKey: expect.stringMatching(/^payout-/), params: { amount: "4000", currency: "usd" } });
    const rows = await sql`select status, amount from billing.payouts where seller_id = ${seller}`;
    expect(rows).toEqual([{ status: "paid", amount: "4000" }]);
    expect((await sql`select status, count(*)::int as n from billing.seller_earnings where seller_id = ${seller} group by status order by status`))
      .toEqual([{ status: "paid", n: 2 }, { status: "pending", n: 1 }]);
    expect((await sql`select billing.ledger_violations() as v`)[0].v).toEqual([]);
  });

  test("two runs at the same moment make one transfer per seller", async () => {
    const { account } = await sellerWithEarnings("twin", [700]);
    const other = connectDatabase(testDatabaseUrl());
    try {
      const responses = await Promise.all([createPayoutsHandler(deps)(post({}, serviceKey)), createPayoutsHandler({ ...deps, sql: other })(post({}, serviceKey))]);
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
    } finally {
      await other.end();
    }
    expect(new Set(transfersTo(account).map((r) => r.idempotencyKey)).size).toBe(1);
    expect((await sql`select count(*)::int as n from billing.payouts where connected_account_id = ${account} and status = 'paid'`)[0].n).toBe(1);
  });

  test("a crash between Stripe's answer and our commit: the rerun records the same transfer, paying once", async () => {
    const { seller, account } = await sellerWithEarnings("crash", [1200]);
    let crashed = false;
    // The real database, except that the first commit of a payout fails, as if the process died there.
    const crashingSql = ((strings: TemplateStringsArray, ...values: unknown[]) => {
      if (!crashed && strings.join("?").includes("complete_payout")) {
        crashed = true;
        return Promise.reject(new Error("process killed before the commit"));
      }
      return (sql as unknown as (s: TemplateStringsArray, ...v: unknown[]) => unknown)(strings, ...values);
    }) as unknown as Sql;
    expect((await createPayoutsHandler({ ...deps, sql: crashingSql })(post({}, serviceKey))).status).toBe(500);
    expect((await sql`select status from billing.payouts where seller_id = ${seller}`)[0].status).toBe("pending");

    expect((await createPayoutsHandler(deps)(post({}, serviceKey))).status).toBe(200);
    // Two runs made the call, with the one key: Stripe made one transfer.
    const calls = transfersTo(account);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(distinct(calls)).toBe(1);
    expect(await sql`select status, stripe_transfer_id is not null as recorded from billing.payouts where seller_id = ${seller}`)
      .toEqual([{ status: "paid", recorded: true }]);
  });

  test("a transfer Stripe refuses puts the earnings back; a reversed one too", async () => {
    const { seller, account } = await sellerWithEarnings("refused", [800]);
    standIn.failNext("/v1/transfers", 400);
    expect(await (await createPayoutsHandler(deps)(post({}, serviceKey))).json()).toMatchObject({ failed: 1 });
    expect((await sql`select count(*)::int as n from billing.seller_earnings where seller_id = ${seller} and status = 'pending'`)[0].n).toBe(2);

    await createPayoutsHandler(deps)(post({}, serviceKey));
    const [paid] = await sql`select id, stripe_transfer_id from billing.payouts where seller_id = ${seller} and status = 'paid'`;
    expect(transfersTo(account).length).toBeGreaterThan(0);
    const [transfer] = transfersTo(account).slice(-1);
    await sql`select billing.handle_stripe_event(${sql.json({ id: `evt_rev_${run}`, object: "event", type: "transfer.reversed", api_version: stripeApiVersion,
      created: Math.floor(Date.now() / 1000), data: { object: { id: paid.stripe_transfer_id, object: "transfer", amount: Number(transfer.params.amount),
      amount_reversed: Number(transfer.params.amount), reversed: true } } })})`;
    expect((await sql`select status from billing.payouts where id = ${paid.id}`)[0].status).toBe("reversed");
    expect((await sql`select count(*)::int as n from billing.seller_earnings where seller_id = ${seller} and status = 'pending'`)[0].n).toBe(2);
    expect((await sql`select billing.ledger_violations() as v`)[0].v).toEqual([]);
  });
});

test("every outbound Stripe call carried an Idempotency-Key and the pinned API version", () => {
  expect(standIn.requests.length).toBeGreaterThan(10);
  expect(standIn.requests.filter((r) => r.method === "POST" && !r.idempotencyKey)).toEqual([]);
  expect(new Set(standIn.requests.map((r) => r.stripeVersion))).toEqual(new Set([stripeApiVersion]));
});
