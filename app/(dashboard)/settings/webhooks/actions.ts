"use server";
import { withAction } from "@/lib/api/with-action";
import { idSchema } from "@/lib/schemas/common";
import { createWebhookSchema, updateWebhookSchema, type CreateWebhookInput, type UpdateWebhook } from "@/lib/schemas/webhook";
import { createWebhook, deleteWebhook, updateWebhook } from "@/lib/webhooks/manage-webhooks";
import { sendTestDelivery } from "@/lib/webhooks/deliveries";

const revalidate = ["/settings/webhooks"];

/** Answers the endpoint with its signing secret (`secret`): show it once, then drop it. */
export async function createWebhookAction(input: CreateWebhookInput) {
  return withAction((actor) => createWebhook(actor, createWebhookSchema.parse(input)), { revalidate });
}

export async function updateWebhookAction(id: string, input: UpdateWebhook) {
  return withAction((actor) => updateWebhook(actor, idSchema.parse(id), updateWebhookSchema.parse(input)), { revalidate });
}

export async function deleteWebhookAction(id: string) {
  return withAction((actor) => deleteWebhook(actor, idSchema.parse(id)), { revalidate });
}

export async function sendTestWebhookAction(id: string) {
  return withAction((actor) => sendTestDelivery(actor, idSchema.parse(id)), { revalidate });
}
