import { z } from "zod";
import { createAuth, type Auth } from "../_shared/auth.ts";
import { authSettings, databaseUrlSetting, loadConfig } from "../_shared/config.ts";
import { connectDatabase, type Sql } from "../_shared/db.ts";

/** A comma-separated list of URLs, each matching the scheme. */
const urlList = (scheme: RegExp, what: string) =>
  z.string()
    .transform((value) => value.split(",").map((url) => url.trim()).filter((url) => url !== ""))
    .pipe(z.array(z.string().regex(scheme, `each must be a ${what} URL`)));

/**
 * The TURN server's settings (the TURN REST API scheme: coturn's `use-auth-secret` with
 * `static-auth-secret`): its URLs, the secret it shares with us, and how long credentials live.
 */
export const turnSettings = {
  TURN_URLS: urlList(/^turns?:[^\s,]+$/, "turn: or turns:").refine((urls) => urls.length > 0, "at least one TURN URL"),
  STUN_URLS: urlList(/^stuns?:[^\s,]+$/, "stun: or stuns:").default([]),
  TURN_SECRET: z.string().min(16),
  TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
};

export interface TurnConfig {
  urls: string[];
  stunUrls: string[];
  secret: string;
  ttlSeconds: number;
}

export interface RtcCredentialsDependencies {
  sql: Sql;
  auth: Auth;
  turn: TurnConfig;
  /** Milliseconds since the epoch (a fixed clock in tests). */
  now?: () => number;
}

/** What rtc-credentials is built from, read and validated from the environment once, at start. */
export function rtcCredentialsDependencies(env: Record<string, string | undefined>): RtcCredentialsDependencies {
  const config = loadConfig({ SUPABASE_DB_URL: databaseUrlSetting, ...authSettings, ...turnSettings }, env);
  return {
    sql: connectDatabase(config.SUPABASE_DB_URL),
    auth: createAuth({ jwtSecret: config.SUPABASE_JWT_SECRET, supabaseUrl: config.SUPABASE_URL }),
    turn: { urls: config.TURN_URLS, stunUrls: config.STUN_URLS, secret: config.TURN_SECRET, ttlSeconds: config.TURN_CREDENTIAL_TTL_SECONDS },
  };
}
