import { z } from "zod";
import { idSchema, isoDateInputSchema, isoDateSchema, listQuerySchema, nameSchema, optionalPositiveInt } from "./common";

export const createKeySchema = z
  .strictObject({
    name: nameSchema,
    teamId: idSchema,
    userId: idSchema.nullable().optional(),
    rpmLimit: optionalPositiveInt.nullable().optional(),
    tpmLimit: optionalPositiveInt.nullable().optional(),
    expiresAt: isoDateInputSchema.nullable().optional(),
  })
  .meta({ id: "CreateKey" });
export type CreateKey = z.infer<typeof createKeySchema>;
export type CreateKeyInput = z.input<typeof createKeySchema>;

export const updateKeySchema = z
  .strictObject({
    name: nameSchema.optional(),
    rpmLimit: optionalPositiveInt.nullable().optional(),
    tpmLimit: optionalPositiveInt.nullable().optional(),
    expiresAt: isoDateInputSchema.nullable().optional(),
    disabled: z.boolean({ message: "must be true or false" }).optional(),
  })
  .meta({ id: "UpdateKey" });
export type UpdateKey = z.infer<typeof updateKeySchema>;

export const keyStatusSchema = z.enum(["active", "disabled", "expired", "revoked"]);
export type KeyStatus = z.infer<typeof keyStatusSchema>;

export const keySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    teamId: z.string(),
    teamName: z.string().nullable(),
    userId: z.string().nullable(),
    userEmail: z.string().nullable(),
    rpmLimit: z.number().int().nullable(),
    tpmLimit: z.number().int().nullable(),
    status: keyStatusSchema,
    expiresAt: isoDateSchema.nullable(),
    revokedAt: isoDateSchema.nullable(),
    disabledAt: isoDateSchema.nullable(),
    lastUsedAt: isoDateSchema.nullable(),
    createdAt: isoDateSchema,
    updatedAt: isoDateSchema,
  })
  .meta({ id: "Key" });
export type KeyOut = z.infer<typeof keySchema>;

export const createdKeySchema = keySchema
  .extend({ key: z.string().meta({ description: "The secret, returned this once only." }) })
  .meta({ id: "CreatedKey" });
export type CreatedKey = z.infer<typeof createdKeySchema>;

export const keyListQuerySchema = listQuerySchema.extend({
  teamId: idSchema.optional(),
  userId: idSchema.optional(),
  status: keyStatusSchema.optional(),
  q: z.string().trim().max(100, "at most 100 characters").optional(),
});
export type KeyListQuery = z.infer<typeof keyListQuerySchema>;
