import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { asServiceRole, asUser, createUser, openConnections, testDatabaseUrl } from "../helpers.ts";

let admin: Sql;
let connections: Sql[] = [];

beforeAll(() => {
  admin = connectDatabase(testDatabaseUrl());
});
afterEach(async () => {
  await Promise.all(connections.map((sql) => sql.end()));
  connections = [];
});
afterAll(async () => {
  await admin.end();
});

async function ledgerViolations(): Promise<string[]> {
  const [{ violations }] = await asServiceRole(admin, (tx) => tx<{ violations: string[] }[]>`select billing.ledger_violations() as violations`);
  return violations;
}

const errorCode = (outcome: PromiseSettledResult<unknown>) => (outcome.status === "rejected" ? (outcome.reason as { code?: string }).code : "ok");

/** A user's USD wallet funded with `amount` cents, and a hold of `step` on it. */
async function walletWithHold(run: number, amount: number, step: number): Promise<{ wallet: string; hold: string }> {
  const user = await createUser(admin, `holder-${run}@example.com`);
  return asServiceRole(admin, async (tx) => {
    const [{ wallet }] = await tx<{ wallet: string }[]>`select billing.user_account(${user}, 'USD') as wallet`;
    await tx`select billing.transfer(billing.platform_account('stripe_clearing', 'USD'), ${wallet}, ${amount}, 'top_up', ${`fund-${run}`})`;
    const [{ hold }] = await tx<{ hold: string }[]>`
      select (billing.create_hold(${wallet}, ${step}, now() + interval '10 minutes', ${`hold-${run}`}, 'call', ${`call-${run}`})).id as hold`;
    return { wallet, hold };
  });
}

async function account(id: string): Promise<{ balance: number; held: number }> {
  const [row] = await admin<{ balance: string; held: string }[]>`select balance, held from billing.accounts where id = ${id}`;
  return { balance: Number(row.balance), held: Number(row.held) };
}

describe("holds that grow, under concurrency", () => {
  test("20 concurrent extensions of one hold over a wallet that covers 5 leave 5 done and no negative balance", async () => {
    const run = Date.now();
    const step = 100;
    // The hold's first minute, and five more.
    const { wallet, hold } = await walletWithHold(run, 6 * step, step);
    connections = await openConnections(20);

    const outcomes = await Promise.allSettled(connections.map((sql, i) =>
      asServiceRole(sql, (tx) => tx`select billing.extend_hold(${hold}, ${step}, now() + interval '20 minutes', ${`extend-${run}-${i}`})`)));

    const codes = outcomes.map(errorCode);
    expect(codes.filter((code) => code === "ok")).toHaveLength(5);
    expect(codes.filter((code) => code !== "ok")).toEqual(Array(15).fill("PA101"));
    const [{ amount }] = await admin<{ amount: string }[]>`select amount from billing.holds where id = ${hold}`;
    expect(Number(amount)).toBe(6 * step);
    expect(await account(wallet)).toEqual({ balance: 6 * step, held: 6 * step });

    // The finished call is paid in full: the balance reaches zero and never goes below.
    await asServiceRole(admin, (tx) => tx`
      select billing.capture_hold(${hold}, ${6 * step}, billing.platform_account('revenue', 'USD'), 'payment', ${`capture-${run}`}, '{}', true)`);
    expect(await account(wallet)).toEqual({ balance: 0, held: 0 });
    expect(await ledgerViolations()).toEqual([]);
  });

  test("20 concurrent extensions against a daily limit that covers 5 leave 5 done, and the capture still succeeds", async () => {
    const run = Date.now();
    const step = 100;
    const { wallet, hold } = await walletWithHold(run, 100 * step, step);
    await asServiceRole(admin, (tx) => tx`select billing.set_account_controls(${wallet}, false, ${6 * step}, null)`);
    connections = await openConnections(20);

    const outcomes = await Promise.allSettled(connections.map((sql, i) =>
      asServiceRole(sql, (tx) => tx`select billing.extend_hold(${hold}, ${step}, null, ${`extend-${run}-${i}`})`)));

    const codes = outcomes.map(errorCode);
    expect(codes.filter((code) => code === "ok")).toHaveLength(5);
    expect(codes.filter((code) => code !== "ok")).toEqual(Array(15).fill("PA103"));
    await asServiceRole(admin, (tx) => tx`
      select billing.capture_hold(${hold}, ${6 * step}, billing.platform_account('revenue', 'USD'), 'payment', ${`capture-${run}`}, '{}', true)`);
    expect(await account(wallet)).toEqual({ balance: 94 * step, held: 0 });
    expect(await ledgerViolations()).toEqual([]);
  });
});

describe("refunds into a wallet, under concurrency", () => {
  test("8 concurrent refunds of a third of a purchase refund it exactly once in full; 8 with one key refund once", async () => {
    const run = Date.now();
    const price = 300;
    const user = await createUser(admin, `refunded-${run}@example.com`);
    await asServiceRole(admin, async (tx) => {
      await tx`insert into billing.priced_items (product, item_type, item_id, price) values ('ledger_test', 'reading', ${`refund-${run}`}, ${price})`;
      await tx`select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(${user}, 'CREDIT'),
                 ${2 * price}, 'bonus', ${`fund-${run}`})`;
    });
    const purchases = await asUser(admin, user, async (tx) => {
      const [first] = await tx<{ id: string }[]>`select (billing.spend_credits('reading', ${`refund-${run}`}, ${`buy-${run}-1`})).id`;
      const [second] = await tx<{ id: string }[]>`select (billing.spend_credits('reading', ${`refund-${run}`}, ${`buy-${run}-2`})).id`;
      return [first.id, second.id];
    });
    connections = await openConnections(16);

    const outcomes = await Promise.allSettled(connections.map((sql, i) =>
      i < 8
        ? asServiceRole(sql, (tx) => tx`select billing.refund_purchase(${purchases[0]}, ${price / 3}, ${`refund-${run}-${i}`})`)
        : asServiceRole(sql, (tx) => tx<{ id: string }[]>`select (billing.refund_purchase(${purchases[1]}, ${price}, ${`refund-${run}-once`})).id`)));

    const codes = outcomes.slice(0, 8).map(errorCode);
    expect(codes.filter((code) => code === "ok")).toHaveLength(3);
    expect(codes.filter((code) => code !== "ok")).toEqual(Array(5).fill("22023"));
    const sameKey = outcomes.slice(8);
    expect(sameKey.map(errorCode)).toEqual(Array(8).fill("ok"));
    expect(new Set(sameKey.map((o) => (o as PromiseFulfilledResult<{ id: string }[]>).value[0].id)).size).toBe(1);
    const refunds = await admin<{ purchase: string; total: string; n: string }[]>`
      select purchase_transfer_id::text as purchase, sum(amount) as total, count(*) as n from billing.wallet_refunds
       where purchase_transfer_id = any(${purchases}::bigint[]) group by 1 order by 1`;
    expect(refunds.map((r) => [r.purchase, Number(r.total), Number(r.n)])).toEqual([[purchases[0], price, 3], [purchases[1], price, 1]]);
    const [{ balance }] = await admin<{ balance: string }[]>`
      select balance from billing.accounts where owner_type = 'user' and user_id = ${user} and asset = 'CREDIT'`;
    expect(Number(balance)).toBe(2 * price);
    expect(await ledgerViolations()).toEqual([]);
  });
});
