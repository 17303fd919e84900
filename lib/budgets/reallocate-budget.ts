// Moves an amount from one budget's limit to another's, atomically, with ONE audit entry that says who
// moved what and why. Both budgets must have the same period (moving $100/day into a monthly budget is
// not a move); the source cannot go below zero; the allocation rule applies to the pair as one change.
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import { microsToUsd } from "@/lib/money";
import type { ReallocateBudget, ReallocationOut } from "@/lib/schemas/budget";
import { assertCanManage, visibleBudgetsWhere } from "./access";
import { periodKey } from "./allocation";
import { guardAllocation } from "./allocation-guard";
import { budgetInclude, budgetSnapshot, currentWindows, changeNode, entityOf, orgTimezone, toBudgetOut, type BudgetRow } from "./budget-row";
import { microsOf } from "./budget-data";

const brief = (b: BudgetRow) => ({ id: b.id, name: b.name, scope: budgetSnapshot(b).scope, limitUsd: microsToUsd(b.limitMicros) });

export async function reallocateBudget(actor: Actor, input: ReallocateBudget, opts: { now?: Date; tx?: Tx } = {}): Promise<ReallocationOut> {
  requirePermission(actor, "budget:reallocate");
  const now = opts.now ?? new Date();
  const amount = microsOf(input.amountUsd, "amountUsd");
  if (amount <= 0n) throw invalid("amountUsd", "must be greater than 0");
  const run = async (tx: Tx): Promise<ReallocationOut> => {
    await bumpPolicyVersion(tx, actor.orgId);
    const visible = visibleBudgetsWhere(actor);
    const [from, to] = await Promise.all([
      tx.budget.findFirst({ where: { id: input.fromBudgetId, ...visible }, include: budgetInclude }),
      tx.budget.findFirst({ where: { id: input.toBudgetId, ...visible }, include: budgetInclude }),
    ]);
    if (!from) throw notFound("fromBudgetId budget");
    if (!to) throw notFound("toBudgetId budget");
    const fromEntity = entityOf(from);
    const toEntity = entityOf(to);
    assertCanManage(actor, fromEntity, "budget:reallocate");
    assertCanManage(actor, toEntity, "budget:reallocate");
    if (periodKey(from) !== periodKey(to)) {
      throw invalid("toBudgetId", `must have the same period as the source budget (${periodKey(from)}, not ${periodKey(to)})`);
    }
    if (amount > from.limitMicros) {
      throw invalid("amountUsd", `at most the source budget's limit ($${microsToUsd(from.limitMicros)})`);
    }
    const fromAfter = { ...from, limitMicros: from.limitMicros - amount };
    const toAfter = { ...to, limitMicros: to.limitMicros + amount };
    const { oversubscribed, allocation } = await guardAllocation(
      tx,
      actor,
      [
        { before: changeNode(from, fromEntity), after: changeNode(fromAfter, fromEntity) },
        { before: changeNode(to, toEntity), after: changeNode(toAfter, toEntity) },
      ],
      input.confirmOversubscribe === true,
      "amountUsd",
    );
    // Relative updates: the rows are locked by these writes, and the amounts cannot drift.
    const [fromRow, toRow] = [
      await tx.budget.update({ where: { id: from.id }, data: { limitMicros: { decrement: amount } }, include: budgetInclude }),
      await tx.budget.update({ where: { id: to.id }, data: { limitMicros: { increment: amount } }, include: budgetInclude }),
    ];
    if (fromRow.limitMicros < 0n) throw invalid("amountUsd", "at most the source budget's limit");
    const note = input.note ?? "";
    await recordAudit(tx, {
      actor,
      action: "budget.reallocate",
      entityType: "budget",
      entityId: from.id,
      before: { from: brief(from), to: brief(to) },
      after: { from: brief(fromRow), to: brief(toRow), amountUsd: microsToUsd(amount), oversubscribed },
      note: note || null,
    });
    const timezone = await orgTimezone(tx, actor.orgId);
    const current = await currentWindows(tx, [fromRow, toRow], timezone, now);
    return {
      from: toBudgetOut(fromRow, current.get(fromRow.id)!),
      to: toBudgetOut(toRow, current.get(toRow.id)!),
      amountUsd: microsToUsd(amount),
      note,
      oversubscribed,
      allocation,
    };
  };
  return opts.tx ? run(opts.tx) : db.$transaction(run);
}
