import { withApi } from "@/lib/api/with-api";
import { reallocateBudget } from "@/lib/budgets/reallocate-budget";
import { withAllocationDetails } from "@/lib/budgets/allocation-response";
import { reallocateBudgetSchema } from "@/lib/schemas/budget";

export const POST = withApi({ permission: "budget:reallocate", body: reallocateBudgetSchema }, ({ actor, body }) =>
  withAllocationDetails(() => reallocateBudget(actor, body)),
);
