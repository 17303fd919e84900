// A small circuit breaker in front of Redis (no library: the pattern is ~60 lines and we need its
// recovery hook). Closed: calls go through; CONSECUTIVE_FAILURES availability errors in a row open
// it. Open: calls fail at once with RedisUnavailableError, so a dead or stuck Redis costs a gateway
// nothing, and the org's fail mode answers. After the cooldown ONE call probes (half-open): the
// recovery hooks run first (reconcile counters), then the call; if both succeed the breaker closes.

export class RedisUnavailableError extends Error {
  readonly code = "enforcement_unavailable";
  constructor(message = "shared counters are unavailable", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RedisUnavailableError";
  }
}

/** Errors that say "Redis cannot answer" (as opposed to a bug in a script or a bad argument). */
export function isAvailabilityError(e: unknown): boolean {
  if (e instanceof RedisUnavailableError) return true;
  const msg = e instanceof Error ? e.message : String(e);
  return /timed out|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|Connection is closed|Stream isn't writeable|enableOfflineQueue|LOADING|MASTERDOWN|CLUSTERDOWN|max retries|Reached the max retries/i.test(msg);
}

type State = "closed" | "open" | "half-open";

export class CircuitBreaker {
  private state: State = "closed";
  private failures = 0;
  private openUntil = 0;
  private recoverHooks: (() => Promise<void>)[] = [];

  constructor(
    private readonly opts: { failures?: number; cooldownMs?: number; now?: () => number } = {},
  ) {}

  get status(): State {
    return this.state;
  }

  /** Runs after Redis answers again following an outage, before normal traffic resumes. */
  onRecover(hook: () => Promise<void>): void {
    this.recoverHooks.push(hook);
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.state === "open") {
      if (this.now() < this.openUntil) throw new RedisUnavailableError("circuit open: Redis failed recently");
      this.state = "half-open";
      try {
        // Reconcile first: this very call must not decide on counters that missed the outage.
        for (const h of this.recoverHooks) await h();
        const out = await fn();
        this.close();
        return out;
      } catch (e) {
        this.trip();
        throw isAvailabilityError(e) ? new RedisUnavailableError(undefined, { cause: e }) : e;
      }
    }
    if (this.state === "half-open") throw new RedisUnavailableError("circuit half-open: probing Redis");
    try {
      const out = await fn();
      this.failures = 0;
      return out;
    } catch (e) {
      if (!isAvailabilityError(e)) throw e;
      if (++this.failures >= (this.opts.failures ?? 3)) this.trip();
      throw new RedisUnavailableError(undefined, { cause: e });
    }
  }

  /** Opens the breaker now (also used when the client reports its connection closed). */
  trip(): void {
    this.state = "open";
    this.openUntil = this.now() + (this.opts.cooldownMs ?? 500);
    this.failures = 0;
  }

  private close(): void {
    this.state = "closed";
    this.failures = 0;
  }
}
