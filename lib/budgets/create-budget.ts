import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import type { AllocationInfo, BudgetOut, CreateBudget } from "@/lib/schemas/budget";
import { assertCanManage } from "./access";
import { guardAllocation } from "./allocation-guard";
import { budgetInclude, budgetSnapshot, changeNode, currentWindows, orgTimezone, toBudgetOut } from "./budget-row";
import { createColumns } from "./budget-data";
import { resolveScope } from "./resolve-scope";

export type BudgetMutation = BudgetOut & { oversubscribed: boolean; allocation: AllocationInfo[] };

export async function createBudget(actor: Actor, input: CreateBudget, opts: { now?: Date; tx?: Tx } = {}): Promise<BudgetMutation> {
  requirePermission(actor, "budget:create");
  const now = opts.now ?? new Date();
  const run = async (tx: Tx): Promise<BudgetMutation> => {
    // First write of the transaction: serializes budget changes of this org (see allocation-guard).
    await bumpPolicyVersion(tx, actor.orgId);
    const timezone = await orgTimezone(tx, actor.orgId);
    const entity = await resolveScope(tx, actor.orgId, input.scope.level, input.scope.id);
    assertCanManage(actor, entity, "budget:create");
    const columns = createColumns(input, timezone, now);
    const draft = { id: "(new)", ...columns };
    const { oversubscribed, allocation } = await guardAllocation(
      tx,
      actor,
      [{ before: null, after: changeNode(draft, entity) }],
      input.confirmOversubscribe === true,
      "limitUsd",
    );
    const row = await tx.budget.create({
      data: {
        orgId: actor.orgId,
        level: entity.level,
        teamId: entity.level === "team" ? entity.id : null,
        userId: entity.level === "user" ? entity.id : null,
        apiKeyId: entity.level === "key" ? entity.id : null,
        ...columns,
      },
      include: budgetInclude,
    });
    const after = budgetSnapshot(row);
    await recordAudit(tx, {
      actor,
      action: "budget.create",
      entityType: "budget",
      entityId: row.id,
      after,
      note: oversubscribed ? "oversubscribed (confirmed)" : null,
    });
    const current = (await currentWindows(tx, [row], timezone, now)).get(row.id)!;
    return { ...toBudgetOut(row, current), oversubscribed, allocation };
  };
  return opts.tx ? run(opts.tx) : db.$transaction(run);
}
