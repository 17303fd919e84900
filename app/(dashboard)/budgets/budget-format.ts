// Pure display rules for budgets, shared by the server loader and the client tree (unit-tested).
import type { BudgetState } from "./tree-types";

export function periodLabel(period: string, custom: { every: number; unit: string } | null): string {
  switch (period) {
    case "daily":
      return "Daily";
    case "weekly":
      return "Weekly";
    case "monthly":
      return "Monthly";
    default:
      if (!custom) return "Custom";
      return `Every ${custom.every} ${custom.every === 1 ? custom.unit.replace(/s$/, "") : custom.unit}`;
  }
}

/**
 * Fine, past a threshold, or exceeded, counting what is spent and what is reserved (both are gone
 * from what remains). A $0 limit is exceeded only once something was spent against it.
 */
export function budgetState(
  limit: bigint,
  used: bigint,
  reserved: bigint,
  thresholds: number[],
): { state: BudgetState; reachedThreshold: number | null } {
  const taken = used + reserved;
  if (limit <= 0n) return taken > 0n ? { state: "exceeded", reachedThreshold: 100 } : { state: "fine", reachedThreshold: null };
  if (taken >= limit) return { state: "exceeded", reachedThreshold: 100 };
  // Integer comparison: taken/limit >= t/100 without floats at the boundary.
  const reached = thresholds.filter((t) => t < 100 && taken * 100n >= BigInt(t) * limit);
  return reached.length ? { state: "threshold", reachedThreshold: Math.max(...reached) } : { state: "fine", reachedThreshold: null };
}

/** Share of the limit, for the bar: 0..100 (clamped), one decimal. */
export function percentOf(part: bigint, limit: bigint): number {
  if (limit <= 0n) return part > 0n ? 100 : 0;
  const tenths = Number((part * 1000n) / limit);
  return Math.min(100, Math.max(0, tenths / 10));
}

/** "5 h 12 min", "3 d 4 h", "12 min", "under a minute" until `resetAt`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return "under a minute";
  const minutes = Math.floor(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

export function resetsIn(resetAt: string | Date, now: Date): string {
  const ms = new Date(resetAt).getTime() - now.getTime();
  return ms <= 0 ? "resets now" : `resets in ${formatDuration(ms)}`;
}

export const STATE_LABEL: Record<BudgetState, string> = {
  fine: "Within budget",
  threshold: "Past threshold",
  exceeded: "Exceeded",
};
