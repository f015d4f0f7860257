import { stripeFunctionDependencies } from "../_shared/dependencies.ts";
import { serve } from "../_shared/serve.ts";
import { createConnectOnboardingHandler } from "./handler.ts";

serve(createConnectOnboardingHandler(stripeFunctionDependencies(Deno.env.toObject())));
