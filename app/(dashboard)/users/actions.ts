"use server";
import type { z } from "zod";
import { actionId, withAction } from "@/lib/api/with-action";
import { createUserSchema, updateUserSchema } from "@/lib/schemas/user";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";

const revalidate = ["/users", "/teams"];

export async function createUserAction(input: z.input<typeof createUserSchema>) {
  return withAction((actor) => createUser(actor, createUserSchema.parse(input)), { revalidate });
}

/** Name, role, team, password; `{ disabled: true | false }` disables or enables. */
export async function updateUserAction(id: string, input: z.input<typeof updateUserSchema>) {
  return withAction((actor) => updateUser(actor, actionId(id), updateUserSchema.parse(input)), { revalidate });
}
