import { afterAll, beforeAll, expect, test } from "vitest";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { asUser, createUser, holdTransaction, openConnections, testDatabaseUrl, waitForLockWait } from "../helpers.ts";

// 200 users take a seat in one place of 50 seats at the same moment, each over its own connection.
// The seat kind is a probe product's, registered here and removed afterwards.
const joiners = 200;
const seats = 50;
const kind = "vitest_pool";

let admin: Sql;
let connections: Sql[] = [];

beforeAll(async () => {
  admin = connectDatabase(testDatabaseUrl());
  await admin.unsafe(`
    create schema vitest_occupancy;
    create function vitest_occupancy.capacity(p_place_id uuid) returns integer language sql immutable set search_path = '' as $$ select ${seats} $$;
    create function vitest_occupancy.may_sit(p_place_id uuid, p_user_id uuid) returns boolean language sql immutable set search_path = '' as $$ select true $$;
    insert into private.seat_kinds (kind, product, capacity, may_sit)
    values ('${kind}', 'vitest', 'vitest_occupancy.capacity(uuid)', 'vitest_occupancy.may_sit(uuid, uuid)');
  `);
  // Opened in batches: two hundred SCRAM handshakes at once outlast the connect timeout.
  for (let opened = 0; opened < joiners; opened += 25) connections.push(...(await openConnections(Math.min(25, joiners - opened))));
});
afterAll(async () => {
  await admin.unsafe(`
    delete from public.seats where kind = '${kind}';
    delete from private.seat_kinds where kind = '${kind}';
    drop schema vitest_occupancy cascade;
  `);
  await Promise.all([admin, ...connections].map((sql) => sql.end()));
});

const openSeats = async (where: { place?: string; user?: string }) => {
  const [{ n }] = await admin<{ n: number }[]>`
    select count(*)::int as n from public.seats
     where kind = ${kind} and left_at is null
       and (${where.place ?? null}::uuid is null or place_id = ${where.place ?? null})
       and (${where.user ?? null}::uuid is null or user_id = ${where.user ?? null})`;
  return n;
};

test(`${joiners} concurrent joins of a place of ${seats} seats leave exactly ${seats} seated`, async () => {
  const run = Date.now();
  const place = crypto.randomUUID();
  const users = await Promise.all(Array.from({ length: joiners }, (_, i) => createUser(admin, `seat-${run}-${i}@example.com`)));
  const outcomes = await Promise.allSettled(
    users.map((userId, i) => asUser(connections[i], userId, (tx) => tx`select (public.join_seat(${kind}, ${place})).id`)),
  );

  const seated = outcomes.filter((o) => o.status === "fulfilled").length;
  const refusals = outcomes.flatMap((o) => (o.status === "rejected" ? [(o.reason as { code?: string }).code] : []));
  expect(seated).toBe(seats);
  expect(refusals).toEqual(Array(joiners - seats).fill("PA004"));
  expect(await openSeats({ place })).toBe(seats);
});

test("one user joining ten places of a kind at once ends with one open seat", async () => {
  const user = await createUser(admin, `seat-mover-${Date.now()}@example.com`);
  const places = Array.from({ length: 10 }, () => crypto.randomUUID());
  const outcomes = await Promise.allSettled(
    places.map((place, i) => asUser(connections[i], user, (tx) => tx`select (public.join_seat(${kind}, ${place})).id`)),
  );
  expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
  expect(await openSeats({ user })).toBe(1);
  const [{ moved }] = await admin<{ moved: number }[]>`
    select count(*)::int as moved from public.seats where kind = ${kind} and user_id = ${user} and closed_reason = 'moved'`;
  expect(moved).toBe(9);
});

test("a join of one's own place waiting for one's own leave sits the user anew, not in the closed seat", async () => {
  const place = crypto.randomUUID();
  const user = await createUser(admin, `occupancy-race-${Date.now()}@example.com`);
  const [{ id: first }] = await asUser(connections[0], user, (tx) => tx<{ id: string }[]>`select (public.join_seat(${kind}, ${place})).id`);
  const leave = await holdTransaction((work) => asUser(connections[1], user, work), (tx) => tx`select public.leave_seat(${first})`);
  const rejoin = asUser(connections[2], user, (tx) => tx<{ id: string; left_at: string | null }[]>`select id, left_at from public.join_seat(${kind}, ${place})`);
  await waitForLockWait(admin, "public.join_seat");
  await leave.release();
  const [joined] = await rejoin;
  expect(joined.id).not.toBe(first);
  expect(joined.left_at).toBeNull();
  expect(await openSeats({ user })).toBe(1);
}, 60_000);
