// Budgets in the admin API (DESIGN §3, §9). Money crosses the boundary as USD numbers with at most
// 6 decimals; anything finer is rejected (never rounded) so a limit is exactly what was typed.
import { z } from "zod";
import { usdToMicros } from "@/lib/money";
import { idSchema, isoDateInputSchema, isoDateSchema, listQuerySchema, nameSchema } from "./common";

export const MAX_USD = 1_000_000_000; // $1B: far above any budget, far below 2^53 micro-dollars.

function exactUsd(n: number): boolean {
  try {
    usdToMicros(n);
    return true;
  } catch {
    return false;
  }
}

/** A USD amount: a finite number >= 0 with at most 6 decimals (the micro-dollar is the unit). */
export const usdSchema = z
  .number({ message: "must be a number (USD)" })
  .finite("must be a finite number")
  .min(0, "must be at least 0")
  .max(MAX_USD, `at most ${MAX_USD}`)
  .refine(exactUsd, "at most 6 decimals (micro-dollars)");

/** A strictly positive USD amount (reallocations). */
export const positiveUsdSchema = usdSchema.refine((n) => n > 0, "must be greater than 0");

export const BUDGET_LEVELS = ["org", "team", "user", "key"] as const;
export const budgetLevelSchema = z.enum(BUDGET_LEVELS, { message: "must be org, team, user or key" });
export const enforcementSchema = z.enum(["hard", "soft"], { message: "must be hard or soft" });
export const budgetPeriodSchema = z.enum(["daily", "weekly", "monthly", "custom"], {
  message: "must be daily, weekly, monthly or custom",
});

export const customPeriodSchema = z.strictObject({
  every: z
    .number({ message: "must be a number" })
    .int("must be an integer")
    .min(1, "at least 1")
    .max(8_760, "at most 8760"),
  unit: z.enum(["hours", "days"], { message: "must be hours or days" }),
  /** When the first window starts; default: the current hour (hours) or day in the org's zone (days). */
  start: isoDateInputSchema.optional(),
});
export type CustomPeriod = z.infer<typeof customPeriodSchema>;

export const thresholdsSchema = z
  .array(z.number({ message: "must be a number" }).int("must be an integer").min(1, "at least 1").max(100, "at most 100"), {
    message: "must be an array of percentages",
  })
  .max(10, "at most 10 thresholds")
  .transform((list) => [...new Set(list)].sort((a, b) => a - b));

const filterText = z.string().trim().min(1, "must not be empty").max(200, "at most 200 characters");

export const budgetFiltersSchema = z.strictObject({
  model: filterText.nullable().optional(),
  provider: filterText.nullable().optional(),
  tag: z
    .string()
    .trim()
    .max(200, "at most 200 characters")
    .regex(/^[^=\s]+=[^=]+$/, 'must look like "key=value"')
    .nullable()
    .optional(),
});
export type BudgetFilters = z.infer<typeof budgetFiltersSchema>;

const cooldownSchema = z
  .number({ message: "must be a number" })
  .int("must be an integer")
  .min(0, "must be at least 0")
  .max(525_600, "at most 525600 (one year)");

const confirmSchema = z.boolean({ message: "must be true or false" }).optional();

export const createBudgetSchema = z
  .strictObject({
    scope: z.strictObject({ level: budgetLevelSchema, id: idSchema }),
    name: nameSchema,
    limitUsd: usdSchema,
    enforcement: enforcementSchema.default("hard"),
    period: budgetPeriodSchema.default("monthly"),
    customPeriod: customPeriodSchema.nullable().optional(),
    alertThresholds: thresholdsSchema.default([80, 100]),
    alertCooldownMinutes: cooldownSchema.default(60),
    filters: budgetFiltersSchema.nullable().optional(),
    shadow: z.boolean({ message: "must be true or false" }).default(false),
    /** Finance/admin/owner: accept exceeding the team ceiling (the UI asks first). */
    confirmOversubscribe: confirmSchema,
  })
  .superRefine((b, ctx) => {
    if (b.period === "custom" && !b.customPeriod) {
      ctx.addIssue({ code: "custom", path: ["customPeriod"], message: "required when period is custom" });
    }
    if (b.period !== "custom" && b.customPeriod) {
      ctx.addIssue({ code: "custom", path: ["customPeriod"], message: "only allowed when period is custom" });
    }
  })
  .meta({ id: "CreateBudget" });
