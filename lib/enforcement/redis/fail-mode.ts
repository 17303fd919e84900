// What an org's fail mode means when the shared counters cannot be reached (DESIGN §4):
// `closed` denies with enforcement_unavailable (503); `open` lets the request run without a hold. The
// usage it reports is still written to PostgreSQL, and the ledger rebuilds the org's counters from
// there when Redis answers again (RedisLedger.reconcile), so nothing spent while open is lost.
import { RedisUnavailableError } from "./circuit-breaker";

export type FailMode = "open" | "closed";

/**
 * Runs `fn`; if the counters are unavailable, answers `whenOpen()` under fail-open or null under
 * fail-closed (the caller denies with 503). Other errors propagate.
 */
export async function underFailMode<T>(failMode: FailMode, fn: () => T | Promise<T>, whenOpen: () => T): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof RedisUnavailableError)) throw e;
    return failMode === "open" ? whenOpen() : null;
  }
}

export const UNAVAILABLE_DENIAL = {
  code: "enforcement_unavailable",
  message: "budget counters are unavailable and this organization fails closed; retry shortly",
} as const;
