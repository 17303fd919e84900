// Route-level checks for /api/v1/budgets and /api/v1/prices: the authorization matrix (every role,
// a foreign org's token, no credentials) and a fast-check fuzz of every body (no 5xx; a 400 names the
// field). Calls the real handlers against the real database.
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import * as budgetsRoute from "@/app/api/v1/budgets/route";
import * as budgetRoute from "@/app/api/v1/budgets/[id]/route";
import * as reallocateRoute from "@/app/api/v1/budgets/reallocate/route";
import * as pricesRoute from "@/app/api/v1/prices/route";
import * as priceRoute from "@/app/api/v1/prices/[id]/route";
import { call, makeToken, makeTree, sessionCookie, type Auth } from "./test-fixtures";

type Who = "owner" | "admin" | "finance" | "lead" | "member" | "foreign" | "anonymous";
const WHO: Who[] = ["owner", "admin", "finance", "lead", "member", "foreign", "anonymous"];

let t: Awaited<ReturnType<typeof makeTree>>;
let auth: Record<Who, Auth>;
let ids: { teamBudgetA: string; teamBudgetB: string; keyBudgetA: string; keyBudgetA2: string; price: string };

beforeAll(async () => {
  t = await makeTree();
  const foreign = await makeTree();
  auth = {
    owner: { bearer: await makeToken(t.org.id, "owner") },
    admin: { bearer: await makeToken(t.org.id, "admin") },
    finance: { bearer: await makeToken(t.org.id, "finance") },
    lead: { cookie: await sessionCookie(t.users.leadA.id) },
    member: { cookie: await sessionCookie(t.users.memberA.id) },
    foreign: { bearer: await makeToken(foreign.org.id, "owner") },
    anonymous: null,
  };
  const post = async (body: unknown) => (await call(budgetsRoute.POST, { method: "POST", auth: auth.admin, body })).body.id as string;
  ids = {
    teamBudgetA: await post({ scope: { level: "team", id: t.teamA.id }, name: "A", limitUsd: 1_000_000 }),
    teamBudgetB: await post({ scope: { level: "team", id: t.teamB.id }, name: "B", limitUsd: 100 }),
    keyBudgetA: await post({ scope: { level: "key", id: t.keyA.id }, name: "kA", limitUsd: 100 }),
    keyBudgetA2: await post({ scope: { level: "key", id: t.serviceKeyA.id }, name: "svcA", limitUsd: 100 }),
    price: (await call(pricesRoute.POST, { method: "POST", auth: auth.admin, body: { provider: "acme", model: "m", inputUsdPerMTok: 1, outputUsdPerMTok: 2, maxOutputTokens: 100 } })).body.id,
  };
});

function expectStatus(who: Who, got: { status: number; body: unknown }, expected: Partial<Record<Who, number>>) {
  const want = expected[who] ?? (who === "anonymous" ? 401 : undefined);
  expect({ who, status: got.status, body: got.status === want ? "(ok)" : got.body }).toEqual({ who, status: want, body: "(ok)" });
}

