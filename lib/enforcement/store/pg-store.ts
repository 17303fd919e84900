// Group commit on PostgreSQL: the same statements as SQLite. A batch whose events are all new (the
// normal case) is written in ONE round trip: one statement whose data-modifying CTEs insert the
// events and apply every follow-up, committed by PostgreSQL before it answers (autocommit, with
// synchronous_commit as configured). A batch holding a requestId that already exists makes that
// statement fail as a whole (unique violation, nothing written); it is then written by the explicit
// transaction that tells new events from duplicates.
import pg from "pg";
import { followUps, insertedFlags } from "./commit-plan";
import { chunks, insertEvents, pgDialect as d, upsertWindows, windowRows, type Stmt } from "./usage-sql";
import type { Batch, SettleRecord, UsageStore } from "./types";

/** PostgreSQL's limit on bind parameters per statement. */
const MAX_PARAMS = 65_535;
const EVENT_CONFLICT = ` ON CONFLICT ("orgId","requestId") DO NOTHING`;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The follow-ups, shared rows in one canonical order. Concurrent transactions (this replica's
 * pipeline, other replicas) update the same hot rows; taking their row locks in one order everywhere
 * is what keeps them from deadlocking. Window totals come first, sorted by (budgetId, windowStart);
 * the rest is the shared commit plan with the orgs sorted (rollups are written per org, each org's
 * rows sorted by key); keys and alerts are sorted by the group committer.
 */
export function followUpsInLockOrder(batch: Batch, inserted: SettleRecord[], now: Date): Stmt[] {
  const rows = windowRows(inserted, batch.deltas); // sorted by (budgetId, windowStart)
  // Their windows are written above: the plan gets none (no deltas, records without windows).
  const rest = [...inserted].sort((a, b) => compare(a.orgId, b.orgId)).map((r) => ({ ...r, windows: [] }));
  return [...chunks(rows).map((c) => upsertWindows(d, c, now)), ...followUps(d, { ...batch, deltas: [] }, rest, now)];
}

/** Event rows in key order too: their unique index is locked row by row as well. */
const inKeyOrder = (settles: SettleRecord[]) => [...settles].sort((a, b) => compare(a.orgId, b.orgId) || compare(a.requestId, b.requestId));

/**
 * The whole batch as one statement, or null when it cannot be one (too large, or a statement this
 * combiner does not recognize).
 */
export function oneStatement(batch: Batch, now: Date): Stmt | null {
  if (batch.settles.length === 0 || batch.settles.length > 400 || batch.alerts.length > 200) return null;
  const events = insertEvents(d, inKeyOrder(batch.settles), now);
  // A plain INSERT: a duplicate requestId aborts the statement instead of being skipped.
  if (!events.sql.includes(EVENT_CONFLICT)) return null;
  return combine([{ sql: events.sql.replace(EVENT_CONFLICT, ""), params: events.params }, ...followUpsInLockOrder(batch, batch.settles, now)]);
}

/**
 * Statements as ONE statement that executes them in the order given (so it takes row locks in the
 * same order as running them one by one), or null if they cannot be combined. Each keeps its text;
 * only its $n are renumbered. PostgreSQL runs data-modifying CTEs that the main query does not read
 * last to first: they are written in reverse (pg-store.int.test.ts checks that order).
 */
export function combine(parts: Stmt[]): Stmt | null {
  if (parts.length === 0) return null;
  const params: unknown[] = [];
  const ctes: string[] = [];
  for (const [i, st] of parts.entries()) {
    if (!/^(INSERT INTO|UPDATE) "/.test(st.sql)) return null;
    const offset = params.length;
    let max = 0;
    const sql = st.sql.replace(/\$(\d+)/g, (_m, n: string) => {
      max = Math.max(max, Number(n));
      return `$${Number(n) + offset}`;
    });
    // Every placeholder accounted for, and nothing else looked like one.
    if (max !== st.params.length) return null;
    params.push(...st.params);
    ctes.unshift(`s${i} AS (${sql})`);
  }
  if (params.length > MAX_PARAMS) return null;
  return { sql: `WITH ${ctes.join(", ")} SELECT 1`, params };
}

const UNIQUE_VIOLATION = "23505";

export class PgUsageStore implements UsageStore {
  /**
   * Transactions the group committer may have in flight (see group-commit.ts); the pool has two more
   * connections for reads. 1 by default: on the 2-core benchmark machine the replicas are CPU-bound
   * and a second transaction in flight only makes batches smaller (bench:distributed, README). More
   * may pay where a commit waits on the network and the disk rather than on CPU (not measured here).
   */
  readonly concurrency: number;
  private pool: pg.Pool;

  constructor(url: string, concurrency = Number(process.env.PURSER_PG_COMMITS ?? 1)) {
    this.concurrency = concurrency;
    this.pool = new pg.Pool({ connectionString: url, max: concurrency + 2 });
  }

  async commit(batch: Batch): Promise<boolean[]> {
    const now = new Date();
    const one = oneStatement(batch, now);
    if (one) {
      try {
        await this.pool.query(one.sql, one.params);
        return batch.settles.map(() => true);
      } catch (e) {
        // A duplicate requestId (a retried settle): nothing was written; sort it out below.
        if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
      }
    }
    return this.transaction(batch, now);
  }

  /** Inserts the events, then applies the follow-ups of those that were new (one statement), in one transaction. */
  private async transaction(batch: Batch, now: Date): Promise<boolean[]> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const returned: { orgId: string; requestId: string }[] = [];
      for (const c of chunks(inKeyOrder(batch.settles))) {
        const st = insertEvents(d, c, now);
        returned.push(...(await client.query(st.sql, st.params)).rows);
      }
      const flags = insertedFlags(batch, returned);
      const inserted = batch.settles.filter((_s, i) => flags[i]);
      const rest = followUpsInLockOrder(batch, inserted, now);
      const one = combine(rest);
      if (one) await client.query(one.sql, one.params);
      else for (const st of rest) await client.query(st.sql, st.params);
      await client.query("COMMIT");
      return flags;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async eventCost(orgId: string, requestId: string): Promise<bigint | null> {
    const r = await this.pool.query(`SELECT "costMicros"::text AS c FROM "UsageEvent" WHERE "orgId" = $1 AND "requestId" = $2`, [orgId, requestId]);
    return r.rows.length ? BigInt(r.rows[0].c) : null;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
