import { stripeFunctionDependencies } from "../_shared/dependencies.ts";
import { serve } from "../_shared/serve.ts";
import { createCheckoutHandler } from "./handler.ts";

serve(createCheckoutHandler(stripeFunctionDependencies(Deno.env.toObject())));
