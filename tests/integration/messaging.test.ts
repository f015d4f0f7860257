import { afterAll, beforeAll, expect, test } from "vitest";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { asUser, createUser, openConnections, testDatabaseUrl } from "../helpers.ts";

let admin: Sql;
let connections: Sql[];

beforeAll(async () => {
  admin = connectDatabase(testDatabaseUrl());
  connections = await openConnections(2);
});
afterAll(async () => {
  await Promise.all([admin, ...connections].map((sql) => sql.end()));
});

test("two users exchange messages as authenticated and see the right unread counts", async () => {
  const run = Date.now();
  const [alice, bob] = await Promise.all([createUser(admin, `alice-chat-${run}@example.com`), createUser(admin, `bob-chat-${run}@example.com`)]);
  const [aliceDb, bobDb] = connections;
  const unread = async (sql: Sql, user: string) =>
    (await asUser(sql, user, (tx) => tx<{ unread_count: number }[]>`select unread_count from public.my_conversations()`))[0]?.unread_count ?? 0;

  const [{ id: conversation }] = await asUser(aliceDb, alice, (tx) => tx<{ id: string }[]>`select public.start_direct_conversation(${bob}) as id`);
  for (const text of ["hello", "are you there?", "it's about the game"]) {
    await asUser(aliceDb, alice, (tx) => tx`insert into public.messages (conversation_id, content) values (${conversation}, ${text})`);
  }
  expect(await unread(bobDb, bob)).toBe(3);
  expect(await unread(aliceDb, alice)).toBe(0);

  await asUser(bobDb, bob, (tx) => tx`select public.mark_conversation_read(${conversation})`);
  await asUser(bobDb, bob, (tx) => tx`insert into public.messages (conversation_id, content) values (${conversation}, 'yes, here')`);
  expect(await unread(bobDb, bob)).toBe(0);
  expect(await unread(aliceDb, alice)).toBe(1);

  const seenByAlice = await asUser(aliceDb, alice, (tx) => tx<{ content: string }[]>`select content from public.messages where conversation_id = ${conversation} order by id`);
  expect(seenByAlice.map((m) => m.content)).toEqual(["hello", "are you there?", "it's about the game", "yes, here"]);
  const receipts = await asUser(aliceDb, alice, (tx) => tx<{ n: number }[]>`select count(*)::int as n from public.message_receipts where read_at is not null`);
  expect(receipts[0].n).toBe(3);
});