export type CreateBudget = z.infer<typeof createBudgetSchema>;
export type CreateBudgetInput = z.input<typeof createBudgetSchema>;

export const updateBudgetSchema = z
  .strictObject({
    name: nameSchema.optional(),
    limitUsd: usdSchema.optional(),
    enforcement: enforcementSchema.optional(),
    period: budgetPeriodSchema.optional(),
    customPeriod: customPeriodSchema.nullable().optional(),
    alertThresholds: thresholdsSchema.optional(),
    alertCooldownMinutes: cooldownSchema.optional(),
    filters: budgetFiltersSchema.nullable().optional(),
    shadow: z.boolean({ message: "must be true or false" }).optional(),
    confirmOversubscribe: confirmSchema,
  })
  .superRefine((b, ctx) => {
    if (b.period === "custom" && !b.customPeriod) {
      ctx.addIssue({ code: "custom", path: ["customPeriod"], message: "required when period becomes custom" });
    }
    if (b.period && b.period !== "custom" && b.customPeriod) {
      ctx.addIssue({ code: "custom", path: ["customPeriod"], message: "only allowed when period is custom" });
    }
  })
  .meta({ id: "UpdateBudget" });
export type UpdateBudget = z.infer<typeof updateBudgetSchema>;
export type UpdateBudgetInput = z.input<typeof updateBudgetSchema>;

export const reallocateBudgetSchema = z
  .strictObject({
    fromBudgetId: idSchema,
    toBudgetId: idSchema,
    amountUsd: positiveUsdSchema,
    note: z.string().trim().max(500, "at most 500 characters").optional().default(""),
    confirmOversubscribe: confirmSchema,
  })
  .refine((r) => r.fromBudgetId !== r.toBudgetId, { path: ["toBudgetId"], message: "must differ from fromBudgetId" })
  .meta({ id: "ReallocateBudget" });
export type ReallocateBudget = z.infer<typeof reallocateBudgetSchema>;
export type ReallocateBudgetInput = z.input<typeof reallocateBudgetSchema>;

export const budgetListQuerySchema = listQuerySchema.extend({
  level: budgetLevelSchema.optional(),
  scopeId: idSchema.optional(),
  period: budgetPeriodSchema.optional(),
});
export type BudgetListQuery = z.infer<typeof budgetListQuerySchema>;

export const budgetCurrentSchema = z.object({
  windowStart: isoDateSchema,
  resetAt: isoDateSchema,
  usedUsd: z.number(),
  reservedUsd: z.number(),
  remainingUsd: z.number(),
});

export const budgetSchema = z
  .object({
    id: z.string(),
    scope: z.object({ level: budgetLevelSchema, id: z.string() }),
    name: z.string(),
    limitUsd: z.number(),
    enforcement: enforcementSchema,
    period: budgetPeriodSchema,
    customPeriod: z.object({ every: z.number().int(), unit: z.enum(["hours", "days"]), start: isoDateSchema }).nullable(),
    alertThresholds: z.array(z.number().int()),
    alertCooldownMinutes: z.number().int(),
    filters: z.object({ model: z.string().nullable(), provider: z.string().nullable(), tag: z.string().nullable() }),
    shadow: z.boolean(),
    createdAt: isoDateSchema,
    updatedAt: isoDateSchema,
    current: budgetCurrentSchema,
  })
  .meta({ id: "Budget" });
export type BudgetOut = z.infer<typeof budgetSchema>;

export const allocationInfoSchema = z.object({
  level: z.enum(["team", "user"]),
  scopeId: z.string(),
  period: z.string(),
  ceilingUsd: z.number().nullable(),
  allocatedUsd: z.number(),
});
export type AllocationInfo = z.infer<typeof allocationInfoSchema>;

/** A create/update answer: the budget, plus `oversubscribed` when a ceiling was knowingly exceeded. */
export const budgetMutationSchema = budgetSchema
  .extend({ oversubscribed: z.boolean(), allocation: z.array(allocationInfoSchema) })
  .meta({ id: "BudgetMutation" });

export const reallocationSchema = z
  .object({
    from: budgetSchema,
    to: budgetSchema,
    amountUsd: z.number(),
    note: z.string(),
    oversubscribed: z.boolean(),
    allocation: z.array(allocationInfoSchema),
  })
  .meta({ id: "Reallocation" });
export type ReallocationOut = z.infer<typeof reallocationSchema>;
