import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { asServiceRole, asUser, createUser, openConnections, testDatabaseUrl } from "../helpers.ts";

let admin: Sql;
let connections: Sql[] = [];

beforeAll(() => {
  admin = connectDatabase(testDatabaseUrl());
});
afterAll(async () => {
  await Promise.all([admin, ...connections].map((sql) => sql.end()));
});

async function ledgerViolations(): Promise<string[]> {
  const [{ violations }] = await asServiceRole(admin, (tx) => tx<{ violations: string[] }[]>`select billing.ledger_violations() as violations`);
  return violations;
}

const errorCode = (outcome: PromiseSettledResult<unknown>) => (outcome.status === "rejected" ? (outcome.reason as { code?: string }).code : "ok");

describe("the ledger under concurrency", () => {
  test("64 concurrent spends against a balance covering exactly 10 leave 10 done and a zero balance", async () => {
    const run = Date.now();
    const price = 7;
    const user = await createUser(admin, `spender-${run}@example.com`);
    await asServiceRole(admin, async (tx) => {
      await tx`insert into billing.priced_items (product, item_type, item_id, price) values ('ledger_test', 'tool', ${`race-${run}`}, ${price})`;
      await tx`select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(${user}, 'CREDIT'),
                 ${10 * price}, 'bonus', ${`fund-${run}`})`;
    });
    connections = await openConnections(64);

    const outcomes = await Promise.allSettled(
      connections.map((sql, i) => asUser(sql, user, (tx) => tx`select billing.spend_credits('tool', ${`race-${run}`}, ${`spend-${run}-${i}`})`)),
    );

    const codes = outcomes.map(errorCode);
    expect(codes.filter((code) => code === "ok")).toHaveLength(10);
    expect(codes.filter((code) => code !== "ok")).toEqual(Array(54).fill("PA101"));
    const [{ balance }] = await admin<{ balance: string }[]>`
      select balance from billing.accounts where owner_type = 'user' and user_id = ${user} and asset = 'CREDIT'`;
    expect(Number(balance)).toBe(0);
    expect(await ledgerViolations()).toEqual([]);
    await Promise.all(connections.map((sql) => sql.end()));
    connections = [];
  });

  test("2,000 random transfers among 50 accounts over 16 connections: no deadlock, books balanced", async () => {
    const run = Date.now();
    const users = await Promise.all(Array.from({ length: 50 }, (_, i) => createUser(admin, `trader-${run}-${i}@example.com`)));
    const accounts = await asServiceRole(admin, async (tx) => {
      const ids: string[] = [];
      for (const user of users) {
        const [{ id }] = await tx<{ id: string }[]>`select billing.user_account(${user}, 'CREDIT') as id`;
        await tx`select billing.transfer(billing.platform_account('promotions', 'CREDIT'), ${id}, 1000, 'bonus', ${`seed-${id}`})`;
        ids.push(id);
      }
      return ids;
    });
    connections = await openConnections(16);
    // A small deterministic generator so that a failure can be replayed.
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    // Pairs in opposite directions (A to B beside B to A) run on neighbouring connections at the same
    // time: with locks taken in argument order they would deadlock.
    const transfers = Array.from({ length: 1000 }, (_, i) => {
      const a = random(50);
      const b = (a + 1 + random(49)) % 50;
      const amount = 1 + random(50);
      return [
        { from: accounts[a], to: accounts[b], amount, key: `t-${run}-${i}-ab` },
        { from: accounts[b], to: accounts[a], amount, key: `t-${run}-${i}-ba` },
      ];
    }).flat();

    const codes: string[] = [];
    await Promise.all(connections.map(async (sql, worker) => {
      for (let i = worker; i < transfers.length; i += connections.length) {
        const t = transfers[i];
        const [outcome] = await Promise.allSettled([
          asServiceRole(sql, (tx) => tx`select billing.transfer(${t.from}, ${t.to}, ${t.amount}, 'payment', ${t.key})`),
        ]);
        codes.push(errorCode(outcome) ?? "unknown");
      }
    }));

    expect(codes).toHaveLength(2000);
    // Only a lack of funds may refuse a transfer; never a deadlock (40P01) or anything else.
    expect(new Set(codes.filter((code) => code !== "ok"))).toEqual(new Set(codes.some((c) => c === "PA101") ? ["PA101"] : []));
    expect(codes.filter((code) => code === "ok").length).toBeGreaterThan(1000);
    const [{ total }] = await admin<{ total: string }[]>`
      select sum(balance) as total from billing.accounts where id = any(${accounts}::uuid[])`;
    expect(Number(total)).toBe(50 * 1000);
    expect(await ledgerViolations()).toEqual([]);
  });
});
