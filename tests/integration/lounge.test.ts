import { afterAll, beforeAll, expect, test } from "vitest";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { jwtSecret } from "../../scripts/lib/keys.ts";
import { createAuth } from "../../supabase/functions/_shared/auth.ts";
import { createRtcCredentialsHandler } from "../../supabase/functions/rtc-credentials/handler.ts";
import { asUser, createUser, holdTransaction, openConnections, testDatabaseUrl, userToken, waitForLockWait } from "../helpers.ts";

// The lounge's acceptance under concurrency, each caller over its own connection:
// 200 joins of one room of 50 at once; 500 matchmakes at once (over 200 connections, the cluster's
// budget, each running its share in turn) into a region's rooms; 20 purchases at once with one idempotency key.
const connectionCount = 200;
// The bursts take tens of seconds on a loaded 2-core machine.

let admin: Sql;
let connections: Sql[] = [];
let owner: string;
const run = Date.now();
// A region of its own per run (the seeded system rooms are not matchmaking candidates here).
const region = `v${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 8)}`;
const rooms: string[] = [];
let itemId: string | undefined;

beforeAll(async () => {
  admin = connectDatabase(testDatabaseUrl());
  owner = await createUser(admin, `lounge-owner-${run}@example.com`);
  // Opened in batches: two hundred SCRAM handshakes at once outlast the connect timeout.
  for (let opened = 0; opened < connectionCount; opened += 25) {
    connections.push(...(await openConnections(Math.min(25, connectionCount - opened))));
  }
});

afterAll(async () => {
  if (rooms.length > 0) {
    await admin`update public.seats set left_at = greatest(now(), last_seen_at), closed_reason = 'removed'
                 where kind = 'lounge_room' and place_id = any (${rooms}::uuid[]) and left_at is null`;
  }
  if (itemId) await admin`update lounge.inventory_items set active = false where id = ${itemId}`;
  await Promise.all([admin, ...connections].map((sql) => sql.end()));
});

const createRoom = async (name: string, capacity: number) => {
  const [room] = await admin<{ id: string }[]>`
    insert into lounge.rooms (name, theme, region, capacity, created_by) values (${name}, 'lounge', ${region}, ${capacity}, ${owner})
    returning id`;
  rooms.push(room.id);
  return room.id;
};

// Connections idle for 20 s are closed and would all reconnect at once (the handshakes time out):
// wake them in batches just before a burst.
const warmUp = async () => {
  for (let i = 0; i < connections.length; i += 25) await Promise.all(connections.slice(i, i + 25).map((sql) => sql`select 1`));
};

const codes = (outcomes: PromiseSettledResult<unknown>[]) =>
  outcomes.flatMap((o) => (o.status === "rejected" ? [(o.reason as { code?: string }).code ?? String(o.reason)] : []));

test("200 concurrent joins of a room of 50 leave exactly 50 members", async () => {
  const room = await createRoom("Crowded", 50);
  const users = await Promise.all(Array.from({ length: 200 }, (_, i) => createUser(admin, `lounge-join-${run}-${i}@example.com`)));
  await warmUp();
  const outcomes = await Promise.allSettled(
    users.map((userId, i) => asUser(connections[i], userId, (tx) => tx`select (lounge.join_room(${room})).id`)),
  );
  expect(outcomes.filter((o) => o.status === "fulfilled").length).toBe(50);
  expect(codes(outcomes)).toEqual(Array(150).fill("PA004"));
  const [counts] = await admin<{ open: number; memberships: number; occupancy: number }[]>`
    select (select count(*)::int from public.seats where kind = 'lounge_room' and place_id = ${room} and left_at is null) as open,
           (select count(*)::int from lounge.room_memberships where room_id = ${room}) as memberships,
           (select occupancy from lounge.rooms where id = ${room}) as occupancy`;
  expect(counts).toEqual({ open: 50, memberships: 50, occupancy: 50 });
}, 180_000);

