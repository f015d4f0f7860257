import { stripeFunctionDependencies } from "../_shared/dependencies.ts";
import { serve } from "../_shared/serve.ts";
import { createRefundsHandler } from "./handler.ts";

serve(createRefundsHandler(stripeFunctionDependencies(Deno.env.toObject())));
