// One contract (DESIGN §8) for both the fast path and the route handlers, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Engine, setEngine, shutdownEngine, TAG_VALUE_CAP } from "./engine";
import { addKey, bumpVersion, createEnforcementFixture } from "./testing/fixtures";
import { fastPathTarget, routeTarget, type Target } from "./testing/targets";

beforeAll(() => setEngine(new Engine({ url: process.env.DATABASE_URL, pollMs: 100 })));
afterAll(() => shutdownEngine());

const FOUR = [
  { level: "key", limitUsd: 5 },
  { level: "user", limitUsd: 10 },
  { level: "team", limitUsd: 50 },
  { level: "org", limitUsd: 100 },
] as const;

for (const make of [fastPathTarget, async () => routeTarget()]) {
  describe.sequential("enforcement API contract", () => {
    let t: Target;
    beforeAll(async () => (t = await make()));
    afterAll(() => t.close());

    it("allows a priced request and answers the estimate, every budget level and rate limits", async () => {
      const f = await createEnforcementFixture({ budgets: [...FOUR], rpmLimit: 100, tpmLimit: 1_000_000 });
      const r = await t.authorize(f.gatewayToken, { apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, maxOutputTokens: 800, tags: { feature: "bot" } });
      expect(r.status, t.name).toBe(200);
      expect(r.body).toMatchObject({ decision: "allow", estimate: { inputTokens: 1200, outputTokens: 800, costUsd: 0.011 }, warnings: [] });
      expect(r.body.reservationId).toBeTruthy();
      expect(r.body.requestId).toBeTruthy();
      expect(r.body.budgets.map((b: { level: string }) => b.level)).toEqual(["key", "user", "team", "org"]);
      expect(r.body.budgets[0]).toMatchObject({ limitUsd: 5, usedUsd: 0, reservedUsd: 0.011, remainingUsd: 4.989, enforcement: "hard", period: "daily" });
      expect(new Date(r.body.budgets[0].resetAt).getTime()).toBeGreaterThan(Date.now());
      expect(r.body.rateLimits.rpm).toMatchObject({ limit: 100, remaining: 99 });
      expect(r.body.rateLimits.tpm).toMatchObject({ limit: 1_000_000, remaining: 1_000_000 - 2000 });
    });

    it("401 invalid_gateway_token for a missing or bad gateway token", async () => {
      const f = await createEnforcementFixture();
      for (const token of [null, "psr_gw_nope"]) {
        const r = await t.authorize(token, { apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1 });
        expect(r.status).toBe(401);
        expect(r.body.error.code).toBe("invalid_gateway_token");
        const u = await t.usage(token, { requestId: "x", apiKey: f.apiKey, model: "gpt-4o" });
        expect(u.status).toBe(401);
        expect(u.body.error.code).toBe("invalid_gateway_token");
      }
    });

    it("401 invalid_key for an unknown key; 403 for revoked, expired and disabled keys", async () => {
      const f = await createEnforcementFixture();
      const body = (apiKey: string) => ({ apiKey, model: "gpt-4o", inputTokens: 10 });
      const unknown = await t.authorize(f.gatewayToken, body("psr_key_unknown"));
      expect(unknown.status).toBe(401);
      expect(unknown.body).toMatchObject({ decision: "deny", denial: { code: "invalid_key" } });
      const revoked = await addKey(f, { revokedAt: new Date() });
      const expired = await addKey(f, { expiresAt: new Date(Date.now() - 1000) });
      const disabled = await addKey(f, { disabledAt: new Date() });
      expect((await t.authorize(f.gatewayToken, body(revoked))).body.denial.code).toBe("key_revoked");
      const e = await t.authorize(f.gatewayToken, body(expired));
      expect([e.status, e.body.denial.code]).toEqual([403, "key_expired"]);
      const d = await t.authorize(f.gatewayToken, body(disabled));
      expect([d.status, d.body.denial.code]).toEqual([403, "key_revoked"]);
    });

    it("400 names the field for invalid bodies", async () => {
      const f = await createEnforcementFixture();
      const cases: [unknown, string][] = [
        [{ apiKey: f.apiKey, model: "gpt-4o", inputTokens: "many" }, "inputTokens"],
        [{ apiKey: f.apiKey, model: "gpt-4o" }, "inputTokens"],
        [{ model: "gpt-4o", inputTokens: 1 }, "apiKey"],
        [{ apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1, maxOutputTokens: -1 }, "maxOutputTokens"],
        [{ apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1, requestId: "x".repeat(129) }, "requestId"],
        [{ apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1, tags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])) }, "tags"],
        ["{not json", "(body)"],
      ];
      for (const [body, field] of cases) {
        const r = await t.authorize(f.gatewayToken, body);
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.body.error.code).toBe("invalid_request");
        expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
        expect(r.body.error.message).toContain(field);
      }
      const u = await t.usage(f.gatewayToken, [{ requestId: "a", apiKey: f.apiKey, model: "gpt-4o" }, { requestId: "b", apiKey: f.apiKey, model: "gpt-4o", outputTokens: 1.5 }]);
      expect(u.status).toBe(400);
      expect(u.body.error.issues[0].path).toBe("1.outputTokens");
      const big = Array.from({ length: 1001 }, (_, i) => ({ requestId: `r${i}`, apiKey: f.apiKey, model: "gpt-4o" }));
      expect((await t.usage(f.gatewayToken, big)).status).toBe(400);
    });

    it("denies an unpriced model (never $0) and needs a provider for an ambiguous model", async () => {
      const f = await createEnforcementFixture();
      const r = await t.authorize(f.gatewayToken, { apiKey: f.apiKey, model: "mystery-9", inputTokens: 10 });
      expect(r.status).toBe(402);
      expect(r.body.denial.code).toBe("unpriced_model");
    });

    it("402 budget_exceeded names the binding budget with limit, used and resetAt", async () => {
      // $0.011 per request; the key's daily budget allows two.
      const f = await createEnforcementFixture({ budgets: [{ level: "key", limitUsd: 0.025, name: "key daily" }, { level: "org", limitUsd: 100 }] });
      const req = { apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, maxOutputTokens: 800 };
      expect((await t.authorize(f.gatewayToken, req)).status).toBe(200);
      expect((await t.authorize(f.gatewayToken, req)).status).toBe(200);
      const r = await t.authorize(f.gatewayToken, req);
      expect(r.status).toBe(402);
      expect(r.body.denial).toMatchObject({ code: "budget_exceeded", level: "key", budgetId: f.budgets[0].id, budgetName: "key daily", limitUsd: 0.025, usedUsd: 0, reservedUsd: 0.022 });
      expect(r.body.denial.resetAt).toMatch(/T00:00:00.000Z$/);
    });

    it("429 rate_limited with Retry-After when the key's RPM is used up", async () => {
      const f = await createEnforcementFixture({ rpmLimit: 2 });
      const req = { apiKey: f.apiKey, model: "gpt-4o", inputTokens: 10, maxOutputTokens: 10 };
      await t.authorize(f.gatewayToken, req);
      await t.authorize(f.gatewayToken, req);
      const r = await t.authorize(f.gatewayToken, req);
      expect(r.status).toBe(429);
      expect(r.body.denial.code).toBe("rate_limited");
      const after = Number(r.headers.get("retry-after"));
      expect(after).toBeGreaterThanOrEqual(1);
      expect(after).toBeLessThanOrEqual(60);
    });

    it("a repeated requestId returns the same decision", async () => {
      const f = await createEnforcementFixture({ budgets: [{ level: "key", limitUsd: 1 }] });
      const req = { apiKey: f.apiKey, requestId: "same-1", model: "gpt-4o", inputTokens: 100, maxOutputTokens: 100 };
      const a = await t.authorize(f.gatewayToken, req);
      const b = await t.authorize(f.gatewayToken, req);
      expect(b.body).toEqual(a.body);
      expect(b.body.budgets[0].reservedUsd).toBe(a.body.budgets[0].reservedUsd); // reserved once
    });

    it("counts tokens of messages with a real tokenizer", async () => {
      const f = await createEnforcementFixture();
      const r = await t.authorize(f.gatewayToken, { apiKey: f.apiKey, model: "gpt-4o", messages: [{ role: "user", content: "hello world" }], maxOutputTokens: 10 });
      expect(r.status).toBe(200);
      expect(r.body.estimate.inputTokens).toBe(9);
    });

    it("settles durably, once per requestId, single and batch; releases the hold and counts the real cost", async () => {
      const f = await createEnforcementFixture({ budgets: [{ level: "key", limitUsd: 1 }] });
      const a = await t.authorize(f.gatewayToken, { apiKey: f.apiKey, requestId: "s-1", model: "gpt-4o", inputTokens: 1200, maxOutputTokens: 800 });
      const u = { requestId: "s-1", reservationId: a.body.reservationId, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, outputTokens: 350, cachedInputTokens: 1000, latencyMs: 840 };
      const s1 = await t.usage(f.gatewayToken, u);
      expect(s1.status).toBe(200);
      expect(s1.body).toEqual({ requestId: "s-1", costUsd: 0.00525, duplicate: false });
      const s2 = await t.usage(f.gatewayToken, u);
      expect(s2.body).toEqual({ requestId: "s-1", costUsd: 0.00525, duplicate: true });
      const batch = await t.usage(f.gatewayToken, [
        { requestId: "b-1", apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1000, outputTokens: 0 },
        { requestId: "b-2", apiKey: f.apiKey, model: "claude-sonnet-4-5", inputTokens: 1000, outputTokens: 1000, status: "error" },
        { requestId: "s-1", apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, outputTokens: 350, cachedInputTokens: 1000 },
      ]);
      expect(batch.status).toBe(200);
      expect(batch.body.results).toEqual([
        { requestId: "b-1", costUsd: 0.0025, duplicate: false },
        { requestId: "b-2", costUsd: 0.018, duplicate: false },
        { requestId: "s-1", costUsd: 0.00525, duplicate: true },
      ]);
      const events = await db.usageEvent.findMany({ where: { orgId: f.orgId }, orderBy: { requestId: "asc" } });
      expect(events.map((e) => [e.requestId, e.costMicros])).toEqual([["b-1", 2500n], ["b-2", 18000n], ["s-1", 5250n]]);
      expect(events.find((e) => e.requestId === "s-1")).toMatchObject({ estimatedCostMicros: 11000n, latencyMs: 840, userId: f.userId });
      const win = await db.budgetWindow.findMany({ where: { budgetId: f.budgets[0].id } });
      expect(win.map((w) => [w.spentMicros, w.requests])).toEqual([[25750n, 3]]);
      const rollups = await db.usageRollup.findMany({ where: { orgId: f.orgId } });
      expect(rollups.reduce((s, r) => s + r.costMicros, 0n)).toBe(25750n);
      expect(rollups.reduce((s, r) => s + r.errorRequests, 0)).toBe(1);
      // the hold is released and the real cost counted
      const next = await t.authorize(f.gatewayToken, { apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1, maxOutputTokens: 1 });
      expect(next.body.budgets[0]).toMatchObject({ usedUsd: 0.02575, reservedUsd: 0.000013 });
    });

    it("soft budgets warn and alert once; thresholds alert once per window", async () => {
      const f = await createEnforcementFixture({ budgets: [{ level: "team", limitUsd: 0.01, enforcement: "soft", name: "team soft" }] });
      const req = { apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, maxOutputTokens: 800 };
      const r = await t.authorize(f.gatewayToken, req);
      expect(r.status).toBe(200);
      expect(r.body.warnings[0]).toMatchObject({ code: "soft_budget_exceeded", level: "team", budgetId: f.budgets[0].id });
      await t.authorize(f.gatewayToken, req);
      for (const id of ["t-1", "t-2"]) await t.usage(f.gatewayToken, { requestId: id, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, outputTokens: 800 });
      await expect.poll(async () => (await db.alert.findMany({ where: { orgId: f.orgId } })).map((a) => a.type).sort(), { timeout: 5000 }).toEqual([
        "exceeded",
        "soft_exceeded",
        "threshold",
      ]);
    });

    it("shadow budgets never deny but count would-deny; denials are counted; lastUsedAt is updated", async () => {
      const f = await createEnforcementFixture({
        budgets: [
          { level: "org", limitUsd: 0.01, shadow: true, name: "org shadow" },
          { level: "key", limitUsd: 0.02, name: "key hard" },
        ],
      });
      const req = { apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, maxOutputTokens: 800 };
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await t.authorize(f.gatewayToken, req)).status);
      expect(statuses).toEqual([200, 402, 402]); // the hard key budget denies; the shadow one never does
      const windows = async () => {
        const rows = await db.budgetWindow.findMany({ where: { budgetId: { in: f.budgets.map((b) => b.id) } } });
        return f.budgets.map((b) => rows.find((r) => r.budgetId === b.id)).map((r) => [r?.wouldDenyRequests ?? 0, r?.deniedRequests ?? 0]);
      };
      // The first request already exceeds the shadow limit: all three would have been denied.
      await expect.poll(windows, { timeout: 5000 }).toEqual([[3, 0], [0, 2]]);
      await expect.poll(async () => (await db.apiKey.findUnique({ where: { id: f.keyId } }))?.lastUsedAt !== null, { timeout: 5000 }).toBe(true);
    });

    it("rolls up by org-local hour and by analytics tag keys only, folding rare values into (other)", async () => {
      const f = await createEnforcementFixture({ timezone: "Asia/Kolkata", analyticsTagKeys: ["feature"] });
      const items = Array.from({ length: TAG_VALUE_CAP + 5 }, (_, i) => ({
        requestId: `tag-${i}`,
        apiKey: f.apiKey,
        model: "gpt-4o",
        inputTokens: 1000,
        outputTokens: 0,
        tags: { feature: `f${i}`, customer: `c${i}` },
      }));
      const r = await t.usage(f.gatewayToken, items);
      expect(r.status).toBe(200);
      const events = await db.usageEvent.findMany({ where: { orgId: f.orgId } });
      // +05:30: an org-local hour starts at half past a UTC hour.
      for (const e of events) {
        expect(e.bucketMinute % 60).toBe(30);
        expect(e.occurredAt.getTime() - e.bucketMinute * 60_000).toBeLessThan(3_600_000);
      }
      const tagRows = await db.usageTagRollup.findMany({ where: { orgId: f.orgId } });
      expect(new Set(tagRows.map((x) => x.tagKey))).toEqual(new Set(["feature"])); // "customer" is not an analytics key
      const values = new Set(tagRows.map((x) => x.tagValue));
      expect(values.size).toBe(TAG_VALUE_CAP + 1);
      expect(values.has("(other)")).toBe(true);
      expect(tagRows.reduce((n, x) => n + x.requests, 0)).toBe(items.length);
      const rollups = await db.usageRollup.findMany({ where: { orgId: f.orgId } });
      expect(rollups.reduce((n, x) => n + x.requests, 0)).toBe(items.length);
      expect(rollups.reduce((n, x) => n + x.costMicros, 0n)).toBe(2_500n * BigInt(items.length));
    });

    it("sees a budget created after start within a second (policyVersion)", async () => {
      const f = await createEnforcementFixture();
      const req = { apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, maxOutputTokens: 800 };
      expect((await t.authorize(f.gatewayToken, req)).status).toBe(200);
      await db.budget.create({ data: { orgId: f.orgId, level: "org", name: "tiny", limitMicros: 1n, alertThresholds: [80, 100] } });
      await bumpVersion(f.orgId);
      await expect.poll(async () => (await t.authorize(f.gatewayToken, req)).status, { timeout: 1000, interval: 50 }).toBe(402);
    });
  });
}
