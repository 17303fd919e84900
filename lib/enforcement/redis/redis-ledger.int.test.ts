// The Redis ledger against the real Redis and PostgreSQL: several ledger instances stand for several
// replicas (each has its own connection), all sharing one key prefix that is deleted afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decide } from "../decision";
import { createBudget, createOrgRows, onPostgres, redisTestContext, refsOf, type RedisTestContext, type TestOrg } from "./test-support";

const M = 1_000_000n; // one dollar in micro-dollars

describe.skipIf(!onPostgres())("RedisLedger", () => {
  let ctx: RedisTestContext;
  let org: TestOrg;

  beforeAll(async () => {
    ctx = await redisTestContext();
    org = await createOrgRows(3);
  });
  afterAll(async () => ctx?.cleanup());

  it("decides like decide(): the most restrictive hard budget binds, soft warns, shadow counts", async () => {
    const ledger = await ctx.newLedger();
    const key = await createBudget(org, "key", 10n * M);
    const team = await createBudget(org, "team", 4n * M);
    const soft = await createBudget(org, "user", 1n * M, "soft");
    const shadow = await createBudget(org, "org", 2n * M, "shadow");
    const refs = refsOf([key, team, soft, shadow]);

    const a = await ledger.authorize("r1", refs, 3n * M, Date.now() + 60_000, null);
    expect(a.decision.allow).toBe(true);
    expect(a.decision.softExceeded.map((s) => s.budget.id)).toEqual([soft.id]);
    expect(a.decision.wouldDeny.map((s) => s.budget.id)).toEqual([shadow.id]);

    const b = await ledger.authorize("r2", refs, 2n * M, Date.now() + 60_000, null);
    expect(b.decision.allow).toBe(false);
    expect(b.decision.binding?.budget.id).toBe(team.id);
    expect(b.states.map((s) => s.reserved)).toEqual([3n * M, 3n * M, 3n * M, 3n * M]);
    // Same verdict as the embedded engine on the same counters.
    expect(decide(b.states, 2n * M).binding?.budget.id).toBe(team.id);

    // Denied requests hold nothing.
    const snap = await ledger.snapshotAsync(refs);
    expect(snap.map((s) => s.reserved)).toEqual([3n * M, 3n * M, 3n * M, 3n * M]);

    expect(await ledger.settle("q1", "r1", refs, 1n * M)).toBe(true);
    const after = await ledger.snapshotAsync(refs);
    expect(after.map((s) => [s.spent, s.reserved])).toEqual(refs.map(() => [1n * M, 0n]));
  });

  it("settle is idempotent by requestId, and a retried settle still frees the hold", async () => {
    const [a, b] = [await ctx.newLedger(), await ctx.newLedger()];
    const key = await createBudget(org, "key", 5n * M, "hard", 1);
    const refs = refsOf([key]);
    await a.authorize("res-1", refs, 2n * M, Date.now() + 60_000, null);
    // The settle reaches another replica, twice.
    expect(await b.settle("req-1", "res-1", refs, 1n * M)).toBe(true);
    expect(await b.settle("req-1", "res-1", refs, 1n * M)).toBe(false);
    expect(await a.settle("req-1", undefined, refs, 1n * M)).toBe(false);
    const [s] = await a.snapshotAsync(refs);
    expect([s.spent, s.reserved]).toEqual([1n * M, 0n]);
  });

  it("holds of a dead replica expire by TTL and the headroom returns", async () => {
    const dying = await ctx.newLedger();
    const survivor = await ctx.newLedger();
    const team = await createBudget(org, "team", 1n * M);
    const refs = refsOf([team]);
    // Long enough that a loaded machine still checks the hold before it expires; then wait it out.
    const expiresAt = Date.now() + 3_000;
    const held = await dying.authorize("dead-1", refs, 1n * M, expiresAt, null);
    expect(held.decision.allow).toBe(true);
    ctx.clients[ctx.clients.length - 2].disconnect(); // the replica is gone, its holds stay in Redis
    expect((await survivor.authorize("live-1", refs, 1n, Date.now() + 60_000, null)).decision.allow).toBe(false);
    await new Promise((r) => setTimeout(r, expiresAt - Date.now() + 100));
    const ok = await survivor.authorize("live-2", refs, 1n * M, Date.now() + 60_000, null);
    expect(ok.decision.allow).toBe(true);
    expect(ok.states[0].reserved).toBe(0n);
  });

  it("hundreds of concurrent authorizes from four replicas never overspend any level", async () => {
    const replicas = await Promise.all([0, 1, 2, 3].map(() => ctx.newLedger()));
    const budgets = [
      await createBudget(org, "key", 30n * M, "hard", 1),
      await createBudget(org, "user", 25n * M),
      await createBudget(org, "team", 40n * M),
      await createBudget(org, "org", 45n * M),
    ];
    const chains = [refsOf(budgets), refsOf(budgets.slice(1)), refsOf(budgets.slice(2))];
    const estimates = Array.from({ length: 600 }, (_, i) => BigInt(50_000 + ((i * 7919) % 400_000)));
    const results = await Promise.all(
      estimates.map(async (est, i) => {
        const chain = chains[i % chains.length];
        const r = await replicas[i % replicas.length].authorize(`c-${i}`, chain, est, Date.now() + 60_000, null);
        return { i, est, chain, allow: r.decision.allow };
      }),
    );
    const allowed = results.filter((r) => r.allow);
    expect(allowed.length).toBeGreaterThan(0);
    expect(allowed.length).toBeLessThan(results.length);
    for (const b of budgets) {
      const held = allowed.filter((r) => r.chain.some((x) => x.budget.id === b.id)).reduce((s, r) => s + r.est, 0n);
      expect(held).toBeLessThanOrEqual(b.limitMicros);
    }
    // Settle everything (actual = estimate) from other replicas: counters equal the sum of settles.
    await Promise.all(allowed.map((r) => replicas[(r.i + 1) % replicas.length].settle(`s-${r.i}`, `c-${r.i}`, r.chain, r.est)));
    const snap = await replicas[0].snapshotAsync(refsOf(budgets));
    budgets.forEach((b, j) => {
      const settled = allowed.filter((r) => r.chain.some((x) => x.budget.id === b.id)).reduce((s, r) => s + r.est, 0n);
      expect(snap[j].spent).toBe(settled);
      expect(snap[j].reserved).toBe(0n);
      expect(snap[j].spent).toBeLessThanOrEqual(b.limitMicros);
    });
  });
});
