import { sealingFunctionDependencies } from "../_shared/dependencies.ts";
import { serve } from "../_shared/serve.ts";
import { createStudioCredentialsHandler } from "./handler.ts";

serve(createStudioCredentialsHandler(await sealingFunctionDependencies(Deno.env.toObject())));
