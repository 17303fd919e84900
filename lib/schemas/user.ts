import { z } from "zod";
import { idSchema, isoDateSchema, listQuerySchema, nameSchema, roleSchema } from "./common";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "at most 254 characters")
  .pipe(z.email({ message: "must be an email address" }));

export const passwordSchema = z
  .string()
  .min(12, "at least 12 characters")
  .max(200, "at most 200 characters");

export const createUserSchema = z
  .strictObject({
    email: emailSchema,
    name: nameSchema,
    role: roleSchema,
    teamId: idSchema.nullable().optional(),
    password: passwordSchema.optional(),
  })
  .meta({ id: "CreateUser" });
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    name: nameSchema.optional(),
    role: roleSchema.optional(),
    teamId: idSchema.nullable().optional(),
    password: passwordSchema.optional(),
    disabled: z.boolean({ message: "must be true or false" }).optional(),
  })
  .meta({ id: "UpdateUser" });
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    teamId: z.string().nullable(),
    teamName: z.string().nullable(),
    disabled: z.boolean(),
    disabledAt: isoDateSchema.nullable(),
    lastLoginAt: isoDateSchema.nullable(),
    hasPassword: z.boolean(),
    createdAt: isoDateSchema,
    updatedAt: isoDateSchema,
  })
  .meta({ id: "User" });
export type UserOut = z.infer<typeof userSchema>;

export const userListQuerySchema = listQuerySchema.extend({
  teamId: idSchema.optional(),
  role: roleSchema.optional(),
  q: z.string().trim().max(100, "at most 100 characters").optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;
