import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { visibleAlertsWhere } from "./alert-access";

/** The nav badge: open (unacknowledged) alerts the actor can see; 0 for roles without alerts. */
export async function countUnacknowledgedAlerts(actor: Actor): Promise<number> {
  if (!can(actor, "alert:read")) return 0;
  return db.alert.count({ where: { ...visibleAlertsWhere(actor), acknowledgedAt: null } });
}
