import type { ModelPrice } from "@/lib/generated/sqlite/client";
import { microsToUsd, usdToMicros } from "@/lib/money";
import { invalid } from "@/lib/api/errors";
import type { PriceOut } from "@/lib/schemas/price";

export function toPriceOut(p: ModelPrice): PriceOut {
  return {
    id: p.id,
    provider: p.provider,
    model: p.model,
    inputUsdPerMTok: microsToUsd(p.inputMicrosPerMTok),
    outputUsdPerMTok: microsToUsd(p.outputMicrosPerMTok),
    cachedInputUsdPerMTok: p.cachedInputMicrosPerMTok === null ? null : microsToUsd(p.cachedInputMicrosPerMTok),
    cacheWriteUsdPerMTok: p.cacheWriteMicrosPerMTok === null ? null : microsToUsd(p.cacheWriteMicrosPerMTok),
    maxOutputTokens: p.maxOutputTokens,
    effectiveFrom: p.effectiveFrom.toISOString(),
    effectiveTo: p.effectiveTo ? p.effectiveTo.toISOString() : null,
    source: p.source,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function priceMicros(usd: number, path: string): bigint {
  try {
    return usdToMicros(usd);
  } catch {
    throw invalid(path, "must be a USD amount with at most 6 decimals");
  }
}

/** Prisma `where` for the rows in force at `at`: started at or before it, not yet ended. */
export function inForceAt(at: Date) {
  return { effectiveFrom: { lte: at }, OR: [{ effectiveTo: null }, { effectiveTo: { gt: at } }] };
}
