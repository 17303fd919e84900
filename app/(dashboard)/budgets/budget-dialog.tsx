"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createBudgetSchema, updateBudgetSchema } from "@/lib/schemas/budget";
import type { ActionResult } from "@/lib/api/with-action";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { createBudgetAction, deleteBudgetAction, updateBudgetAction } from "./actions";
import { defaultsFor, toCreateInput, toUpdateInput, type BudgetFormValues } from "./budget-form-values";
import { BudgetFields } from "./budget-fields";
import { usdToMicros } from "@/lib/money";
import type { UpdateBudgetInput } from "@/lib/schemas/budget";
import type { BudgetView, Optimistic, TreeNode } from "./tree-types";

export type BudgetDialogTarget = { mode: "edit"; budget: BudgetView } | { mode: "create"; node: TreeNode };

type Props = { target: BudgetDialogTarget | null; timezone: string; canOversubscribe: boolean; optimistic: Optimistic; onClose: () => void };

/** What the card can show at once for an edit (the rest arrives with the refreshed page). */
function patchOf(input: UpdateBudgetInput): Partial<BudgetView> {
  const patch: Partial<BudgetView> = {};
  if (input.name !== undefined) patch.name = input.name.trim();
  if (input.enforcement !== undefined) patch.enforcement = input.enforcement;
  if (input.shadow !== undefined) patch.shadow = input.shadow;
  try {
    if (input.limitUsd !== undefined) patch.limitMicros = usdToMicros(input.limitUsd);
  } catch {
    // the server will name the problem
  }
  return patch;
}

export function BudgetDialog({ target, timezone, canOversubscribe, optimistic, onClose }: Props) {
  const title = !target ? "" : target.mode === "edit" ? `Edit budget “${target.budget.name}”` : `New budget for ${target.node.name}`;
  return (
    <Dialog open={target !== null} onClose={onClose} title={title} description={`Windows follow the organization's time zone (${timezone}).`}>
      {target && <BudgetForm key={target.mode === "edit" ? target.budget.id : target.node.key} target={target} canOversubscribe={canOversubscribe} optimistic={optimistic} onDone={onClose} />}
    </Dialog>
  );
}

type FormProps = { target: BudgetDialogTarget; canOversubscribe: boolean; optimistic: Optimistic; onDone: () => void };

function BudgetForm({ target, canOversubscribe, optimistic, onDone }: FormProps) {
  const router = useRouter();
  const { toast } = useToast();
  const [overCeiling, setOverCeiling] = useState<string | null>(null);
  const editing = target.mode === "edit" ? target.budget : null;
  const node = target.mode === "create" ? target.node : null;

  // Remembers an allocation refusal so the form can offer (finance/admin) or explain (lead) it.
  const watchAllocation = async <T,>(run: Promise<ActionResult<T>>) => {
    const result = await run;
    if (!result.ok && result.error.code === "allocation_exceeded") setOverCeiling(result.error.message);
    return result;
  };

  const { form, submit, formError, submitting } = useActionForm({
    schema: editing ? updateBudgetSchema : createBudgetSchema,
    toInput: (v: BudgetFormValues) => (editing ? toUpdateInput(v, editing) : toCreateInput(v, node!)),
    action: async (input) => {
      if (!editing) return watchAllocation(createBudgetAction(input as never));
      // Optimistic: the card shows the new values (marked "saving") while the server decides.
      optimistic.apply({ [editing.id]: patchOf(input as UpdateBudgetInput) });
      const result = await watchAllocation(updateBudgetAction(editing.id, input as never));
      if (!result.ok) optimistic.revert([editing.id]);
      return result;
    },
    defaultValues: defaultsFor(editing, node),
    onSuccess: () => {
      toast(editing ? `Budget “${form.getValues("name")}” saved` : `Budget “${form.getValues("name")}” created`);
      onDone();
      router.refresh();
    },
  });

  async function remove() {
    if (!editing) return;
    if (!window.confirm(`Delete the budget “${editing.name}”? Its window totals go with it.`)) return;
    const result = await deleteBudgetAction(editing.id);
    if (!result.ok) {
      toast(result.error.message, "danger");
      return;
    }
    toast(`Budget “${editing.name}” deleted`);
    onDone();
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError && formError !== overCeiling ? formError : null} />
      <BudgetFields form={form} />
      {overCeiling && (
        <div role="status" className="rounded-md border border-amber-300 bg-warn-soft px-3 py-2 text-sm text-warn">
          <p>{overCeiling.replace(/; send confirmOversubscribe: true to oversubscribe$/, ".")}</p>
          {canOversubscribe ? (
            <label className="mt-2 flex items-center gap-2 font-medium">
              <input type="checkbox" className="h-4 w-4" {...form.register("confirmOversubscribe")} />
              Oversubscribe the ceiling anyway (recorded in the audit log)
            </label>
          ) : (
            <p className="mt-1">Ask finance to raise the team budget, or move budget from another member first.</p>
          )}
        </div>
      )}
      <div className="flex items-center justify-end gap-2">
        {editing?.canDelete && (
          <Button variant="dangerGhost" className="mr-auto" onClick={remove}>
            Delete
          </Button>
        )}
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : editing ? "Save budget" : "Create budget"}
        </Button>
      </div>
    </form>
  );
}
