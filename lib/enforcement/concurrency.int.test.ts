// 200 concurrent gateway clients on ONE key whose chain has hard budgets at all four levels (with
// filters, so different levels bind at different moments): no budget may ever be overspent, and every
// denial must name a budget that really bound (the most restrictive one at that instant).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Engine, setEngine, shutdownEngine } from "./engine";
import { createEnforcementFixture } from "./testing/fixtures";
import { fastPathTarget, type Target } from "./testing/targets";

let t: Target;
beforeAll(async () => {
  setEngine(new Engine({ url: process.env.DATABASE_URL, pollMs: 100 }));
  t = await fastPathTarget();
});
afterAll(async () => {
  await t.close();
  await shutdownEngine();
});

// Deterministic pseudo-random numbers, so a failure can be replayed.
function rng(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe("HTTP concurrency", () => {
  it("200 concurrent clients: zero overspend at every level; every denial names the binding budget", async () => {
    const f = await createEnforcementFixture({
      budgets: [
        { level: "key", limitUsd: 0.03, name: "key gpt-4o", filterModel: "gpt-4o" },
        { level: "user", limitUsd: 0.03, name: "user anthropic", filterProvider: "anthropic" },
        { level: "team", limitUsd: 0.03, name: "team feature a", filterTagKey: "feature", filterTagValue: "a" },
        { level: "org", limitUsd: 0.2, name: "org all" },
      ],
    });
    // A third model that only the team (by tag) and org budgets count.
    await db.modelPrice.create({
      data: { orgId: f.orgId, provider: "mistral", model: "mistral-large", inputMicrosPerMTok: 2_000_000n, outputMicrosPerMTok: 6_000_000n, maxOutputTokens: 8192, effectiveFrom: new Date("2024-01-01Z") },
    });
    await db.organization.update({ where: { id: f.orgId }, data: { policyVersion: { increment: 1 } } });
    await new Promise((r) => setTimeout(r, 300)); // the engine reloads within its 100 ms poll
    // Four kinds of traffic, so each level is the tightest for some of it: gpt-4o (key + org),
    // claude (user + org), mistral tagged a (team + org), mistral untagged (org only).
    const kinds = [
      { model: "gpt-4o", feature: "b" },
      { model: "claude-sonnet-4-5", feature: "b" },
      { model: "mistral-large", feature: "a" },
      { model: "mistral-large", feature: "b" },
    ];
    const rand = rng(42);
    const denials: { denial: any; budgets: any[]; estimate: number }[] = [];
    let allowed = 0;
    let seq = 0;
    const client = async (c: number) => {
      for (let i = 0; i < 5; i++) {
        const { model, feature } = kinds[(c + i) % 4];
        const inputTokens = 200 + Math.floor(rand() * 1000);
        const maxOutputTokens = 50 + Math.floor(rand() * 400);
        const requestId = `c${c}-${i}-${seq++}`;
        const a = await t.authorize(f.gatewayToken, { apiKey: f.apiKey, requestId, model, inputTokens, maxOutputTokens, tags: { feature } });
        if (a.status === 402) {
          denials.push({ denial: a.body.denial, budgets: a.body.budgets, estimate: a.body.estimate.costUsd });
          continue;
        }
        expect(a.status).toBe(200);
        allowed++;
        // The real call used at most what was estimated.
        const u = await t.usage(f.gatewayToken, {
          requestId,
          reservationId: a.body.reservationId,
          apiKey: f.apiKey,
          model,
          inputTokens,
          outputTokens: Math.floor(rand() * maxOutputTokens),
          tags: { feature },
        });
        expect(u.status).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: 200 }, (_, c) => client(c)));

    expect(allowed).toBeGreaterThan(20);
    expect(denials.length).toBeGreaterThan(100);
    const levels = new Set<string>();
    for (const d of denials) {
      expect(d.denial.code).toBe("budget_exceeded");
      levels.add(d.denial.level);
      // It really bound: used + reserved + estimate over its limit ...
      expect(d.denial.usedUsd + d.denial.reservedUsd + d.estimate).toBeGreaterThan(d.denial.limitUsd - 1e-9);
      // ... and no other applicable budget had less room left.
      const minRemaining = Math.min(...d.budgets.map((b: any) => b.limitUsd - b.usedUsd - b.reservedUsd));
      const named = d.budgets.find((b: any) => b.budgetId === d.denial.budgetId);
      expect(named.limitUsd - named.usedUsd - named.reservedUsd).toBeCloseTo(minRemaining, 9);
    }
    console.log("denials by level:", JSON.stringify(denials.reduce((m: Record<string, number>, d) => ((m[d.denial.level] = (m[d.denial.level] ?? 0) + 1), m), {})));
    expect([...levels].sort()).toEqual(["key", "org", "team", "user"]);

    // Zero overspend, by the durable totals and by the events themselves.
    const events = await db.usageEvent.findMany({ where: { orgId: f.orgId } });
    expect(events.length).toBe(allowed);
    for (const b of f.budgets) {
      const counted = events.filter(
        (e) => (!b.filterModel || e.model === b.filterModel) && (!b.filterProvider || e.provider === b.filterProvider) && (!b.filterTagKey || (e.tags as Record<string, string>)[b.filterTagKey] === b.filterTagValue),
      );
      const sum = counted.reduce((s, e) => s + e.costMicros, 0n);
      const [w] = await db.budgetWindow.findMany({ where: { budgetId: b.id } });
      expect(w.spentMicros, b.name).toBe(sum);
      expect(w.requests).toBe(counted.length);
      expect(sum <= b.limitMicros, `${b.name}: ${sum} > ${b.limitMicros}`).toBe(true);
    }
  });
});
