// Group commit on PostgreSQL: one pooled connection per transaction, the same statements as SQLite.
import pg from "pg";
import { followUps, insertedFlags } from "./commit-plan";
import { chunks, insertEvents, pgDialect as d } from "./usage-sql";
import type { Batch, UsageStore } from "./types";

export class PgUsageStore implements UsageStore {
  private pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
  }

  async commit(batch: Batch): Promise<boolean[]> {
    const now = new Date();
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const returned: { orgId: string; requestId: string }[] = [];
      for (const c of chunks(batch.settles)) {
        const st = insertEvents(d, c, now);
        returned.push(...(await client.query(st.sql, st.params)).rows);
      }
      const flags = insertedFlags(batch, returned);
      const inserted = batch.settles.filter((_s, i) => flags[i]);
      for (const st of followUps(d, batch, inserted, now)) await client.query(st.sql, st.params);
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
