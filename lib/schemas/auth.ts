import { z } from "zod";
import { emailSchema } from "./user";

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "required").max(200, "at most 200 characters"),
  callbackUrl: z.string().max(2000).optional(),
});
export type SignIn = z.infer<typeof signInSchema>;
