import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission, scopeWhere } from "@/lib/auth/permissions";
import { pageArgs, pageOf } from "@/lib/api/paginate";
import type { KeyListQuery } from "@/lib/schemas/key";
import { keyInclude, keyStatusWhere, serializeKey } from "./serialize-key";

/** Keys the actor may see: all (admins, finance), their team's (lead), their own (member). */
export async function listKeys(actor: Actor, query: KeyListQuery = {}) {
  requirePermission(actor, "key:read");
  const scope = scopeWhere(actor, "key:read") ?? { userId: "\u0000" };
  const rows = await db.apiKey.findMany({
    where: {
      AND: [
        { orgId: actor.orgId },
        scope,
        query.teamId ? { teamId: query.teamId } : {},
        query.userId ? { userId: query.userId } : {},
        query.q ? { OR: [{ name: { contains: query.q } }, { prefix: { startsWith: query.q } }] } : {},
        keyStatusWhere(query.status),
      ],
    },
    include: keyInclude,
    ...pageArgs(query),
  });
  return pageOf(rows, query, serializeKey);
}
