// The delivery log of an endpoint, and "send test": one signed delivery attempted right away (later
// attempts, if it fails, follow the usual retry schedule in the worker).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { pageArgs, pageOf } from "@/lib/api/paginate";
import type { ListQuery } from "@/lib/schemas/common";
import type { DeliveryOut } from "@/lib/schemas/webhook";
import { attemptDelivery } from "@/lib/alerts/deliver";
import { renderPayload } from "@/lib/alerts/payload";
import { serializeDelivery } from "./serialize-webhook";

async function hookOf(actor: Actor, id: string) {
  const hook = await db.webhook.findFirst({ where: { id, orgId: actor.orgId } });
  if (!hook) throw notFound("webhook");
  return hook;
}

export async function listDeliveries(actor: Actor, webhookId: string, query: ListQuery = {}) {
  requirePermission(actor, "webhook:manage");
  await hookOf(actor, webhookId);
  const rows = await db.webhookDelivery.findMany({ where: { webhookId }, ...pageArgs(query) });
  return pageOf(rows, query, serializeDelivery);
}

export async function sendTestDelivery(actor: Actor, webhookId: string): Promise<DeliveryOut> {
  requirePermission(actor, "webhook:manage");
  const hook = await hookOf(actor, webhookId);
  const now = new Date();
  const row = await db.webhookDelivery.create({
    data: {
      webhookId: hook.id,
      event: "test",
      payload: renderPayload(hook.format, { id: `test_${now.getTime()}`, event: "test", createdAt: now.toISOString(), orgId: actor.orgId, alert: null, test: true }),
      nextAttemptAt: now,
    },
  });
  await attemptDelivery(row.id, { timeoutMs: 5_000 }, now);
  const after = await db.webhookDelivery.findFirst({ where: { id: row.id } });
  return serializeDelivery(after!);
}
