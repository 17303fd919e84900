// Group commit: settles queue up while transactions run; the next transaction takes all of them.
// Each settle's promise resolves only after the transaction holding it committed.
//
// A store may declare `concurrency` > 1 (PostgreSQL): up to that many transactions are then in flight,
// so a settle arriving while one commits starts the next at once instead of waiting for it. Such
// transactions update the same rows (window totals, rollups, keys); every batch therefore lists its
// rows in one canonical order (alerts by dedupe key, keys by id here; windows and rollups by key in
// the store), so two of them lock shared rows in the same order and cannot deadlock. SQLite has
// one writer: it keeps one transaction at a time.
import type { AlertRecord, Batch, SettleRecord, UsageStore, WindowDelta } from "./types";

type Pending = { rec: SettleRecord; resolve: (inserted: boolean) => void; reject: (e: unknown) => void };

const MAX_BATCH = 2000;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Background rows (alerts, denied counts, lastUsedAt) wait at most this long for a settle to carry them. */
const BACKGROUND_DELAY_MS = 200;
/** ApiKey.lastUsedAt is written at most this often per key (as API tokens' is, lib/auth/authenticate.ts). */
const LAST_USED_RESOLUTION_MS = 60_000;

export class GroupCommitter {
  private queue: Pending[] = [];
  private deltas: WindowDelta[] = [];
  private alerts: AlertRecord[] = [];
  private keysUsed = new Map<string, Date>();
  /** When each key's lastUsedAt was last queued. */
  private keysWritten = new Map<string, number>();
  private inFlight = 0;
  /** A start is scheduled (setImmediate) or a background timer is armed. */
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private idle: (() => void)[] = [];
  private readonly concurrency: number;

  constructor(
    private store: UsageStore,
    private onError: (e: unknown) => void = () => undefined,
  ) {
    this.concurrency = Math.max(1, (store as { concurrency?: number }).concurrency ?? 1);
  }

  settle(rec: SettleRecord): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rec, resolve, reject });
      this.kick(0);
    });
  }

  addDelta(d: WindowDelta): void {
    this.deltas.push(d);
    this.kick(BACKGROUND_DELAY_MS);
  }

  addAlert(a: AlertRecord): void {
    this.alerts.push(a);
    this.kick(BACKGROUND_DELAY_MS);
  }

  touchKey(keyId: string, at: Date): void {
    // lastUsedAt to the minute is all idle-key reports need; an update per commit would make the
    // key's row one more hot row that every concurrent transaction waits on.
    const last = this.keysWritten.get(keyId);
    if (last !== undefined && at.getTime() - last < LAST_USED_RESOLUTION_MS) return;
    if (this.keysWritten.size >= 100_000) this.keysWritten.clear();
    this.keysWritten.set(keyId, at.getTime());
    const had = this.keysUsed.size;
    this.keysUsed.set(keyId, at);
    if (this.keysUsed.size !== had) this.kick(BACKGROUND_DELAY_MS);
  }

  private kick(delay: number): void {
    // A full pipeline picks everything up as soon as one of its transactions finishes.
    if (this.inFlight >= this.concurrency) return;
    if (delay === 0) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
        this.scheduled = false;
      }
      if (this.scheduled) return;
      this.scheduled = true;
      // setImmediate lets every request already read from sockets join this transaction.
      setImmediate(() => {
        this.scheduled = false;
        this.startAll();
      });
    } else if (!this.scheduled && this.inFlight === 0) {
      // Background rows only: wait a little for a settle to carry them (a running commit's end picks them up).
      this.scheduled = true;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.scheduled = false;
        this.startAll();
      }, delay);
    }
  }

  private hasWork(): boolean {
    return this.queue.length > 0 || this.deltas.length > 0 || this.alerts.length > 0 || this.keysUsed.size > 0;
  }

  /** Starts transactions while there is work and room in the pipeline. */
  private startAll(): void {
    while (this.hasWork() && this.inFlight < this.concurrency) this.start();
    if (this.inFlight === 0 && !this.scheduled) for (const f of this.idle.splice(0)) f();
  }

  private start(): void {
    const taken = this.queue.splice(0, MAX_BATCH);
    const batch: Batch = {
      settles: taken.map((p) => p.rec),
      deltas: this.deltas,
      alerts: this.alerts.sort((a, b) => compare(a.orgId, b.orgId) || compare(a.dedupeKey, b.dedupeKey)),
      keysUsed: new Map([...this.keysUsed].sort(([a], [b]) => compare(a, b))),
    };
    this.deltas = [];
    this.alerts = [];
    this.keysUsed = new Map();
    this.inFlight++;
    this.store.commit(batch).then(
      (flags) => taken.forEach((p, i) => p.resolve(flags[i])),
      (e) => {
        // Nothing of this batch was acknowledged: the callers answer 503 and the gateway retries.
        this.onError(e);
        for (const p of taken) p.reject(e);
      },
    ).finally(() => {
      this.inFlight--;
      // What queued meanwhile goes next, without waiting for another request to kick.
      this.startAll();
    });
  }

  /** Resolves when everything queued so far is committed (shutdown, tests). */
  async drain(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.scheduled = false;
    }
    while (this.inFlight > 0 || this.hasWork() || this.scheduled) {
      const done = new Promise<void>((r) => this.idle.push(r));
      if (this.inFlight === 0 && !this.scheduled) this.startAll();
      await done;
    }
  }
}
