import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { AlertOut } from "@/lib/schemas/alert";
import { visibleAlertsWhere } from "./alert-access";
import { serializeAlert } from "./serialize-alert";

/**
 * Acknowledges alerts the actor may see (already acknowledged ones keep their first acknowledgement).
 * Any id outside the actor's reach makes the whole call 404: nothing is half-done.
 */
export async function acknowledgeAlerts(actor: Actor, ids: string[], now = new Date()): Promise<AlertOut[]> {
  requirePermission(actor, "alert:ack");
  const unique = [...new Set(ids)];
  return db.$transaction(async (tx) => {
    const rows = await tx.alert.findMany({ where: { id: { in: unique }, ...visibleAlertsWhere(actor, "alert:ack") } });
    if (rows.length !== unique.length) throw notFound("alert");
    const open = rows.filter((r) => r.acknowledgedAt === null).map((r) => r.id);
    if (open.length) {
      await tx.alert.updateMany({
        where: { id: { in: open }, orgId: actor.orgId, acknowledgedAt: null },
        data: { acknowledgedAt: now, acknowledgedById: actor.userId ?? actor.id },
      });
      for (const id of open) {
        await recordAudit(tx, {
          actor,
          action: "alert.acknowledge",
          entityType: "alert",
          entityId: id,
          before: { acknowledgedAt: null },
          after: { acknowledgedAt: now.toISOString() },
        });
      }
    }
    const after = await tx.alert.findMany({ where: { id: { in: unique }, orgId: actor.orgId }, include: { budget: { select: { name: true } } }, orderBy: { createdAt: "desc" } });
    return after.map(serializeAlert);
  });
}
