"use server";
import { withAction } from "@/lib/api/with-action";
import { idSchema } from "@/lib/schemas/common";
import {
  createBudgetSchema,
  reallocateBudgetSchema,
  updateBudgetSchema,
  type CreateBudgetInput,
  type ReallocateBudgetInput,
  type UpdateBudgetInput,
} from "@/lib/schemas/budget";
import { createBudget } from "@/lib/budgets/create-budget";
import { updateBudget } from "@/lib/budgets/update-budget";
import { deleteBudget } from "@/lib/budgets/delete-budget";
import { reallocateBudget } from "@/lib/budgets/reallocate-budget";

// Same domain functions, checks and audit as /api/v1/budgets. An allocation refusal comes back as
// error.code "allocation_exceeded" with the numbers in the message (the form offers to oversubscribe).
const revalidate = ["/budgets"];

export async function createBudgetAction(input: CreateBudgetInput) {
  return withAction((actor) => createBudget(actor, createBudgetSchema.parse(input)), { revalidate });
}

export async function updateBudgetAction(id: string, input: UpdateBudgetInput) {
  return withAction((actor) => updateBudget(actor, idSchema.parse(id), updateBudgetSchema.parse(input)), { revalidate });
}

export async function deleteBudgetAction(id: string, confirmOversubscribe = false) {
  return withAction((actor) => deleteBudget(actor, idSchema.parse(id), { confirmOversubscribe: confirmOversubscribe === true }), { revalidate });
}

export async function reallocateBudgetAction(input: ReallocateBudgetInput) {
  return withAction((actor) => reallocateBudget(actor, reallocateBudgetSchema.parse(input)), { revalidate });
}
