// Property-based: random bodies, queries and ids thrown at every org-management route never produce a
// 5xx, and every 400 names the offending field with a reason.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newSecret } from "@/lib/crypto";
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
import * as audit from "@/app/api/v1/audit/route";

type Handler = (req: Request, ctx: ReturnType<typeof routeParams>) => Promise<Response>;

let f: AuthFixture;
let keyId: string;
const RUNS = Number(process.env.PURSER_FUZZ_RUNS ?? 40);

beforeAll(async () => {
  f = await createAuthFixture("fuzz");
  const { prefix, hash } = newSecret("key");
  keyId = (await db.apiKey.create({ data: { orgId: f.orgId, teamId: f.teamA.id, userId: f.users.memberA.id, name: "fz", prefix, keyHash: hash } })).id;
});

/** Values that exercise types, ranges, formats and real ids of this and other orgs. */
const value = () =>
  fc.oneof(
    fc.jsonValue(),
    fc.string({ maxLength: 300 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom("", " ", "owner", "admin", "member", "lead", "finance", "deny", "fallback", "open", "closed", "UTC", "Europe/Paris",
      "2099-01-01T00:00:00Z", "2001-01-01T00:00:00Z", "not-a-date", "a@b.co", "x".repeat(5000), "cnotarealid000000000000"),
    fc.constantFrom(...["teamA", "teamB", "memberA", "leadB"].map((k) => `@${k}`)),
  );

function resolveIds(v: unknown): unknown {
  if (typeof v !== "string" || !v.startsWith("@")) return v;
  const ids: Record<string, string> = { "@teamA": f.teamA.id, "@teamB": f.teamB.id, "@memberA": f.users.memberA.id, "@leadB": f.users.leadB.id };
  return ids[v] ?? v;
}

/** A body: usually an object of known and unknown fields, sometimes anything at all or broken JSON. */
function body(fields: string[]) {
  const known = fc.dictionary(fc.constantFrom(...fields), value(), { maxKeys: fields.length });
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(known, fc.dictionary(fc.string({ maxLength: 12 }), value(), { maxKeys: 2 })).map(([k, extra]) => ({ ...extra, ...k })) },
    { weight: 2, arbitrary: known },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.string({ maxLength: 50 }).map((s) => ({ raw: `{${s}` })) },
  );
}

function query(fields: string[]) {
  return fc.dictionary(fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 8 })), fc.oneof(fc.string({ maxLength: 40 }), fc.integer().map(String), fc.constantFrom("0", "-1", "201", "1.5", "2026-01-01T00:00:00Z", "@teamA")), { maxKeys: 4 });
}

async function send(handler: Handler, method: string, path: string, input: { body?: unknown; query?: Record<string, string>; id?: string }) {
  const raw = input.body as { raw?: string } | undefined;
  const resolved = raw && typeof raw === "object" && !Array.isArray(raw) && typeof raw.raw === "string" && Object.keys(raw).length === 1
    ? raw.raw
    : input.body === undefined ? undefined : JSON.parse(JSON.stringify(input.body, (_k, v) => resolveIds(v)) ?? "null");
  const q = input.query ? Object.fromEntries(Object.entries(input.query).map(([k, v]) => [k, String(resolveIds(v))])) : undefined;
  const res = await handler(apiRequest(method, path, { as: { bearer: f.adminToken.secret }, body: resolved, query: q }), routeParams(input.id ? { id: input.id } : {}));
  const text = await res.text();
  expect(res.status, `${method} ${path} ${JSON.stringify(resolved)} ${JSON.stringify(q)} -> ${text}`).toBeLessThan(500);
  if (res.status === 400) {
    const { error } = JSON.parse(text);
    expect(error.issues?.length, text).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(typeof issue.path).toBe("string");
      expect(issue.path.length).toBeGreaterThan(0);
      expect(issue.message.length).toBeGreaterThan(0);
    }
  }
  if (res.status >= 400) expect(JSON.parse(text).error.message).toBeTruthy();
}

const bodyRoutes: { name: string; handler: () => Handler; method: string; fields: string[]; id?: () => string }[] = [
  { name: "PATCH /org", handler: () => orgRoute.PATCH, method: "PATCH", fields: ["name", "timezone", "unpricedModelPolicy", "fallbackInputUsdPerMTok", "fallbackOutputUsdPerMTok", "failMode", "analyticsTagKeys"] },
  { name: "POST /teams", handler: () => teams.POST, method: "POST", fields: ["name"] },
  { name: "PATCH /teams/:id", handler: () => team.PATCH, method: "PATCH", fields: ["name"], id: () => f.teamB.id },
  { name: "POST /users", handler: () => users.POST, method: "POST", fields: ["email", "name", "role", "teamId", "password"] },
  { name: "PATCH /users/:id", handler: () => user.PATCH, method: "PATCH", fields: ["name", "role", "teamId", "password", "disabled"], id: () => f.users.leadB.id },
  { name: "POST /keys", handler: () => keys.POST, method: "POST", fields: ["name", "teamId", "userId", "rpmLimit", "tpmLimit", "expiresAt"] },
  { name: "PATCH /keys/:id", handler: () => key.PATCH, method: "PATCH", fields: ["name", "rpmLimit", "tpmLimit", "expiresAt", "disabled"], id: () => keyId },
  { name: "POST /gateway-tokens", handler: () => gatewayTokens.POST, method: "POST", fields: ["name"] },
  { name: "POST /api-tokens", handler: () => apiTokens.POST, method: "POST", fields: ["name", "role", "expiresAt"] },
];

const queryRoutes: { name: string; handler: () => Handler; fields: string[] }[] = [
  { name: "GET /teams", handler: () => teams.GET, fields: ["cursor", "limit", "q"] },
  { name: "GET /users", handler: () => users.GET, fields: ["cursor", "limit", "q", "teamId", "role"] },
  { name: "GET /keys", handler: () => keys.GET, fields: ["cursor", "limit", "q", "teamId", "userId", "status"] },
  { name: "GET /gateway-tokens", handler: () => gatewayTokens.GET, fields: ["cursor", "limit"] },
  { name: "GET /api-tokens", handler: () => apiTokens.GET, fields: ["cursor", "limit"] },
  { name: "GET /audit", handler: () => audit.GET, fields: ["cursor", "limit", "entityType", "entityId", "actorId", "action", "from", "to"] },
];

describe("bad input never causes a 5xx", () => {
  for (const r of bodyRoutes) {
    it(`${r.name}: random bodies`, async () => {
      await fc.assert(
        fc.asyncProperty(body(r.fields), (b) => send(r.handler(), r.method, "/api/v1/x", { body: b, id: r.id?.() })),
        { numRuns: RUNS },
      );
    });
  }

  for (const r of queryRoutes) {
    it(`${r.name}: random queries`, async () => {
      await fc.assert(fc.asyncProperty(query(r.fields), (q) => send(r.handler(), "GET", "/api/v1/x", { query: q })), { numRuns: RUNS });
    });
  }

  it("random ids in the path", async () => {
    const routes: [Handler, string][] = [[team.GET, "GET"], [team.DELETE, "DELETE"], [user.GET, "GET"], [key.GET, "GET"], [key.DELETE, "DELETE"]];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.string({ maxLength: 80 }), async ([handler, method], id) => {
        const res = await handler(apiRequest(method, "/api/v1/x", { as: { bearer: f.adminToken.secret } }), routeParams({ id }));
        expect(res.status).toBe(404);
      }),
      { numRuns: RUNS },
    );
  });
});
