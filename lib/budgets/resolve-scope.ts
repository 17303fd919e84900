// A budget's scope must name an entity of the actor's organization, at the level it claims.
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/api/errors";
import type { ScopeEntity } from "./budget-row";

export async function resolveScope(tx: Tx, orgId: string, level: ScopeEntity["level"], id: string): Promise<ScopeEntity> {
  switch (level) {
    case "org":
      if (id !== orgId) throw notFound("organization");
      return { level, id, teamId: null, userId: null, keyId: null };
    case "team": {
      const team = await tx.team.findFirst({ where: { id, orgId }, select: { id: true } });
      if (!team) throw notFound("team");
      return { level, id, teamId: id, userId: null, keyId: null };
    }
    case "user": {
      const user = await tx.user.findFirst({ where: { id, orgId }, select: { teamId: true } });
      if (!user) throw notFound("user");
      return { level, id, teamId: user.teamId, userId: id, keyId: null };
    }
    case "key": {
      const key = await tx.apiKey.findFirst({ where: { id, orgId }, select: { teamId: true, userId: true } });
      if (!key) throw notFound("key");
      return { level, id, teamId: key.teamId, userId: key.userId, keyId: id };
    }
  }
}
