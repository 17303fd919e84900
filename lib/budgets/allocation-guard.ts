// Applies the allocation rule (allocation.ts) to a set of budget changes, reading the affected
// teams' budgets inside the mutation's transaction. Callers bump the org's policyVersion first, which
// locks the org row (PostgreSQL) or takes the write lock (SQLite), so two concurrent changes cannot
// both pass the check against the same stale allocation.
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { ApiError } from "@/lib/api/errors";
import { microsToUsd } from "@/lib/money";
import type { AllocationInfo } from "@/lib/schemas/budget";
import { allocationChecks, decideAll, periodKey, type AllocNode, type AllocationCheck } from "./allocation";
import { budgetInclude, entityOf, nodeOf } from "./budget-row";

export type PeriodFields = { period: string; customEvery: number | null; customUnit: string | null };
export type NodeChange = { before: (AllocNode & PeriodFields) | null; after: (AllocNode & PeriodFields) | null };

/** 409 with the numbers: which parent, which period, its ceiling and the allocation it would reach. */
export class AllocationExceededError extends ApiError {
  constructor(message: string, path: string, public details: AllocationInfo) {
    super("allocation_exceeded", 409, message, [{ path, code: "allocation_exceeded", message }]);
  }
}

const usd = (m: bigint | null) => (m === null ? null : microsToUsd(m));

function info(c: AllocationCheck): AllocationInfo {
  return { level: c.level, scopeId: c.scopeId, period: c.period, ceilingUsd: usd(c.ceilingMicros), allocatedUsd: microsToUsd(c.afterMicros) };
}

function periodWhere(p: PeriodFields): Prisma.BudgetWhereInput {
  return p.period === "custom"
    ? { period: "custom", customEvery: p.customEvery, customUnit: p.customUnit as "hours" | "days" }
    : { period: p.period as "daily" | "weekly" | "monthly" };
}

async function loadNodes(tx: Tx, orgId: string, p: PeriodFields, teamIds: string[]): Promise<AllocNode[]> {
  const rows = await tx.budget.findMany({
    where: {
      orgId,
      ...periodWhere(p),
      OR: [{ teamId: { in: teamIds } }, { user: { teamId: { in: teamIds } } }, { apiKey: { teamId: { in: teamIds } } }],
    },
    include: budgetInclude,
  });
  return rows.map((b) => nodeOf(b, entityOf(b)));
}

function explain(c: AllocationCheck, reason: string): string {
  const parent = c.level === "team" ? `team ${c.scopeId}` : `user ${c.scopeId}`;
  const after = `$${microsToUsd(c.afterMicros)}`;
  if (reason === "no_ceiling") {
    return `team ${c.scopeId} has no ${c.period} budget, so a lead cannot allocate ${c.period} budgets in it (would allocate ${after}); ask finance to set a team budget`;
  }
  const ceiling = `$${usd(c.ceilingMicros)}`;
  const tail = reason === "needs_confirmation" ? "; send confirmOversubscribe: true to oversubscribe" : "";
  return `${parent}'s ${c.period} allocation would be ${after}, above its ceiling of ${ceiling}${tail}`;
}

/**
 * Checks the changes against the rule for the actor's role. Returns the allocations touched (for the
 * answer) and whether a ceiling was knowingly exceeded; throws AllocationExceededError otherwise.
 */
export async function guardAllocation(
  tx: Tx,
  actor: Pick<Actor, "orgId" | "role">,
  changes: NodeChange[],
  confirmOversubscribe: boolean,
  path: string,
): Promise<{ oversubscribed: boolean; allocation: AllocationInfo[] }> {
  const byPeriod = new Map<string, { fields: PeriodFields; before: AllocNode[]; after: AllocNode[] }>();
  for (const c of changes) {
    for (const [side, n] of [["before", c.before], ["after", c.after]] as const) {
      if (!n) continue;
      const key = periodKey(n);
      const entry = byPeriod.get(key) ?? { fields: n, before: [], after: [] };
      entry[side].push(n);
      byPeriod.set(key, entry);
    }
  }
  const checks: AllocationCheck[] = [];
  for (const [key, group] of byPeriod) {
    const teamIds = [...new Set([...group.before, ...group.after].map((n) => n.teamId).filter((t): t is string => !!t))];
    if (!teamIds.length) continue; // org budgets have no allocation parent
    const stored = await loadNodes(tx, actor.orgId, group.fields, teamIds);
    const changedIds = new Set([...group.before, ...group.after].map((n) => n.budgetId));
    const after = [...stored.filter((n) => !changedIds.has(n.budgetId)), ...group.after];
    checks.push(...allocationChecks(stored, after, [...group.before, ...group.after], key));
  }
  const decision = decideAll(actor.role, checks, confirmOversubscribe);
  if (!decision.ok) throw new AllocationExceededError(explain(decision.check, decision.reason), path, info(decision.check));
  return { oversubscribed: decision.oversubscribed, allocation: checks.map(info) };
}
