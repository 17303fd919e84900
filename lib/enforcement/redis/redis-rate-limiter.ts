// RPM/TPM in Redis, shared by every replica: the same fixed minute windows as the embedded
// RateLimiter. There is no separate rate command: the AUTHORIZE script checks the key's counters
// before the budgets and consumes them only when it holds (one round trip per authorize, and a
// budget-denied request never uses a slot), and the SETTLE script corrects TPM by the real tokens.
// Counters expire by TTL, so there is nothing to sweep.
import type { LimitState, RateCheck } from "../rate-limit";

const MINUTE = 60_000;
/** A minute's counter lives a little longer than its minute, for late corrections. */
export const RATE_TTL_MS = 2 * MINUTE;

/** What the authorize script checks for the key: its limits and the tokens this request counts. */
export type RateLimits = { keyId: string; rpmLimit: number | null; tpmLimit: number | null; tokens: number };

/** The minute a request at `nowMs` is counted in. */
export const minuteOf = (nowMs: number) => Math.floor(nowMs / MINUTE);

/**
 * The embedded limiter's answer from the counters the script read before this request
 * (`requests`, `tokens`), and the limit that bound, if any.
 */
export function rateCheckOf(limits: RateLimits, requests: number, tokens: number, which: "rpm" | "tpm" | null, nowMs: number): RateCheck {
  const { rpmLimit, tpmLimit } = limits;
  const minute = minuteOf(nowMs);
  const resetAt = new Date((minute + 1) * MINUTE);
  const retryAfterSec = Math.max(1, Math.ceil(((minute + 1) * MINUTE - nowMs) / 1000));
  const state = (limit: number | null, remaining: number): LimitState | null => (limit === null ? null : { limit, remaining: Math.max(0, remaining), resetAt });
  const rpm = state(rpmLimit, (rpmLimit ?? 0) - requests - 1);
  const tpm = state(tpmLimit, (tpmLimit ?? 0) - tokens - limits.tokens);
  if (which === null) return { ok: true, rpm, tpm, minute };
  if (which === "rpm") return { ok: false, which: "rpm", retryAfterSec, rpm: { ...rpm!, remaining: 0 }, tpm, minute };
  return { ok: false, which: "tpm", retryAfterSec, rpm, tpm: { ...tpm!, remaining: Math.max(0, (tpmLimit ?? 0) - tokens) }, minute };
}
