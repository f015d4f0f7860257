import { z } from "zod";
import { loadConfig } from "../_shared/config.ts";
import { sealingFunctionDependencies } from "../_shared/dependencies.ts";
import { serve } from "../_shared/serve.ts";
import { createTokenRefreshHandler, type OAuthClient, type StreamingPlatform } from "./handler.ts";

// Each platform's token endpoint, and the app credentials it was registered with (a platform without
// them is skipped). <PLATFORM>_TOKEN_URL points at another endpoint (a stand-in in tests).
const env = Deno.env.toObject();
const defaults: Record<StreamingPlatform, string> = {
  twitch: "https://id.twitch.tv/oauth2/token",
  youtube: "https://oauth2.googleapis.com/token",
  kick: "https://id.kick.com/oauth/token",
};
const settings = loadConfig(Object.fromEntries((Object.keys(defaults) as StreamingPlatform[]).flatMap((platform) => {
  const prefix = platform.toUpperCase();
  return [[`${prefix}_CLIENT_ID`, z.string().min(1).optional()], [`${prefix}_CLIENT_SECRET`, z.string().min(1).optional()],
          [`${prefix}_TOKEN_URL`, z.url().optional()]];
})), env) as Record<string, string | undefined>;
const clients: Partial<Record<StreamingPlatform, OAuthClient>> = {};
for (const platform of Object.keys(defaults) as StreamingPlatform[]) {
  const prefix = platform.toUpperCase();
  const clientId = settings[`${prefix}_CLIENT_ID`];
  const clientSecret = settings[`${prefix}_CLIENT_SECRET`];
  if (clientId && clientSecret) clients[platform] = { tokenUrl: settings[`${prefix}_TOKEN_URL`] ?? defaults[platform], clientId, clientSecret };
}

serve(createTokenRefreshHandler({ ...(await sealingFunctionDependencies(env)), clients }));
