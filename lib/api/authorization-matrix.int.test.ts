// Walks every org-management /api/v1 route with every role, no credentials and a foreign org's admin
// token, and asserts the exact status: no leak across teams or tenants, never a 500.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newSecret } from "@/lib/crypto";
import { apiRequest, createAuthFixture, routeParams, uniqueName, type As, type AuthFixture } from "@/lib/api/testing/fixtures";
import * as orgRoute from "@/app/api/v1/org/route";
import * as teams from "@/app/api/v1/teams/route";
import * as team from "@/app/api/v1/teams/[id]/route";
import * as users from "@/app/api/v1/users/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as keys from "@/app/api/v1/keys/route";
import * as key from "@/app/api/v1/keys/[id]/route";
import * as gatewayTokens from "@/app/api/v1/gateway-tokens/route";
import * as gatewayToken from "@/app/api/v1/gateway-tokens/[id]/route";
import * as apiTokens from "@/app/api/v1/api-tokens/route";
import * as apiToken from "@/app/api/v1/api-tokens/[id]/route";
import * as audit from "@/app/api/v1/audit/route";

const WHO = ["owner", "admin", "finance", "leadA", "leadB", "memberA", "anonymous", "foreign"] as const;
type Who = (typeof WHO)[number];
type Expect = Record<Who, number>;
type Handler = (req: Request, ctx: ReturnType<typeof routeParams>) => Promise<Response>;

let f: AuthFixture;
let foreign: AuthFixture;
let keyA: string; // memberA's key in team A
let keyB: string; // memberB's key in team B

let bearerOverride: string | null = null;
async function runAsBearer(c: Case, token: string) {
  bearerOverride = token;
  try {
    return await c.run("admin");
  } finally {
    bearerOverride = null;
  }
}

const as = (who: Who): As => {
  if (bearerOverride) return { bearer: bearerOverride };
  if (who === "anonymous") return null;
  if (who === "foreign") return { bearer: foreign.adminToken.secret };
  return { cookie: f.users[who].cookie };
};

beforeAll(async () => {
  [f, foreign] = [await createAuthFixture("matrix"), await createAuthFixture("foreign")];
  keyA = (await newKey(f.teamA.id, f.users.memberA.id)).id;
  keyB = (await newKey(f.teamB.id, f.users.memberB.id)).id;
});

async function newKey(teamId: string, userId: string | null) {
  const { prefix, hash } = newSecret("key");
  return db.apiKey.create({ data: { orgId: f.orgId, teamId, userId, name: uniqueName("k"), prefix, keyHash: hash } });
}

// [owner, admin, finance, leadA, leadB, memberA, anonymous, foreign]
const e = (...s: number[]): Expect => Object.fromEntries(WHO.map((w, i) => [w, s[i]])) as Expect;
const ADMIN_ONLY_READ = e(200, 200, 403, 403, 403, 403, 401, 404);

type Case = { route: string; expect: Expect; run: (who: Who) => Promise<Response> };

const call = (handler: Handler, method: string, path: string, who: Who, body?: unknown, params: Record<string, string> = {}) =>
  handler(apiRequest(method, path, { as: as(who), body }), routeParams(params));

