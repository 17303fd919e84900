import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import { assertCanManage, visibleBudgetsWhere } from "./access";
import { guardAllocation } from "./allocation-guard";
import { budgetInclude, budgetSnapshot, changeNode, entityOf } from "./budget-row";

/**
 * Deletes a budget (its window totals go with it). Deleting a user's budget can grow the team's
 * allocation (their keys then count for the team), so the allocation rule applies here too.
 */
export async function deleteBudget(
  actor: Actor,
  id: string,
  opts: { confirmOversubscribe?: boolean; tx?: Tx } = {},
): Promise<{ id: string; deleted: true }> {
  requirePermission(actor, "budget:delete");
  const run = async (tx: Tx) => {
    await bumpPolicyVersion(tx, actor.orgId);
    const existing = await tx.budget.findFirst({ where: { id, ...visibleBudgetsWhere(actor) }, include: budgetInclude });
    if (!existing) throw notFound("budget");
    const entity = entityOf(existing);
    assertCanManage(actor, entity, "budget:delete");
    await guardAllocation(tx, actor, [{ before: changeNode(existing, entity), after: null }], opts.confirmOversubscribe === true, "id");
    await tx.budget.delete({ where: { id: existing.id } });
    await recordAudit(tx, { actor, action: "budget.delete", entityType: "budget", entityId: existing.id, before: budgetSnapshot(existing) });
    return { id: existing.id, deleted: true as const };
  };
  return opts.tx ? run(opts.tx) : db.$transaction(run);
}
