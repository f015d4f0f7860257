import { createAuth } from "../_shared/auth.ts";
import { authSettings, databaseUrlSetting, loadConfig } from "../_shared/config.ts";
import { connectDatabase } from "../_shared/db.ts";
import { serve } from "../_shared/serve.ts";
import { createStudioLearningHandler } from "./handler.ts";

const config = loadConfig({ SUPABASE_DB_URL: databaseUrlSetting, ...authSettings }, Deno.env.toObject());
serve(createStudioLearningHandler({
  sql: connectDatabase(config.SUPABASE_DB_URL),
  auth: createAuth({ jwtSecret: config.SUPABASE_JWT_SECRET, supabaseUrl: config.SUPABASE_URL }),
}));
