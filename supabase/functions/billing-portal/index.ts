import { stripeFunctionDependencies } from "../_shared/dependencies.ts";
import { serve } from "../_shared/serve.ts";
import { createBillingPortalHandler } from "./handler.ts";

serve(createBillingPortalHandler(stripeFunctionDependencies(Deno.env.toObject())));
