import { stripeFunctionDependencies } from "../_shared/dependencies.ts";
import { serve } from "../_shared/serve.ts";
import { createPayoutsHandler } from "./handler.ts";

serve(createPayoutsHandler(stripeFunctionDependencies(Deno.env.toObject())));
