import type { Prisma } from "@/lib/generated/sqlite/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { DEFAULT_PAGE_SIZE } from "@/lib/api/paginate";
import type { PriceListQuery, PriceOut } from "@/lib/schemas/price";
import { inForceAt, toPriceOut } from "./price-row";

/**
 * The org's prices in force at `query.at` (default now), or every row with `history=true`; sorted by
 * provider, model and effective date so a price table reads naturally. Cursor: the last row's id.
 */
export async function listPrices(actor: Actor, query: PriceListQuery): Promise<{ items: PriceOut[]; nextCursor: string | null }> {
  requirePermission(actor, "price:read");
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const where: Prisma.ModelPriceWhereInput = {
    orgId: actor.orgId,
    ...(query.provider ? { provider: query.provider } : {}),
    ...(query.model ? { model: query.model } : {}),
    ...(query.history === "true" ? {} : inForceAt(query.at ?? new Date())),
  };
  const rows = await db.modelPrice.findMany({
    where,
    orderBy: [{ provider: "asc" }, { model: "asc" }, { effectiveFrom: "asc" }, { id: "asc" }],
    take: limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, limit);
  return { items: page.map(toPriceOut), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}
