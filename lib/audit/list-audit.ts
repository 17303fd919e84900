import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { iso } from "@/lib/api/json";
import { pageArgs, pageOf } from "@/lib/api/paginate";
import type { AuditEntryOut, AuditQuery } from "@/lib/schemas/audit";

type AuditRow = {
  id: string;
  actorType: AuditEntryOut["actorType"];
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  note: string | null;
  createdAt: Date;
};

export function serializeAudit(a: AuditRow): AuditEntryOut {
  return { ...a, before: a.before ?? null, after: a.after ?? null, createdAt: iso(a.createdAt) };
}

/** The org's audit log, newest first, filtered by entity, actor, action and time. */
export async function listAudit(actor: Actor, query: AuditQuery = {}) {
  requirePermission(actor, "audit:read");
  const rows = await db.auditEntry.findMany({
    where: {
      orgId: actor.orgId,
      ...(query.entityType ? { entityType: query.entityType } : {}),
      ...(query.entityId ? { entityId: query.entityId } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.action ? { action: query.action.endsWith(".") ? { startsWith: query.action } : query.action } : {}),
      ...(query.from || query.to ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) } } : {}),
    },
    ...pageArgs(query),
  });
  return pageOf(rows, query, serializeAudit);
}
