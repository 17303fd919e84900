import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import type { PriceOut } from "@/lib/schemas/price";
import { toPriceOut } from "./price-row";

export async function getPrice(actor: Actor, id: string): Promise<PriceOut> {
  requirePermission(actor, "price:read");
  const row = await db.modelPrice.findFirst({ where: { id, orgId: actor.orgId } });
  if (!row) throw notFound("price");
  return toPriceOut(row);
}