describe("authorization matrix", () => {
  it("GET /budgets/{id}: another team's budget is invisible to a lead and a member; another org's to everyone", async () => {
    for (const who of WHO) {
      const r = await call(budgetRoute.GET, { auth: auth[who], params: { id: ids.teamBudgetB } });
      expectStatus(who, r, { owner: 200, admin: 200, finance: 200, lead: 404, member: 404, foreign: 404 });
    }
  });

  it("GET /budgets lists only what each caller may see", async () => {
    for (const who of WHO) {
      const r = await call(budgetsRoute.GET, { auth: auth[who], path: "/api/v1/budgets?limit=200" });
      expectStatus(who, r, { owner: 200, admin: 200, finance: 200, lead: 200, member: 200, foreign: 200 });
      if (r.status !== 200) continue;
      const names = (r.body.items as { name: string }[]).map((b) => b.name).sort();
      const expected: Partial<Record<Who, string[]>> = { lead: ["A", "kA", "svcA"], member: ["A", "kA"], foreign: [] };
      if (expected[who]) expect({ who, names }).toEqual({ who, names: expected[who] });
    }
  });

  it("POST /budgets on a team: finance and admins only; a lead 403; a foreign token 404", async () => {
    for (const who of WHO) {
      const r = await call(budgetsRoute.POST, { method: "POST", auth: auth[who], body: { scope: { level: "team", id: t.teamA.id }, name: `t-${who}`, limitUsd: 1, period: "weekly" } });
      expectStatus(who, r, { owner: 201, admin: 201, finance: 201, lead: 403, member: 403, foreign: 404 });
    }
  });

  it("PATCH /budgets/{id} on a team key's budget: the team's lead may; a member may not", async () => {
    for (const who of WHO) {
      const r = await call(budgetRoute.PATCH, { method: "PATCH", auth: auth[who], params: { id: ids.keyBudgetA }, body: { name: `by ${who}` } });
      expectStatus(who, r, { owner: 200, admin: 200, finance: 200, lead: 200, member: 403, foreign: 404 });
    }
  });

  it("POST /budgets/reallocate inside team A", async () => {
    for (const who of WHO) {
      const r = await call(reallocateRoute.POST, {
        method: "POST",
        auth: auth[who],
        body: { fromBudgetId: ids.keyBudgetA, toBudgetId: ids.keyBudgetA2, amountUsd: 1, note: who },
      });
      expectStatus(who, r, { owner: 200, admin: 200, finance: 200, lead: 200, member: 403, foreign: 404 });
    }
  });

  it("DELETE /budgets/{id}", async () => {
    for (const who of WHO) {
      const created = await call(budgetsRoute.POST, { method: "POST", auth: auth.admin, body: { scope: { level: "key", id: t.keyA.id }, name: "tmp", limitUsd: 1 } });
      const r = await call(budgetRoute.DELETE, { method: "DELETE", auth: auth[who], params: { id: created.body.id } });
      expectStatus(who, r, { owner: 200, admin: 200, finance: 200, lead: 200, member: 403, foreign: 404 });
    }
  });

  it("prices: everyone reads; owner and admin write; another org gets 404", async () => {
    for (const who of WHO) {
      expectStatus(who, await call(pricesRoute.GET, { auth: auth[who], path: "/api/v1/prices" }), { owner: 200, admin: 200, finance: 200, lead: 200, member: 200, foreign: 200 });
      expectStatus(who, await call(priceRoute.GET, { auth: auth[who], params: { id: ids.price } }), { owner: 200, admin: 200, finance: 200, lead: 200, member: 200, foreign: 404 });
      const patch = await call(priceRoute.PATCH, { method: "PATCH", auth: auth[who], params: { id: ids.price }, body: { outputUsdPerMTok: 3 } });
      expectStatus(who, patch, { owner: 200, admin: 200, finance: 403, lead: 403, member: 403, foreign: 404 });
      const post = await call(pricesRoute.POST, { method: "POST", auth: auth[who], body: { provider: "acme", model: `m-${who}`, inputUsdPerMTok: 1, outputUsdPerMTok: 2, maxOutputTokens: 100 } });
      expectStatus(who, post, { owner: 201, admin: 201, finance: 403, lead: 403, member: 403, foreign: 201 });
    }
  });

  it("answers the DESIGN §9 shapes: 201 object at top level, { items, nextCursor }, { error: { code, message } }", async () => {
    const created = await call(budgetsRoute.POST, { method: "POST", auth: auth.finance, body: { scope: { level: "org", id: t.org.id }, name: "org", limitUsd: 10 } });
    expect(created).toMatchObject({ status: 201, body: { id: expect.any(String), limitUsd: 10, current: { usedUsd: 0 } } });
    const listed = await call(budgetsRoute.GET, { auth: auth.finance, path: "/api/v1/budgets?limit=1" });
    expect(listed.body).toEqual({ items: [expect.any(Object)], nextCursor: expect.any(String) });
    const tooBig = await call(budgetsRoute.POST, { method: "POST", auth: auth.lead, body: { scope: { level: "user", id: t.users.memberA.id }, name: "x", limitUsd: 2_000_000 } });
    expect(tooBig).toMatchObject({ status: 409, body: { error: { code: "allocation_exceeded", allocation: { level: "team", ceilingUsd: 1_000_000 } } } });
    const sevenDecimals = await call(budgetsRoute.POST, { method: "POST", auth: auth.finance, body: { scope: { level: "org", id: t.org.id }, name: "x", limitUsd: 0.1234567 } });
    expect(sevenDecimals).toMatchObject({ status: 400, body: { error: { code: "invalid_request", issues: [expect.objectContaining({ path: "limitUsd" })] } } });
  });
});

const anyValue = fc.oneof(fc.anything(), fc.double(), fc.integer(), fc.string(), fc.constant(null), fc.boolean());
const bodies = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(anyValue, fc.record(fields, { requiredKeys: [] }), fc.dictionary(fc.string(), anyValue));