test("500 concurrent matchmakes place everyone, no room over capacity", async () => {
  // 12 rooms of 50: 600 places for 500 users.
  for (let i = 0; i < 12; i++) await createRoom(`Match ${i}`, 50);
  const users = await Promise.all(Array.from({ length: 500 }, (_, i) => createUser(admin, `lounge-match-${run}-${i}@example.com`)));
  // All 500 requested at once; each connection runs its share one after another (a connection holds
  // one transaction at a time), so 200 are in the database at any moment.
  await warmUp();
  const previous: Promise<unknown>[] = connections.map(() => Promise.resolve());
  const outcomes = await Promise.allSettled(
    users.map((userId, i) => {
      const slot = i % connectionCount;
      const next = previous[slot].catch(() => undefined).then(() =>
        asUser(connections[slot], userId, (tx) => tx<{ room_id: string }[]>`select (lounge.matchmake(${region}, 'lounge')).room_id`));
      previous[slot] = next;
      return next;
    }),
  );
  expect(codes(outcomes)).toEqual([]);
  const perRoom = await admin<{ room_id: string; n: number; capacity: number }[]>`
    select r.id as room_id, count(s.id)::int as n, r.capacity
      from lounge.rooms r left join public.seats s on s.kind = 'lounge_room' and s.place_id = r.id and s.left_at is null
     where r.region = ${region} and r.name like 'Match %'
     group by r.id, r.capacity`;
  expect(perRoom.reduce((sum, r) => sum + r.n, 0)).toBe(500);
  expect(perRoom.filter((r) => r.n > r.capacity)).toEqual([]);
  const [{ matched }] = await admin<{ matched: number }[]>`
    select count(*)::int as matched from lounge.room_memberships m join lounge.rooms r on r.id = m.room_id
     where r.region = ${region} and r.name like 'Match %' and m.join_source = 'matchmaking'`;
  expect(matched).toBe(500);
}, 180_000);

// A seat unseen for 90 s is swept by its user's next join (take_seat's own-seat sweep), which must not
// overwrite a close that got there first either.
test.each([
  ["seen", false],
  ["unseen for 90 s", true],
])("one user's leave and move at once, the seat %s: the seat the leave closed stays left, and the move takes a new one", async (_seat, unseen) => {
  const [from, to] = [await createRoom("Race from", 10), await createRoom("Race to", 10)];
  const user = await createUser(admin, `lounge-race-${unseen ? "unseen-" : ""}${run}@example.com`);
  const [{ id: first }] = await asUser(connections[0], user, (tx) => tx<{ id: string }[]>`select (lounge.join_room(${from})).id`);
  if (unseen) await admin`update public.seats set joined_at = now() - interval '3 minutes', last_seen_at = now() - interval '2 minutes' where id = ${first}`;
  // The leave closes the seat and holds its transaction open; the move (another request of the same
  // user) reaches the seat meanwhile and waits for it.
  const leave = await holdTransaction((work) => asUser(connections[1], user, work), (tx) => tx`select lounge.leave_room()`);
  const move = asUser(connections[2], user, (tx) => tx<{ id: string }[]>`select (lounge.join_room(${to})).id`);
  await waitForLockWait(admin, "lounge.join_room");
  await leave.release();
  const [{ id: second }] = await move;
  const seats = await admin<{ id: string; closed_reason: string | null }[]>`
    select id, closed_reason from public.seats where kind = 'lounge_room' and user_id = ${user} order by joined_at, left_at nulls last`;
  expect(seats).toEqual([{ id: first, closed_reason: "left" }, { id: second, closed_reason: null }]);
  const hints = await admin<{ id: string; occupancy: number }[]>`select id, occupancy from lounge.rooms where id in (${from}, ${to}) order by id = ${to}`;
  expect(hints.map((r) => r.occupancy)).toEqual([0, 1]);
}, 60_000);

