// Redis outages, against a private redis-server on a spare port (the shared one is never touched):
// fail-closed denies with 503 while Redis is down; fail-open keeps serving, and once Redis is back
// the counters equal the PostgreSQL truth (after a restart that lost everything, after a stuck
// Redis that kept stale counters, and after a FLUSHALL under load).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/lib/db";
import { Engine } from "../engine";
import { handleAuthorize, handleUsage } from "../http/handlers";
import { createEnforcementFixture, type Fixture } from "../testing/fixtures";
import { onPostgres } from "./test-support";
import { startRedisServer, type RedisServer } from "./spawn-replicas";

const CALL = { model: "gpt-4o", inputTokens: 1000, maxOutputTokens: 500 }; // $0.0075, estimate = actual
const COST = 7500n;
let seq = 0;

describe.skipIf(!onPostgres())("fail modes when Redis is unreachable", () => {
  let redis: RedisServer;
  let engine: Engine;

  beforeAll(async () => {
    redis = await startRedisServer();
    engine = new Engine({ url: databaseUrl(), pollMs: 100, redisUrl: redis.url, redisPrefix: "purser-failmode:" });
    await engine.ready;
  });
  afterAll(async () => {
    await engine?.stop();
    await redis?.stop();
  });

  const authorize = async (f: Fixture) => {
    const t = Date.now();
    const r = await handleAuthorize(`Bearer ${f.gatewayToken}`, JSON.stringify({ ...CALL, apiKey: f.apiKey }), engine);
    return { ...r, body: r.body as any, ms: Date.now() - t };
  };
  const pair = async (f: Fixture) => {
    const a = await authorize(f);
    if (a.status !== 200) return a;
    const requestId = `fm-${seq++}-${Date.now()}`;
    const u = await handleUsage(`Bearer ${f.gatewayToken}`, JSON.stringify({ requestId, reservationId: a.body.reservationId, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1000, outputTokens: 500 }), engine);
    expect(u.status).toBe(200); // durable in PostgreSQL whatever Redis does
    return a;
  };
  const durable = async (f: Fixture) => {
    await engine.committer.drain();
    const w = await db.budgetWindow.findFirst({ where: { budgetId: f.budgets[0].id } });
    return w?.spentMicros ?? 0n;
  };
  /**
   * Redis is back once the breaker has closed again after a probe (fail-open answers 200 meanwhile,
   * so the status alone proves nothing); then one more authorize reads the reconciled counters.
   */
  const until200 = async (f: Fixture) => {
    const d = engine.distributed!;
    for (let i = 0; i < 100; i++) {
      const a = await authorize(f);
      if (a.status === 200 && d.redis.status === "ready" && d.breaker.status === "closed" && d.ledger.dirtyOrgs.size === 0) return authorize(f);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("Redis did not come back");
  };
  const fixture = async (failMode: "open" | "closed") => {
    const f = await createEnforcementFixture({ budgets: [{ level: "team", limitUsd: 10 }] });
    await db.organization.update({ where: { id: f.orgId }, data: { failMode, policyVersion: { increment: 1 } } });
    await engine.refreshAfter(Date.now());
    return f;
  };

  it("closed: no request is allowed while Redis is down, answers stay fast, service resumes after", async () => {
    const f = await fixture("closed");
    expect((await pair(f)).status).toBe(200);
    await redis.stop();
    const during = [];
    for (let i = 0; i < 20; i++) during.push(await authorize(f));
    expect(during.map((r) => r.status)).toEqual(during.map(() => 503));
    expect(during[0].body.denial.code).toBe("enforcement_unavailable");
    expect(Math.max(...during.map((r) => r.ms))).toBeLessThan(1000);
    redis = await startRedisServer(redis.port); // back, empty
    const back = await until200(f);
    expect(BigInt(Math.round(back.body.budgets[0].usedUsd * 1e6))).toBe(await durable(f));
  });

  it("open: requests continue while Redis is down; after it returns empty, counters equal PostgreSQL", async () => {
    const f = await fixture("open");
    for (let i = 0; i < 5; i++) expect((await pair(f)).status).toBe(200);
    await redis.stop();
    for (let i = 0; i < 10; i++) expect((await pair(f)).status).toBe(200);
    redis = await startRedisServer(redis.port);
    const back = await until200(f);
    expect(await durable(f)).toBe(15n * COST);
    expect(back.body.budgets[0].usedUsd).toBeCloseTo(0.1125, 6); // rebuilt from PostgreSQL, nothing lost
  });

  it("open: a stuck Redis (SIGSTOP) costs bounded time; stale counters are reconciled when it resumes", async () => {
    const f = await fixture("open");
    for (let i = 0; i < 4; i++) expect((await pair(f)).status).toBe(200);
    redis.pause();
    const during = [];
    for (let i = 0; i < 8; i++) during.push(await pair(f));
    expect(during.every((r) => r.status === 200)).toBe(true);
    expect(Math.max(...during.map((r) => r.ms))).toBeLessThan(1000);
    redis.resume(); // Redis kept its counters, which miss the 8 settles made meanwhile
    const next = await until200(f);
    expect(await durable(f)).toBe(12n * COST);
    expect(next.body.budgets[0].usedUsd).toBeCloseTo(0.09, 6);
  });

  it("FLUSHALL under load: every counter is rebuilt, nothing lost, nothing double counted", async () => {
    const f = await fixture("closed");
    const admin = engine.distributed!.redis;
    const results = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        if (i === 20 || i === 40) await admin.flushall();
        return pair(f);
      }),
    );
    const allowed = results.filter((r) => r.status === 200).length;
    const after = await until200(f);
    expect(await durable(f)).toBe(BigInt(allowed) * COST);
    expect(BigInt(Math.round(after.body.budgets[0].usedUsd * 1e6))).toBe(BigInt(allowed) * COST);
  });
});
