"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { formatUsd, usdToMicros } from "@/lib/money";
import { reallocateBudgetSchema } from "@/lib/schemas/budget";
import { numberOrNull, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { reallocateBudgetAction } from "./actions";
import { moveTargets, previewMove } from "./reallocation-preview";
import type { BudgetView, Optimistic, TreeNode } from "./tree-types";

type Listed = BudgetView & { path: string };
type Props = { from: BudgetView | null; budgets: Listed[]; tree: TreeNode; canOversubscribe: boolean; optimistic: Optimistic; onClose: () => void };
type FormProps = Omit<Props, "from" | "onClose"> & { from: BudgetView; onDone: () => void };
type Values = { toBudgetId: string; amountUsd: string; note: string; confirmOversubscribe: boolean };

export function ReallocateDialog({ from, budgets, tree, canOversubscribe, optimistic, onClose }: Props) {
  return (
    <Dialog open={from !== null} onClose={onClose} title={from ? `Move budget from “${from.name}”` : ""} description="Moves part of one limit to another budget of the same period, in one step, recorded in the audit log with your note.">
      {from && <MoveForm key={from.id} from={from} budgets={budgets} tree={tree} canOversubscribe={canOversubscribe} optimistic={optimistic} onDone={onClose} />}
    </Dialog>
  );
}

function micros(text: string): bigint {
  try {
    return text.trim() ? usdToMicros(text.trim()) : 0n;
  } catch {
    return 0n;
  }
}

function teamName(tree: TreeNode, teamId: string): string {
  return tree.children.find((c) => c.level === "team" && c.entityId === teamId)?.name ?? "Team";
}

function MoveForm({ from, budgets, tree, canOversubscribe, optimistic, onDone }: FormProps) {
  const router = useRouter();
  const { toast } = useToast();
  const [overCeiling, setOverCeiling] = useState<string | null>(null);
  const targets = moveTargets(budgets, from);
  const { form, submit, formError, submitting } = useActionForm({
    schema: reallocateBudgetSchema,
    toInput: (v: Values) => ({
      fromBudgetId: from.id,
      toBudgetId: v.toBudgetId,
      amountUsd: numberOrNull(v.amountUsd) as number,
      note: v.note,
      ...(v.confirmOversubscribe ? { confirmOversubscribe: true } : {}),
    }),
    action: async (input) => {
      // Optimistic: both cards show their new limits (marked "saving") while the server decides.
      const to = targets.find((t) => t.id === input.toBudgetId);
      const amount = micros(String(input.amountUsd));
      if (to && amount > 0n) optimistic.apply({ [from.id]: { limitMicros: from.limitMicros - amount }, [to.id]: { limitMicros: to.limitMicros + amount } });
      const result = await reallocateBudgetAction(input);
      if (!result.ok) {
        optimistic.revert([from.id, input.toBudgetId]);
        if (result.error.code === "allocation_exceeded") setOverCeiling(result.error.message);
      }
      return result;
    },
    defaultValues: { toBudgetId: targets[0]?.id ?? "", amountUsd: "", note: "", confirmOversubscribe: false },
    onSuccess: () => {
      const to = targets.find((t) => t.id === form.getValues("toBudgetId"));
      toast(`Moved ${formatUsd(micros(form.getValues("amountUsd")))} from “${from.name}” to “${to?.name ?? "budget"}”`);
      onDone();
      router.refresh();
    },
  });
  const err = form.formState.errors;
  const to = targets.find((t) => t.id === form.watch("toBudgetId"));
  const amount = micros(form.watch("amountUsd"));
  const preview = to ? previewMove(budgets, from, to, amount) : null;

  if (targets.length === 0) {
    return (
      <div className="space-y-4 text-sm">
        <p>There is no other {from.periodLabel.toLowerCase()} budget you may move this amount to.</p>
        <div className="flex justify-end">
          <Button variant="secondary" onClick={onDone}>
            Close
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError && formError !== overCeiling ? formError : null} />
      <Field id="move-to" label={`To (${from.periodLabel.toLowerCase()} budgets)`} error={err.toBudgetId?.message}>
        <Select {...form.register("toBudgetId")}>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} — {t.path} ({formatUsd(t.limitMicros)})
            </option>
          ))}
        </Select>
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <Field id="move-amount" label="Amount (USD)" error={err.amountUsd?.message} hint={`At most ${formatUsd(from.limitMicros)}.`}>
          <Input inputMode="decimal" autoComplete="off" {...form.register("amountUsd")} />
        </Field>
        <Field id="move-note" label="Note (why)" error={err.note?.message} hint="Kept in the audit log.">
          <Input autoComplete="off" {...form.register("note")} />
        </Field>
      </div>
      {preview && to && (
        <table className="w-full text-sm tabular" data-testid="move-preview">
          <caption className="sr-only">Limits before and after the move</caption>
          <thead>
            <tr className="text-left text-xs text-ink-muted">
              <th scope="col" className="py-1 font-medium">Budget</th>
              <th scope="col" className="py-1 text-right font-medium">Before</th>
              <th scope="col" className="py-1 text-right font-medium">After</th>
            </tr>
          </thead>
          <tbody>
            <tr className="border-t border-line">
              <th scope="row" className="py-1.5 text-left font-normal">{from.name}</th>
              <td className="py-1.5 text-right">{formatUsd(preview.from.beforeMicros)}</td>
              <td className="py-1.5 text-right font-medium">{formatUsd(preview.from.afterMicros)}</td>
            </tr>
            <tr className="border-t border-line">
              <th scope="row" className="py-1.5 text-left font-normal">{to.name}</th>
              <td className="py-1.5 text-right">{formatUsd(preview.to.beforeMicros)}</td>
              <td className="py-1.5 text-right font-medium">{formatUsd(preview.to.afterMicros)}</td>
            </tr>
            {preview.teams.map((t) => (
              <tr key={t.teamId} className="border-t border-line text-ink-muted">
                <th scope="row" className="py-1.5 text-left font-normal">
                  {teamName(tree, t.teamId)} allocated ({t.periodLabel.toLowerCase()})
                  {t.ceilingMicros !== null && <> of {formatUsd(t.ceilingMicros)}</>}
                </th>
                <td className="py-1.5 text-right">{formatUsd(t.beforeMicros)}</td>
                <td className="py-1.5 text-right">
                  {formatUsd(t.afterMicros)}
                  <span className="block text-xs" data-testid="allocatable">
                    {t.allocatableAfterMicros === null
                      ? "no team ceiling"
                      : t.allocatableAfterMicros >= 0n
                        ? `${formatUsd(t.allocatableAfterMicros)} still allocatable`
                        : `${formatUsd(-t.allocatableAfterMicros)} over the ceiling`}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {overCeiling && (
        <div role="status" className="rounded-md border border-amber-300 bg-warn-soft px-3 py-2 text-sm text-warn">
          <p>{overCeiling.replace(/; send confirmOversubscribe: true to oversubscribe$/, ".")}</p>
          {canOversubscribe ? (
            <label className="mt-2 flex items-center gap-2 font-medium">
              <input type="checkbox" className="h-4 w-4" {...form.register("confirmOversubscribe")} />
              Oversubscribe the ceiling anyway (recorded in the audit log)
            </label>
          ) : (
            <p className="mt-1">A team lead can only move budget within the team ceiling.</p>
          )}
        </div>
      )}
      <FormActions onCancel={onDone} submitting={submitting} submitLabel="Move budget" pendingLabel="Moving…" />
    </form>
  );
}
