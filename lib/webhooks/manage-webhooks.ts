// Webhook endpoints of an org (owners and admins: webhook:manage). The signing secret is returned once,
// on create; afterwards it is only read by the delivery worker to sign.
import { db } from "@/lib/db";
import { newSecret } from "@/lib/crypto";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { pageArgs, pageOf } from "@/lib/api/paginate";
import { recordAudit } from "@/lib/audit/record-audit";
import type { ListQuery } from "@/lib/schemas/common";
import type { CreatedWebhook, CreateWebhook, UpdateWebhook, WebhookOut } from "@/lib/schemas/webhook";
import { serializeWebhook } from "./serialize-webhook";

export async function listWebhooks(actor: Actor, query: ListQuery = {}) {
  requirePermission(actor, "webhook:manage");
  const rows = await db.webhook.findMany({ where: { orgId: actor.orgId }, ...pageArgs(query) });
  return pageOf(rows, query, serializeWebhook);
}

export async function getWebhook(actor: Actor, id: string): Promise<WebhookOut> {
  requirePermission(actor, "webhook:manage");
  const row = await db.webhook.findFirst({ where: { id, orgId: actor.orgId } });
  if (!row) throw notFound("webhook");
  return serializeWebhook(row);
}

export async function createWebhook(actor: Actor, input: CreateWebhook): Promise<CreatedWebhook> {
  requirePermission(actor, "webhook:manage");
  const { secret } = newSecret("webhook");
  return db.$transaction(async (tx) => {
    const row = await tx.webhook.create({
      data: { orgId: actor.orgId, url: input.url, events: input.events, format: input.format, enabled: input.enabled, secret },
    });
    const out = serializeWebhook(row);
    await recordAudit(tx, { actor, action: "webhook.create", entityType: "webhook", entityId: row.id, after: out });
    return { ...out, secret };
  });
}

export async function updateWebhook(actor: Actor, id: string, input: UpdateWebhook): Promise<WebhookOut> {
  requirePermission(actor, "webhook:manage");
  return db.$transaction(async (tx) => {
    const before = await tx.webhook.findFirst({ where: { id, orgId: actor.orgId } });
    if (!before) throw notFound("webhook");
    const row = await tx.webhook.update({
      where: { id: before.id },
      data: {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.format !== undefined ? { format: input.format } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      },
    });
    const out = serializeWebhook(row);
    await recordAudit(tx, { actor, action: "webhook.update", entityType: "webhook", entityId: row.id, before: serializeWebhook(before), after: out });
    return out;
  });
}

export async function deleteWebhook(actor: Actor, id: string): Promise<{ id: string; deleted: true }> {
  requirePermission(actor, "webhook:manage");
  return db.$transaction(async (tx) => {
    const before = await tx.webhook.findFirst({ where: { id, orgId: actor.orgId } });
    if (!before) throw notFound("webhook");
    await tx.webhook.delete({ where: { id: before.id } });
    await recordAudit(tx, { actor, action: "webhook.delete", entityType: "webhook", entityId: before.id, before: serializeWebhook(before) });
    return { id: before.id, deleted: true as const };
  });
}
