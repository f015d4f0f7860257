import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { jwtSecret } from "../../scripts/lib/keys.ts";
import { anthropicProvider, openAiProvider } from "../../supabase/functions/ai-gateway/providers.ts";
import { createAiGatewayHandler } from "../../supabase/functions/ai-gateway/handler.ts";
import { createAuth } from "../../supabase/functions/_shared/auth.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { AiStandIn } from "../ai-stand-in.ts";
import { asUser, createUser, openConnections, testDatabaseUrl, userToken, type TransactionSql } from "../helpers.ts";

const run = Date.now();
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

/** Acts as PostgREST does for a request without a JWT. */
function asAnon<T>(sql: Sql, work: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select set_config('request.jwt.claims', '{"role": "anon"}', true), set_config('role', 'anon', true)`;
    return work(tx);
  }) as Promise<T>;
}

const errorCode = (outcome: PromiseSettledResult<unknown>) => (outcome.status === "rejected" ? (outcome.reason as { code?: string }).code : "ok");

/** A published gig in Berlin by a new owner. */
async function publishedGig(name: string, maxApplicants = 20): Promise<{ owner: string; gig: string }> {
  const owner = await createUser(admin, `${name}-owner-${run}@example.com`);
  const gig = await asUser(admin, owner, async (tx) => {
    const [{ id }] = await tx<{ id: string }[]>`
      insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time,
                             application_deadline, max_applicants)
      values (${name}, 'A shoot.', 'tfp', 'Berlin', 52.52, 13.405, now() + interval '3 days', now() + interval '3 days 2 hours',
              now() + interval '2 days', ${maxApplicants})
      returning id`;
    await tx`select gigs.publish_gig(${id})`;
    return id;
  });
  return { owner, gig };
}

async function creditBalance(userId: string): Promise<number> {
  const [row] = await admin<{ balance: string }[]>`
    select balance from billing.accounts where owner_type = 'user' and user_id = ${userId} and asset = 'CREDIT'`;
  return Number(row?.balance ?? 0);
}

async function fund(userId: string, credits: number): Promise<void> {
  await admin`select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(${userId}, 'CREDIT'), ${credits}, 'bonus', ${`fund-${userId}`})`;
}

describe("gigs: applications under concurrency", () => {
  test("50 concurrent applications to a gig of 20 leave 20, the others refused with PA004", { timeout: 120_000 }, async () => {
    const { owner, gig } = await publishedGig("crowded", 20);
    const applicants = await Promise.all(Array.from({ length: 50 }, (_, i) => createUser(admin, `applicant-${i}-${run}@example.com`)));
    connections = await openConnections(50);

    const outcomes = await Promise.allSettled(connections.map((sql, i) => asUser(sql, applicants[i], (tx) => tx`select gigs.apply(${gig})`)));

    const codes = outcomes.map(errorCode);
    expect(codes.filter((code) => code === "ok")).toHaveLength(20);
    expect(codes.filter((code) => code !== "ok")).toEqual(Array(30).fill("PA004"));
    const [{ n }] = await admin<{ n: number }[]>`select count(*)::int as n from gigs.applications where gig_id = ${gig}`;
    expect(n).toBe(20);
    // The owner heard of each application once.
    const [{ notified }] = await admin<{ notified: number }[]>`
      select count(*)::int as notified from public.notifications where user_id = ${owner} and type = 'application.status'`;
    expect(notified).toBe(20);
  });

  test("the same applicant applying 10 times at once gets one application (23505 for the rest)", { timeout: 120_000 }, async () => {
    const { gig } = await publishedGig("eager", 20);
    const applicant = await createUser(admin, `eager-${run}@example.com`);
    connections = await openConnections(10);
    const outcomes = await Promise.allSettled(connections.map((sql) => asUser(sql, applicant, (tx) => tx`select gigs.apply(${gig})`)));
    const codes = outcomes.map(errorCode);
    expect(codes.filter((code) => code === "ok")).toHaveLength(1);
    expect(codes.filter((code) => code !== "ok")).toEqual(Array(9).fill("23505"));
  });
});

describe("gigs: from a gig to a public showcase and reviews", () => {
  test("dual approval: a showcase is public only once the owner and the accepted talent both approved", { timeout: 120_000 }, async () => {
    const { owner, gig } = await publishedGig("showcased", 5);
    const talent = await createUser(admin, `talent-${run}@example.com`);
    const stranger = await createUser(admin, `stranger-${run}@example.com`);
    await asUser(admin, talent, (tx) => tx`insert into gigs.profiles (user_id, role, handle) values (${talent}, 'talent', ${`t_${run}`})`);
    const [{ application }] = await asUser(admin, talent, (tx) => tx<{ application: string }[]>`select (gigs.apply(${gig})).id as application`);

    // Shortlisting opens the gig's conversation for the two; accepting keeps the talent in it.
    await asUser(admin, owner, (tx) => tx`select gigs.review_application(${application}, 'shortlisted')`);
    const [{ conversation }] = await asUser(admin, talent, (tx) => tx<{ conversation: string }[]>`select gigs.gig_conversation(${gig}) as conversation`);
    await asUser(admin, talent, (tx) => tx`insert into public.messages (conversation_id, content) values (${conversation}, 'Hi! Looking forward to it.')`);
    await asUser(admin, owner, (tx) => tx`select gigs.review_application(${application}, 'accepted')`);
    await asUser(admin, owner, (tx) => tx`select gigs.complete_gig(${gig})`);
    const [{ messages }] = await asUser(admin, owner, (tx) => tx<{ messages: number }[]>`
      select count(*)::int as messages from public.messages where conversation_id = ${conversation}`);
    expect(messages).toBe(1);

    // Each uploads a photo of the shoot and describes it.
    await admin`insert into storage.objects (bucket_id, name, owner_id) values
                ('media', ${`${owner}/a.jpg`}, ${owner}), ('media', ${`${talent}/b.jpg`}, ${talent})`;
    const [{ id: ownerMedia }] = await asUser(admin, owner, (tx) => tx<{ id: string }[]>`
      insert into gigs.media (type, path, mime_type) values ('image', ${`${owner}/a.jpg`}, 'image/jpeg') returning id`);
    const [{ id: talentMedia }] = await asUser(admin, talent, (tx) => tx<{ id: string }[]>`
      insert into gigs.media (type, path, mime_type) values ('image', ${`${talent}/b.jpg`}, 'image/jpeg') returning id`);

    const [{ showcase, visibility }] = await asUser(admin, talent, (tx) => tx<{ showcase: string; visibility: string }[]>`
      select s.id as showcase, s.visibility from gigs.create_showcase(${gig}, ${talent}, ${[ownerMedia, talentMedia]}::uuid[], 'Berlin nights') s`);
    expect(visibility).toBe("private");
    const anonSees = () => asAnon(admin, async (tx) => {
      const [{ showcases }] = await tx<{ showcases: number }[]>`select count(*)::int as showcases from gigs.showcases where id = ${showcase}`;
      const [{ files }] = await tx<{ files: number }[]>`
        select count(*)::int as files from storage.objects where bucket_id = 'media' and name in (${`${owner}/a.jpg`}, ${`${talent}/b.jpg`})`;
      return { showcases, files };
    });
    expect(await anonSees()).toEqual({ showcases: 0, files: 0 });
    await expect(asUser(admin, stranger, (tx) => tx`select gigs.set_showcase_approval(${showcase}, true)`)).rejects.toMatchObject({ code: "PA001" });

    await asUser(admin, owner, (tx) => tx`select gigs.set_showcase_approval(${showcase}, true)`);
    expect(await anonSees()).toEqual({ showcases: 1, files: 2 });

    // Likes are rows, one per user; views go to sharded counters.
    await asUser(admin, stranger, (tx) => tx`insert into gigs.showcase_likes (showcase_id) values (${showcase})`);
    connections = await openConnections(10);
    await Promise.all(connections.map((sql) => asAnon(sql, (tx) => tx`select gigs.record_showcase_view(${showcase})`)));
    const [stats] = await asAnon(admin, (tx) => tx<{ likes: string; views: string }[]>`select * from gigs.showcase_stats(${showcase})`);
    expect({ likes: Number(stats.likes), views: Number(stats.views) }).toEqual({ likes: 1, views: 10 });

    // Reviews both ways; the rating follows.
    await asUser(admin, talent, (tx) => tx`select gigs.leave_review(${gig}, ${owner}, 5, '{kind}', 'Great direction')`);
    await asUser(admin, owner, (tx) => tx`select gigs.leave_review(${gig}, ${talent}, 4)`);
    const [profile] = await admin<{ rating: string; review_count: number }[]>`select rating, review_count from gigs.profiles where user_id = ${talent}`;
    expect(profile).toEqual({ rating: "4.00", review_count: 1 });
    await expect(asUser(admin, owner, (tx) => tx`select gigs.leave_review(${gig}, ${talent}, 5)`)).rejects.toMatchObject({ code: "23505" });
  });
});

describe("gigs: paid things are charged once", () => {
  test("a boost retried 10 times at once with one key is charged once", { timeout: 120_000 }, async () => {
    const { owner, gig } = await publishedGig("boosted");
    await fund(owner, 500);
    connections = await openConnections(10);
    const outcomes = await Promise.allSettled(connections.map((sql) => asUser(sql, owner, (tx) => tx`select gigs.boost_gig(${gig}, 2, ${`boost-${run}`})`)));
    expect(outcomes.map(errorCode)).toEqual(Array(10).fill("ok"));
    expect(await creditBalance(owner)).toBe(500 - 120);
    const [{ boost_level }] = await admin<{ boost_level: number }[]>`select boost_level from gigs.gigs where id = ${gig}`;
    expect(boost_level).toBe(2);
    // A new key is a new boost; the old key cannot pay for another level.
    await expect(asUser(admin, owner, (tx) => tx`select gigs.boost_gig(${gig}, 3, ${`boost-${run}`})`)).rejects.toMatchObject({ code: "PA106" });
  });

  test("an AI enhancement of a source image, retried with one Idempotency-Key, is charged once and recorded once", { timeout: 120_000 }, async () => {
    const ai = await new AiStandIn().start();
    try {
      const model = `gpt-gigs-${run}`;
      await admin`insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, minimum_credits, max_output_tokens)
                  values (${model}, 'openai', 2, 10, 1, 1000)`;
      const gateway = createAiGatewayHandler({
        sql: admin, auth: createAuth({ jwtSecret, supabaseUrl: "http://127.0.0.1:54321" }), timeoutMs: 2000,
        providers: { openai: openAiProvider(ai.url, "sk-test"), anthropic: anthropicProvider(ai.url, "sk-ant-test") },
      });
      ai.reply = { pieces: ["Warmer", " light."], inputTokens: 800, outputTokens: 300 };
      const user = await createUser(admin, `enhancer-${run}@example.com`);
      const other = await createUser(admin, `enhancer-other-${run}@example.com`);
      await fund(user, 1000);
      const [{ id: image }] = await asUser(admin, user, (tx) => tx<{ id: string }[]>`
        insert into gigs.source_images (user_id, storage_path, mime_type) values (${user}, ${`${user}/raw.jpg`}, 'image/jpeg') returning id`);
      const ask = async (as: string, key: string) => gateway(new Request("http://local/ai-gateway", {
        method: "POST",
        body: JSON.stringify({ model, max_tokens: 500, messages: [{ role: "user", content: "Suggest an edit" }],
                               purpose: { type: "gig_enhancement", id: image } }),
        headers: { "content-type": "application/json", authorization: `Bearer ${await userToken(as)}`, "idempotency-key": key },
      }));

      // Someone else's source image is not a purpose the caller may use.
      expect((await ask(other, `enh-other-${run}`)).status).toBe(404);

      const first = await ask(user, `enh-${run}`);
      expect(first.status).toBe(200);
      const charged = (await first.json()).credits.charged as number;
      const retries = await Promise.all([ask(user, `enh-${run}`), ask(user, `enh-${run}`), ask(user, `enh-${run}`)]);
      for (const retry of retries) {
        expect(retry.status).toBe(200);
        expect((await retry.json()).credits.charged).toBe(charged);
      }
      expect(await creditBalance(user)).toBe(1000 - charged);
      const rows = await admin<{ status: string; credits_used: string }[]>`
        select status, credits_used from gigs.ai_enhancements where user_id = ${user}`;
      expect(rows).toEqual([{ status: "completed", credits_used: String(charged) }]);
    } finally {
      await ai.stop();
    }
  });
});
