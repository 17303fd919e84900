// What a move would do, computed in the browser with the server's own allocation rule, so the dialog
// can show before/after and the amount still allocatable before anything is sent.
import { teamAllocation, type AllocNode } from "@/lib/budgets/allocation";
import type { BudgetView } from "./tree-types";

export type TeamImpact = {
  teamId: string;
  periodLabel: string;
  ceilingMicros: bigint | null;
  beforeMicros: bigint;
  afterMicros: bigint;
  /** Ceiling minus allocation after the move (negative: oversubscribed). Null without a ceiling. */
  allocatableAfterMicros: bigint | null;
};

export type Preview = {
  from: { beforeMicros: bigint; afterMicros: bigint };
  to: { beforeMicros: bigint; afterMicros: bigint };
  teams: TeamImpact[];
  valid: boolean;
};

function nodeOf(b: BudgetView, limitMicros = b.limitMicros): AllocNode {
  return {
    budgetId: b.id,
    level: b.level,
    teamId: b.teamId,
    userId: b.userId,
    keyId: b.level === "key" ? b.scopeId : null,
    limitMicros,
    counts: !b.shadow && !b.filters.model && !b.filters.provider && !b.filters.tag,
  };
}

export function previewMove(all: BudgetView[], from: BudgetView, to: BudgetView, amount: bigint): Preview {
  const samePeriod = all.filter((b) => b.periodKey === from.periodKey);
  const before = samePeriod.map((b) => nodeOf(b));
  const after = samePeriod.map((b) =>
    b.id === from.id ? nodeOf(b, b.limitMicros - amount) : b.id === to.id ? nodeOf(b, b.limitMicros + amount) : nodeOf(b),
  );
  const teamIds = [...new Set([from.teamId, to.teamId].filter((t): t is string => !!t))];
  const teams = teamIds.map((teamId) => {
    const b = teamAllocation(before, teamId);
    const a = teamAllocation(after, teamId);
    return {
      teamId,
      periodLabel: from.periodLabel,
      ceilingMicros: a.ceilingMicros,
      beforeMicros: b.allocatedMicros,
      afterMicros: a.allocatedMicros,
      allocatableAfterMicros: a.ceilingMicros === null ? null : a.ceilingMicros - a.allocatedMicros,
    };
  });
  return {
    from: { beforeMicros: from.limitMicros, afterMicros: from.limitMicros - amount },
    to: { beforeMicros: to.limitMicros, afterMicros: to.limitMicros + amount },
    teams,
    valid: amount > 0n && amount <= from.limitMicros,
  };
}

const LEVEL_RANK = { org: 0, team: 1, user: 2, key: 3 } as const;

/**
 * Budgets the amount may go to: same period, movable by this actor, not the source itself. Siblings
 * first (same team, same level), since moving between members is the everyday case.
 */
export function moveTargets<T extends BudgetView>(all: T[], from: BudgetView): T[] {
  const rank = (b: BudgetView) => (b.teamId === from.teamId ? 0 : 10) + Math.abs(LEVEL_RANK[b.level] - LEVEL_RANK[from.level]);
  return all
    .filter((b) => b.id !== from.id && b.canReallocate && b.periodKey === from.periodKey)
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
