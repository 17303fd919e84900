// The decision over every budget on a key's chain. Pure: counters in, verdict out. The ledger calls
// it while holding its counters still, which is what makes check-and-reserve atomic.
import type { PeriodSpec } from "./windows";

export type Level = "org" | "team" | "user" | "key";
export const LEVEL_ORDER: Record<Level, number> = { key: 0, user: 1, team: 2, org: 3 };

export type BudgetPolicy = PeriodSpec & {
  id: string;
  name: string;
  level: Level;
  limitMicros: bigint;
  enforcement: "hard" | "soft";
  shadow: boolean;
  filterModel: string | null;
  filterProvider: string | null;
  filterTagKey: string | null;
  filterTagValue: string | null;
  alertThresholds: number[];
  alertCooldownMinutes: number;
};

export type RequestAttrs = { model: string; provider: string; tags: Record<string, string> };

/** A budget counts a request only if every filter it sets matches (case-insensitive model/provider). */
export function appliesTo(b: BudgetPolicy, r: RequestAttrs): boolean {
  if (b.filterModel && b.filterModel.toLowerCase() !== r.model.toLowerCase()) return false;
  if (b.filterProvider && b.filterProvider.toLowerCase() !== r.provider.toLowerCase()) return false;
  if (b.filterTagKey) {
    const v = r.tags[b.filterTagKey];
    if (v === undefined) return false;
    if (b.filterTagValue !== null && b.filterTagValue !== v) return false;
  }
  return true;
}

export type BudgetState = {
  budget: BudgetPolicy;
  windowStart: Date;
  windowEnd: Date;
  spent: bigint;
  reserved: bigint;
};

export type Decision = {
  allow: boolean;
  /** The hard budget named in the denial: the one with the least headroom (most restrictive). */
  binding: BudgetState | null;
  /** Soft budgets this request takes (or keeps) over their limit. */
  softExceeded: BudgetState[];
  /** Shadow budgets that would have denied this request. */
  wouldDeny: BudgetState[];
};

const over = (s: BudgetState, estimate: bigint) => s.spent + s.reserved + estimate > s.budget.limitMicros;
const headroom = (s: BudgetState) => s.budget.limitMicros - s.spent - s.reserved;

/** True when this state can deny a request (hard and not shadow). */
export const isBlocking = (b: BudgetPolicy) => b.enforcement === "hard" && !b.shadow;

export function decide(states: BudgetState[], estimate: bigint): Decision {
  let binding: BudgetState | null = null;
  const softExceeded: BudgetState[] = [];
  const wouldDeny: BudgetState[] = [];
  // Check all of them: the most restrictive wins, and soft/shadow outcomes are reported either way.
  for (const s of states) {
    if (!over(s, estimate)) continue;
    if (s.budget.shadow) wouldDeny.push(s);
    else if (s.budget.enforcement === "soft") softExceeded.push(s);
    else if (
      !binding ||
      headroom(s) < headroom(binding) ||
      (headroom(s) === headroom(binding) && LEVEL_ORDER[s.budget.level] < LEVEL_ORDER[binding.budget.level])
    ) {
      binding = s;
    }
  }
  return { allow: binding === null, binding, softExceeded, wouldDeny };
}
