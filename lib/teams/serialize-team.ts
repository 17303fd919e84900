import { iso } from "@/lib/api/json";
import type { TeamOut } from "@/lib/schemas/team";

export const teamInclude = { _count: { select: { users: true, apiKeys: true } } } as const;

type TeamRow = {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  _count?: { users: number; apiKeys: number };
};

export function serializeTeam(t: TeamRow): TeamOut {
  return {
    id: t.id,
    name: t.name,
    userCount: t._count?.users ?? 0,
    keyCount: t._count?.apiKeys ?? 0,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
  };
}
