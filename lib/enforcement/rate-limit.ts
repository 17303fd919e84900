// Per-key RPM and TPM in fixed 60-second windows aligned to the minute: predictable reset times for
// Retry-After, O(1) memory per key. TPM counts estimated tokens at authorize; settle corrects them.

export type LimitState = { limit: number; remaining: number; resetAt: Date };
export type RateCheck =
  | { ok: true; rpm: LimitState | null; tpm: LimitState | null; minute: number }
  | { ok: false; which: "rpm" | "tpm"; retryAfterSec: number; rpm: LimitState | null; tpm: LimitState | null; minute: number };

type Counter = { minute: number; requests: number; tokens: number };

const MINUTE = 60_000;

export class RateLimiter {
  private counters = new Map<string, Counter>();

  private counter(keyId: string, minute: number): Counter {
    let c = this.counters.get(keyId);
    if (!c || c.minute !== minute) {
      c = { minute, requests: 0, tokens: 0 };
      this.counters.set(keyId, c);
    }
    return c;
  }

  /** Checks without consuming; call `consume` once the whole request is allowed. */
  check(keyId: string, rpmLimit: number | null, tpmLimit: number | null, tokens: number, nowMs: number): RateCheck {
    const minute = Math.floor(nowMs / MINUTE);
    const c = this.counter(keyId, minute);
    const resetAt = new Date((minute + 1) * MINUTE);
    const rpm = rpmLimit === null ? null : { limit: rpmLimit, remaining: Math.max(0, rpmLimit - c.requests - 1), resetAt };
    const tpm = tpmLimit === null ? null : { limit: tpmLimit, remaining: Math.max(0, tpmLimit - c.tokens - tokens), resetAt };
    const retryAfterSec = Math.max(1, Math.ceil(((minute + 1) * MINUTE - nowMs) / 1000));
    if (rpmLimit !== null && c.requests + 1 > rpmLimit) {
      return { ok: false, which: "rpm", retryAfterSec, rpm: { ...rpm!, remaining: 0 }, tpm, minute };
    }
    if (tpmLimit !== null && c.tokens + tokens > tpmLimit) {
      return { ok: false, which: "tpm", retryAfterSec, rpm, tpm: { ...tpm!, remaining: Math.max(0, tpmLimit - c.tokens) }, minute };
    }
    return { ok: true, rpm, tpm, minute };
  }

  consume(keyId: string, minute: number, tokens: number): void {
    const c = this.counter(keyId, minute);
    c.requests += 1;
    c.tokens += tokens;
  }

  /** Settle: replace the estimate by the real count, if that minute is still the current one. */
  correct(keyId: string, minute: number, deltaTokens: number): void {
    const c = this.counters.get(keyId);
    if (c && c.minute === minute) c.tokens = Math.max(0, c.tokens + deltaTokens);
  }

  /** Drops counters of past minutes (called by the engine's sweep). */
  sweep(nowMs: number): void {
    const minute = Math.floor(nowMs / MINUTE);
    for (const [k, c] of this.counters) if (c.minute < minute) this.counters.delete(k);
  }
}
