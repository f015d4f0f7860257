import { z } from "zod";
import { createAuth } from "../_shared/auth.ts";
import { authSettings, databaseUrlSetting, loadConfig } from "../_shared/config.ts";
import { connectDatabase } from "../_shared/db.ts";
import { serve } from "../_shared/serve.ts";
import { supabaseStorage } from "../_shared/storage.ts";
import { createAiGatewayHandler } from "./handler.ts";
import { anthropicProvider, openAiImages, openAiProvider } from "./providers.ts";

const config = loadConfig({
  SUPABASE_DB_URL: databaseUrlSetting,
  ...authSettings,
  OPENAI_BASE_URL: z.url().default("https://api.openai.com"),
  OPENAI_API_KEY: z.string().min(1),
  ANTHROPIC_BASE_URL: z.url().default("https://api.anthropic.com"),
  ANTHROPIC_API_KEY: z.string().min(1),
  AI_PROVIDER_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  AI_IMAGE_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  // Generated images are written to Storage as the server (injected by the platform).
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(1),
  // The Storage API; <SUPABASE_URL>/storage/v1 unless set (a local stand-in, tests).
  SUPABASE_STORAGE_URL: z.url().optional(),
}, Deno.env.toObject());

serve(createAiGatewayHandler({
  sql: connectDatabase(config.SUPABASE_DB_URL),
  auth: createAuth({ jwtSecret: config.SUPABASE_JWT_SECRET, supabaseUrl: config.SUPABASE_URL }),
  providers: {
    openai: openAiProvider(config.OPENAI_BASE_URL, config.OPENAI_API_KEY),
    anthropic: anthropicProvider(config.ANTHROPIC_BASE_URL, config.ANTHROPIC_API_KEY),
  },
  images: openAiImages(config.OPENAI_BASE_URL, config.OPENAI_API_KEY),
  storage: supabaseStorage(config.SUPABASE_STORAGE_URL ?? `${config.SUPABASE_URL.replace(/\/$/, "")}/storage/v1`, config.SUPABASE_SERVICE_ROLE_KEY),
  timeoutMs: config.AI_PROVIDER_TIMEOUT_MS,
  imageTimeoutMs: config.AI_IMAGE_TIMEOUT_MS,
}));
