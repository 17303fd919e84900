// The fixed-text (unnest, prepared) statements write exactly what usage-sql.ts's multi-row VALUES
// statements write: the same events, window totals, rollups, alerts and lastUsedAt, on batches with
// several orgs, tags, a budget deleted meanwhile, a retried requestId and a duplicate in the batch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { db, databaseUrl } from "@/lib/db";
import { PgUsageStore, oneStatement } from "./pg-store";
import { followUps, insertedFlags } from "./commit-plan";
import { insertEvents, pgDialect } from "./usage-sql";
import type { AlertRecord, Batch, SettleRecord } from "./types";
import type { BudgetPolicy } from "../decision";
import { createBudget, createOrgRows, onPostgres, today, type TestOrg } from "../redis/test-support";
import { settleRecord } from "../testing/fixtures";

const TABLES = ["UsageEvent", "UsageRollup", "UsageDailyRollup", "UsageTagRollup", "UsageDailyTagRollup", "Alert", "ApiKey"];

describe.skipIf(!onPostgres())("PostgreSQL group commit statements", () => {
  const orgs: TestOrg[] = [];
  const budgets: BudgetPolicy[] = [];
  let doomed: BudgetPolicy;
  let store: PgUsageStore;
  let client: pg.Client;
  const w = today();

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) orgs.push(await createOrgRows(2));
    for (const o of orgs) budgets.push(await createBudget(o, "team", 10n ** 12n), await createBudget(o, "key", 10n ** 12n, "hard", 1));
    doomed = await createBudget(orgs[0], "org", 10n ** 12n);
    store = new PgUsageStore(databaseUrl());
    client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
  });
  afterAll(async () => {
    await store.close();
    await client.end();
  });

  /** Org o's settle on its team and key budgets (and, for org 0, on the budget deleted before the commit). */
  const record = (o: number, cost: bigint, extra: Partial<SettleRecord> = {}): SettleRecord => {
    const own = [budgets[2 * o], budgets[2 * o + 1], ...(o === 0 ? [doomed] : [])];
    return settleRecord({
      orgId: orgs[o].orgId, teamId: orgs[o].teamId, userId: orgs[o].userId, apiKeyId: orgs[o].keyIds[1], costMicros: cost, estimatedCostMicros: cost * 3n,
      latencyMs: 12, windows: own.map((b) => ({ budgetId: b.id, windowStart: w.windowStart })), ...extra,
    });
  };
  const alert = (o: number, b: BudgetPolicy, threshold: number): AlertRecord => ({
    orgId: orgs[o].orgId, type: "threshold", level: b.level, budgetId: b.id, apiKeyId: null, threshold, windowStart: w.windowStart,
    dedupeKey: `t:${b.id}:${threshold}:${randomUUID()}`, message: `${threshold} %`, data: { spent: "1" },
  });

  /** Every row the commit can touch, without generated ids and timestamps of the commit itself. */
  async function snapshot(c: pg.Client | pg.ClientBase): Promise<Record<string, string[]>> {
    const orgIds = orgs.map((o) => o.orgId);
    const out: Record<string, string[]> = {};
    for (const t of TABLES) {
      const r = await c.query(`SELECT (to_jsonb(t) - 'id' - 'createdAt' - 'updatedAt')::text AS j FROM "${t}" t WHERE "orgId" = ANY($1)`, [orgIds]);
      out[t] = r.rows.map((x: { j: string }) => x.j).sort();
    }
    const ids = [...budgets, doomed].map((b) => b.id);
    const bw = await c.query(`SELECT (to_jsonb(t) - 'updatedAt')::text AS j FROM "BudgetWindow" t WHERE "budgetId" = ANY($1)`, [ids]);
    out.BudgetWindow = bw.rows.map((x: { j: string }) => x.j).sort();
    return out;
  }

  /** The batch written by usage-sql.ts's VALUES statements one by one (what pg-store sent before), then rolled back. */
  async function valuesCommit(batch: Batch): Promise<{ flags: boolean[]; rows: Record<string, string[]> }> {
    const now = new Date();
    await client.query("BEGIN");
    try {
      const ev = insertEvents(pgDialect, batch.settles, now);
      const flags = insertedFlags(batch, (await client.query(ev.sql, ev.params)).rows);
      const inserted = batch.settles.filter((_s, i) => flags[i]);
      for (const st of followUps(pgDialect, batch, inserted, now)) await client.query(st.sql, st.params);
      return { flags, rows: await snapshot(client) };
    } finally {
      await client.query("ROLLBACK");
    }
  }

  it("writes the same rows as the VALUES statements, in one statement and in the transaction that sorts out duplicates", async () => {
    const tags = { team: "search", env: "prod" };
    const tagRollups = [{ tagKey: "env", tagValue: "prod" }, { tagKey: "team", tagValue: "search" }];
    const first: Batch = {
      settles: [record(1, 70n, { tags, tagRollups }), record(0, 5n), record(0, 9n, { tags, tagRollups, status: "error", userId: null }), record(1, 123_456_789_012n)],
      deltas: [{ budgetId: budgets[0].id, windowStart: w.windowStart, denied: 2, wouldDeny: 0 }, { budgetId: doomed.id, windowStart: w.windowStart, denied: 1, wouldDeny: 1 }],
      alerts: [alert(0, budgets[0], 80), alert(0, doomed, 80), alert(1, budgets[3], 100)],
      keysUsed: new Map([[orgs[0].keyIds[1], new Date(Date.now() - 5000)], [orgs[1].keyIds[1], new Date()]]),
    };
    await db.budget.delete({ where: { id: doomed.id } });
    expect(oneStatement(first, new Date())).not.toBeNull();
    const before = await valuesCommit(first);
    expect(await store.commit(first)).toEqual(before.flags);
    expect(await snapshot(client)).toEqual(before.rows);
    expect(before.rows.Alert).toHaveLength(2); // the deleted budget's alert is skipped
    expect(before.rows.BudgetWindow).toHaveLength(4); // and so are its window totals

    // A retried settle (recorded above, with another cost) and a duplicate within the batch: the
    // one statement fails and the transaction writes the new events only, on rows that now exist.
    const fresh = record(1, 11n, { tags, tagRollups });
    const second: Batch = {
      settles: [{ ...first.settles[1], costMicros: 999n }, fresh, record(0, 4n), { ...fresh }],
      deltas: [{ budgetId: budgets[3].id, windowStart: w.windowStart, denied: 0, wouldDeny: 3 }],
      alerts: [alert(1, budgets[2], 80)],
      keysUsed: new Map(),
    };
    const again = await valuesCommit(second);
    expect(again.flags).toEqual([false, true, true, false]);
    expect(await store.commit(second)).toEqual(again.flags);
    expect(await snapshot(client)).toEqual(again.rows);
  });

  it("keeps one statement text whatever the number of rows", () => {
    const text = (n: number) => oneStatement({ settles: Array.from({ length: n }, (_v, i) => record(i % 2, 1n)), deltas: [], alerts: [], keysUsed: new Map() }, new Date())!.sql;
    expect(text(3)).toBe(text(40));
  });
});
