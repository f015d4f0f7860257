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
