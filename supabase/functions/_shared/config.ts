import { z } from "zod";

/** Reads and validates a function's environment once, at start; a bad setting stops the function. */
export function loadConfig<Shape extends z.ZodRawShape>(shape: Shape, env: Record<string, string | undefined>): z.infer<z.ZodObject<Shape>> {
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`invalid function environment: ${problems}`);
  }
  return parsed.data;
}

export const databaseUrlSetting = z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL");

/** Settings every Stripe-calling function reads. STRIPE_API_BASE points the SDK at a stand-in (tests). */
export const stripeSettings = {
  STRIPE_SECRET_KEY: z.string().startsWith("sk_"),
  STRIPE_API_BASE: z.url().optional(),
};

/** How functions verify Supabase JWTs: the JWT secret (HS256) when set, else the project's JWKS. */
export const authSettings = {
  SUPABASE_URL: z.url(),
  SUPABASE_JWT_SECRET: z.string().min(32).optional(),
};

/** Where users are sent back to after Stripe: redirect URLs must be on this origin. */
export const siteSettings = {
  SITE_URL: z.url().default("http://127.0.0.1:3000"),
};
