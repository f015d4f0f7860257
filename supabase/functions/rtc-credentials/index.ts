import { serve } from "../_shared/serve.ts";
import { rtcCredentialsDependencies } from "./config.ts";
import { createRtcCredentialsHandler } from "./handler.ts";

serve(createRtcCredentialsHandler(rtcCredentialsDependencies(Deno.env.toObject())));
