import { z } from "zod";
import { createAuth } from "../_shared/auth.ts";
import { authSettings, databaseUrlSetting, loadConfig } from "../_shared/config.ts";
import { connectDatabase } from "../_shared/db.ts";
import { serve } from "../_shared/serve.ts";
import { createAiGatewayHandler } from "./handler.ts";
import { anthropicProvider, openAiProvider } from "./providers.ts";

const config = loadConfig({
  SUPABASE_DB_URL: databaseUrlSetting,
  ...authSettings,
  OPENAI_BASE_URL: z.url().default("https://api.openai.com"),
  OPENAI_API_KEY: z.string().min(1),
  ANTHROPIC_BASE_URL: z.url().default("https://api.anthropic.com"),
  ANTHROPIC_API_KEY: z.string().min(1),
  AI_PROVIDER_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
}, Deno.env.toObject());

serve(createAiGatewayHandler({
  sql: connectDatabase(config.SUPABASE_DB_URL),
  auth: createAuth({ jwtSecret: config.SUPABASE_JWT_SECRET, supabaseUrl: config.SUPABASE_URL }),
  providers: {
    openai: openAiProvider(config.OPENAI_BASE_URL, config.OPENAI_API_KEY),
    anthropic: anthropicProvider(config.ANTHROPIC_BASE_URL, config.ANTHROPIC_API_KEY),
  },
  timeoutMs: config.AI_PROVIDER_TIMEOUT_MS,
}));
