import { z } from "zod";
import { createAuth } from "../_shared/auth.ts";
import { authSettings, databaseUrlSetting, loadConfig } from "../_shared/config.ts";
import { connectDatabase } from "../_shared/db.ts";
import { serve } from "../_shared/serve.ts";
import { createBotsRunnerHandler } from "./handler.ts";

const config = loadConfig({ SUPABASE_DB_URL: databaseUrlSetting, ...authSettings, SUPABASE_SERVICE_ROLE_KEY: z.string().min(20) }, Deno.env.toObject());
serve(createBotsRunnerHandler({
  sql: connectDatabase(config.SUPABASE_DB_URL),
  auth: createAuth({ jwtSecret: config.SUPABASE_JWT_SECRET, supabaseUrl: config.SUPABASE_URL }),
  supabaseUrl: config.SUPABASE_URL,
  serviceRoleKey: config.SUPABASE_SERVICE_ROLE_KEY,
}));
