// Alerts in the admin API (DESIGN §6, §9): listed with filters, acknowledged one by one or in bulk.
import { z } from "zod";
import { idSchema, isoDateSchema, listQuerySchema } from "./common";

// Not imported from ./budget: pages that only show alerts should not evaluate the budget schemas
// (their registered OpenAPI ids may only be registered once per process).
const budgetLevelSchema = z.enum(["org", "team", "user", "key"], { message: "must be org, team, user or key" });

export const ALERT_TYPES = ["threshold", "exceeded", "soft_exceeded", "forecast", "runaway"] as const;
export const alertTypeSchema = z.enum(ALERT_TYPES, { message: "must be threshold, exceeded, soft_exceeded, forecast or runaway" });
export type AlertType = z.infer<typeof alertTypeSchema>;

export const alertListQuerySchema = listQuerySchema.extend({
  type: alertTypeSchema.optional(),
  level: budgetLevelSchema.optional(),
  budgetId: idSchema.optional(),
  acknowledged: z.enum(["true", "false"], { message: "must be true or false" }).optional(),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

export const acknowledgeAlertsSchema = z
  .strictObject({ ids: z.array(idSchema, { message: "must be an array of ids" }).min(1, "at least one id").max(200, "at most 200 ids") })
  .meta({ id: "AcknowledgeAlerts" });
export type AcknowledgeAlerts = z.infer<typeof acknowledgeAlertsSchema>;

export const alertSchema = z
  .object({
    id: z.string(),
    type: alertTypeSchema,
    level: budgetLevelSchema.nullable(),
    budgetId: z.string().nullable(),
    budgetName: z.string().nullable(),
    apiKeyId: z.string().nullable(),
    threshold: z.number().int().nullable(),
    windowStart: isoDateSchema.nullable(),
    message: z.string(),
    data: z.record(z.string(), z.unknown()).nullable(),
    acknowledgedAt: isoDateSchema.nullable(),
    acknowledgedById: z.string().nullable(),
    createdAt: isoDateSchema,
  })
  .meta({ id: "Alert" });
export type AlertOut = z.infer<typeof alertSchema>;
