import { withApi } from "@/lib/api/with-api";
import { updateWebhookSchema } from "@/lib/schemas/webhook";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/webhooks/manage-webhooks";

export const GET = withApi({ permission: "webhook:manage" }, ({ actor, params }) => getWebhook(actor, params.id));
export const PATCH = withApi({ permission: "webhook:manage", body: updateWebhookSchema }, ({ actor, params, body }) => updateWebhook(actor, params.id, body));
export const DELETE = withApi({ permission: "webhook:manage" }, ({ actor, params }) => deleteWebhook(actor, params.id));
