// The /api/v1 org-management routes end to end: route handlers called directly on a real database.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import { apiRequest, createAuthFixture, routeParams, type AuthFixture } from "@/lib/api/testing/fixtures";
import * as orgRoute from "@/app/api/v1/org/route";
import * as teams from "@/app/api/v1/teams/route";
import * as team from "@/app/api/v1/teams/[id]/route";
import * as users from "@/app/api/v1/users/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as keys from "@/app/api/v1/keys/route";
import * as key from "@/app/api/v1/keys/[id]/route";
import * as gatewayTokens from "@/app/api/v1/gateway-tokens/route";
import * as apiTokens from "@/app/api/v1/api-tokens/route";
import * as apiToken from "@/app/api/v1/api-tokens/[id]/route";
import * as audit from "@/app/api/v1/audit/route";

let f: AuthFixture;
let admin: { bearer: string };

beforeAll(async () => {
  f = await createAuthFixture("routes");
  admin = { bearer: f.adminToken.secret };
});

describe("teams", () => {
  it("creates, renames, refuses a duplicate name, deletes only when empty", async () => {
    const res = await teams.POST(apiRequest("POST", "/api/v1/teams", { as: admin, body: { name: "Platform" } }));
    expect(res.status).toBe(201);
    const t = await res.json();
    expect(t).toMatchObject({ name: "Platform", userCount: 0, keyCount: 0 });

    const dup = await teams.POST(apiRequest("POST", "/api/v1/teams", { as: admin, body: { name: "Platform" } }));
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.issues[0].path).toBe("name");

    const renamed = await team.PATCH(apiRequest("PATCH", `/api/v1/teams/${t.id}`, { as: admin, body: { name: "Platform Eng" } }), routeParams({ id: t.id }));
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).name).toBe("Platform Eng");

    const busy = await team.DELETE(apiRequest("DELETE", `/api/v1/teams/${f.teamA.id}`, { as: admin }), routeParams({ id: f.teamA.id }));
    expect(busy.status).toBe(409);

    const gone = await team.DELETE(apiRequest("DELETE", `/api/v1/teams/${t.id}`, { as: admin }), routeParams({ id: t.id }));
    expect(gone.status).toBe(200);
    const entries = await db.auditEntry.findMany({ where: { orgId: f.orgId, entityId: t.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["team.create", "team.update", "team.delete"]);
    expect(entries[1].before).toMatchObject({ name: "Platform" });
    expect(entries[1].after).toMatchObject({ name: "Platform Eng" });
  });

  it("paginates with a cursor", async () => {
    for (const n of ["P1", "P2", "P3"]) await teams.POST(apiRequest("POST", "/api/v1/teams", { as: admin, body: { name: n } }));
    const first = await (await teams.GET(apiRequest("GET", "/api/v1/teams", { as: admin, query: { limit: "2" } }))).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await (await teams.GET(apiRequest("GET", "/api/v1/teams", { as: admin, query: { limit: "2", cursor: first.nextCursor } }))).json();
    const ids = [...first.items, ...second.items].map((t: { id: string }) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("keys", () => {
  it("shows the secret once, stores only its hash, revokes, audits and bumps policy", async () => {
    const version = (await db.organization.findUniqueOrThrow({ where: { id: f.orgId } })).policyVersion;
    const res = await keys.POST(apiRequest("POST", "/api/v1/keys", {
      as: admin,
      body: { name: "bot", teamId: f.teamA.id, userId: f.users.memberA.id, rpmLimit: 60, expiresAt: "2099-01-01T00:00:00Z" },
    }));
    expect(res.status).toBe(201);
    const k = await res.json();
    expect(k.key).toMatch(/^psr_key_/);
    expect(k.prefix).toBe(k.key.slice(0, 12));
    expect(k).toMatchObject({ status: "active", rpmLimit: 60, expiresAt: "2099-01-01T00:00:00.000Z", teamName: "Team A" });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: k.id }, omit: { keyHash: false } });
    expect(row.keyHash).toBe(sha256Hex(k.key));

    const got = await (await key.GET(apiRequest("GET", `/api/v1/keys/${k.id}`, { as: admin }), routeParams({ id: k.id }))).json();
    expect(got.key).toBeUndefined();
    expect(JSON.stringify(got)).not.toContain(k.key);

    const patched = await key.PATCH(apiRequest("PATCH", `/api/v1/keys/${k.id}`, { as: admin, body: { tpmLimit: 1000, disabled: true } }), routeParams({ id: k.id }));
    expect(await patched.json()).toMatchObject({ tpmLimit: 1000, status: "disabled" });

    const revoked = await key.DELETE(apiRequest("DELETE", `/api/v1/keys/${k.id}`, { as: admin }), routeParams({ id: k.id }));
    expect((await revoked.json()).status).toBe("revoked");
    const after = (await db.organization.findUniqueOrThrow({ where: { id: f.orgId } })).policyVersion;
    expect(after).toBeGreaterThanOrEqual(version + 3);
    const log = await db.auditEntry.findMany({ where: { orgId: f.orgId, entityId: k.id } });
    expect(log.map((e) => e.action).sort()).toEqual(["key.create", "key.revoke", "key.update"]);
    expect(JSON.stringify(log)).not.toContain(k.key);
  });

  it("refuses a user from another team, a foreign team and a past expiry, naming the field", async () => {
    const cases = [
      [{ name: "x", teamId: f.teamA.id, userId: f.users.memberB.id }, 400, "userId"],
      [{ name: "x", teamId: "cforeignteam000000000000" }, 404, "teamId"],
      [{ name: "x", teamId: f.teamA.id, expiresAt: "2001-01-01T00:00:00Z" }, 400, "expiresAt"],
      [{ name: "x", teamId: f.teamA.id, rpmLimit: -1 }, 400, "rpmLimit"],
    ] as const;
    for (const [body, status, field] of cases) {
      const res = await keys.POST(apiRequest("POST", "/api/v1/keys", { as: admin, body }));
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await res.json()).error.issues[0].path).toBe(field);
    }
  });

  it("lets a member create a key for themselves without naming the user", async () => {
    const res = await keys.POST(apiRequest("POST", "/api/v1/keys", { as: { cookie: f.users.memberA.cookie }, body: { name: "mine", teamId: f.teamA.id } }));
    expect(res.status).toBe(201);
    expect((await res.json()).userId).toBe(f.users.memberA.id);
    const list = await (await keys.GET(apiRequest("GET", "/api/v1/keys", { as: { cookie: f.users.memberA.cookie } }))).json();
    expect(list.items.every((k: { userId: string }) => k.userId === f.users.memberA.id)).toBe(true);
  });
});

