// The SQLite usage store on a worker thread (default): the main thread builds the statements, the
// worker runs them in one transaction and fsyncs, while the main thread keeps answering requests.
import path from "node:path";
import { Worker } from "node:worker_threads";
import { followUps, insertedFlags } from "./commit-plan";
import { chunks, insertEvents, sqliteDialect as d } from "./usage-sql";
import type { Batch, UsageStore } from "./types";

type Reply = { id: number; result?: unknown; error?: string };

export class SqliteWorkerUsageStore implements UsageStore {
  private worker: Worker;
  private seq = 0;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private rollups: boolean;

  constructor(file: string, options: { rollups?: boolean } = {}) {
    this.rollups = options.rollups ?? true;
    // Loaded by path from the project root: the same file under tsx, vitest and Next.
    this.worker = new Worker(path.join(process.cwd(), "lib/enforcement/store/sqlite-exec-worker.cjs"), { workerData: { file } });
    this.worker.unref();
    this.worker.on("message", (m: Reply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (m.error !== undefined) w.reject(new Error(m.error));
      else w.resolve(m.result);
    });
    this.worker.on("error", (e) => {
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    });
  }

  private call<T>(msg: Record<string, unknown>): Promise<T> {
    const id = this.seq++;
    return new Promise<T>((resolve, reject) => {
      // Keep the process alive while a commit is in flight (idle, the worker must not hold it open).
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  async commit(batch: Batch): Promise<boolean[]> {
    const now = new Date();
    // One round trip in the common case (no duplicate requestId): see the worker's "begin".
    const { rows, committed } = await this.call<{ rows: { orgId: string; requestId: string }[]; committed: boolean }>({
      op: "begin",
      stmts: chunks(batch.settles).map((c) => insertEvents(d, c, now)),
      expected: batch.settles.length,
      optimistic: followUps(d, batch, batch.settles, now, this.rollups),
    });
    const flags = insertedFlags(batch, rows);
    if (!committed) {
      const inserted = batch.settles.filter((_s, i) => flags[i]);
      await this.call({ op: "finish", stmts: followUps(d, batch, inserted, now, this.rollups) });
    }
    return flags;
  }

  async eventCost(orgId: string, requestId: string): Promise<bigint | null> {
    const row = await this.call<{ c: string } | null>({ op: "get", sql: `SELECT "costMicros" AS c FROM "UsageEvent" WHERE "orgId" = ? AND "requestId" = ?`, params: [orgId, requestId] });
    return row ? BigInt(row.c) : null;
  }

  async close(): Promise<void> {
    await this.call({ op: "close" });
    await this.worker.terminate();
  }
}
