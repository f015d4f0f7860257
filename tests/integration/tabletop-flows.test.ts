// Tabletop flows end to end over the served functions (issue 23): seats paid through checkout and the
// signed webhook seat their players at the listing's table (its channels); a listing its GM cancels
// refunds every paid player once through the Stripe stand-in, Stripe's charge.refunded events apply
// the refunds, and the ledger balances.
import { afterAll, beforeAll, expect, test } from "vitest";
import { freePort } from "../../scripts/lib/cluster.ts";
import { startFunctionsServer, stripeWebhookSecret, type FunctionsServer } from "../../scripts/lib/functions.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { asUser, createUser, testDatabaseUrl, userToken } from "../helpers.ts";
import { charge, checkoutSession, describeWithFixtures, signedRequest, stripeEvent } from "../stripe-fixtures.ts";
import { StripeStandIn } from "../stripe-stand-in.ts";

let admin: Sql;
const run = Date.now().toString(36);
const price = 2500;

beforeAll(() => {
  admin = connectDatabase(testDatabaseUrl());
});
afterAll(async () => {
  await admin.end();
});

describeWithFixtures("tabletop flows over the served functions", () => {
  let stripe: StripeStandIn;
  let server: FunctionsServer;
  beforeAll(async () => {
    stripe = await new StripeStandIn().start();
    server = await startFunctionsServer({ port: await freePort(56300), dbUrl: testDatabaseUrl(), env: { STRIPE_API_BASE: stripe.url } });
  });
  afterAll(async () => {
    await server?.stop();
    await stripe?.stop();
  });

  async function post(path: string, body: string, headers: Record<string, string>): Promise<Response> {
    return fetch(`${server.url}/functions/v1/${path}`, { method: "POST", body, headers });
  }

  async function deliver(event: Record<string, unknown>): Promise<unknown> {
    const request = signedRequest(event, stripeWebhookSecret);
    const response = await post("stripe-webhook", await request.text(), Object.fromEntries(request.headers));
    expect(response.status).toBe(200);
    return response.json();
  }

  /** A GM with payouts enabled and a published paid listing (publishing gives it its table). */
  async function gmWithListing(name: string): Promise<{ gm: string; listing: string }> {
    const gm = await createUser(admin, `${name}-${run}@example.com`);
    await admin`select billing.register_connected_account(${`acct_${name}_${run}`}, ${gm})`;
    await admin`update billing.connected_accounts set payouts_enabled = true, charges_enabled = true, details_submitted = true where user_id = ${gm}`;
    const listing = await asUser(admin, gm, async (tx) => {
      const [profile] = await tx<{ id: string }[]>`insert into tabletop.gm_profiles (user_id, is_listed) values (${gm}, true) returning id`;
      const [row] = await tx<{ id: string }[]>`
        insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes, min_players, max_players, scheduled_start)
        values (${profile.id}, 'Flows table', 'A game', 'D&D 5e', ${price}, 'one_shot', 180, 1, 5, now() + interval '7 days') returning id`;
      await tx`select tabletop.publish_listing(${row.id})`;
      return row.id;
    });
    return { gm, listing };
  }

  /** A player books a seat, pays through the checkout function, and Stripe's signed event confirms it. */
  async function bookAndPay(listing: string, name: string): Promise<{ player: string; booking: string; paymentIntent: string }> {
    const player = await createUser(admin, `${name}-${run}@example.com`);
    const [{ id: booking }] = await asUser(admin, player, (tx) => tx<{ id: string }[]>`select (tabletop.book_seat(${listing})).id`);
    const checkout = await post("checkout", JSON.stringify({ purpose: "product", product_type: "tabletop_booking", product_ref: booking,
      success_url: "http://127.0.0.1:3000/booked", cancel_url: "http://127.0.0.1:3000/listing" }),
      { authorization: `Bearer ${await userToken(player)}`, "content-type": "application/json" });
    expect(checkout.status).toBe(200);
    const [session] = stripe.created("/v1/checkout/sessions").filter((r) => (r.params.metadata as Record<string, string>).ref === booking);
    const paymentIntent = `pi_${name}_${run}`;
    const outcome = await deliver(stripeEvent("checkout.session.completed", checkoutSession({
      id: `cs_${name}_${run}`, amount: price, paymentIntent, metadata: session.params.metadata as Record<string, string> })));
    expect(outcome).toEqual({ received: true, outcome: "processed" });
    return { player, booking, paymentIntent };
  }

  /** The channels of the listing's campaign a user takes part in, as they read them. */
  async function tableChannels(user: string, listing: string): Promise<string[]> {
    const rows = await asUser(admin, user, (tx) => tx<{ channel_type: string }[]>`
      select c.channel_type from public.conversations c
       where c.subject_type = 'campaign'
         and c.subject_id in (select k.id from tabletop.campaigns k join tabletop.game_listings l on l.group_id = k.group_id where l.id = ${listing})
       order by c.channel_type`);
    return rows.map((r) => r.channel_type);
  }

  test("a booking confirmed by the webhook gives the player the table's channels", async () => {
    const { listing } = await gmWithListing("access-gm");
    const bystander = await createUser(admin, `bystander-${run}@example.com`);
    const { player, booking } = await bookAndPay(listing, "access-player");
    expect((await admin`select status from tabletop.bookings where id = ${booking}`)[0].status).toBe("confirmed");
    expect(await tableChannels(player, listing)).toEqual(["dice", "ic", "ooc"]);
    expect(await tableChannels(bystander, listing)).toEqual([]);
    // The player says hello in character: a participant of the channel.
    await asUser(admin, player, (tx) => tx`
      insert into public.messages (conversation_id, content)
      select c.id, 'Hello, table' from public.conversations c
       where c.channel_type = 'ic' and c.subject_id in (select k.id from tabletop.campaigns k where k.listing_id = ${listing})`);
    // Cancelling (a week ahead: a full refund) takes the seat at the table away again.
    await asUser(admin, player, (tx) => tx`select tabletop.cancel_booking(${booking})`);
    expect(await tableChannels(player, listing)).toEqual([]);
  });

  test("a listing cancelled by its GM refunds every paid player once through Stripe, and the ledger balances", async () => {
    const { gm, listing } = await gmWithListing("cancel-gm");
    const paid = [];
    for (let i = 0; i < 3; i++) paid.push(await bookAndPay(listing, `cancel-player-${i}`));
    const unpaid = await createUser(admin, `cancel-unpaid-${run}@example.com`);
    await asUser(admin, unpaid, (tx) => tx`select tabletop.book_seat(${listing})`);

    await asUser(admin, gm, (tx) => tx`select tabletop.cancel_listing(${listing}, 'The GM is ill')`);
    // A second cancellation is refused and queues nothing more.
    await expect(asUser(admin, gm, (tx) => tx`select tabletop.cancel_listing(${listing})`)).rejects.toMatchObject({ code: "PA115" });

    // The refunds run, twice (as the scheduler may): each payment is refunded once, in full.
    for (let i = 0; i < 2; i++) {
      const response = await post("refunds", "", { authorization: `Bearer ${server.serviceRoleKey}` });
      expect(response.status).toBe(200);
    }
    const intents = new Set(paid.map((p) => p.paymentIntent));
    const refunds = stripe.created("/v1/refunds").filter((r) => intents.has(r.params.payment_intent as string));
    expect(refunds.map((r) => r.params.payment_intent).sort()).toEqual([...intents].sort());
    expect(new Set(refunds.map((r) => r.idempotencyKey)).size).toBe(3);
    expect(refunds.every((r) => r.params.amount === String(price))).toBe(true);

    // Stripe reports each refund; the books apply it (and a redelivery applies nothing more).
    for (const p of paid) {
      const event = stripeEvent("charge.refunded", charge({ paymentIntent: p.paymentIntent, amount: price, amountRefunded: price }));
      expect(await deliver(event)).toEqual({ received: true, outcome: "processed" });
      expect(await deliver(event)).toEqual({ received: true, outcome: "duplicate" });
    }
    const payments = await admin<{ status: string; amount_refunded: string }[]>`
      select status, amount_refunded::text from billing.payments where stripe_payment_intent_id in ${admin([...intents])}`;
    expect(payments).toEqual(Array(3).fill({ status: "refunded", amount_refunded: String(price) }));
    const bookings = await admin<{ status: string; refund: string | null }[]>`
      select status, refund_amount_cents::text as refund from tabletop.bookings where listing_id = ${listing} order by refund_amount_cents desc nulls last`;
    expect(bookings.map((b) => `${b.status} ${b.refund}`)).toEqual([`cancelled ${price}`, `cancelled ${price}`, `cancelled ${price}`, "cancelled 0"]);
    const notified = await admin`select count(*)::int as n from public.notifications where type = 'tabletop.listing_cancelled' and payload ->> 'listing_id' = ${listing}`;
    expect(notified[0].n).toBe(4);
    for (const p of paid) expect(await tableChannels(p.player, listing)).toEqual([]);
    expect((await admin`select billing.ledger_violations() as v`)[0].v).toEqual([]);
  });
});
