import { sealingFunctionDependencies } from "../_shared/dependencies.ts";
import { serve } from "../_shared/serve.ts";
import { createStreamingConnectionsHandler } from "./handler.ts";

serve(createStreamingConnectionsHandler(await sealingFunctionDependencies(Deno.env.toObject())));
