import { createAuth, type Auth } from "./auth.ts";
import { authSettings, databaseUrlSetting, loadConfig, siteSettings, stripeSettings } from "./config.ts";
import { connectDatabase, type Sql } from "./db.ts";
import { createSecretBox, type SecretBox } from "./secrets.ts";
import { createStripe } from "./stripe.ts";
import type Stripe from "stripe";
import { z } from "zod";

export interface StripeFunctionDependencies {
  sql: Sql;
  stripe: Stripe;
  auth: Auth;
  siteOrigin: string;
}

/** What the Stripe-calling functions are built from, read and validated from the environment once. */
export function stripeFunctionDependencies(env: Record<string, string | undefined>): StripeFunctionDependencies {
  const config = loadConfig({ SUPABASE_DB_URL: databaseUrlSetting, ...stripeSettings, ...authSettings, ...siteSettings }, env);
  return {
    sql: connectDatabase(config.SUPABASE_DB_URL),
    stripe: createStripe(config.STRIPE_SECRET_KEY, config.STRIPE_API_BASE),
    auth: createAuth({ jwtSecret: config.SUPABASE_JWT_SECRET, supabaseUrl: config.SUPABASE_URL }),
    siteOrigin: config.SITE_URL,
  };
}

export interface SealingFunctionDependencies {
  sql: Sql;
  auth: Auth;
  secrets: SecretBox;
}

/** What the functions that store users' third-party secrets are built from (the key never leaves them). */
export async function sealingFunctionDependencies(env: Record<string, string | undefined>): Promise<SealingFunctionDependencies> {
  const config = loadConfig({ SUPABASE_DB_URL: databaseUrlSetting, ...authSettings, CREDENTIALS_ENCRYPTION_KEY: z.string().min(40) }, env);
  return {
    sql: connectDatabase(config.SUPABASE_DB_URL),
    auth: createAuth({ jwtSecret: config.SUPABASE_JWT_SECRET, supabaseUrl: config.SUPABASE_URL }),
    secrets: await createSecretBox(config.CREDENTIALS_ENCRYPTION_KEY),
  };
}
