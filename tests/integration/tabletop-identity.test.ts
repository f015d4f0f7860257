// Identity as shipped (issue 23, item 8): supabase/config.toml turns on email confirmations, TOTP MFA,
// the seed's OAuth providers (Google, Discord, Apple) with their secrets from the environment, and a
// session time limit. The database's side (an unconfirmed email accepting an invitation, staff money
// actions without aal2) is tested in supabase/tests/database/37_tabletop_identity.test.sql.
import { describe, expect, test } from "vitest";
import { configSection } from "../../scripts/lib/project.ts";

function setting(section: string, key: string): string | undefined {
  return configSection(section)?.match(new RegExp(`^${key}\\s*=\\s*(.+)$`, "m"))?.[1].trim();
}

describe("supabase/config.toml", () => {
  test("users confirm their email before signing in", () => {
    expect(setting("auth.email", "enable_confirmations")).toBe("true");
  });

  test("TOTP MFA can be enrolled and verified", () => {
    expect(setting("auth.mfa.totp", "enroll_enabled")).toBe("true");
    expect(setting("auth.mfa.totp", "verify_enabled")).toBe("true");
  });

  test.each(["google", "discord", "apple"])("%s sign-in is on, its id and secret from the environment", (provider) => {
    expect(setting(`auth.external.${provider}`, "enabled")).toBe("true");
    expect(setting(`auth.external.${provider}`, "client_id")).toBe(`"env(SUPABASE_AUTH_EXTERNAL_${provider.toUpperCase()}_CLIENT_ID)"`);
    expect(setting(`auth.external.${provider}`, "secret")).toBe(`"env(SUPABASE_AUTH_EXTERNAL_${provider.toUpperCase()}_SECRET)"`);
  });

  test("sessions end: a time box and an inactivity timeout", () => {
    expect(setting("auth.sessions", "timebox")).toMatch(/^"\d+h"$/);
    expect(setting("auth.sessions", "inactivity_timeout")).toMatch(/^"\d+h"$/);
  });
});
