// The alert delivery worker: off the hot path, one per process (globalThis guard: Next may load this
// module more than once). Each tick: fan new alerts out to endpoints, then attempt due deliveries; every
// minute, raise forecast alerts. Several replicas may run it: rows are claimed before sending.
import { db } from "@/lib/db";
import { attemptDelivery, type DeliveryConfig } from "./deliver";
import { enqueueAlertDeliveries } from "./fan-out";
import { scanForecasts } from "./forecast-scan";

export type WorkerOptions = DeliveryConfig & { pollMs?: number; forecastEveryMs?: number; concurrency?: number };

export class AlertWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastForecast = 0;
  private stopped = false;

  constructor(private opts: WorkerOptions = {}) {}

  start(): this {
    const pollMs = this.opts.pollMs ?? 1000;
    this.timer = setInterval(() => void this.tick(), pollMs);
    this.timer.unref();
    return this;
  }

  /** One pass; concurrent calls share the pass in progress. */
  tick(now = new Date()): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.pass(now)
      .catch((e) => console.error("purser: alert worker:", e instanceof Error ? e.message : e))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async pass(now: Date): Promise<void> {
    const every = this.opts.forecastEveryMs ?? 60_000;
    if (now.getTime() - this.lastForecast >= every) {
      this.lastForecast = now.getTime();
      await scanForecasts(now);
    }
    await enqueueAlertDeliveries(now);
    const due = await db.webhookDelivery.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now } },
      select: { id: true },
      orderBy: { nextAttemptAt: "asc" },
      take: 100,
    });
    const concurrency = this.opts.concurrency ?? 8;
    for (let i = 0; i < due.length; i += concurrency) {
      await Promise.all(due.slice(i, i + concurrency).map((d) => attemptDelivery(d.id, this.opts)));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

const SLOT = Symbol.for("purser.alertWorker");
type Slot = { [SLOT]?: AlertWorker };

/** Starts the process's worker once; later calls return the running one. */
export function startAlertWorker(opts: WorkerOptions = {}): AlertWorker {
  const g = globalThis as Slot;
  g[SLOT] ??= new AlertWorker(opts).start();
  return g[SLOT];
}

export async function stopAlertWorker(): Promise<void> {
  const g = globalThis as Slot;
  const w = g[SLOT];
  g[SLOT] = undefined;
  await w?.stop();
}
