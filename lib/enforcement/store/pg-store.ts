// Group commit on PostgreSQL: the same rows as SQLite, in statements of a fixed text (pg-batch-sql.ts)
// sent as prepared statements. A batch whose events are all new (the normal case) is written in ONE
// round trip: one statement whose data-modifying CTEs insert the events and apply every follow-up,
// committed by PostgreSQL before it answers (autocommit, with synchronous_commit as configured). A
// batch holding a requestId that already exists makes that statement fail as a whole (unique
// violation, nothing written); it is then written by the explicit transaction that tells new events
// from duplicates.
import pg from "pg";
import { insertedFlags } from "./commit-plan";
import { pgInsertAlerts, pgInsertEvents, pgUpsertRollups, pgUpsertWindows, statementName } from "./pg-batch-sql";
import { pgDialect as d, touchKey, windowRows, type Stmt } from "./usage-sql";
import type { Batch, SettleRecord, UsageStore } from "./types";

/** PostgreSQL's limit on bind parameters per statement. */
const MAX_PARAMS = 65_535;
/**
 * Keys are updated one statement each (an UPDATE joined to an array could lock them in any order), so
 * a batch's text also depends on how many keys it touches: batches touching more are not prepared,
 * which bounds the statements each connection keeps (the committer sends a key once a minute).
 */
const MAX_PREPARED_KEYS = 4;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The follow-ups, shared rows in one canonical order. Concurrent transactions (this replica's
 * pipeline, other replicas) update the same hot rows; taking their row locks in one order everywhere
 * is what keeps them from deadlocking. Window totals come first, sorted by (budgetId, windowStart);
 * then the rollups table by table, each sorted by (orgId, key); then the alerts and the keys, sorted
 * by the group committer.
 */
export function followUpsInLockOrder(batch: Batch, inserted: SettleRecord[], now: Date): Stmt[] {
  const out: Stmt[] = [];
  const rows = windowRows(inserted, batch.deltas); // sorted by (budgetId, windowStart)
  if (rows.length) out.push(pgUpsertWindows(rows, now));
  out.push(...pgUpsertRollups(inserted));
  if (batch.alerts.length) out.push(pgInsertAlerts(batch.alerts, now));
  for (const [keyId, at] of batch.keysUsed) out.push(touchKey(d, keyId, at));
  return out;
}

/** Event rows in key order too: their unique index is locked row by row as well. */
const inKeyOrder = (settles: SettleRecord[]) => [...settles].sort((a, b) => compare(a.orgId, b.orgId) || compare(a.requestId, b.requestId));

/**
 * The whole batch as one statement, or null when it cannot be one (no events, more parameters than
 * PostgreSQL takes, or a statement this combiner does not recognize).
 */
export function oneStatement(batch: Batch, now: Date): Stmt | null {
  if (batch.settles.length === 0) return null;
  // A plain INSERT: a duplicate requestId aborts the statement instead of being skipped.
  const events = pgInsertEvents(inKeyOrder(batch.settles), now, false);
  return combine([events, ...followUpsInLockOrder(batch, batch.settles, now)]);
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
        await this.pool.query(this.prepared(batch, one));
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
      let returned: { orgId: string; requestId: string }[] = [];
      if (batch.settles.length) returned = (await client.query(this.prepared(batch, pgInsertEvents(inKeyOrder(batch.settles), now, true)))).rows;
      const flags = insertedFlags(batch, returned);
      const inserted = batch.settles.filter((_s, i) => flags[i]);
      const rest = followUpsInLockOrder(batch, inserted, now);
      const one = combine(rest);
      if (one) await client.query(this.prepared(batch, one));
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

  /** A named (prepared) query when the batch's statements have one of few texts; else an unnamed one. */
  private prepared(batch: Batch, st: Stmt): pg.QueryConfig {
    if (batch.keysUsed.size > MAX_PREPARED_KEYS) return { text: st.sql, values: st.params };
    return { name: statementName(st.sql), text: st.sql, values: st.params };
  }

  async eventCost(orgId: string, requestId: string): Promise<bigint | null> {
    const r = await this.pool.query(`SELECT "costMicros"::text AS c FROM "UsageEvent" WHERE "orgId" = $1 AND "requestId" = $2`, [orgId, requestId]);
    return r.rows.length ? BigInt(r.rows[0].c) : null;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
