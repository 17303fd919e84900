"use server";
import { withAction } from "@/lib/api/with-action";
import { idSchema } from "@/lib/schemas/common";
import { createPriceSchema, updatePriceSchema, type CreatePriceInput, type UpdatePriceInput } from "@/lib/schemas/price";
import { createPrice } from "@/lib/prices/create-price";
import { updatePrice } from "@/lib/prices/update-price";
import { deletePrice } from "@/lib/prices/delete-price";

// Same domain functions, checks and audit as /api/v1/prices (owner and admin only).
const revalidate = ["/prices"];

export async function createPriceAction(input: CreatePriceInput) {
  return withAction((actor) => createPrice(actor, createPriceSchema.parse(input)), { revalidate });
}

export async function updatePriceAction(id: string, input: UpdatePriceInput) {
  return withAction((actor) => updatePrice(actor, idSchema.parse(id), updatePriceSchema.parse(input)), { revalidate });
}

export async function deletePriceAction(id: string) {
  return withAction((actor) => deletePrice(actor, idSchema.parse(id)), { revalidate });
}
