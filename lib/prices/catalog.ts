// The seeded list-price table. A new organization starts with these prices so that no request to a
// major provider's model is ever "unpriced" on day one; the org may edit them afterwards.
import type { Tx } from "@/lib/db";
import { usdToMicros } from "@/lib/money";
import { CATALOG, type CatalogPrice } from "./catalog-data";

export { CATALOG, type CatalogPrice };

/**
 * Seeded rows take effect from this instant unless the catalog says otherwise, so that usage
 * imported or replayed from before the seed date is priced too (the list price is the best
 * estimate we have for it).
 */
export const SEED_EFFECTIVE_FROM = new Date("2020-01-01T00:00:00.000Z");

export type SeedPriceRow = {
  orgId: string;
  provider: string;
  model: string;
  inputMicrosPerMTok: bigint;
  outputMicrosPerMTok: bigint;
  cachedInputMicrosPerMTok: bigint | null;
  cacheWriteMicrosPerMTok: bigint | null;
  maxOutputTokens: number;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  source: string;
};

/** Catalog entry -> database row, exact (decimal strings parse to integer micro-dollars). */
export function catalogRow(orgId: string, p: CatalogPrice): SeedPriceRow {
  return {
    orgId,
    provider: p.provider,
    model: p.model,
    inputMicrosPerMTok: usdToMicros(p.input),
    outputMicrosPerMTok: usdToMicros(p.output),
    cachedInputMicrosPerMTok: p.cachedInput ? usdToMicros(p.cachedInput) : null,
    cacheWriteMicrosPerMTok: p.cacheWrite ? usdToMicros(p.cacheWrite) : null,
    maxOutputTokens: p.maxOutputTokens,
    effectiveFrom: p.effectiveFrom ? new Date(p.effectiveFrom) : SEED_EFFECTIVE_FROM,
    effectiveTo: p.effectiveTo ? new Date(p.effectiveTo) : null,
    source: `${p.source} (list price as of ${p.asOf})`,
  };
}

/**
 * Inserts the catalog for a new organization inside the caller's transaction (the bootstrap and
 * org creation call it). Returns the number of rows written. Not idempotent on purpose: seeding an
 * org twice is a bug, and the unique (orgId, provider, model, effectiveFrom) key says so loudly.
 */
export async function seedPrices(tx: Tx, orgId: string): Promise<number> {
  const data = CATALOG.map((p) => catalogRow(orgId, p));
  const result = await tx.modelPrice.createMany({ data });
  return result.count;
}
