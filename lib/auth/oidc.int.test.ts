import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAuthFixture, type AuthFixture } from "@/lib/api/testing/fixtures";
import { oidcConfigured, userForOidcProfile } from "./oidc";

let f: AuthFixture;
beforeAll(async () => {
  f = await createAuthFixture("oidc");
});

describe("OIDC sign-in", () => {
  it("is enabled only when issuer, client id and secret are all set", () => {
    expect(oidcConfigured({ PURSER_OIDC_ISSUER: "https://idp.test", PURSER_OIDC_CLIENT_ID: "a" })).toBe(false);
    expect(oidcConfigured({ PURSER_OIDC_ISSUER: "https://idp.test", PURSER_OIDC_CLIENT_ID: "a", PURSER_OIDC_CLIENT_SECRET: "s" })).toBe(true);
  });

  it("admits only existing, enabled users with a verified email", async () => {
    const email = f.users.finance.email;
    expect((await userForOidcProfile({ email: email.toUpperCase(), email_verified: true }))?.id).toBe(f.users.finance.id);
    expect(await userForOidcProfile({ email, email_verified: false })).toBeNull();
    expect(await userForOidcProfile({ email: `stranger.${email}` })).toBeNull();
    expect(await userForOidcProfile({})).toBeNull();
    await db.user.update({ where: { id: f.users.finance.id }, data: { disabledAt: new Date() } });
    expect(await userForOidcProfile({ email })).toBeNull();
  });
});
