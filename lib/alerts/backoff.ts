// Retry schedule for webhook deliveries: exponential backoff with a cap and a little jitter, so
// receivers coming back from an outage are not hit by every delivery at the same instant.

export const MAX_ATTEMPTS = 8;

export type BackoffOptions = { baseMs?: number; maxMs?: number; jitter?: number };

/** Delay before attempt `attempts + 1`, after `attempts` failed ones (1 -> base, 2 -> 2x base, ...). */
export function backoffMs(attempts: number, opts: BackoffOptions = {}, random = Math.random): number {
  const base = opts.baseMs ?? 10_000;
  const max = opts.maxMs ?? 6 * 3_600_000;
  const jitter = opts.jitter ?? 0.1;
  const raw = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (1 + jitter * (random() * 2 - 1)));
}

/** 2xx is delivered; 408, 429 and 5xx are worth retrying; other 4xx are the receiver refusing. */
export function isRetryable(status: number | null): boolean {
  if (status === null) return true; // network error or timeout
  return status === 408 || status === 429 || status >= 500;
}
