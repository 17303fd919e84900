import { z } from "zod";
import { isoDateSchema, listQuerySchema, nameSchema } from "./common";

export const createTeamSchema = z.strictObject({ name: nameSchema }).meta({ id: "CreateTeam" });
export type CreateTeam = z.infer<typeof createTeamSchema>;

export const updateTeamSchema = z.strictObject({ name: nameSchema }).meta({ id: "UpdateTeam" });
export type UpdateTeam = z.infer<typeof updateTeamSchema>;

export const teamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    userCount: z.number().int(),
    keyCount: z.number().int(),
    createdAt: isoDateSchema,
    updatedAt: isoDateSchema,
  })
  .meta({ id: "Team" });
export type TeamOut = z.infer<typeof teamSchema>;

export const teamListQuerySchema = listQuerySchema.extend({
  q: z.string().trim().max(100, "at most 100 characters").optional(),
});
export type TeamListQuery = z.infer<typeof teamListQuerySchema>;
