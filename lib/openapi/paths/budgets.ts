// OpenAPI description of /api/v1/budgets, /api/v1/budgets/{id} and /api/v1/budgets/reallocate.
import { z } from "zod";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { errorSchema, listOf } from "@/lib/schemas/common";
import {
  allocationInfoSchema,
  budgetListQuerySchema,
  budgetMutationSchema,
  budgetSchema,
  createBudgetSchema,
  reallocateBudgetSchema,
  reallocationSchema,
  updateBudgetSchema,
} from "@/lib/schemas/budget";

const err = (description: string) => ({ description, content: { "application/json": { schema: errorSchema } } });
const allocationError = {
  description:
    "allocation_exceeded: the change would take a team's (or user's) allocation above its ceiling. `error.allocation` " +
    "names the parent, its ceiling and the allocation the change would reach. Finance, admins and owners may resend " +
    "with confirmOversubscribe: true; a team lead may not.",
  content: {
    "application/json": {
      schema: z.object({
        error: z.object({
          code: z.literal("allocation_exceeded"),
          message: z.string(),
          issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
          allocation: allocationInfoSchema,
        }),
      }),
    },
  },
};
const common = { 401: err("Not signed in and no valid admin token"), 403: err("Not allowed for this role or this budget") };
const idParam = z.object({ id: z.string().meta({ description: "Budget id" }) });
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

const rule =
  "Allocation rule (DESIGN §3): for one period, the limits of a team's user and key budgets (a key counted inside " +
  "its user's budget when the user has one) must stay within the team's own budget of that period; a user's key " +
  "budgets within the user's budget. Leads change only their team's user and key budgets, within the ceiling; " +
  "finance, admins and owners may oversubscribe with confirmOversubscribe: true.";

export function registerBudgetPaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "get",
    path: "/api/v1/budgets",
    tags: ["budgets"],
    summary: "List budgets with their current window usage",
    request: { query: budgetListQuerySchema },
    responses: { 200: { description: "A page of budgets", content: json(listOf(budgetSchema)) }, 400: err("A query parameter is invalid"), ...common },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/budgets",
    tags: ["budgets"],
    summary: "Create a budget",
    description: rule,
    request: { body: { content: json(createBudgetSchema) } },
    responses: {
      201: { description: "The budget, with `oversubscribed` and the allocations it touched", content: json(budgetMutationSchema) },
      400: err("A field is invalid (named in error.issues[].path)"),
      404: err("The scope entity does not exist in your organization"),
      409: allocationError,
      ...common,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/budgets/{id}",
    tags: ["budgets"],
    summary: "Read a budget with its current window usage",
    request: { params: idParam },
    responses: { 200: { description: "The budget", content: json(budgetSchema) }, 404: err("No such budget visible to you"), ...common },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/budgets/{id}",
    tags: ["budgets"],
    summary: "Change a budget",
    description: `${rule} The scope of a budget cannot change; move money with reallocate instead.`,
    request: { params: idParam, body: { content: json(updateBudgetSchema) } },
    responses: {
      200: { description: "The budget", content: json(budgetMutationSchema) },
      400: err("A field is invalid"),
      404: err("No such budget visible to you"),
      409: allocationError,
      ...common,
    },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/v1/budgets/{id}",
    tags: ["budgets"],
    summary: "Delete a budget",
    description: "Deleting a user's budget can grow the team's allocation (their keys then count for the team); the rule applies.",
    request: { params: idParam, query: z.object({ confirmOversubscribe: z.enum(["true", "false"]).optional() }) },
    responses: {
      200: { description: "Deleted", content: json(z.object({ id: z.string(), deleted: z.literal(true) })) },
      404: err("No such budget visible to you"),
      409: allocationError,
      ...common,
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/budgets/reallocate",
    tags: ["budgets"],
    summary: "Move an amount from one budget to another",
    description: `Atomic: both limits change in one transaction with one audit entry carrying the note. Both budgets must have the same period; the amount cannot exceed the source's limit. ${rule}`,
    request: { body: { content: json(reallocateBudgetSchema) } },
    responses: {
      200: { description: "Both budgets after the move", content: json(reallocationSchema) },
      400: err("A field is invalid (amount above the source's limit, different periods, ...)"),
      404: err("A budget is not visible to you"),
      409: allocationError,
      ...common,
    },
  });
}
