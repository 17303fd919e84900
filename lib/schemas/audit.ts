import { z } from "zod";
import { idSchema, isoDateInputSchema, isoDateSchema, listQuerySchema } from "./common";

export const auditQuerySchema = listQuerySchema.extend({
  entityType: z.string().trim().min(1, "required").max(40, "at most 40 characters").optional(),
  entityId: idSchema.optional(),
  actorId: idSchema.optional(),
  action: z.string().trim().min(1, "required").max(60, "at most 60 characters").optional(),
  from: isoDateInputSchema.optional(),
  to: isoDateInputSchema.optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z
  .object({
    id: z.string(),
    actorType: z.enum(["user", "api_token", "system"]),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    note: z.string().nullable(),
    createdAt: isoDateSchema,
  })
  .meta({ id: "AuditEntry" });
export type AuditEntryOut = z.infer<typeof auditEntrySchema>;
