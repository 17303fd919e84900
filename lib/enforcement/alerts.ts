// Alerts raised by enforcement. Each one carries a dedupe key that the database keeps unique per org,
// so "once per threshold per window" holds across restarts (and replicas); they are written with the
// next group commit, never on the request's own path.
import { DateTime } from "luxon";
import { formatUsd, microsToUsd } from "@/lib/money";
import type { BudgetState } from "./decision";
import type { AlertRecord } from "./store/types";

const pct = (spent: bigint, limit: bigint) => (limit > 0n ? Number((spent * 10_000n) / limit) / 100 : 100);

/** Threshold crossings caused by adding `added` to a window: the thresholds in (before, after]. */
export function crossedThresholds(thresholds: number[], limit: bigint, before: bigint, after: bigint): number[] {
  // Compare spent*100 with t*limit in integers: no float rounding at the boundary.
  return thresholds.filter((t) => before * 100n < BigInt(t) * limit && after * 100n >= BigInt(t) * limit);
}

function base(orgId: string, s: BudgetState, apiKeyId: string | null) {
  return {
    orgId,
    level: s.budget.level,
    budgetId: s.budget.id,
    apiKeyId,
    windowStart: s.windowStart,
  };
}

const ws = (s: BudgetState) => s.windowStart.toISOString();

// Messages are read by people (alerts page, Slack): dollars to the cent, times in words in the org's
// zone (the exact instants are in `data` and the window fields).
export const readableTime = (d: Date, timezone: string) =>
  `${DateTime.fromJSDate(d, { zone: timezone }).toFormat("d LLL yyyy, HH:mm")} ${timezone}`;

export function thresholdAlert(orgId: string, s: BudgetState, threshold: number, spent: bigint, apiKeyId: string | null): AlertRecord {
  const exceeded = threshold >= 100;
  const b = s.budget;
  return {
    ...base(orgId, s, apiKeyId),
    type: exceeded ? "exceeded" : "threshold",
    threshold,
    dedupeKey: exceeded ? `budget:${b.id}:${ws(s)}:exceeded` : `budget:${b.id}:${ws(s)}:t${threshold}`,
    message: `${b.name} (${b.level}) reached ${threshold}% of its ${b.period} limit: ${formatUsd(spent, { digits: 2 })} of ${formatUsd(b.limitMicros, { digits: 2 })}${b.shadow ? " (shadow)" : ""}`,
    data: { limitUsd: microsToUsd(b.limitMicros), usedUsd: microsToUsd(spent), percent: pct(spent, b.limitMicros), shadow: b.shadow, resetAt: s.windowEnd.toISOString() },
  };
}

/** A hard budget denied a request: the window is exhausted (same key as the 100% crossing). */
export function deniedAlert(orgId: string, s: BudgetState, apiKeyId: string, timezone: string): AlertRecord {
  const b = s.budget;
  return {
    ...base(orgId, s, apiKeyId),
    type: "exceeded",
    threshold: 100,
    dedupeKey: `budget:${b.id}:${ws(s)}:exceeded`,
    message: `${b.name} (${b.level}) is exhausted: requests are denied until it resets on ${readableTime(s.windowEnd, timezone)}`,
    data: { limitUsd: microsToUsd(b.limitMicros), usedUsd: microsToUsd(s.spent), reservedUsd: microsToUsd(s.reserved), resetAt: s.windowEnd.toISOString() },
  };
}

/** A soft budget let a request run over its limit; repeats are spaced by the budget's cooldown. */
export function softAlert(orgId: string, s: BudgetState, apiKeyId: string, now: number): AlertRecord {
  const b = s.budget;
  return {
    ...base(orgId, s, apiKeyId),
    type: "soft_exceeded",
    threshold: null,
    dedupeKey: `budget:${b.id}:${ws(s)}:soft:${new Date(Math.floor(now / 60_000) * 60_000).toISOString()}`,
    message: `${b.name} (${b.level}) is over its soft limit: ${formatUsd(s.spent + s.reserved, { digits: 2 })} of ${formatUsd(b.limitMicros, { digits: 2 })}`,
    data: { limitUsd: microsToUsd(b.limitMicros), usedUsd: microsToUsd(s.spent), reservedUsd: microsToUsd(s.reserved), resetAt: s.windowEnd.toISOString() },
  };
}

/** Bounded memory of what was already raised in this process, to keep the queue small. */
export class AlertGate {
  private seen = new Map<string, number>();
  /** True the first time a key is seen (or after `cooldownMs` when given). */
  pass(key: string, now: number, cooldownMs = Infinity): boolean {
    const last = this.seen.get(key);
    if (last !== undefined && now - last < cooldownMs) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    if (this.seen.size > 50_000) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }
}
