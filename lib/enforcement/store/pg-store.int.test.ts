// The PostgreSQL group commit: one statement for a batch of new events, the transaction that sorts
// out duplicates, and concurrent transactions (a replica's pipeline, other replicas) on the same hot
// window and rollup rows: none deadlocks, none loses a settle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db, databaseUrl } from "@/lib/db";
import pg from "pg";
import { PgUsageStore, combine, followUpsInLockOrder, oneStatement } from "./pg-store";
import { GroupCommitter } from "./group-commit";
import type { Batch, SettleRecord } from "./types";
import type { BudgetPolicy } from "../decision";
import { createBudget, createOrgRows, onPostgres, today, type TestOrg } from "../redis/test-support";
import { settleRecord } from "../testing/fixtures";

const KEYS = 24;
const batchOf = (settles: SettleRecord[]): Batch => ({ settles, deltas: [], alerts: [], keysUsed: new Map() });

describe.skipIf(!onPostgres())("PgUsageStore", () => {
  let org: TestOrg;
  let keyBudgets: BudgetPolicy[];
  let team: BudgetPolicy;
  const stores: PgUsageStore[] = [];
  const w = today();

  beforeAll(async () => {
    org = await createOrgRows(KEYS);
    keyBudgets = await Promise.all(org.keyIds.map((_k, i) => createBudget(org, "key", 10n ** 12n, "hard", i)));
    team = await createBudget(org, "team", 10n ** 12n);
    for (let i = 0; i < 2; i++) stores.push(new PgUsageStore(databaseUrl()));
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  /** A settle of key i: its key budget and the shared team budget, in the engine's chain order. */
  const record = (i: number, cost: bigint, requestId = `q-${randomUUID()}`): SettleRecord =>
    settleRecord({
      orgId: org.orgId, teamId: org.teamId, apiKeyId: org.keyIds[i], requestId, costMicros: cost, estimatedCostMicros: cost * 2n, latencyMs: 5,
      windows: [keyBudgets[i], team].map((b) => ({ budgetId: b.id, windowStart: w.windowStart })),
    });

  const spent = async (b: BudgetPolicy) =>
    (await db.budgetWindow.findUnique({ where: { budgetId_windowStart: { budgetId: b.id, windowStart: w.windowStart } } }))?.spentMicros ?? 0n;
  const rolledUp = async () => (await db.usageRollup.aggregate({ where: { orgId: org.orgId }, _sum: { costMicros: true, requests: true } }))._sum;

  it("writes a batch of new events, their window totals and rollups in one statement", async () => {
    const [t0, r0] = [await spent(team), await rolledUp()];
    const recs = [record(0, 100n), record(1, 20n), record(0, 3n)];
    expect(oneStatement(batchOf(recs), new Date())).not.toBeNull();
    expect(await stores[0].commit(batchOf(recs))).toEqual([true, true, true]);
    expect(await db.usageEvent.count({ where: { requestId: { in: recs.map((r) => r.requestId) } } })).toBe(3);
    expect((await spent(team)) - t0).toBe(123n);
    const r1 = await rolledUp();
    expect((r1.costMicros ?? 0n) - (r0.costMicros ?? 0n)).toBe(123n);
    expect(Number(r1.requests) - Number(r0.requests ?? 0)).toBe(3);
  });

  it("counts a batch holding an already recorded requestId once: only its new events add up", async () => {
    const first = record(2, 7n);
    await stores[0].commit(batchOf([first]));
    const [t0, k0] = [await spent(team), await spent(keyBudgets[2])];
    const fresh = record(2, 11n);
    expect(await stores[1].commit(batchOf([{ ...first, costMicros: 999n }, fresh, { ...fresh }]))).toEqual([false, true, false]);
    expect((await spent(team)) - t0).toBe(11n);
    expect((await spent(keyBudgets[2])) - k0).toBe(11n);
    const ev = await db.usageEvent.findFirstOrThrow({ where: { orgId: org.orgId, requestId: first.requestId } });
    expect(ev.costMicros).toBe(7n);
  });

  it("combines statements into one that runs them in the order given", async () => {
    // Row locks must be taken in the same order as the statements run one by one: this pins down
    // how PostgreSQL orders data-modifying CTEs.
    const c = new pg.Client({ connectionString: databaseUrl() });
    await c.connect();
    try {
      const t = `order_${randomUUID().slice(0, 8)}`;
      await c.query(`CREATE TEMP SEQUENCE "${t}_seq"; CREATE TEMP TABLE "${t}" (part int, seq int)`);
      const part = (n: number) => ({ sql: `INSERT INTO "${t}" (part, seq) VALUES ($1, nextval('"${t}_seq"'))`, params: [n] });
      const one = combine([part(0), part(1), part(2), part(3)])!;
      await c.query(one.sql, one.params);
      const rows = (await c.query(`SELECT part FROM "${t}" ORDER BY seq`)).rows.map((r: { part: number }) => r.part);
      expect(rows).toEqual([0, 1, 2, 3]);
    } finally {
      await c.end();
    }
  });

  it("upserts window totals in budget order, whatever order the settles came in", () => {
    const recs = [record(2, 1n), record(0, 1n), record(1, 1n)];
    const st = followUpsInLockOrder(batchOf(recs), recs, new Date()).filter((x) => x.sql.startsWith('INSERT INTO "BudgetWindow"'));
    expect(st).toHaveLength(1);
    const budgetIds = st[0].params[0] as string[]; // one array per column, budgetId first
    expect(budgetIds).toHaveLength(4);
    expect(budgetIds).toEqual([...budgetIds].sort());
  });

  it("group-commits with two transactions in flight: every settle acknowledged once, retries counted once", async () => {
    const store = new PgUsageStore(databaseUrl(), 2);
    const committer = new GroupCommitter(store);
    try {
      const before = await spent(team);
      const recs = Array.from({ length: 300 }, (_v, n) => record(n % KEYS, 1n + BigInt(n % 5)));
      // Each of the first 30 settles also arrives a second time (a gateway retry), concurrently.
      const flags = await Promise.all([...recs, ...recs.slice(0, 30).map((r) => ({ ...r }))].map((r) => committer.settle(r)));
      expect(flags.filter(Boolean)).toHaveLength(300);
      const firsts = flags.slice(0, 30).map((f, i) => f !== flags[300 + i]);
      expect(firsts.every(Boolean)).toBe(true); // of each pair exactly one was new
      await committer.drain();
      expect((await spent(team)) - before).toBe(recs.reduce((a, r) => a + r.costMicros, 0n));
    } finally {
      await committer.drain();
      await store.close();
    }
  });

  it("runs many transactions at once on the same window and rollup rows without deadlock or loss", async () => {
    const budgets = [...keyBudgets, team];
    const before = await Promise.all(budgets.map(spent));
    const r0 = await rolledUp();
    // Every batch settles once for each key, the keys shuffled: unsorted row locks would cross.
    let seed = 7;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const batches = Array.from({ length: 40 }, () => {
      const order = org.keyIds.map((_k, i) => i).sort(() => rand() - 0.5);
      return batchOf(order.map((i) => record(i, BigInt(i + 1))));
    });
    // Two stores (replicas), every batch in flight at once: up to a dozen concurrent transactions.
    const flags = await Promise.all(batches.map((b, n) => stores[n % 2].commit(b)));
    expect(flags.flat().every(Boolean)).toBe(true);
    const after = await Promise.all(budgets.map(spent));
    const perKey = org.keyIds.map((_k, i) => 40n * BigInt(i + 1));
    const total = perKey.reduce((a, b) => a + b, 0n);
    expect(after.map((a, i) => a - before[i])).toEqual([...perKey, total]);
    const r1 = await rolledUp();
    expect((r1.costMicros ?? 0n) - (r0.costMicros ?? 0n)).toBe(total);
    expect(Number(r1.requests) - Number(r0.requests ?? 0)).toBe(40 * KEYS);
  });
});
