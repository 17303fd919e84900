import { iso } from "@/lib/api/json";
import type { ApiTokenOut, GatewayTokenOut } from "@/lib/schemas/token";
import type { Role } from "@/lib/generated/sqlite/enums";

type Common = { id: string; name: string; prefix: string; lastUsedAt: Date | null; revokedAt: Date | null; createdAt: Date };

export function serializeGatewayToken(t: Common): GatewayTokenOut {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    lastUsedAt: iso(t.lastUsedAt),
    revokedAt: iso(t.revokedAt),
    createdAt: iso(t.createdAt),
  };
}

export function serializeApiToken(t: Common & { role: Role; expiresAt: Date | null }): ApiTokenOut {
  return { ...serializeGatewayToken(t), role: t.role, expiresAt: iso(t.expiresAt) };
}
