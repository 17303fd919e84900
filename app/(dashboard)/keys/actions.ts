"use server";
import type { z } from "zod";
import { actionId, withAction } from "@/lib/api/with-action";
import { createKeySchema, updateKeySchema } from "@/lib/schemas/key";
import { createKey } from "@/lib/keys/create-key";
import { updateKey } from "@/lib/keys/update-key";
import { revokeKey } from "@/lib/keys/revoke-key";

const revalidate = ["/keys"];

/** Answers the created key with its secret (`key`): show it once, then drop it. */
export async function createKeyAction(input: z.input<typeof createKeySchema>) {
  return withAction((actor) => createKey(actor, createKeySchema.parse(input)), { revalidate });
}

export async function updateKeyAction(id: string, input: z.input<typeof updateKeySchema>) {
  return withAction((actor) => updateKey(actor, actionId(id), updateKeySchema.parse(input)), { revalidate });
}

export async function revokeKeyAction(id: string) {
  return withAction((actor) => revokeKey(actor, actionId(id)), { revalidate });
}
