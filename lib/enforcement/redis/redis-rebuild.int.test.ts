// Rebuild from PostgreSQL: counters Redis lacks are loaded once, by one replica, and settles racing
// the rebuild (durable commit through the real group committer, then the Redis settle) are neither
// lost nor counted twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db, databaseUrl } from "@/lib/db";
import { GroupCommitter } from "../store/group-commit";
import { PgUsageStore } from "../store/pg-store";
import type { SettleRecord } from "../store/types";
import type { WindowRef } from "../ledger";
import { RedisLedger } from "./redis-ledger";
import { createBudget, createOrgRows, onPostgres, redisTestContext, refsOf, today, type RedisTestContext, type TestOrg } from "./test-support";
import type { TotalsSource } from "./window-loader";
import { settleRecord } from "../testing/fixtures";

const M = 1_000_000n;

describe.skipIf(!onPostgres())("RedisLedger rebuild from PostgreSQL", () => {
  let ctx: RedisTestContext;
  let org: TestOrg;
  let store: PgUsageStore;
  let committer: GroupCommitter;

  beforeAll(async () => {
    ctx = await redisTestContext();
    org = await createOrgRows(2);
    store = new PgUsageStore(databaseUrl());
    committer = new GroupCommitter(store);
  });
  afterAll(async () => {
    await committer?.drain();
    await store?.close();
    await ctx?.cleanup();
  });

  const record = (refs: WindowRef[], cost: bigint, requestId = `q-${randomUUID()}`): SettleRecord =>
    settleRecord({
      orgId: org.orgId, teamId: org.teamId, apiKeyId: org.keyIds[0], requestId, costMicros: cost,
      windows: refs.map((r) => ({ budgetId: r.budget.id, windowStart: r.windowStart })),
    });

  /** The engine's settle order: durable first, then the shared counters. */
  const settle = async (ledger: RedisLedger, refs: WindowRef[], cost: bigint) => {
    const rec = record(refs, cost);
    if (await committer.settle(rec)) await ledger.settle(rec.requestId, undefined, refs, cost);
  };

  const durableTotal = async (budgetId: string) =>
    (await db.budgetWindow.findUnique({ where: { budgetId_windowStart: { budgetId, windowStart: today().windowStart } } }))?.spentMicros ?? 0n;

  const deletePrefix = async () => {
    const [, found] = await ctx.clients[0].scan("0", "MATCH", `${ctx.prefix}*`, "COUNT", 10_000);
    if (found.length) await ctx.clients[0].del(...found);
  };

  it("loads missing counters from BudgetWindow totals once, by one replica", async () => {
    const replicas = await Promise.all([0, 1, 2].map(() => ctx.newLedger()));
    const team = await createBudget(org, "team", 10n * M);
    const refs = refsOf([team]);
    for (const c of [1n, 2n, 1n]) await committer.settle(record(refs, c * M));
    await deletePrefix(); // Redis lost everything (restart, FLUSHALL, eviction)

    let snapshots = 0;
    const counting = (l: RedisLedger): RedisLedger => {
      const src = (l as unknown as { loader: { source: TotalsSource } }).loader.source;
      const orig = src.snapshot.bind(src);
      src.snapshot = (...a) => (snapshots++, orig(...a));
      return l;
    };
    replicas.forEach(counting);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => replicas[i % 3].authorize(`l-${i}`, refs, 100_000n, Date.now() + 60_000, null)));
    expect(snapshots).toBe(1);
    expect(results.every((r) => r.decision.allow && r.states[0].spent === 4n * M)).toBe(true);
  });

  it("settles racing rebuilds (invalidations, lost keys) are neither lost nor counted twice", async () => {
    const replicas = await Promise.all([0, 1, 2].map(() => ctx.newLedger()));
    let slowMs = 15;
    // A slow loader: settles commit between its snapshot and its load script, the hardest case.
    for (const l of replicas) {
      const src = (l as unknown as { loader: { source: TotalsSource } }).loader.source;
      const orig = src.snapshot.bind(src);
      src.snapshot = async (...a) => {
        const snap = await orig(...a);
        await new Promise((r) => setTimeout(r, slowMs));
        return snap;
      };
    }
    const budgets = [await createBudget(org, "key", 1000n * M), await createBudget(org, "org", 1000n * M)];
    const refs = refsOf(budgets);
    await replicas[0].authorize("warm", refs, 0n, Date.now() + 60_000, null);

    let done = 0;
    const chaos = (async () => {
      // Keep sending the windows back to a rebuild while settles flow (generation bumps and key loss),
      // then stop while settles still arrive, so the final counters come from a racing rebuild.
      for (let i = 0; done < 200; i++) {
        if (i % 3 === 2) await deletePrefix();
        else await replicas[i % 3].invalidate(org.orgId);
        await replicas[(i + 1) % 3].authorize(`chaos-${i}`, refs, 0n, Date.now() + 60_000, null);
      }
    })();
    const costs = Array.from({ length: 300 }, (_, i) => BigInt(1000 + i));
    await Promise.all(
      costs.map(async (c, i) => {
        // Spread the settles over time so that they interleave with many rebuilds.
        await new Promise((r) => setTimeout(r, i * 3));
        await settle(replicas[i % 3], refs, c);
        done++;
      }),
    );
    await chaos;
    // Last, one deterministic race: a rebuild whose snapshot is 60 ms old by the time it loads, with a
    // burst of settles committing in between (they are pending, and NOT in the snapshot's total).
    slowMs = 60;
    await replicas[0].invalidate(org.orgId);
    const burst = Array.from({ length: 40 }, (_, i) => BigInt(7 + i));
    await Promise.all([
      replicas[1].authorize("last-load", refs, 0n, Date.now() + 60_000, null),
      (async () => {
        await new Promise((r) => setTimeout(r, 10));
        await Promise.all(burst.map((c, i) => settle(replicas[i % 3], refs, c)));
      })(),
    ]);
    costs.push(...burst);

    const sum = costs.reduce((a, b) => a + b, 0n);
    const keys = [ctx.keys.generation(org.orgId), ...refs.flatMap((r) => [ctx.keys.window(org.orgId, r.budget.id, r.windowStart), ctx.keys.holds(org.orgId, r.budget.id, r.windowStart)])];
    const peek = await ctx.clients[0].purserPeek(keys.length, ...keys, Date.now());
    for (const [i, b] of budgets.entries()) {
      expect(await durableTotal(b.id)).toBe(sum);
      expect(peek[3 * i + 2]).toBe("1"); // loaded by a rebuild that raced the settles, not reloaded after them
      expect(BigInt(peek[3 * i])).toBe(sum);
    }
  });
});