function assertNamed(r: { status: number; body: any }) {
  expect(r.status).toBeLessThan(500);
  if (r.status >= 400) {
    expect(typeof r.body?.error?.code).toBe("string");
    expect(r.body.error.message.length).toBeGreaterThan(0);
  }
  if (r.status === 400) {
    expect(r.body.error.issues.length).toBeGreaterThan(0);
    // An unknown key that is literally "" is reported with path "" by the shared error mapper (lib/api/errors.ts).
    for (const issue of r.body.error.issues) expect(issue.path.length > 0 || issue.code === "unrecognized_key", JSON.stringify(issue)).toBe(true);
  }
}

describe("fuzz: random bodies never cause a 5xx, and every 400 names the field", () => {
  const usd = fc.oneof(fc.double(), fc.integer({ min: -10, max: 1e10 }), fc.constant(0.1 + 0.2), fc.string());
  const scope = fc.record({ level: fc.constantFrom("org", "team", "user", "key", "x"), id: fc.oneof(fc.string(), fc.constant(undefined)) });
  const budgetFields = {
    scope, name: fc.string(), limitUsd: usd, enforcement: fc.string(), period: fc.constantFrom("daily", "weekly", "monthly", "custom", "yearly"),
    customPeriod: fc.record({ every: fc.integer(), unit: fc.constantFrom("hours", "days", "weeks") }, { requiredKeys: [] }),
    alertThresholds: fc.array(fc.integer({ min: -5, max: 200 })), alertCooldownMinutes: fc.integer(),
    filters: fc.record({ model: fc.string(), provider: fc.string(), tag: fc.string() }, { requiredKeys: [] }),
    shadow: anyValue, confirmOversubscribe: anyValue,
  };

  it("POST /budgets and PATCH /budgets/{id}", async () => {
    await fc.assert(fc.asyncProperty(bodies(budgetFields), async (body) => {
      assertNamed(await call(budgetsRoute.POST, { method: "POST", auth: auth.admin, body }));
      assertNamed(await call(budgetRoute.PATCH, { method: "PATCH", auth: auth.lead, params: { id: ids.keyBudgetA }, body }));
    }), { numRuns: 60 });
  });

  it("POST /budgets/reallocate", async () => {
    const idArb = fc.oneof(fc.constantFrom(ids.keyBudgetA, ids.keyBudgetA2, ids.teamBudgetB), fc.string());
    await fc.assert(fc.asyncProperty(bodies({ fromBudgetId: idArb, toBudgetId: idArb, amountUsd: usd, note: fc.string() }), async (body) => {
      assertNamed(await call(reallocateRoute.POST, { method: "POST", auth: auth.finance, body }));
    }), { numRuns: 60 });
  });

  it("POST /prices and PATCH /prices/{id}", async () => {
    const priceFields = {
      provider: fc.string(), model: fc.string(), inputUsdPerMTok: usd, outputUsdPerMTok: usd, cachedInputUsdPerMTok: usd,
      cacheWriteUsdPerMTok: usd, maxOutputTokens: fc.integer(), effectiveFrom: fc.oneof(fc.string(), fc.date().map((d) => (isNaN(d.getTime()) ? "x" : d.toISOString()))),
    };
    await fc.assert(fc.asyncProperty(bodies(priceFields), async (body) => {
      assertNamed(await call(pricesRoute.POST, { method: "POST", auth: auth.admin, body }));
      assertNamed(await call(priceRoute.PATCH, { method: "PATCH", auth: auth.admin, params: { id: ids.price }, body }));
    }), { numRuns: 60 });
  });

  it("malformed JSON and query strings", async () => {
    assertNamed(await call(budgetsRoute.POST, { method: "POST", auth: auth.admin, rawBody: "{not json" }));
    for (const q of ["level=x", "limit=0", "limit=abc", "period=yearly", "cursor=%20", "scopeId=a%20b", "unknown=1"]) {
      const r = await call(budgetsRoute.GET, { auth: auth.admin, path: `/api/v1/budgets?${q}` });
      expect(r.status, q).toBe(400);
      assertNamed(r);
    }
    for (const q of ["at=yesterday", "history=maybe", "provider=A%20B"]) {
      const r = await call(pricesRoute.GET, { auth: auth.admin, path: `/api/v1/prices?${q}` });
      expect(r.status, q).toBe(400);
      assertNamed(r);
    }
  });
});
