// Rebuilds window counters that Redis does not have (restart, FLUSHALL, eviction, a new window, or a
// generation bump after an outage) from PostgreSQL's BudgetWindow totals: once, by one replica.
//
// Why settles racing the rebuild are neither lost nor counted twice:
// - While a window is not loaded, the settle script does not touch `sp`; it records the amount under
//   its requestId in the window's pending hash.
// - The loader reads the durable totals in ONE PostgreSQL snapshot (REPEATABLE READ). A usage event
//   and the BudgetWindow totals it moves are written in the same transaction, so "this requestId's
//   event is visible in the snapshot" is exactly "its cost is in the snapshot's total".
// - The load script sets sp = total + the pending amounts whose requestId the snapshot does NOT hold.
//   Pending ids the loader has not checked yet make the script answer with them; the loader checks
//   them in the same snapshot and calls again. Settles arriving after the load script ran go to sp.
// - The loader reads the org generation before taking its snapshot and the script refuses to load if
//   it moved: a snapshot older than an invalidation would miss settles that reached `sp` before it.
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { RedisKeys } from "./keys";
import type { ScriptedRedis } from "./redis-client";

export type WindowId = { budgetId: string; windowStart: Date; windowEnd: Date };

export interface TotalsSnapshot {
  /** Durable spent micros of each window (0 when it has no row), in the snapshot. */
  totals: bigint[];
  /** Which of these requestIds have a usage event in the snapshot. */
  recorded(ids: string[]): Promise<Set<string>>;
  close(): Promise<void>;
}

export interface TotalsSource {
  snapshot(orgId: string, windows: WindowId[]): Promise<TotalsSnapshot>;
}

/** The durable truth in PostgreSQL (distributed mode). */
export class PgTotalsSource implements TotalsSource {
  private pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 2 });
  }

  async snapshot(orgId: string, windows: WindowId[]): Promise<TotalsSnapshot> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      // The first query fixes the snapshot: totals and the event checks below see the same commits.
      const r = await client.query<{ b: string; s: string; t: string }>(
        `SELECT "budgetId" AS b, (extract(epoch from "windowStart") * 1000)::bigint::text AS s, "spentMicros"::text AS t
           FROM "BudgetWindow" WHERE ("budgetId", "windowStart") IN (SELECT * FROM unnest($1::text[], $2::timestamp[]))`,
        [windows.map((w) => w.budgetId), windows.map((w) => w.windowStart.toISOString().replace("Z", ""))],
      );
      const found = new Map(r.rows.map((row) => [`${row.b}@${row.s}`, BigInt(row.t)]));
      const totals = windows.map((w) => found.get(`${w.budgetId}@${w.windowStart.getTime()}`) ?? 0n);
      return {
        totals,
        recorded: async (ids) => {
          // The engine settles under "<orgId>\0<requestId>" (its idempotency key); the event row holds
          // the bare requestId (and PostgreSQL refuses a NUL in text).
          const bare = (id: string) => id.slice(id.indexOf("\u0000") + 1);
          const q = await client.query<{ r: string }>(`SELECT "requestId" AS r FROM "UsageEvent" WHERE "orgId" = $1 AND "requestId" = ANY($2::text[])`, [orgId, ids.map(bare)]);
          const found = new Set(q.rows.map((x) => x.r));
          return new Set(ids.filter((id) => found.has(bare(id))));
        },
        close: async () => {
          await client.query("COMMIT").catch(() => undefined);
          client.release();
        },
      };
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const LOCK_MS = 5000;
const MAX_ROUNDS = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class WindowLoader {
  constructor(
    private redis: ScriptedRedis,
    private keys: RedisKeys,
    private source: TotalsSource,
    private graceMs: number,
  ) {}

  /**
   * Loads the windows, or waits briefly while another replica does. Resolves when the caller should
   * retry its script (it reports any window still missing again).
   */
  async load(orgId: string, windows: WindowId[]): Promise<void> {
    const lock = this.keys.loadLock(orgId);
    const token = randomUUID();
    const got = await this.redis.set(lock, token, "PX", LOCK_MS, "NX");
    if (got !== "OK") {
      await sleep(5);
      return;
    }
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        if (await this.loadOnce(orgId, windows)) return;
      }
      throw new Error("window rebuild did not settle (generation kept moving)");
    } finally {
      await this.redis.purserUnlock(lock, token).catch(() => undefined);
    }
  }

  /** One snapshot; false if the generation moved and a new snapshot is needed. */
  private async loadOnce(orgId: string, windows: WindowId[]): Promise<boolean> {
    const gen = (await this.redis.get(this.keys.generation(orgId))) ?? "0";
    const snap = await this.source.snapshot(orgId, windows);
    try {
      const checked = new Map<string, "1" | "0">();
      const keys = [this.keys.generation(orgId)];
      const tail: string[] = [];
      windows.forEach((w, i) => {
        keys.push(this.keys.window(orgId, w.budgetId, w.windowStart), this.keys.holds(orgId, w.budgetId, w.windowStart), this.keys.pending(orgId, w.budgetId, w.windowStart));
        tail.push(snap.totals[i].toString(), String(w.windowEnd.getTime() + this.graceMs));
      });
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const pairs = [...checked].flat();
        const r = await this.redis.purserLoad(keys.length, ...keys, gen, Date.now(), checked.size, ...pairs, ...tail);
        const status = Number(r[0]);
        if (status === 1) return true;
        if (status === -2) return false;
        const ids = r.slice(1).map(String);
        const inSnapshot = await snap.recorded(ids);
        for (const id of ids) checked.set(id, inSnapshot.has(id) ? "1" : "0");
      }
      throw new Error("window rebuild did not settle (pending settles kept arriving)");
    } finally {
      await snap.close();
    }
  }
}
