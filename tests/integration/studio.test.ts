import { afterAll, beforeAll, expect, test } from "vitest";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { asServiceRole, asUser, createUser, openConnections, testDatabaseUrl } from "../helpers.ts";

// The studio under concurrency, each caller over its own connection, all starting together:
// leaderboard submissions, joins of a support group, entries into a space, and retries of paid
// starts and tool runs with one idempotency key.
const connectionCount = 120;

let admin: Sql;
let connections: Sql[] = [];
const run = Date.now();

beforeAll(async () => {
  admin = connectDatabase(testDatabaseUrl());
  // Opened in batches: a hundred SCRAM handshakes at once outlast the connect timeout.
  for (let opened = 0; opened < connectionCount; opened += 25) {
    connections.push(...(await openConnections(Math.min(25, connectionCount - opened))));
  }
});
afterAll(async () => {
  await Promise.all([admin, ...connections].map((sql) => sql.end()));
});

const users = (n: number, label: string) =>
  Promise.all(Array.from({ length: n }, (_, i) => createUser(admin, `studio-${label}-${run}-${i}@example.com`)));

const codes = (outcomes: PromiseSettledResult<unknown>[]) =>
  outcomes.flatMap((o) => (o.status === "rejected" ? [(o.reason as { code?: string }).code] : []));

const giveCredits = (userId: string, credits: number) =>
  asServiceRole(admin, (tx) => tx`
    select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(${userId}, 'CREDIT'),
                            ${credits}, 'bonus', ${`studio-test-credits-${userId}`})`);

