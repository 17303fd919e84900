// Group commit on SQLite through its own better-sqlite3 connection: synchronous=FULL so a settle
// acknowledged after commit survives a crash or power loss; WAL so dashboard readers never block it.
import Database from "better-sqlite3";
import { followUps, insertedFlags } from "./commit-plan";
import { chunks, insertEvents, sqliteDialect as d, type Stmt } from "./usage-sql";
import type { Batch, UsageStore } from "./types";

export class SqliteUsageStore implements UsageStore {
  private conn: Database.Database;
  private stmts = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.conn = new Database(file);
    this.conn.pragma("journal_mode = WAL");
    this.conn.pragma("synchronous = FULL");
    this.conn.pragma("busy_timeout = 15000");
    this.conn.pragma("foreign_keys = ON");
  }

  private prepare(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      if (this.stmts.size > 2000) this.stmts.clear();
      s = this.conn.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  private run(st: Stmt) {
    this.prepare(st.sql).run(...st.params);
  }

  async commit(batch: Batch): Promise<boolean[]> {
    const now = new Date();
    // better-sqlite3 transactions are synchronous: nothing else runs in this process meanwhile,
    // and the commit (with its fsync) is done when this returns.
    return this.conn.transaction(() => {
      const returned: { orgId: string; requestId: string }[] = [];
      for (const c of chunks(batch.settles)) {
        const st = insertEvents(d, c, now);
        returned.push(...(this.prepare(st.sql).all(...st.params) as { orgId: string; requestId: string }[]));
      }
      const flags = insertedFlags(batch, returned);
      const inserted = batch.settles.filter((_s, i) => flags[i]);
      for (const st of followUps(d, batch, inserted, now)) this.run(st);
      return flags;
    }).immediate();
  }

  async eventCost(orgId: string, requestId: string): Promise<bigint | null> {
    const row = this.prepare(`SELECT "costMicros" AS c FROM "UsageEvent" WHERE "orgId" = ? AND "requestId" = ?`)
      .safeIntegers(true)
      .get(orgId, requestId) as { c: bigint } | undefined;
    return row ? BigInt(row.c) : null;
  }

  async close(): Promise<void> {
    this.conn.close();
  }
}
