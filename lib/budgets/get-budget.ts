import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import type { BudgetOut } from "@/lib/schemas/budget";
import { visibleBudgetsWhere } from "./access";
import { budgetInclude, currentWindows, orgTimezone, toBudgetOut } from "./budget-row";

export async function getBudget(actor: Actor, id: string, opts: { now?: Date } = {}): Promise<BudgetOut> {
  requirePermission(actor, "budget:read");
  const row = await db.budget.findFirst({ where: { id, ...visibleBudgetsWhere(actor) }, include: budgetInclude });
  if (!row) throw notFound("budget");
  const timezone = await orgTimezone(db, actor.orgId);
  const current = (await currentWindows(db, [row], timezone, opts.now ?? new Date())).get(row.id)!;
  return toBudgetOut(row, current);
}
