// Proofs with real replica processes (fast path + engine, the production request path) on one
// PostgreSQL and one Redis: 300 concurrent clients cannot overspend any level, the counters equal the
// durable truth afterwards, and a replica killed with SIGKILL leaks no headroom.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/lib/db";
import { newSecret } from "@/lib/crypto";
import { addKey, createEnforcementFixture } from "../testing/fixtures";
import { onPostgres, redisTestContext, REDIS_TEST_URL, today, type RedisTestContext } from "./test-support";
import { startReplica, type Replica } from "./spawn-replicas";
import { createRedisClient, waitReady } from "./redis-client";

const post = async (url: string, token: string, body: unknown) => {
  const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
};
// gpt-4o: 1000 input x $2.50/M + 500 output x $10/M = $0.0075 = 7500 micro-dollars, estimate = actual.
const CALL = { model: "gpt-4o", inputTokens: 1000, maxOutputTokens: 500 };
const COST = 7500n;

describe.skipIf(!onPostgres())("distributed mode with replica processes", () => {
  let ctx: RedisTestContext;
  let replicas: Replica[] = [];
  // The whole suite shares 2 busy cores: a generous command timeout keeps event-loop lag from reading
  // as a Redis outage (the outage tests use the production default).
  const env = (extra: Record<string, string> = {}) => ({ DATABASE_URL: databaseUrl(), REDIS_URL: REDIS_TEST_URL, PURSER_REDIS_PREFIX: ctx.prefix, PURSER_REDIS_TIMEOUT_MS: "1000", ...extra });

  beforeAll(async () => {
    ctx = await redisTestContext();
    replicas = await Promise.all([0, 1, 2].map(() => startReplica(env())));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.kill("SIGKILL")));
    await ctx?.cleanup();
  });

  it("3 replicas, 300 concurrent clients, hard budgets at all four levels: zero overspend, Redis equals PostgreSQL", async () => {
    const f = await createEnforcementFixture({
      budgets: [
        { level: "key", limitUsd: "0.15" },
        { level: "user", limitUsd: "0.6" },
        { level: "team", limitUsd: "0.9" },
        { level: "org", limitUsd: "1.2" },
      ],
    });
    const keys = [f.apiKey, await addKey(f), await addKey(f), await addKey(f)];
    // Service keys (chain key -> team -> org): one shares the team, one is in a second team, so the
    // org budget is the one that binds for it.
    const team2 = await db.team.create({ data: { orgId: f.orgId, name: `second-${f.teamId}` } });
    for (const teamId of [f.teamId, team2.id]) {
      const svc = newSecret("key");
      await db.apiKey.create({ data: { orgId: f.orgId, teamId, name: `svc-${svc.prefix}`, prefix: svc.prefix, keyHash: svc.hash } });
      keys.push(svc.secret);
    }
    await db.organization.update({ where: { id: f.orgId }, data: { policyVersion: { increment: 1 } } });
    await new Promise((r) => setTimeout(r, 700)); // every replica's poll sees the new keys

    let seq = 0;
    const outcomes = { allow: 0, deny: 0, other: 0 };
    const others: string[] = [];
    const binding = new Set<string>();
    await Promise.all(
      Array.from({ length: 300 }, async (_, c) => {
        for (let i = 0; i < 3; i++) {
          const replica = replicas[(c + i) % replicas.length];
          const apiKey = keys[(c + i) % keys.length];
          const requestId = `mr-${c}-${i}-${seq++}`;
          const a = await post(`${replica.url}/api/authorize`, f.gatewayToken, { ...CALL, apiKey, requestId });
          if (a.status === 402) {
            outcomes.deny++;
            binding.add(a.body.denial.level);
          }
          else if (a.status !== 200) {
            outcomes.other++;
            others.push(`${a.status} ${JSON.stringify(a.body).slice(0, 160)}`);
          }
          else {
            outcomes.allow++;
            // Settle on another replica than the one that reserved.
            const u = await post(`${replicas[(c + i + 1) % replicas.length].url}/api/usage`, f.gatewayToken, {
              requestId,
              reservationId: a.body.reservationId,
              apiKey,
              model: "gpt-4o",
              inputTokens: 1000,
              outputTokens: 500,
            });
            expect(u.status).toBe(200);
          }
        }
      }),
    );
    expect(others.slice(0, 5)).toEqual([]);
    expect(outcomes.deny).toBeGreaterThan(0);

    const events = await db.usageEvent.aggregate({ where: { orgId: f.orgId }, _sum: { costMicros: true }, _count: true });
    expect(events._count).toBe(outcomes.allow);
    expect(events._sum.costMicros).toBe(COST * BigInt(outcomes.allow));
    const windows = await db.budgetWindow.findMany({ where: { budgetId: { in: f.budgets.map((b) => b.id) } } });
    const redis = createRedisClient(REDIS_TEST_URL, { commandTimeoutMs: 2000 });
    ctx.clients.push(redis);
    await waitReady(redis);
    const gen = await redis.get(ctx.keys.generation(f.orgId));
    const { windowStart } = today();
    for (const b of f.budgets) {
      const durable = windows.find((x) => x.budgetId === b.id)?.spentMicros ?? 0n;
      expect(durable).toBeLessThanOrEqual(b.limitMicros); // zero overspend at every level
      const h = await redis.hgetall(ctx.keys.window(f.orgId, b.id, windowStart));
      expect(h.ld).toBe(gen ?? "0");
      expect(BigInt(h.sp)).toBe(durable); // Redis equals the durable truth
      expect(BigInt(h.res)).toBe(0n); // every hold released
    }
    expect(binding.size).toBeGreaterThanOrEqual(2); // several levels bound (which ones depends on the race)

    // Alerts: every 80% crossing was raised (from the exact counters the settle script returns) and,
    // whichever replicas saw it, stored once (the unique dedupe key).
    await new Promise((r) => setTimeout(r, 600)); // alerts ride the next group commit (200 ms)
    for (const b of f.budgets) {
      const durable = windows.find((x) => x.budgetId === b.id)?.spentMicros ?? 0n;
      if (durable * 100n < 80n * b.limitMicros) continue;
      const alerts = await db.alert.findMany({ where: { orgId: f.orgId, dedupeKey: `budget:${b.id}:${windowStart.toISOString()}:t80` } });
      expect(alerts.length).toBe(1);
    }
    // The org budget saw every event: its total is the sum of events, and the org limit bound.
    expect(windows.find((w) => w.budgetId === f.budgets[3].id)!.spentMicros).toBe(events._sum.costMicros);
  }, 150_000);

  it("a replica killed with SIGKILL while holding reservations: its holds expire by TTL and the headroom returns", async () => {
    const f = await createEnforcementFixture({ budgets: [{ level: "team", limitUsd: "0.03" }] }); // 4 calls
    // Its own replica with a short reservation TTL (the others keep the default: under this load a
    // 2-second TTL would expire holds of requests that are still running).
    const doomed = await startReplica(env({ PURSER_RESERVATION_TTL_MS: "2000" }));
    const survivor = replicas[0];
    for (let i = 0; i < 4; i++) expect((await post(`${doomed.url}/api/authorize`, f.gatewayToken, { ...CALL, apiKey: f.apiKey })).status).toBe(200);
    await doomed.kill("SIGKILL");
    const denied = await post(`${survivor.url}/api/authorize`, f.gatewayToken, { ...CALL, apiKey: f.apiKey });
    expect(denied.status).toBe(402);
    expect(denied.body.denial.reservedUsd).toBeCloseTo(0.03, 6);
    await new Promise((r) => setTimeout(r, 2300)); // PURSER_RESERVATION_TTL_MS of the dead replica
    const back = await post(`${survivor.url}/api/authorize`, f.gatewayToken, { ...CALL, apiKey: f.apiKey });
    expect(back.status).toBe(200);
    expect(back.body.budgets[0].reservedUsd).toBeCloseTo(0.0075, 6); // only its own hold
  }, 90_000);
});
