// RPM/TPM in Redis, shared by every replica: the same fixed minute windows as the embedded
// RateLimiter, but check-and-consume is ONE atomic script (a separate read and write would let N
// replicas each admit the last slot). consume() is therefore a no-op; a request the budgets then deny
// gives its slot back with refund(). Counters expire by TTL, so there is nothing to sweep.
import type { LimitState, RateCheck } from "../rate-limit";
import type { CircuitBreaker } from "./circuit-breaker";
import type { RedisKeys } from "./keys";
import type { ScriptedRedis } from "./redis-client";

const MINUTE = 60_000;
/** A minute's counter lives a little longer than its minute, for late corrections. */
const TTL_MS = 2 * MINUTE;

export class RedisRateLimiter {
  constructor(
    private redis: ScriptedRedis,
    private keys: RedisKeys,
    private breaker: CircuitBreaker,
  ) {}

  /** Checks AND consumes (atomically). Throws RedisUnavailableError when Redis cannot answer. */
  async check(keyId: string, rpmLimit: number | null, tpmLimit: number | null, tokens: number, nowMs: number): Promise<RateCheck> {
    const minute = Math.floor(nowMs / MINUTE);
    const resetAt = new Date((minute + 1) * MINUTE);
    const retryAfterSec = Math.max(1, Math.ceil(((minute + 1) * MINUTE - nowMs) / 1000));
    if (rpmLimit === null && tpmLimit === null) return { ok: true, rpm: null, tpm: null, minute };
    const key = this.keys.rate(keyId, minute);
    const r = await this.breaker.run(() =>
      this.redis.purserRate(key, rpmLimit === null ? "" : String(rpmLimit), tpmLimit === null ? "" : String(tpmLimit), String(Math.max(0, Math.floor(tokens))), TTL_MS),
    );
    const [ok, which, n, t] = [Number(r[0]) === 1, String(r[1]), Number(r[2]), Number(r[3])];
    const state = (limit: number | null, remaining: number): LimitState | null => (limit === null ? null : { limit, remaining: Math.max(0, remaining), resetAt });
    const rpm = state(rpmLimit, (rpmLimit ?? 0) - n - 1);
    const tpm = state(tpmLimit, (tpmLimit ?? 0) - t - tokens);
    if (ok) return { ok: true, rpm, tpm, minute };
    if (which === "rpm") return { ok: false, which: "rpm", retryAfterSec, rpm: { ...rpm!, remaining: 0 }, tpm, minute };
    return { ok: false, which: "tpm", retryAfterSec, rpm, tpm: { ...tpm!, remaining: Math.max(0, (tpmLimit ?? 0) - t) }, minute };
  }

  /** Already consumed by check() (same signature as the embedded limiter's). */
  consume(_keyId?: string, _minute?: number, _tokens?: number): void {}

  /** Gives back a consumed slot (the budgets denied the request after the rate check passed). */
  refund(keyId: string, minute: number, tokens: number): void {
    const key = this.keys.rate(keyId, minute);
    void this.breaker.run(() => this.redis.multi().hincrby(key, "n", -1).hincrby(key, "t", -Math.floor(tokens)).exec()).catch(() => undefined);
  }

  /** Settle: replace the estimated tokens by the real count (best effort: a lost correction only errs one minute). */
  correct(keyId: string, minute: number, deltaTokens: number): void {
    if (deltaTokens === 0 || minute !== Math.floor(Date.now() / MINUTE)) return;
    void this.breaker.run(() => this.redis.hincrby(this.keys.rate(keyId, minute), "t", Math.trunc(deltaTokens))).catch(() => undefined);
  }

  sweep(_nowMs?: number): void {}
}
