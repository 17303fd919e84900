// A budget created or changed through one replica is enforced by every replica within a second:
// measured through pub/sub alone (the other replica does not poll during the test), and through
// the policyVersion polling alone (nobody announces).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/lib/db";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import { Engine } from "../engine";
import { handleAuthorize } from "../http/handlers";
import { createEnforcementFixture, type Fixture } from "../testing/fixtures";
import { onPostgres, redisTestContext, REDIS_TEST_URL, type RedisTestContext } from "./test-support";

const CALL = { model: "gpt-4o", inputTokens: 1000, maxOutputTokens: 500 }; // $0.0075

describe.skipIf(!onPostgres())("policy propagation across replicas", () => {
  let ctx: RedisTestContext;
  const engines: Engine[] = [];
  const replica = async (pollMs: number) => {
    const e = new Engine({ url: databaseUrl(), pollMs, redisUrl: REDIS_TEST_URL, redisPrefix: ctx.prefix });
    engines.push(e);
    await e.ready;
    return e;
  };

  beforeAll(async () => {
    ctx = await redisTestContext();
  });
  afterAll(async () => {
    for (const e of engines) await e.stop();
    await ctx?.cleanup();
  });

  const status = async (e: Engine, f: Fixture) => (await handleAuthorize(`Bearer ${f.gatewayToken}`, JSON.stringify({ ...CALL, apiKey: f.apiKey }), e)).status;

  /** Milliseconds from `change()` returning until replica `e` answers `expected`. */
  const propagation = async (e: Engine, f: Fixture, expected: number, change: () => Promise<void>) => {
    await change();
    const t0 = Date.now();
    while (Date.now() - t0 < 3000) {
      if ((await status(e, f)) === expected) return Date.now() - t0;
      await new Promise((r) => setTimeout(r, 5));
    }
    return Infinity;
  };

  it("pub/sub: a budget created on replica A is enforced by replica B (which does not poll) within a second", async () => {
    const f = await createEnforcementFixture();
    const a = await replica(250);
    const b = await replica(3_600_000);
    await b.refreshAfter(Date.now());
    expect(await status(b, f)).toBe(200);
    const ms = await propagation(b, f, 402, async () => {
      const version = await db.$transaction(async (tx) => {
        await tx.budget.create({ data: { orgId: f.orgId, level: "team", teamId: f.teamId, name: "tiny", limitMicros: 1000n, alertThresholds: [80, 100] } });
        return bumpPolicyVersion(tx, f.orgId);
      });
      // Announced once committed, as a mutation's caller would (announcePolicyChange).
      await a.distributed!.bus.publish({ orgId: f.orgId, version });
    });
    console.log(`policy propagation via pub/sub: ${ms} ms`);
    expect(ms).toBeLessThan(1000);
  });

  it("polling fallback: a limit raised (reallocated) without any announcement reaches another replica within a second", async () => {
    const f = await createEnforcementFixture({ budgets: [{ level: "team", limitUsd: "0.001" }, { level: "org", limitUsd: 100 }] });
    const b = await replica(250);
    await b.refreshAfter(Date.now());
    expect(await status(b, f)).toBe(402);
    const ms = await propagation(b, f, 200, async () => {
      // A reallocation: move $1 from the org budget to the team budget, atomically, version bumped.
      await db.$transaction(async (tx) => {
        await tx.budget.update({ where: { id: f.budgets[1].id }, data: { limitMicros: { decrement: 1_000_000n } } });
        await tx.budget.update({ where: { id: f.budgets[0].id }, data: { limitMicros: { increment: 1_000_000n } } });
        await bumpPolicyVersion(tx, f.orgId);
      });
    });
    console.log(`policy propagation via policyVersion polling: ${ms} ms`);
    expect(ms).toBeLessThan(1000);
  });
});
