import { z } from "zod";
import { withApi } from "@/lib/api/with-api";
import { getBudget } from "@/lib/budgets/get-budget";
import { updateBudget } from "@/lib/budgets/update-budget";
import { deleteBudget } from "@/lib/budgets/delete-budget";
import { withAllocationDetails } from "@/lib/budgets/allocation-response";
import { updateBudgetSchema } from "@/lib/schemas/budget";

const deleteQuerySchema = z.strictObject({
  confirmOversubscribe: z.enum(["true", "false"], { message: "must be true or false" }).optional(),
});

export const GET = withApi({ permission: "budget:read" }, ({ actor, params }) => getBudget(actor, params.id));
export const PATCH = withApi({ permission: "budget:update", body: updateBudgetSchema }, ({ actor, params, body }) =>
  withAllocationDetails(() => updateBudget(actor, params.id, body)),
);
export const DELETE = withApi({ permission: "budget:delete", query: deleteQuerySchema }, ({ actor, params, query }) =>
  withAllocationDetails(() => deleteBudget(actor, params.id, { confirmOversubscribe: query.confirmOversubscribe === "true" })),
);