test("a move locks only the room joined: the room left stays free for its leaves and joins (no deadlock with them)", async () => {
  const [from, to] = [await createRoom("Lock from", 10), await createRoom("Lock to", 10)];
  const user = await createUser(admin, `lounge-lock-${run}@example.com`);
  await asUser(connections[0], user, (tx) => tx`select lounge.join_room(${from})`);
  const probe = await asUser(connections[1], user, async (tx) => {
    await tx`select lounge.join_room(${to})`;
    // While the move's transaction is open: another connection may lock the room left, not the one joined.
    return admin.begin(async (other) => {
      await other`set local lock_timeout = '200ms'`;
      const free = await other<{ id: string }[]>`select id from lounge.rooms where id = ${from} for update nowait`;
      const taken = await other<{ id: string }[]>`select id from lounge.rooms where id = ${to} for update skip locked`;
      return { roomLeftFree: free.length, roomJoinedFree: taken.length };
    });
  });
  expect(probe).toEqual({ roomLeftFree: 1, roomJoinedFree: 0 });
}, 60_000);

test("two members unseen for 90 s, each joining the other's full room at once: no deadlock between the rooms' sweeps", async () => {
  const [x, y] = [await createRoom("Stale X", 2), await createRoom("Stale Y", 2)];
  const [d1, d2, d3, d4] = await Promise.all([1, 2, 3, 4].map((i) => createUser(admin, `lounge-stale-${run}-${i}@example.com`)));
  for (const [user, room] of [[d1, x], [d3, x], [d2, y], [d4, y]]) await asUser(connections[0], user, (tx) => tx`select lounge.join_room(${room})`);
  await admin`update public.seats set joined_at = now() - interval '200 seconds', last_seen_at = now() - interval '100 seconds'
               where kind = 'lounge_room' and left_at is null and user_id in (${d1}, ${d2})`;
  // Both joins reach their own stale seat while another transaction holds the two, and go on together.
  const holder = await holdTransaction((work) => admin.begin(work),
    (tx) => tx`select id from public.seats where kind = 'lounge_room' and left_at is null and user_id in (${d1}, ${d2}) for update`);
  const joins = Promise.allSettled([
    asUser(connections[1], d1, (tx) => tx`select lounge.join_room(${y})`),
    asUser(connections[2], d2, (tx) => tx`select lounge.join_room(${x})`),
  ]);
  await waitForLockWait(admin, "lounge.join_room", 2);
  await holder.release();
  const outcomes = await joins;
  expect(codes(outcomes).filter((code) => code !== "PA004")).toEqual([]);
  const [{ over }] = await admin<{ over: number }[]>`
    select count(*)::int as over from (select place_id from public.seats where kind = 'lounge_room' and left_at is null and place_id in (${x}, ${y})
                                        group by place_id having count(*) > 2) full_rooms`;
  expect(over).toBe(0);
}, 60_000);

test("20 parallel purchases with one idempotency key charge once and grant one item", async () => {
  const [item] = await admin<{ id: string }[]>`
    insert into lounge.inventory_items (sku, type, name, price_credits) values (${`vitest-drink-${run}`}, 'drink', 'Vitest drink', 70)
    returning id`;
  itemId = item.id;
  const buyer = await createUser(admin, `lounge-buyer-${run}@example.com`);
  await admin`select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(${buyer}, 'CREDIT'), 1000, 'bonus', ${`lounge-bonus-${run}`})`;
  await warmUp();
  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      asUser(connections[i], buyer, (tx) => tx<{ quantity: number }[]>`select (lounge.buy_item(${item.id}, 'credits', 'one-key')).quantity`),
    ),
  );
  expect(codes(outcomes)).toEqual([]);
  const [state] = await admin<{ balance: string; purchases: number; quantity: number; charges: number }[]>`
    select (select balance from billing.accounts where user_id = ${buyer} and asset = 'CREDIT')::text as balance,
           (select count(*)::int from lounge.purchases where user_id = ${buyer}) as purchases,
           (select quantity from lounge.user_inventory where user_id = ${buyer} and item_id = ${item.id}) as quantity,
           (select count(*)::int from billing.transfers where reference_type = 'lounge_item' and reference_id = ${item.id}) as charges`;
  expect(state).toEqual({ balance: "930", purchases: 1, quantity: 1, charges: 1 });
}, 180_000);