test("100 concurrent submissions on one game leave ranks 1..n in score order", async () => {
  const players = await users(100, "player");
  const [game] = await admin<{ id: string }[]>`
    insert into studio.games_catalog (slug, name, category, min_score, max_score, min_duration_seconds)
    values (${`race-${run}`}, 'Race', 'arcade', 0, 1000000, 0) returning id`;
  const sessions = await Promise.all(
    players.map((player, i) =>
      asUser(connections[i], player, async (tx) => (await tx<{ id: string }[]>`select (studio.start_game(${game.id}, ${`race-${i}`})).id`)[0].id),
    ),
  );
  // Distinct scores in a shuffled order, so that arrival order says nothing about rank.
  const scores = players.map((_, i) => ((i * 37) % 100) * 10 + 5);
  const outcomes = await Promise.allSettled(
    players.map((player, i) => asUser(connections[i], player, (tx) => tx`select (studio.finish_game(${sessions[i]}, ${scores[i]})).status`)),
  );
  expect(codes(outcomes)).toEqual([]);

  const board = await admin<{ rank: string; player_id: string; score: string }[]>`select * from studio.game_leaderboard(${game.id}, 1000)`;
  expect(board.map((row) => Number(row.rank))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  expect(board.map((row) => Number(row.score))).toEqual([...scores].sort((a, b) => b - a));
  const best = players[scores.indexOf(Math.max(...scores))];
  const [mine] = await asUser(connections[0], best, (tx) => tx<{ rank: string }[]>`select * from studio.game_rank(${game.id})`);
  expect(Number(mine.rank)).toBe(1);
  // game_rank (from the score buckets) says what the board says, for every player.
  const ranks = await admin<{ rank: string; player_id: string }[]>`
    select r.rank, b.player_id from studio.game_leaderboard(${game.id}, 1000) b cross join lateral studio.game_rank(${game.id}, b.player_id) r`;
  expect(ranks.map((row) => Number(row.rank))).toEqual(board.map((row) => Number(row.rank)));
});

test("new bests submitted at once across score ranges neither deadlock nor leave a count wrong", async () => {
  const players = await users(100, "climber");
  const [game] = await admin<{ id: string }[]>`
    insert into studio.games_catalog (slug, name, category, min_score, max_score, min_duration_seconds)
    values (${`climb-${run}`}, 'Climb', 'arcade', 0, 1023, 0) returning id`;
  // Four rounds of everyone at once: each player climbs from range to range (4 scores per range),
  // crossing the others' ranges in every order, and ties appear and dissolve.
  for (let round = 0; round < 4; round++) {
    const outcomes = await Promise.allSettled(
      players.map((player, i) =>
        connections[i]`select private.studio_record_score(${game.id}, ${player}, ${((i * 37) % 100) + round * ((i % 7) * 40 + 30)}, null)`),
    );
    expect(codes(outcomes)).toEqual([]);
  }
  const [{ drift }] = await admin<{ drift: number }[]>`
    with kept as (select bucket, shard, players from studio.game_score_buckets where game_id = ${game.id} and players > 0),
    recount as (select private.studio_score_bucket(score, 0, 1023) as bucket, private.studio_score_shard(user_id) as shard, count(*)::int as players
                  from studio.game_leaderboards where game_id = ${game.id} group by 1, 2)
    select (select count(*) from (select * from kept except select * from recount) a)::int
         + (select count(*) from (select * from recount except select * from kept) b)::int as drift`;
  expect(drift).toBe(0);
  const [{ wrong }] = await admin<{ wrong: number }[]>`
    select count(*)::int as wrong from studio.game_leaderboards l cross join lateral studio.game_rank(l.game_id, l.user_id) r
     where l.game_id = ${game.id}
       and r.rank <> 1 + (select count(*) from studio.game_leaderboards o where o.game_id = l.game_id and o.score > l.score)`;
  expect(wrong).toBe(0);
});

test("40 concurrent joins of a support group of 20 leave 20 members", async () => {
  const [owner, ...joiners] = await users(41, "grouper");
  const [group] = await asUser(admin, owner, (tx) => tx<{ id: string }[]>`
    select (studio.create_support_group('Crowded circle', 'general', false, 20)).id`);
  const outcomes = await Promise.allSettled(
    joiners.map((user, i) => asUser(connections[i], user, (tx) => tx`select (studio.join_support_group(${group.id})).role`)),
  );
  expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(19);
  expect(codes(outcomes)).toEqual(Array(21).fill("PA004"));
  const [{ n }] = await admin<{ n: number }[]>`select count(*)::int as n from studio.support_group_members where group_id = ${group.id}`;
  expect(n).toBe(20);
  const [{ chat }] = await admin<{ chat: number }[]>`
    select count(*)::int as chat from public.conversation_participants p join public.conversations c on c.id = p.conversation_id
     where c.subject_type = 'support_group' and c.subject_id = ${group.id}`;
  expect(chat).toBe(20);
});

test("120 concurrent entries into a space of 100 leave 100 visitors", async () => {
  const [owner, ...visitors] = await users(121, "visitor");
  const [space] = await asUser(admin, owner, (tx) => tx<{ id: string }[]>`
    insert into studio.virtual_spaces (name, type, capacity) values ('Packed plaza', 'plaza', 100) returning id`);
  await admin`insert into studio.avatars (user_id, name, is_active) select u, 'Visitor', true from unnest(${visitors}::uuid[]) u`;
  const outcomes = await Promise.allSettled(
    visitors.map((user, i) => asUser(connections[i], user, (tx) => tx`select (studio.enter_space(${space.id})).id`)),
  );
  expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(100);
  expect(codes(outcomes)).toEqual(Array(20).fill("PA004"));
  const [{ open, seats }] = await admin<{ open: number; seats: number }[]>`
    select (select count(*)::int from studio.space_visits where space_id = ${space.id} and exited_at is null) as open,
           (select count(*)::int from public.seats where kind = 'studio_space' and place_id = ${space.id} and left_at is null) as seats`;
  expect([open, seats]).toEqual([100, 100]);
});

test("a premium game and a tool are charged once under concurrent retries of one key", async () => {
  const [buyer] = await users(1, "buyer");
  await giveCredits(buyer, 1000);
  const [game] = await admin<{ id: string }[]>`
    with game as (
      insert into studio.games_catalog (slug, name, category, is_premium, credit_cost, min_duration_seconds)
      values (${`paid-${run}`}, 'Paid', 'arcade', true, 11, 0) returning id
    ), price as (
      insert into billing.priced_items (product, item_type, item_id, price) select 'studio', 'game', id::text, 11 from game
    )
    select id from game`;
  const [tool] = await admin<{ id: string }[]>`
    insert into studio.tools_catalog (slug, name, credit_cost) values (${`retry-tool-${run}`}, 'Retry tool', 13) returning id`;

  const starts = await Promise.allSettled(
    connections.slice(0, 20).map((sql) => asUser(sql, buyer, (tx) => tx<{ id: string }[]>`select (studio.start_game(${game.id}, 'retry-game')).id`)),
  );
  const runs = await Promise.allSettled(
    connections.slice(20, 40).map((sql) => asUser(sql, buyer, (tx) => tx<{ id: string }[]>`select (studio.run_tool(${tool.id}, '{}', 'retry-tool')).id`)),
  );
  expect(codes([...starts, ...runs])).toEqual([]);
  const ids = (outcomes: PromiseSettledResult<{ id: string }[]>[]) =>
    new Set(outcomes.map((o) => (o.status === "fulfilled" ? o.value[0].id : "")));
  expect(ids(starts).size).toBe(1);
  expect(ids(runs).size).toBe(1);

  const [charges] = await admin<{ sessions: number; usages: number; available: string }[]>`
    select (select count(*)::int from studio.game_sessions where user_id = ${buyer}) as sessions,
           (select count(*)::int from studio.tools_usage where user_id = ${buyer}) as usages,
           (select balance - held from billing.accounts where owner_type = 'user' and user_id = ${buyer} and asset = 'CREDIT') as available`;
  expect(charges.sessions).toBe(1);
  expect(charges.usages).toBe(1);
  expect(Number(charges.available)).toBe(1000 - 11 - 13);
});
