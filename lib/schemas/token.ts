import { z } from "zod";
import { isoDateInputSchema, isoDateSchema, nameSchema } from "./common";

/** Admin API tokens act with an org-wide role: lead/member need a team or user, which tokens lack. */
export const API_TOKEN_ROLES = ["admin", "finance"] as const;

export const createGatewayTokenSchema = z.strictObject({ name: nameSchema }).meta({ id: "CreateGatewayToken" });
export type CreateGatewayToken = z.infer<typeof createGatewayTokenSchema>;

export const createApiTokenSchema = z
  .strictObject({
    name: nameSchema,
    role: z.enum(API_TOKEN_ROLES).optional(),
    expiresAt: isoDateInputSchema.nullable().optional(),
  })
  .meta({ id: "CreateApiToken" });
export type CreateApiToken = z.infer<typeof createApiTokenSchema>;

export const gatewayTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    lastUsedAt: isoDateSchema.nullable(),
    revokedAt: isoDateSchema.nullable(),
    createdAt: isoDateSchema,
  })
  .meta({ id: "GatewayToken" });
export type GatewayTokenOut = z.infer<typeof gatewayTokenSchema>;

export const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    role: z.enum(["owner", "admin", "finance", "lead", "member"]),
    lastUsedAt: isoDateSchema.nullable(),
    expiresAt: isoDateSchema.nullable(),
    revokedAt: isoDateSchema.nullable(),
    createdAt: isoDateSchema,
  })
  .meta({ id: "ApiToken" });
export type ApiTokenOut = z.infer<typeof apiTokenSchema>;

const secret = z.string().meta({ description: "The secret, returned this once only." });
export const createdGatewayTokenSchema = gatewayTokenSchema.extend({ token: secret }).meta({ id: "CreatedGatewayToken" });
export type CreatedGatewayToken = z.infer<typeof createdGatewayTokenSchema>;
export const createdApiTokenSchema = apiTokenSchema.extend({ token: secret }).meta({ id: "CreatedApiToken" });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