test("voice: a room's members get TURN credentials for room:<id> from rtc-credentials, others and those who left do not", async () => {
  const room = await createRoom("Voice", 10);
  const member = await createUser(admin, `lounge-voice-member-${run}@example.com`);
  const stranger = await createUser(admin, `lounge-voice-stranger-${run}@example.com`);
  await asUser(admin, member, (tx) => tx`select lounge.join_room(${room})`);
  const handler = createRtcCredentialsHandler({
    sql: admin, auth: createAuth({ jwtSecret, supabaseUrl: "http://127.0.0.1:54321" }),
    turn: { urls: ["turn:turn.example.test:3478"], stunUrls: [], secret: "turn-secret", ttlSeconds: 600 },
  });
  const ask = async (userId: string, body: unknown) =>
    handler(new Request("http://local/rtc-credentials", {
      method: "POST", headers: { authorization: `Bearer ${await userToken(userId)}` }, body: JSON.stringify(body),
    }));

  const granted = await ask(member, { topic: `room:${room}` });
  expect(granted.status).toBe(200);
  expect((await granted.json()).username).toMatch(new RegExp(`^\\d+:${member}$`));
  expect((await ask(stranger, { topic: `room:${room}` })).status).toBe(403);
  expect((await ask(member, { topic: `room:${room}`, call_id: crypto.randomUUID() })).status).toBe(400);
  expect((await ask(member, { topic: "room:not-a-room" })).status).toBe(400);
  await asUser(admin, member, (tx) => tx`select lounge.leave_room()`);
  expect((await ask(member, { topic: `room:${room}` })).status).toBe(403);
}, 60_000);

test("joins, heartbeats and leaves commit without waiting for the WAL flush, unless the transaction wrote before or the setting is off", async () => {
  const room = await createRoom("Presence", 10);
  const user = await createUser(admin, `lounge-async-${run}@example.com`);
  const settingAfter = (call: (tx: Parameters<Parameters<typeof asUser>[2]>[0]) => Promise<unknown>) =>
    asUser(admin, user, async (tx) => {
      // As on a production server (test clusters run with synchronous_commit off for speed).
      await tx`set local synchronous_commit = on`;
      await call(tx);
      const [{ setting }] = await tx<{ setting: string }[]>`select current_setting('synchronous_commit') as setting`;
      return setting;
    });
  expect(await settingAfter((tx) => tx`select lounge.join_room(${room})`)).toBe("off");
  expect(await settingAfter((tx) => tx`select lounge.heartbeat()`)).toBe("off");
  // A transaction that has written already (it has an id) keeps durable commits for all of it.
  expect(await settingAfter(async (tx) => { await tx`select txid_current()`; await tx`select lounge.heartbeat()`; })).toBe("on");
  expect(await settingAfter((tx) => tx`select lounge.leave_room()`)).toBe("off");
  const [{ left }] = await admin<{ left: boolean }[]>`
    select left_at is not null as left from public.seats where kind = 'lounge_room' and user_id = ${user} order by joined_at desc limit 1`;
  expect(left).toBe(true);
  await admin`update private.system_configuration set config_value = 'false' where config_key = 'occupancy.async_commit'`;
  try {
    expect(await settingAfter((tx) => tx`select lounge.join_room(${room})`)).toBe("on");
    expect(await settingAfter((tx) => tx`select public.leave_seat((select id from public.seats where kind = 'lounge_room' and user_id = ${user} and left_at is null))`)).toBe("on");
  } finally {
    await admin`update private.system_configuration set config_value = 'true' where config_key = 'occupancy.async_commit'`;
  }
}, 60_000);
