import { iso } from "@/lib/api/json";
import type { KeyOut, KeyStatus } from "@/lib/schemas/key";

export const keyInclude = { team: { select: { name: true } }, user: { select: { email: true } } } as const;

type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  teamId: string;
  userId: string | null;
  team?: { name: string } | null;
  user?: { email: string } | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  disabledAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export function keyStatus(k: Pick<KeyRow, "revokedAt" | "disabledAt" | "expiresAt">, now = new Date()): KeyStatus {
  if (k.revokedAt) return "revoked";
  if (k.expiresAt && k.expiresAt <= now) return "expired";
  if (k.disabledAt) return "disabled";
  return "active";
}

/** Prisma `where` for a status filter (the same order of precedence as keyStatus). */
export function keyStatusWhere(status: KeyStatus | undefined, now = new Date()) {
  switch (status) {
    case "revoked":
      return { revokedAt: { not: null } };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: now } };
    case "disabled":
      return { revokedAt: null, disabledAt: { not: null }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
    case "active":
      return { revokedAt: null, disabledAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
    default:
      return {};
  }
}

export function serializeKey(k: KeyRow): KeyOut {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    teamId: k.teamId,
    teamName: k.team?.name ?? null,
    userId: k.userId,
    userEmail: k.user?.email ?? null,
    rpmLimit: k.rpmLimit,
    tpmLimit: k.tpmLimit,
    status: keyStatus(k),
    expiresAt: iso(k.expiresAt),
    revokedAt: iso(k.revokedAt),
    disabledAt: iso(k.disabledAt),
    lastUsedAt: iso(k.lastUsedAt),
    createdAt: iso(k.createdAt),
    updatedAt: iso(k.updatedAt),
  };
}
