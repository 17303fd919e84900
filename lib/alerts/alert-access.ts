// Which alerts an actor sees: admins and finance every alert of the org; a lead the alerts of their
// team's budgets (team, members, keys); a member those of their own budgets. Org-level alerts belong
// to the org-wide readers.
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Actor } from "@/lib/auth/actor";
import { reachOf } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/api/errors";
import { visibleBudgetsWhere } from "@/lib/budgets/access";

type Who = Pick<Actor, "orgId" | "role" | "teamId" | "userId">;

export function visibleAlertsWhere(actor: Who, permission: "alert:read" | "alert:ack" = "alert:read"): Prisma.AlertWhereInput {
  const reach = reachOf(actor, permission);
  if (!reach) throw forbidden(`missing permission ${permission}`);
  if (reach === "org") return { orgId: actor.orgId };
  return { orgId: actor.orgId, budget: { is: { AND: [visibleBudgetsWhere(actor), { level: { not: "org" } }] } } };
}
