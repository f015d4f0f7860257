import { databaseUrlSetting, loadConfig } from "../_shared/config.ts";
import { connectDatabase } from "../_shared/db.ts";
import { serve } from "../_shared/serve.ts";
import { createHealthHandler } from "./handler.ts";

const config = loadConfig({ SUPABASE_DB_URL: databaseUrlSetting }, Deno.env.toObject());
serve(createHealthHandler({ sql: connectDatabase(config.SUPABASE_DB_URL) }));
