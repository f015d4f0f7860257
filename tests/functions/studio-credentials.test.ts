import { expect, test } from "vitest";
import { createStudioCredentialsHandler } from "../../supabase/functions/studio-credentials/handler.ts";
import { asUser, createUser, sealingHandlerFixture, userToken } from "../helpers.ts";

const fixture = sealingHandlerFixture(createStudioCredentialsHandler);
const run = Date.now();

const call = (method: string, token: string, body?: unknown) =>
  fixture.handler(new Request("http://local/studio-credentials", { method, headers: { authorization: `Bearer ${token}` }, body: body ? JSON.stringify(body) : undefined }));

test("credentials are stored encrypted, listed without their secret, and readable only with the functions' key", async () => {
  const user = await createUser(fixture.sql, `creds-${run}@example.com`);
  const token = await userToken(user);
  const secret = { token: `ghp_secret_${run}` };
  expect((await call("POST", token, { service: "github", credentials: secret })).status).toBe(200);

  const [row] = await fixture.sql`select encrypted_credentials, encryption_key_id from studio.javari_credentials where user_id = ${user}`;
  expect(row.encrypted_credentials).not.toContain("ghp_secret");
  expect(row.encryption_key_id).toBe(fixture.secrets.keyId);
  expect(JSON.parse(await fixture.secrets.open(row.encrypted_credentials))).toEqual(secret);

  const listed = await (await call("GET", token)).json();
  expect(listed.services.map((s: { service: string }) => s.service)).toEqual(["github"]);
  expect(JSON.stringify(listed)).not.toContain("ghp_secret");
  // Through the API the table itself is closed, even to its owner.
  await expect(asUser(fixture.sql, user, (tx) => tx`select * from studio.javari_credentials`)).rejects.toMatchObject({ code: "42501" });

  expect((await call("DELETE", token, { service: "github" })).status).toBe(200);
  expect((await call("DELETE", token, { service: "github" })).status).toBe(404);
});

test("bad input answers 400 and stores nothing; no JWT answers 401", async () => {
  const user = await createUser(fixture.sql, `creds-bad-${run}@example.com`);
  const token = await userToken(user);
  expect((await call("POST", token, { service: "Not A Service!", credentials: "x" })).status).toBe(400);
  expect((await call("POST", token, { service: "github" })).status).toBe(400);
  expect((await call("POST", "nope", { service: "github", credentials: "x" })).status).toBe(401);
  expect((await fixture.sql`select count(*)::int as n from studio.javari_credentials where user_id = ${user}`)[0].n).toBe(0);
});