const cases: Case[] = [
  { route: "GET /org", expect: e(200, 200, 200, 200, 200, 200, 401, 200), run: (w) => call(orgRoute.GET, "GET", "/api/v1/org", w) },
  { route: "PATCH /org", expect: e(200, 200, 403, 403, 403, 403, 401, 200), run: (w) => call(orgRoute.PATCH, "PATCH", "/api/v1/org", w, { failMode: "closed" }) },
  { route: "GET /teams", expect: e(200, 200, 200, 200, 200, 200, 401, 200), run: (w) => call(teams.GET, "GET", "/api/v1/teams", w) },
  { route: "POST /teams", expect: e(201, 201, 403, 403, 403, 403, 401, 201), run: (w) => call(teams.POST, "POST", "/api/v1/teams", w, { name: uniqueName("t") }) },
  { route: "GET /teams/A", expect: e(200, 200, 200, 200, 403, 200, 401, 404), run: (w) => call(team.GET, "GET", "/api/v1/teams/x", w, undefined, { id: f.teamA.id }) },
  { route: "PATCH /teams/A", expect: e(200, 200, 403, 403, 403, 403, 401, 404), run: (w) => call(team.PATCH, "PATCH", "/api/v1/teams/x", w, { name: "Team A" }, { id: f.teamA.id }) },
  {
    route: "DELETE /teams/(empty)", expect: e(200, 200, 403, 403, 403, 403, 401, 404),
    run: async (w) => {
      const t = await db.team.create({ data: { orgId: f.orgId, name: uniqueName("empty") } });
      return call(team.DELETE, "DELETE", "/api/v1/teams/x", w, undefined, { id: t.id });
    },
  },
  { route: "GET /users", expect: e(200, 200, 200, 200, 200, 200, 401, 200), run: (w) => call(users.GET, "GET", "/api/v1/users", w) },
  {
    route: "POST /users", expect: e(201, 201, 403, 403, 403, 403, 401, 404),
    run: (w) => call(users.POST, "POST", "/api/v1/users", w, { email: `${uniqueName("u")}@example.test`, name: "U", role: "member", teamId: f.teamA.id }),
  },
  { route: "GET /users/memberA", expect: e(200, 200, 200, 200, 403, 200, 401, 404), run: (w) => call(user.GET, "GET", "/api/v1/users/x", w, undefined, { id: f.users.memberA.id }) },
  { route: "GET /users/leadB", expect: e(200, 200, 200, 403, 200, 403, 401, 404), run: (w) => call(user.GET, "GET", "/api/v1/users/x", w, undefined, { id: f.users.leadB.id }) },
  { route: "PATCH /users/memberA", expect: e(200, 200, 403, 403, 403, 403, 401, 404), run: (w) => call(user.PATCH, "PATCH", "/api/v1/users/x", w, { name: "memberA" }, { id: f.users.memberA.id }) },
  { route: "GET /keys", expect: e(200, 200, 200, 200, 200, 200, 401, 200), run: (w) => call(keys.GET, "GET", "/api/v1/keys", w) },
  {
    route: "POST /keys (memberA in A)", expect: e(201, 201, 403, 201, 403, 201, 401, 404),
    run: (w) => call(keys.POST, "POST", "/api/v1/keys", w, { name: "k", teamId: f.teamA.id, userId: f.users.memberA.id }),
  },
  {
    route: "POST /keys (service key in A)", expect: e(201, 201, 403, 201, 403, 403, 401, 404),
    run: (w) => call(keys.POST, "POST", "/api/v1/keys", w, { name: "svc", teamId: f.teamA.id, userId: null }),
  },
  { route: "GET /keys/A", expect: e(200, 200, 200, 200, 403, 200, 401, 404), run: (w) => call(key.GET, "GET", "/api/v1/keys/x", w, undefined, { id: keyA }) },
  { route: "GET /keys/B", expect: e(200, 200, 200, 403, 200, 403, 401, 404), run: (w) => call(key.GET, "GET", "/api/v1/keys/x", w, undefined, { id: keyB }) },
  { route: "PATCH /keys/A", expect: e(200, 200, 403, 200, 403, 200, 401, 404), run: (w) => call(key.PATCH, "PATCH", "/api/v1/keys/x", w, { rpmLimit: 100 }, { id: keyA }) },
  {
    route: "DELETE /keys/(memberA's)", expect: e(200, 200, 403, 200, 403, 200, 401, 404),
    run: async (w) => call(key.DELETE, "DELETE", "/api/v1/keys/x", w, undefined, { id: (await newKey(f.teamA.id, f.users.memberA.id)).id }),
  },
  { route: "GET /gateway-tokens", expect: e(200, 200, 403, 403, 403, 403, 401, 200), run: (w) => call(gatewayTokens.GET, "GET", "/api/v1/gateway-tokens", w) },
  { route: "POST /gateway-tokens", expect: e(201, 201, 403, 403, 403, 403, 401, 201), run: (w) => call(gatewayTokens.POST, "POST", "/api/v1/gateway-tokens", w, { name: "gw" }) },
  {
    route: "DELETE /gateway-tokens/x", expect: ADMIN_ONLY_READ,
    run: async (w) => {
      const { prefix, hash } = newSecret("gateway");
      const t = await db.gatewayToken.create({ data: { orgId: f.orgId, name: "gw", prefix, tokenHash: hash } });
      return call(gatewayToken.DELETE, "DELETE", "/api/v1/gateway-tokens/x", w, undefined, { id: t.id });
    },
  },
  { route: "GET /api-tokens", expect: e(200, 200, 403, 403, 403, 403, 401, 200), run: (w) => call(apiTokens.GET, "GET", "/api/v1/api-tokens", w) },
  { route: "POST /api-tokens", expect: e(201, 201, 403, 403, 403, 403, 401, 201), run: (w) => call(apiTokens.POST, "POST", "/api/v1/api-tokens", w, { name: "script" }) },
  {
    route: "DELETE /api-tokens/x", expect: ADMIN_ONLY_READ,
    run: async (w) => {
      const { prefix, hash } = newSecret("admin");
      const t = await db.apiToken.create({ data: { orgId: f.orgId, name: "adm", prefix, tokenHash: hash } });
      return call(apiToken.DELETE, "DELETE", "/api/v1/api-tokens/x", w, undefined, { id: t.id });
    },
  },
  { route: "GET /audit", expect: e(200, 200, 200, 403, 403, 403, 401, 200), run: (w) => call(audit.GET, "GET", "/api/v1/audit", w) },
];

