// Sign-in end to end through Auth.js's own route handlers (CSRF, credentials callback, session cookie),
// then the session cookie through withApi; plus the login throttle and disabled users.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAuthFixture, type AuthFixture } from "@/lib/api/testing/fixtures";
import { hashPassword } from "./passwords";
import { verifyCredentials } from "./verify-credentials";
import { THROTTLE } from "./login-throttle";
import { actorFromSessionCookie } from "./authenticate";

let f: AuthFixture;
const password = "a perfectly long password";

beforeAll(async () => {
  f = await createAuthFixture("signin");
  const passwordHash = await hashPassword(password);
  await db.user.updateMany({ where: { orgId: f.orgId }, data: { passwordHash } });
});

function cookiesFrom(res: Response): string {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

async function signInThroughAuthJs(email: string, pass: string, ip = "203.0.113.9") {
  const { handlers } = await import("./auth");
  const { NextRequest } = await import("next/server");
  const csrfRes = await handlers.GET(new NextRequest("http://localhost:3000/api/auth/csrf"));
  const { csrfToken } = await csrfRes.json();
  const form = new URLSearchParams({ csrfToken, email, password: pass, callbackUrl: "/" });
  const res = await handlers.POST(
    new NextRequest("http://localhost:3000/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesFrom(csrfRes), "x-forwarded-for": ip },
      body: form.toString(),
    }),
  );
  return res;
}

describe("sign-in", () => {
  it("issues a session cookie that authenticates API calls as the current user", async () => {
    const res = await signInThroughAuthJs(f.users.leadA.email, password);
    expect(res.status).toBe(302);
    const cookie = cookiesFrom(res);
    expect(cookie).toContain("authjs.session-token=");
    const actor = await actorFromSessionCookie(cookie);
    expect(actor).toMatchObject({ kind: "user", id: f.users.leadA.id, orgId: f.orgId, role: "lead", teamId: f.teamA.id });
    // A role change takes effect on the next request, without signing in again.
    await db.user.update({ where: { id: f.users.leadA.id }, data: { role: "member" } });
    expect((await actorFromSessionCookie(cookie))?.role).toBe("member");
    await db.user.update({ where: { id: f.users.leadA.id }, data: { role: "lead" } });
    // Disabled: the same cookie stops working.
    await db.user.update({ where: { id: f.users.leadA.id }, data: { disabledAt: new Date() } });
    expect(await actorFromSessionCookie(cookie)).toBeNull();
    await db.user.update({ where: { id: f.users.leadA.id }, data: { disabledAt: null } });
  });

  it("refuses a wrong password without a session", async () => {
    const res = await signInThroughAuthJs(f.users.finance.email, "wrong password!!");
    expect(res.headers.get("location")).toContain("error=CredentialsSignin");
    expect(cookiesFrom(res)).not.toContain("authjs.session-token=");
  });

  it("refuses disabled users", async () => {
    await db.user.update({ where: { id: f.users.memberB.id }, data: { disabledAt: new Date() } });
    expect(await verifyCredentials(f.users.memberB.email, password, null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an email after repeated failures, even for the right password", async () => {
    const email = f.users.admin.email;
    for (let i = 0; i < THROTTLE.maxFailuresPerEmail; i++) {
      expect((await verifyCredentials(email, `wrong-${i}`, `198.51.100.${i}`)).ok).toBe(false);
    }
    const locked = await verifyCredentials(email, password, "198.51.100.77");
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    // Other accounts are not affected.
    expect((await verifyCredentials(f.users.owner.email, password, "198.51.100.78")).ok).toBe(true);
  });

  it("locks an address spraying many emails", async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 200)}`;
    for (let i = 0; i < THROTTLE.maxFailuresPerIp; i++) await verifyCredentials(`nobody${i}.${f.orgName}@example.test`, "x", ip);
    expect(await verifyCredentials(f.users.finance.email, password, ip)).toMatchObject({ ok: false, reason: "locked" });
    expect((await verifyCredentials(f.users.finance.email, password, "192.0.2.250")).ok).toBe(true);
  });
});
