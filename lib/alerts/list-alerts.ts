import type { Prisma } from "@/lib/generated/sqlite/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { pageArgs, pageOf } from "@/lib/api/paginate";
import type { AlertListQuery, AlertOut } from "@/lib/schemas/alert";
import { visibleAlertsWhere } from "./alert-access";
import { serializeAlert } from "./serialize-alert";

export function alertFilterWhere(query: Omit<AlertListQuery, "cursor" | "limit">): Prisma.AlertWhereInput {
  return {
    ...(query.type ? { type: query.type } : {}),
    ...(query.level ? { level: query.level } : {}),
    ...(query.budgetId ? { budgetId: query.budgetId } : {}),
    ...(query.acknowledged === "true" ? { acknowledgedAt: { not: null } } : query.acknowledged === "false" ? { acknowledgedAt: null } : {}),
  };
}

/** Alerts the actor may see, newest first. */
export async function listAlerts(actor: Actor, query: AlertListQuery = {}): Promise<{ items: AlertOut[]; nextCursor: string | null }> {
  requirePermission(actor, "alert:read");
  const rows = await db.alert.findMany({
    where: { AND: [visibleAlertsWhere(actor), alertFilterWhere(query)] },
    include: { budget: { select: { name: true } } },
    ...pageArgs(query),
  });
  return pageOf(rows, query, serializeAlert);
}

export async function getAlert(actor: Actor, id: string): Promise<AlertOut> {
  requirePermission(actor, "alert:read");
  const row = await db.alert.findFirst({ where: { id, ...visibleAlertsWhere(actor) }, include: { budget: { select: { name: true } } } });
  if (!row) throw notFound("alert");
  return serializeAlert(row);
}
