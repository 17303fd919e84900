// Webhooks (DESIGN §6): where alerts are POSTed, signed with the endpoint's secret.
import { z } from "zod";
import { isoDateSchema } from "./common";
import { ALERT_TYPES, alertTypeSchema } from "./alert";

export const WEBHOOK_EVENTS = ALERT_TYPES;

export const webhookUrlSchema = z
  .string({ message: "must be a URL" })
  .trim()
  .max(2000, "at most 2000 characters")
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && !!u.hostname;
    } catch {
      return false;
    }
  }, "must be an http(s) URL, e.g. https://hooks.example.com/purser");

const eventsSchema = z
  .array(alertTypeSchema, { message: "must be an array of alert types" })
  .max(ALERT_TYPES.length, "too many events")
  .transform((list) => [...new Set(list)]);

export const webhookFormatSchema = z.enum(["json", "slack"], { message: "must be json or slack" });

export const createWebhookSchema = z
  .strictObject({
    url: webhookUrlSchema,
    /** Alert types to send; empty: every type. */
    events: eventsSchema.default([]),
    format: webhookFormatSchema.default("json"),
    enabled: z.boolean({ message: "must be true or false" }).default(true),
  })
  .meta({ id: "CreateWebhook" });
export type CreateWebhook = z.infer<typeof createWebhookSchema>;
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .strictObject({
    url: webhookUrlSchema.optional(),
    events: eventsSchema.optional(),
    format: webhookFormatSchema.optional(),
    enabled: z.boolean({ message: "must be true or false" }).optional(),
  })
  .meta({ id: "UpdateWebhook" });
export type UpdateWebhook = z.infer<typeof updateWebhookSchema>;

export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(alertTypeSchema),
    format: webhookFormatSchema,
    enabled: z.boolean(),
    createdAt: isoDateSchema,
    updatedAt: isoDateSchema,
  })
  .meta({ id: "Webhook" });
export type WebhookOut = z.infer<typeof webhookSchema>;

/** The create answer: the signing secret, this once. */
export const createdWebhookSchema = webhookSchema.extend({ secret: z.string() }).meta({ id: "CreatedWebhook" });
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const deliverySchema = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    alertId: z.string().nullable(),
    event: z.string(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int(),
    nextAttemptAt: isoDateSchema.nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: isoDateSchema.nullable(),
    createdAt: isoDateSchema,
  })
  .meta({ id: "WebhookDelivery" });
export type DeliveryOut = z.infer<typeof deliverySchema>;
