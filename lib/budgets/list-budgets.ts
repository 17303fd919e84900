import type { Prisma } from "@/lib/generated/sqlite/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { pageArgs, pageOf } from "@/lib/api/paginate";
import type { BudgetListQuery, BudgetOut } from "@/lib/schemas/budget";
import { visibleBudgetsWhere } from "./access";
import { budgetInclude, currentWindows, orgTimezone, toBudgetOut } from "./budget-row";

function scopeIdWhere(level: BudgetListQuery["level"], scopeId: string, orgId: string): Prisma.BudgetWhereInput {
  switch (level) {
    case "org":
      return scopeId === orgId ? {} : { id: { in: [] } };
    case "team":
      return { teamId: scopeId };
    case "user":
      return { userId: scopeId };
    case "key":
      return { apiKeyId: scopeId };
    default:
      return scopeId === orgId ? { level: "org" } : { OR: [{ teamId: scopeId }, { userId: scopeId }, { apiKeyId: scopeId }] };
  }
}

/** Budgets the actor may read, newest first, each with its current window's usage. */
export async function listBudgets(
  actor: Actor,
  query: BudgetListQuery,
  opts: { now?: Date } = {},
): Promise<{ items: BudgetOut[]; nextCursor: string | null }> {
  requirePermission(actor, "budget:read");
  const where: Prisma.BudgetWhereInput = {
    AND: [
      visibleBudgetsWhere(actor),
      query.level ? { level: query.level } : {},
      query.period ? { period: query.period } : {},
      query.scopeId ? scopeIdWhere(query.level, query.scopeId, actor.orgId) : {},
    ],
  };
  const rows = await db.budget.findMany({ where, include: budgetInclude, ...pageArgs(query) });
  const timezone = await orgTimezone(db, actor.orgId);
  const current = await currentWindows(db, rows, timezone, opts.now ?? new Date());
  return pageOf(rows, query, (row) => toBudgetOut(row, current.get(row.id)!));
}
