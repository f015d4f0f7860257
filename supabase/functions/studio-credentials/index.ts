import { z } from "zod";
import { createAuth } from "../_shared/auth.ts";
import { authSettings, databaseUrlSetting, loadConfig } from "../_shared/config.ts";
import { connectDatabase } from "../_shared/db.ts";
import { createSecretBox } from "../_shared/secrets.ts";
import { serve } from "../_shared/serve.ts";
import { createStudioCredentialsHandler } from "./handler.ts";

const config = loadConfig({
  SUPABASE_DB_URL: databaseUrlSetting,
  ...authSettings,
  CREDENTIALS_ENCRYPTION_KEY: z.string().min(40),
}, Deno.env.toObject());

serve(createStudioCredentialsHandler({
  sql: connectDatabase(config.SUPABASE_DB_URL),
  auth: createAuth({ jwtSecret: config.SUPABASE_JWT_SECRET, supabaseUrl: config.SUPABASE_URL }),
  secrets: await createSecretBox(config.CREDENTIALS_ENCRYPTION_KEY),
}));
