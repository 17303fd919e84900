import { created, withApi } from "@/lib/api/with-api";
import { listQuerySchema } from "@/lib/schemas/common";
import { createWebhookSchema } from "@/lib/schemas/webhook";
import { createWebhook, listWebhooks } from "@/lib/webhooks/manage-webhooks";

export const GET = withApi({ permission: "webhook:manage", query: listQuerySchema }, ({ actor, query }) => listWebhooks(actor, query));
export const POST = withApi({ permission: "webhook:manage", body: createWebhookSchema }, async ({ actor, body }) => created(await createWebhook(actor, body)));
