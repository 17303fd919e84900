import { created, withApi } from "@/lib/api/with-api";
import { createBudget } from "@/lib/budgets/create-budget";
import { listBudgets } from "@/lib/budgets/list-budgets";
import { withAllocationDetails } from "@/lib/budgets/allocation-response";
import { budgetListQuerySchema, createBudgetSchema } from "@/lib/schemas/budget";

export const GET = withApi({ permission: "budget:read", query: budgetListQuerySchema }, ({ actor, query }) => listBudgets(actor, query));
export const POST = withApi({ permission: "budget:create", body: createBudgetSchema }, ({ actor, body }) =>
  withAllocationDetails(async () => created(await createBudget(actor, body))),
);