describe("users", () => {
  it("creates with role and team, changes role, disables; a disabled user's session stops working", async () => {
    const email = `new.${f.orgName}@example.test`;
    const res = await users.POST(apiRequest("POST", "/api/v1/users", {
      as: admin, body: { email, name: "New", role: "member", teamId: f.teamA.id, password: "correct horse battery" },
    }));
    expect(res.status).toBe(201);
    const u = await res.json();
    expect(u).toMatchObject({ email: email.toLowerCase(), role: "member", teamId: f.teamA.id, hasPassword: true, disabled: false });
    expect(JSON.stringify(u)).not.toContain("passwordHash");

    const dup = await users.POST(apiRequest("POST", "/api/v1/users", { as: admin, body: { email, name: "Dup", role: "finance" } }));
    expect(dup.status).toBe(409);

    const noTeam = await users.POST(apiRequest("POST", "/api/v1/users", { as: admin, body: { email: `x.${email}`, name: "X", role: "lead" } }));
    expect(noTeam.status).toBe(400);
    expect((await noTeam.json()).error.issues[0].path).toBe("teamId");

    const lead = await user.PATCH(apiRequest("PATCH", `/api/v1/users/${u.id}`, { as: admin, body: { role: "lead" } }), routeParams({ id: u.id }));
    expect((await lead.json()).role).toBe("lead");

    const before = await orgRoute.GET(apiRequest("GET", "/api/v1/org", { as: { cookie: f.users.memberB.cookie } }));
    expect(before.status).toBe(200);
    await user.PATCH(apiRequest("PATCH", `/api/v1/users/${f.users.memberB.id}`, { as: admin, body: { disabled: true } }), routeParams({ id: f.users.memberB.id }));
    const afterDisable = await orgRoute.GET(apiRequest("GET", "/api/v1/org", { as: { cookie: f.users.memberB.cookie } }));
    expect(afterDisable.status).toBe(401);
    await user.PATCH(apiRequest("PATCH", `/api/v1/users/${f.users.memberB.id}`, { as: admin, body: { disabled: false } }), routeParams({ id: f.users.memberB.id }));
  });

  it("keeps admins from creating owners and users from demoting themselves", async () => {
    const cookie = f.users.admin.cookie;
    const res = await users.POST(apiRequest("POST", "/api/v1/users", { as: { cookie }, body: { email: `o.${f.orgName}@example.test`, name: "O", role: "owner" } }));
    expect(res.status).toBe(403);
    const self = await user.PATCH(apiRequest("PATCH", `/api/v1/users/${f.users.admin.id}`, { as: { cookie }, body: { role: "member", teamId: f.teamA.id } }), routeParams({ id: f.users.admin.id }));
    expect(self.status).toBe(403);
  });
});

