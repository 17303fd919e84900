// Two replicas (two engines on one PostgreSQL + Redis), a gateway whose calls a load balancer spreads
// over both: what one replica learned at authorize must not be lost when the settle or the next
// alert lands on the other.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { databaseUrl, db } from "@/lib/db";
import { Engine, setEngine } from "../engine";
import { budgetInclude, currentWindows } from "@/lib/budgets/budget-row";
import { handleAuthorize, handleUsage } from "../http/handlers";
import { createEnforcementFixture } from "../testing/fixtures";
import { onPostgres, redisTestContext, REDIS_TEST_URL, type RedisTestContext } from "./test-support";

const MINUTE = 60_000;

describe.skipIf(!onPostgres())("reservations and alerts across replicas", () => {
  let ctx: RedisTestContext;
  const engines: Engine[] = [];

  beforeAll(async () => {
    ctx = await redisTestContext();
    for (let i = 0; i < 2; i++) engines.push(new Engine({ url: databaseUrl(), redisUrl: REDIS_TEST_URL, redisPrefix: ctx.prefix }));
    await Promise.all(engines.map((e) => e.ready));
  });
  afterAll(async () => {
    vi.useRealTimers();
    for (const e of engines) await e.stop();
    await ctx?.cleanup();
  });

  it("a settle on another replica records the estimate and corrects TPM by the real tokens", async () => {
    const f = await createEnforcementFixture({ budgets: [{ level: "team", limitUsd: 10 }], tpmLimit: 100_000 });
    await Promise.all(engines.map((e) => e.refreshAfter(Date.now())));
    const auth = `Bearer ${f.gatewayToken}`;
    // gpt-4o: 1000 input + 500 max output = $0.0075 and 1500 tokens estimated; 1000 + 200 real.
    let requestId = "";
    let minute = 0;
    for (let attempt = 0; ; attempt++) {
      // TPM counters are per minute: authorize and settle must fall in the same one.
      minute = Math.floor(Date.now() / MINUTE);
      requestId = `cross-${attempt}`;
      const a = await handleAuthorize(auth, JSON.stringify({ apiKey: f.apiKey, requestId, model: "gpt-4o", inputTokens: 1000, maxOutputTokens: 500 }), engines[0]);
      expect(a.status).toBe(200);
      const reservationId = (a.body as { reservationId: string }).reservationId;
      // No apiKey: the replica finds the key through the reservation another replica made.
      const u = await handleUsage(auth, JSON.stringify({ requestId, reservationId, model: "gpt-4o", inputTokens: 1000, outputTokens: 200 }), engines[1]);
      expect(u.status).toBe(200);
      if (Math.floor(Date.now() / MINUTE) === minute || attempt === 3) break;
    }
    await engines[1].committer.drain();
    const ev = await db.usageEvent.findFirstOrThrow({ where: { orgId: f.orgId, requestId } });
    expect(ev.apiKeyId).toBe(f.keyId);
    expect(ev.estimatedCostMicros).toBe(7500n);
    expect(ev.costMicros).toBe(4500n);
    // The correction goes out on the settling replica's connection before this read does.
    const d = engines[1].distributed!;
    expect(await d.redis.hget(d.keys.rate(f.orgId, f.keyId, minute), "t")).toBe("1200");
  });

  it("a soft budget alerts once per cooldown, not once per replica", async () => {
    // $0.001 soft limit: every $0.0075 request is over it.
    const f = await createEnforcementFixture({ budgets: [{ level: "team", limitUsd: "0.001", enforcement: "soft" }] });
    await Promise.all(engines.map((e) => e.refreshAfter(Date.now())));
    const body = JSON.stringify({ apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1000, maxOutputTokens: 500 });
    const first = await handleAuthorize(`Bearer ${f.gatewayToken}`, body, engines[0]);
    expect((first.body as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toEqual(["soft_budget_exceeded"]);
    // The other replica sees the same overrun two minutes later (the alert's dedupe key names the
    // minute, so the database alone would keep both), well within the 60-minute cooldown.
    const now = Date.now();
    const later = Math.floor((now + 2 * MINUTE) / 86_400_000) === Math.floor(now / 86_400_000) ? now + 2 * MINUTE : now - 2 * MINUTE;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(later);
    try {
      const second = await handleAuthorize(`Bearer ${f.gatewayToken}`, body, engines[1]);
      expect((second.body as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toEqual(["soft_budget_exceeded"]);
    } finally {
      vi.useRealTimers();
    }
    await Promise.all(engines.map((e) => e.committer.drain()));
    const alerts = await db.alert.findMany({ where: { orgId: f.orgId, type: "soft_exceeded" } });
    expect(alerts).toHaveLength(1);
  });

  it("the budgets view shows holds made on any replica (read from Redis)", async () => {
    const f = await createEnforcementFixture({ budgets: [{ level: "team", limitUsd: 10 }] });
    await Promise.all(engines.map((e) => e.refreshAfter(Date.now())));
    const a = await handleAuthorize(`Bearer ${f.gatewayToken}`, JSON.stringify({ apiKey: f.apiKey, requestId: "view-1", model: "gpt-4o", inputTokens: 1000, maxOutputTokens: 500 }), engines[0]);
    expect(a.status).toBe(200);
    // The page is served by the other replica: its own memory never saw this hold.
    setEngine(engines[1]);
    try {
      const rows = await db.budget.findMany({ where: { orgId: f.orgId }, include: budgetInclude });
      const current = await currentWindows(db, rows, "UTC", new Date());
      expect(current.get(f.budgets[0].id)?.reservedUsd).toBe(0.0075);
    } finally {
      setEngine(undefined);
    }
  });
});
