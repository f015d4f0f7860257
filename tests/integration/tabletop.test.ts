import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../scripts/lib/cluster.ts";
import { startFunctionsServer, stripeWebhookSecret, type FunctionsServer } from "../../scripts/lib/functions.ts";
import { connectDatabase, type Sql } from "../../supabase/functions/_shared/db.ts";
import { stripeApiVersion } from "../../supabase/functions/_shared/stripe.ts";
import { StripeStandIn } from "../stripe-stand-in.ts";
import { asUser, createUser, openConnections, testDatabaseUrl, userToken } from "../helpers.ts";

let admin: Sql;
const run = Date.now();

beforeAll(() => {
  admin = connectDatabase(testDatabaseUrl());
});
afterAll(async () => {
  await admin.end();
});

/** A GM with payouts enabled and a published listing. */
async function gmWithListing(name: string, seats: number, price: number): Promise<{ gm: string; listing: string; account: string }> {
  const gm = await createUser(admin, `${name}-${run}@example.com`);
  const account = `acct_${name}_${run}`;
  await admin`select billing.register_connected_account(${account}, ${gm})`;
  await admin`update billing.connected_accounts set payouts_enabled = true, charges_enabled = true, details_submitted = true where id = ${account}`;
  const listing = await asUser(admin, gm, async (tx) => {
    const [profile] = await tx<{ id: string }[]>`insert into tabletop.gm_profiles (user_id, is_listed) values (${gm}, true) returning id`;
    const [row] = await tx<{ id: string }[]>`
      insert into tabletop.game_listings (gm_id, title, description, game_system, price_per_seat_cents, listing_type, session_length_minutes, min_players, max_players, scheduled_start)
      values (${profile.id}, 'Table', 'A game', 'D&D 5e', ${price}, 'one_shot', 180, 1, ${seats}, now() + interval '7 days') returning id`;
    await tx`select tabletop.publish_listing(${row.id})`;
    return row.id;
  });
  return { gm, listing, account };
}

