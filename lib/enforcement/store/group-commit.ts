// Group commit: settles queue up while a transaction runs; the next transaction takes all of them.
// Each settle's promise resolves only after the transaction holding it committed.
import type { AlertRecord, Batch, SettleRecord, UsageStore, WindowDelta } from "./types";

type Pending = { rec: SettleRecord; resolve: (inserted: boolean) => void; reject: (e: unknown) => void };

const MAX_BATCH = 2000;
/** Background rows (alerts, denied counts, lastUsedAt) wait at most this long for a settle to carry them. */
const BACKGROUND_DELAY_MS = 200;

export class GroupCommitter {
  private queue: Pending[] = [];
  private deltas: WindowDelta[] = [];
  private alerts: AlertRecord[] = [];
  private keysUsed = new Map<string, Date>();
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private store: UsageStore,
    private onError: (e: unknown) => void = () => undefined,
  ) {}

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
    const had = this.keysUsed.size;
    this.keysUsed.set(keyId, at);
    if (this.keysUsed.size !== had) this.kick(BACKGROUND_DELAY_MS);
  }

  private kick(delay: number): void {
    if (this.running) return; // the running loop picks everything up when it finishes
    if (delay === 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      // setImmediate lets every request already read from sockets join this transaction.
      this.running = new Promise<void>((r) => setImmediate(r)).then(() => this.loop());
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        if (!this.running) this.running = this.loop();
      }, delay);
    }
  }

  private hasWork(): boolean {
    return this.queue.length > 0 || this.deltas.length > 0 || this.alerts.length > 0 || this.keysUsed.size > 0;
  }

  private async loop(): Promise<void> {
    try {
      while (this.hasWork()) {
        const taken = this.queue.splice(0, MAX_BATCH);
        const batch: Batch = { settles: taken.map((p) => p.rec), deltas: this.deltas, alerts: this.alerts, keysUsed: this.keysUsed };
        this.deltas = [];
        this.alerts = [];
        this.keysUsed = new Map();
        try {
          const flags = await this.store.commit(batch);
          taken.forEach((p, i) => p.resolve(flags[i]));
        } catch (e) {
          // Nothing of this batch was acknowledged: the callers answer 503 and the gateway retries.
          this.onError(e);
          for (const p of taken) p.reject(e);
        }
      }
    } finally {
      this.running = null;
    }
  }

  /** Resolves when everything queued so far is committed (shutdown, tests). */
  async drain(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.running || this.hasWork()) {
      if (!this.running) this.running = this.loop();
      await this.running;
    }
  }
}
