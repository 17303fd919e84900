import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import type { UpdateBudget } from "@/lib/schemas/budget";
import { assertCanManage, visibleBudgetsWhere } from "./access";
import { guardAllocation } from "./allocation-guard";
import { budgetInclude, budgetSnapshot, currentWindows, changeNode, entityOf, orgTimezone, toBudgetOut } from "./budget-row";
import { updateColumns } from "./budget-data";
import type { BudgetMutation } from "./create-budget";

export async function updateBudget(actor: Actor, id: string, input: UpdateBudget, opts: { now?: Date; tx?: Tx } = {}): Promise<BudgetMutation> {
  requirePermission(actor, "budget:update");
  const now = opts.now ?? new Date();
  const run = async (tx: Tx): Promise<BudgetMutation> => {
    await bumpPolicyVersion(tx, actor.orgId);
    const existing = await tx.budget.findFirst({ where: { id, ...visibleBudgetsWhere(actor) }, include: budgetInclude });
    if (!existing) throw notFound("budget");
    const entity = entityOf(existing);
    assertCanManage(actor, entity, "budget:update");
    const timezone = await orgTimezone(tx, actor.orgId);
    const columns = updateColumns(input, existing, timezone, now);
    const merged = { ...existing, ...columns };
    const { oversubscribed, allocation } = await guardAllocation(
      tx,
      actor,
      [{ before: changeNode(existing, entity), after: changeNode(merged, entity) }],
      input.confirmOversubscribe === true,
      "limitUsd",
    );
    const row = await tx.budget.update({ where: { id: existing.id }, data: columns, include: budgetInclude });
    await recordAudit(tx, {
      actor,
      action: "budget.update",
      entityType: "budget",
      entityId: row.id,
      before: budgetSnapshot(existing),
      after: budgetSnapshot(row),
      note: oversubscribed ? "oversubscribed (confirmed)" : null,
    });
    const current = (await currentWindows(tx, [row], timezone, now)).get(row.id)!;
    return { ...toBudgetOut(row, current), oversubscribed, allocation };
  };
  return opts.tx ? run(opts.tx) : db.$transaction(run);
}
