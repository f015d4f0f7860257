import { z } from "zod";
import { databaseUrlSetting, loadConfig } from "../_shared/config.ts";
import { connectDatabase } from "../_shared/db.ts";
import { serve } from "../_shared/serve.ts";
import { createStripe } from "../_shared/stripe.ts";
import { createStripeWebhookHandler } from "./handler.ts";

const config = loadConfig({
  SUPABASE_DB_URL: databaseUrlSetting,
  STRIPE_SECRET_KEY: z.string().startsWith("sk_"),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_"),
  // The Connect endpoint's own signing secret (docs/stripe.md), when one is set up.
  STRIPE_CONNECT_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  STRIPE_API_BASE: z.url().optional(),
}, Deno.env.toObject());

serve(createStripeWebhookHandler({
  sql: connectDatabase(config.SUPABASE_DB_URL),
  stripe: createStripe(config.STRIPE_SECRET_KEY, config.STRIPE_API_BASE),
  webhookSecret: [config.STRIPE_WEBHOOK_SECRET, ...(config.STRIPE_CONNECT_WEBHOOK_SECRET ? [config.STRIPE_CONNECT_WEBHOOK_SECRET] : [])],
}));