describe("org, tokens and audit", () => {
  it("changes org policy with validation and bumps policyVersion", async () => {
    const before = await (await orgRoute.GET(apiRequest("GET", "/api/v1/org", { as: admin }))).json();
    const bad = await orgRoute.PATCH(apiRequest("PATCH", "/api/v1/org", { as: admin, body: { timezone: "Mars/Olympus" } }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("timezone");
    const needsPrice = await orgRoute.PATCH(apiRequest("PATCH", "/api/v1/org", { as: admin, body: { unpricedModelPolicy: "fallback" } }));
    expect(needsPrice.status).toBe(400);
    const ok = await orgRoute.PATCH(apiRequest("PATCH", "/api/v1/org", {
      as: admin, body: { timezone: "Europe/Paris", unpricedModelPolicy: "fallback", fallbackInputUsdPerMTok: 2.5, fallbackOutputUsdPerMTok: 10, failMode: "open" },
    }));
    expect(ok.status).toBe(200);
    const after = await ok.json();
    expect(after).toMatchObject({ timezone: "Europe/Paris", fallbackInputUsdPerMTok: 2.5, failMode: "open" });
    expect(after.policyVersion).toBeGreaterThan(before.policyVersion);
  });

  it("creates an API token shown once that then authenticates, and stops working once revoked", async () => {
    const res = await apiTokens.POST(apiRequest("POST", "/api/v1/api-tokens", { as: admin, body: { name: "ci", role: "finance" } }));
    expect(res.status).toBe(201);
    const t = await res.json();
    expect(t.token).toMatch(/^psr_adm_/);
    const list = await (await apiTokens.GET(apiRequest("GET", "/api/v1/api-tokens", { as: admin }))).json();
    expect(JSON.stringify(list)).not.toContain(t.token);
    const asToken = await orgRoute.GET(apiRequest("GET", "/api/v1/org", { as: { bearer: t.token } }));
    expect(asToken.status).toBe(200);
    const forbidden = await teams.POST(apiRequest("POST", "/api/v1/teams", { as: { bearer: t.token }, body: { name: "nope" } }));
    expect(forbidden.status).toBe(403);
    await apiToken.DELETE(apiRequest("DELETE", `/api/v1/api-tokens/${t.id}`, { as: admin }), routeParams({ id: t.id }));
    const revoked = await orgRoute.GET(apiRequest("GET", "/api/v1/org", { as: { bearer: t.token } }));
    expect(revoked.status).toBe(401);
  });

  it("creates gateway tokens and lists the audit log with filters", async () => {
    const res = await gatewayTokens.POST(apiRequest("POST", "/api/v1/gateway-tokens", { as: admin, body: { name: "edge" } }));
    expect(res.status).toBe(201);
    const g = await res.json();
    expect(g.token).toMatch(/^psr_gw_/);
    const log = await (await audit.GET(apiRequest("GET", "/api/v1/audit", { as: admin, query: { entityType: "gateway_token", limit: "5" } }))).json();
    expect(log.items[0]).toMatchObject({ action: "gateway_token.create", entityId: g.id, actorLabel: `token:${"admin token"}` });
    expect(JSON.stringify(log)).not.toContain(g.token);
  });
});

describe("request validation", () => {
  it("answers malformed JSON, unknown fields, wrong types and huge bodies with a 4xx naming the field", async () => {
    const post = (body: unknown) => teams.POST(apiRequest("POST", "/api/v1/teams", { as: admin, body }));
    const broken = await post("{not json");
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatchObject({ code: "invalid_json" });
    const unknown = await post({ name: "ok", colour: "red" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.issues).toEqual([{ path: "colour", code: "unrecognized_key", message: "unknown field" }]);
    const wrongType = await post({ name: 42 });
    expect((await wrongType.json()).error.issues[0].path).toBe("name");
    const missing = await post(undefined);
    expect((await missing.json()).error.issues[0]).toMatchObject({ path: "name" });
    const huge = await post({ name: "x".repeat(1_100_000) });
    expect(huge.status).toBe(413);
    const badQuery = await teams.GET(apiRequest("GET", "/api/v1/teams", { as: admin, query: { limit: "0", extra: "1" } }));
    expect(badQuery.status).toBe(400);
    expect((await badQuery.json()).error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["query.extra", "query.limit"]);
  });
});
