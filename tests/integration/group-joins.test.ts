import { afterAll, beforeAll, expect, test } from "vitest";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { asUser, createUser, openConnections, testDatabaseUrl } from "../helpers.ts";

// 20 users join a group with 5 free seats at the same moment, each over its own connection.
const joiners = 20;
const freeSeats = 5;

let admin: Sql;
let connections: Sql[];

beforeAll(async () => {
  admin = connectDatabase(testDatabaseUrl());
  connections = await openConnections(joiners);
});
afterAll(async () => {
  await Promise.all([admin, ...connections].map((sql) => sql.end()));
});

test("concurrent joins never overfill a group", async () => {
  const run = Date.now();
  const owner = await createUser(admin, `owner-${run}@example.com`);
  const users = await Promise.all(Array.from({ length: joiners }, (_, i) => createUser(admin, `joiner-${run}-${i}@example.com`)));
  const { groupId, code } = await asUser(admin, owner, async (tx) => {
    const [group] = await tx<{ id: string }[]>`select (public.create_group('Rush', ${`rush-${run}`}, null, false, ${1 + freeSeats})).id`;
    const [{ code }] = await tx<{ code: string }[]>`select public.get_group_invite_code(${group.id}) as code`;
    return { groupId: group.id, code };
  });
  const outcomes = await Promise.allSettled(
    users.map((userId, i) => asUser(connections[i], userId, (tx) => tx`select public.join_group_by_code(${code})`)),
  );

  const joined = outcomes.filter((o) => o.status === "fulfilled").length;
  const refusals = outcomes.flatMap((o) => (o.status === "rejected" ? [(o.reason as { code?: string }).code] : []));
  expect(joined).toBe(freeSeats);
  expect(refusals).toEqual(Array(joiners - freeSeats).fill("PA004"));
  const [{ members }] = await admin<{ members: number }[]>`select count(*)::int as members from public.group_members where group_id = ${groupId}`;
  expect(members).toBe(1 + freeSeats);
});
