// Distributed mode checks RPM/TPM inside the authorize script and corrects TPM inside the settle
// script. The same sequence of requests must get the same answers from both modes: rate limits are
// checked before budgets (a rate-limited request holds nothing), a budget-denied request uses no rate
// slot, and a settle replaces the estimated tokens by the real ones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl } from "@/lib/db";
import { Engine } from "../engine";
import { handleAuthorize, handleUsage } from "../http/handlers";
import type { HandlerResult } from "../http/respond";
import { createEnforcementFixture } from "../testing/fixtures";
import { onPostgres, redisTestContext, REDIS_TEST_URL, type RedisTestContext } from "./test-support";

const MINUTE = 60_000;
type Body = {
  reservationId?: string;
  denial?: { code: string; limit?: string };
  budgets?: { reservedUsd: number; usedUsd: number }[];
  rateLimits?: { rpm: { remaining: number } | null; tpm: { remaining: number } | null };
};

describe.skipIf(!onPostgres())("rate limits: embedded and distributed answer alike", () => {
  let ctx: RedisTestContext;
  const engines: Record<"embedded" | "distributed", Engine> = {} as never;

  beforeAll(async () => {
    ctx = await redisTestContext();
    engines.embedded = new Engine({ url: databaseUrl(), redisUrl: "" });
    engines.distributed = new Engine({ url: databaseUrl(), redisUrl: REDIS_TEST_URL, redisPrefix: ctx.prefix });
    await Promise.all(Object.values(engines).map((e) => e.ready));
  });
  afterAll(async () => {
    for (const e of Object.values(engines)) await e.stop();
    await ctx?.cleanup();
  });

  it.each(["embedded", "distributed"] as const)("%s: order of checks, no slot for a budget denial, TPM corrected at settle", async (mode) => {
    const engine = engines[mode];
    // Team budget $0.02; gpt-4o at $2.50/$10 per M tokens: 1000 in + 500 out = $0.0075 and 1500 tokens.
    const f = await createEnforcementFixture({ budgets: [{ level: "team", limitUsd: "0.02" }], rpmLimit: 3, tpmLimit: 4000 });
    await engine.refreshAfter(Date.now());
    // Every counter below is per minute: start well inside one.
    const left = MINUTE - (Date.now() % MINUTE);
    if (left < 10_000) await new Promise((r) => setTimeout(r, left + 50));
    const auth = `Bearer ${f.gatewayToken}`;
    const authorize = async (inputTokens: number, maxOutputTokens: number, requestId?: string) => {
      const r = await handleAuthorize(auth, JSON.stringify({ apiKey: f.apiKey, requestId, model: "gpt-4o", inputTokens, maxOutputTokens }), engine);
      return r as HandlerResult & { body: Body };
    };
    const rate = (r: { body: Body }) => [r.body.rateLimits?.rpm?.remaining, r.body.rateLimits?.tpm?.remaining];

    // 10,500 tokens > TPM, and $0.03 > the budget: the rate limit is checked first, and nothing is held.
    const a = await authorize(10_000, 500);
    expect([a.status, a.body.denial?.code, a.body.denial?.limit, a.headers?.["Retry-After"] !== undefined]).toEqual([429, "rate_limited", "tpm", true]);
    const b = await authorize(1000, 500, `rl-b-${mode}`);
    expect([b.status, ...rate(b), b.body.budgets?.[0].reservedUsd]).toEqual([200, 2, 2500, 0.0075]);
    const c = await authorize(1000, 500);
    expect([c.status, ...rate(c)]).toEqual([200, 1, 1000]);
    // Fits TPM (4000 of 4000) but not the budget ($0.015 + $0.00625 held > $0.02): no RPM slot used.
    const d = await authorize(500, 500);
    expect([d.status, d.body.denial?.code]).toEqual([402, "budget_exceeded"]);

    // Settle b with 1100 real tokens instead of 1500 estimated: TPM gives back 400.
    const u = await handleUsage(auth, JSON.stringify({ requestId: `rl-b-${mode}`, reservationId: b.body.reservationId, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1000, outputTokens: 100 }), engine);
    expect(u.status).toBe(200);
    // $0.0035 spent + $0.0075 held + $0.00625 fits; 2600 + 1000 tokens fits only thanks to the correction.
    const e = await authorize(500, 500);
    expect([e.status, ...rate(e)]).toEqual([200, 0, 400]);
    const g = await authorize(1, 1);
    expect([g.status, g.body.denial?.code, g.body.denial?.limit]).toEqual([429, "rate_limited", "rpm"]);
  });

  it("distributed: counters lost in Redis (flush) start over; a TPM correction does not recreate them", async () => {
    const engine = engines.distributed;
    const f = await createEnforcementFixture({ budgets: [{ level: "team", limitUsd: "1" }], rpmLimit: 2, tpmLimit: 100_000 });
    await engine.refreshAfter(Date.now());
    const left = MINUTE - (Date.now() % MINUTE);
    if (left < 10_000) await new Promise((r) => setTimeout(r, left + 50));
    const auth = `Bearer ${f.gatewayToken}`;
    const body = (requestId: string) => JSON.stringify({ apiKey: f.apiKey, requestId, model: "gpt-4o", inputTokens: 1000, maxOutputTokens: 500 });
    const first = await handleAuthorize(auth, body("flush-1"), engine);
    expect((await handleAuthorize(auth, body("flush-2"), engine)).status).toBe(200);
    expect((await handleAuthorize(auth, body("flush-3"), engine)).status).toBe(429);

    await ctx.cleanup(); // every key of this prefix, as a FLUSHALL would
    const d = engine.distributed!;
    const rateKey = d.keys.rate(f.orgId, f.keyId, Math.floor(Date.now() / MINUTE));
    const u = await handleUsage(auth, JSON.stringify({ requestId: "flush-1", reservationId: (first.body as Body).reservationId, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1000, outputTokens: 100 }), engine);
    expect(u.status).toBe(200);
    expect(await d.redis.exists(rateKey)).toBe(0);
    // The minute starts over (one minute can admit up to twice its limit) and the budget is rebuilt from PostgreSQL.
    const again = await handleAuthorize(auth, body("flush-4"), engine);
    expect(again.status).toBe(200);
    expect((again.body as Body).rateLimits?.rpm?.remaining).toBe(1);
    expect((again.body as Body).budgets?.[0].usedUsd).toBeCloseTo(0.0035, 6);
    expect(await d.redis.pttl(rateKey)).toBeGreaterThan(0);
  });
});
