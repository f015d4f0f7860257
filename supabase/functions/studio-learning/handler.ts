import { z } from "zod";
import type { Auth } from "../_shared/auth.ts";
import type { Sql } from "../_shared/db.ts";
import { json, methodNotAllowed, withErrorHandling, type Handler } from "../_shared/http.ts";
import { databaseErrorToHttp, parseJsonBody } from "../_shared/validate.ts";

export interface StudioLearningDependencies {
  sql: Sql;
  auth: Auth;
}

/** What the scheduler posts (`{"scheduled_job": "studio-learning"}`), or a day to (re)write by hand. */
const requestSchema = z.object({ scheduled_job: z.string().max(100).optional(), day: z.iso.date().optional() }).strict();

/**
 * POST (service_role key; the scheduler nightly at 01:00 UTC): writes studio.javari_learning for the
 * day before, or for `day`: one row per user and conversation type, replacing that day's rows.
 */
export function createStudioLearningHandler({ sql, auth }: StudioLearningDependencies): Handler {
  return withErrorHandling(async (request) => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    await auth.serviceRole(request);
    const input = await parseJsonBody(request, requestSchema);
    try {
      const [{ written, day }] = input.day
        ? await sql<{ written: number; day: string }[]>`select studio.write_learning_summaries(${input.day}::date) as written, ${input.day}::text as day`
        : await sql<{ written: number; day: string }[]>`
            select studio.write_learning_summaries() as written, ((now() at time zone 'UTC')::date - 1)::text as day`;
      return json(200, { day, written });
    } catch (error) {
      databaseErrorToHttp(error);
    }
  });
}