describe("authorization matrix", () => {
  for (const c of cases) {
    it(c.route, async () => {
      const got: Partial<Expect> = {};
      for (const who of WHO) {
        const res = await c.run(who);
        got[who] = res.status;
        const text = await res.text();
        if (who === "foreign") {
          // A foreign org's token never sees anything of this org.
          for (const id of [f.orgId, f.teamA.id, f.teamB.id, f.users.memberA.id, keyA]) expect(text, `${c.route} leaked`).not.toContain(id);
        }
        if (res.status >= 400) expect(JSON.parse(text).error.code).toBeTruthy();
      }
      expect(got).toEqual(c.expect);
    });
  }

  it("API tokens act exactly like users of their role", async () => {
    for (const c of cases) {
      for (const [token, role] of [[f.adminToken.secret, "admin"], [f.financeToken.secret, "finance"]] as const) {
        const res = await runAsBearer(c, token);
        expect(res.status, `${c.route} as ${role} token`).toBe(c.expect[role]);
      }
    }
  });

  it("lists only what each role may see", async () => {
    const list = async (handler: Handler, path: string, who: Who) =>
      (await (await call(handler, "GET", path, who)).json()).items as { id: string; teamId?: string | null; userId?: string | null }[];
    expect((await list(teams.GET, "/api/v1/teams", "leadB")).map((t) => t.id)).toEqual([f.teamB.id]);
    expect((await list(keys.GET, "/api/v1/keys", "leadA")).every((k) => k.teamId === f.teamA.id)).toBe(true);
    expect((await list(keys.GET, "/api/v1/keys", "memberA")).every((k) => k.userId === f.users.memberA.id)).toBe(true);
    expect((await list(users.GET, "/api/v1/users", "memberA")).map((u) => u.id)).toEqual([f.users.memberA.id]);
    expect((await list(users.GET, "/api/v1/users", "leadA")).every((u) => u.teamId === f.teamA.id)).toBe(true);
    const all = await list(keys.GET, "/api/v1/keys", "finance");
    expect(all.map((k) => k.id)).toEqual(expect.arrayContaining([keyA, keyB]));
  });

  it("rejects malformed, unknown, revoked and expired credentials with 401", async () => {
    const bad = [
      { bearer: "psr_adm_doesnotexist" },
      { bearer: "" },
      { cookie: "authjs.session-token=not-a-jwt" },
      { cookie: "authjs.session-token=" },
    ];
    for (const cred of bad) {
      const res = await orgRoute.GET(apiRequest("GET", "/api/v1/org", { as: cred }));
      expect(res.status, JSON.stringify(cred)).toBe(401);
    }
    const { secret, prefix, hash } = newSecret("admin");
    const t = await db.apiToken.create({ data: { orgId: f.orgId, name: "old", prefix, tokenHash: hash, expiresAt: new Date(Date.now() - 1000) } });
    expect((await orgRoute.GET(apiRequest("GET", "/api/v1/org", { as: { bearer: secret } }))).status).toBe(401);
    await db.apiToken.update({ where: { id: t.id }, data: { expiresAt: null, revokedAt: new Date() } });
    expect((await orgRoute.GET(apiRequest("GET", "/api/v1/org", { as: { bearer: secret } }))).status).toBe(401);
  });
});