test("50 concurrent bookings for 6 seats leave exactly 6", async () => {
  const { listing } = await gmWithListing("busy-gm", 6, 1500);
  const players = await Promise.all(Array.from({ length: 50 }, (_, i) => createUser(admin, `rush-player-${run}-${i}@example.com`)));
  const connections = await openConnections(50);
  try {
    const outcomes = await Promise.allSettled(players.map((player, i) => asUser(connections[i], player, (tx) => tx`select tabletop.book_seat(${listing})`)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(6);
    expect(new Set(outcomes.flatMap((o) => (o.status === "rejected" ? [(o.reason as { code: string }).code] : [])))).toEqual(new Set(["PA004"]));
  } finally {
    await Promise.all(connections.map((sql) => sql.end()));
  }
  const [row] = await admin`select current_players, status, (select count(*)::int from tabletop.bookings where listing_id = ${listing}) as bookings
                              from tabletop.game_listings where id = ${listing}`;
  expect(row).toEqual({ current_players: 6, status: "full", bookings: 6 });
});

describe("a booking end to end over the served functions", () => {
  let stripe: StripeStandIn;
  let server: FunctionsServer;
  beforeAll(async () => {
    stripe = await new StripeStandIn().start();
    server = await startFunctionsServer({ port: await freePort(56200), dbUrl: testDatabaseUrl(), env: { STRIPE_API_BASE: stripe.url } });
  });
  afterAll(async () => {
    await server?.stop();
    await stripe?.stop();
  });

  test("book, pay (signed webhook), complete, review, and the payouts run pays the GM's share", async () => {
    const { gm, listing, account } = await gmWithListing("e2e-gm", 4, 2000);
    const player = await createUser(admin, `e2e-player-${run}@example.com`);
    const [{ id: booking }] = await asUser(admin, player, (tx) => tx<{ id: string }[]>`select (tabletop.book_seat(${listing})).id`);

    const checkout = await fetch(`${server.url}/functions/v1/checkout`, {
      method: "POST",
      headers: { authorization: `Bearer ${await userToken(player)}`, "content-type": "application/json" },
      body: JSON.stringify({ purpose: "product", product_type: "tabletop_booking", product_ref: booking,
                             success_url: "http://127.0.0.1:3000/booked", cancel_url: "http://127.0.0.1:3000/listing" }),
    });
    expect(checkout.status).toBe(200);
    const [session] = stripe.created("/v1/checkout/sessions").filter((r) => (r.params.metadata as Record<string, string>).ref === booking);
    expect(session.params).toMatchObject({ line_items: { 0: { price_data: { unit_amount: "2000" } } } });

    // Stripe confirms the payment: the session's metadata comes back on the signed event.
    const event = JSON.stringify({
      id: `evt_booking_${run}`, object: "event", type: "checkout.session.completed", api_version: stripeApiVersion, created: Math.floor(Date.now() / 1000),
      data: { object: { id: `cs_booking_${run}`, mode: "payment", payment_status: "paid", amount_total: 2000, currency: "usd",
                        payment_intent: `pi_booking_${run}`, metadata: session.params.metadata } },
    });
    const webhook = await fetch(`${server.url}/functions/v1/stripe-webhook`, {
      method: "POST", body: event, headers: { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: event, secret: stripeWebhookSecret }) },
    });
    expect(await webhook.json()).toEqual({ received: true, outcome: "processed" });
    expect((await admin`select status from tabletop.bookings where id = ${booking}`)[0].status).toBe("confirmed");

    // The session takes place.
    await admin`update tabletop.bookings set session_date = now() - interval '5 hours' where id = ${booking}`;
    await asUser(admin, gm, (tx) => tx`select tabletop.complete_booking(${booking})`);
    await asUser(admin, player, (tx) => tx`select tabletop.review_booking(${booking}, 5, 5, 5, 5, 'Superb')`);
    expect((await admin`select average_rating from tabletop.gm_profiles where user_id = ${gm}`)[0].average_rating).toBe("5.00");

    // The hold window passes.
    await admin`update billing.seller_earnings set available_at = now() - interval '1 minute' where source_id = ${booking}`;
    const payouts = await fetch(`${server.url}/functions/v1/payouts`, { method: "POST", headers: { authorization: `Bearer ${server.serviceRoleKey}` } });
    expect(payouts.status).toBe(200);
    const transfers = stripe.created("/v1/transfers").filter((r) => r.params.destination === account);
    expect(new Set(transfers.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(transfers[0].params).toMatchObject({ amount: "1712", currency: "usd" });
    expect((await admin`select status from billing.payouts where seller_id = ${gm}`)[0].status).toBe("paid");
    expect((await admin`select billing.ledger_violations() as v`)[0].v).toEqual([]);
  });

  test("a GM's cancellation of a paid booking refunds it in full through Stripe, once", async () => {
    const { gm, listing } = await gmWithListing("cancelling-gm", 4, 2500);
    const player = await createUser(admin, `refunded-player-${run}@example.com`);
    const [{ id: booking }] = await asUser(admin, player, (tx) => tx<{ id: string }[]>`select (tabletop.book_seat(${listing})).id`);
    const [{ id: payment }] = await admin<{ id: string }[]>`
      insert into billing.payments (stripe_payment_intent_id, user_id, kind, purpose_ref, amount, currency, status, metadata)
      values (${`pi_refund_${run}`}, ${player}, 'product', ${booking}, 2500, 'USD', 'pending', '{"product_type": "tabletop_booking"}') returning id`;
    await admin`select private.grant_payment(${payment})`;
    await asUser(admin, gm, (tx) => tx`select tabletop.cancel_booking(${booking}, 'GM is ill')`);

    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${server.url}/functions/v1/refunds`, { method: "POST", headers: { authorization: `Bearer ${server.serviceRoleKey}` } });
      expect(response.status).toBe(200);
    }
    const refunds = stripe.created("/v1/refunds").filter((r) => r.params.payment_intent === `pi_refund_${run}`);
    expect(new Set(refunds.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(refunds[0].params).toMatchObject({ amount: "2500" });
    expect((await admin`select status from billing.refund_requests where source_id = ${booking}`)[0].status).toBe("sent");
  });
});
