// Prices and costs in integer micro-dollars. Every per-component cost is rounded UP, so rounding can
// only make enforcement stricter. A price of 0 is a real price; a missing price is not.
import { costMicros } from "@/lib/money";

export type Price = {
  provider: string;
  model: string;
  inputMicrosPerMTok: bigint;
  outputMicrosPerMTok: bigint;
  /** null: cached input is billed at the input price. */
  cachedInputMicrosPerMTok: bigint | null;
  /** null: cache writes are billed at the input price. */
  cacheWriteMicrosPerMTok: bigint | null;
  maxOutputTokens: number;
  effectiveFrom: Date;
  effectiveTo: Date | null;
};

export type UnpricedPolicy = {
  unpricedModelPolicy: "deny" | "fallback";
  fallbackInputMicrosPerMTok: bigint | null;
  fallbackOutputMicrosPerMTok: bigint | null;
};

/** Output budget assumed for a fallback-priced model, which has no known maximum output. */
export const FALLBACK_MAX_OUTPUT_TOKENS = 4096;

export type PriceResult =
  | { ok: true; price: Price; fallback: boolean }
  | { ok: false; code: "unpriced_model" | "ambiguous_provider"; message: string };

const norm = (s: string) => s.trim().toLowerCase();

/** An org's price list, indexed by model, each model's rows newest effectiveFrom first. */
export class PriceTable {
  private byModel = new Map<string, Price[]>();

  constructor(prices: Price[]) {
    for (const p of prices) {
      const key = norm(p.model);
      const rows = this.byModel.get(key) ?? [];
      rows.push(p);
      this.byModel.set(key, rows);
    }
    for (const rows of this.byModel.values()) rows.sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime());
  }

  /** The prices in force at `at` for `model` (one per provider), optionally of one provider. */
  inForce(model: string, provider: string | undefined, at: Date): Price[] {
    const rows = this.byModel.get(norm(model)) ?? [];
    const t = at.getTime();
    const seen = new Set<string>();
    const out: Price[] = [];
    for (const p of rows) {
      const prov = norm(p.provider);
      if (provider !== undefined && prov !== norm(provider)) continue;
      if (seen.has(prov)) continue; // an older row of a provider already answered
      if (p.effectiveFrom.getTime() > t) continue;
      seen.add(prov);
      if (p.effectiveTo && p.effectiveTo.getTime() <= t) continue;
      out.push(p);
    }
    return out;
  }
}

/** The price of a request: the table's, or the org's fallback, or an explicit refusal. */
export function priceFor(
  table: PriceTable,
  policy: UnpricedPolicy,
  model: string,
  provider: string | undefined,
  at: Date,
): PriceResult {
  const found = table.inForce(model, provider, at);
  if (found.length === 1) return { ok: true, price: found[0], fallback: false };
  if (found.length > 1) {
    const names = found.map((p) => p.provider).join(", ");
    return { ok: false, code: "ambiguous_provider", message: `model ${model} is offered by several providers (${names}); send provider` };
  }
  const fIn = policy.fallbackInputMicrosPerMTok;
  const fOut = policy.fallbackOutputMicrosPerMTok;
  // Fallback without a configured price would be a silent $0: refuse instead.
  if (policy.unpricedModelPolicy === "fallback" && fIn !== null && fOut !== null) {
    return {
      ok: true,
      fallback: true,
      price: {
        provider: provider ?? "unknown",
        model,
        inputMicrosPerMTok: fIn,
        outputMicrosPerMTok: fOut,
        cachedInputMicrosPerMTok: null,
        cacheWriteMicrosPerMTok: null,
        maxOutputTokens: FALLBACK_MAX_OUTPUT_TOKENS,
        effectiveFrom: new Date(0),
        effectiveTo: null,
      },
    };
  }
  return { ok: false, code: "unpriced_model", message: `no price for model ${model}${provider ? ` (${provider})` : ""}` };
}

/** Worst-case cost before the call: every input token at the input price, all output tokens allowed. */
export function estimateMicros(price: Price, inputTokens: number, maxOutputTokens: number): bigint {
  return costMicros(inputTokens, price.inputMicrosPerMTok) + costMicros(maxOutputTokens, price.outputMicrosPerMTok);
}

export type ActualTokens = {
  /** The whole prompt, including cached-read and cache-written tokens (OpenAI's convention). */
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
};

/** The real cost after the call, at the price in force. */
export function actualMicros(price: Price, t: ActualTokens): bigint {
  const cached = Math.max(0, t.cachedInputTokens ?? 0);
  const written = Math.max(0, t.cacheWriteTokens ?? 0);
  // If a gateway reports cache counts outside inputTokens (Anthropic's convention) nothing goes negative.
  const plain = Math.max(0, t.inputTokens - cached - written);
  return (
    costMicros(plain, price.inputMicrosPerMTok) +
    costMicros(cached, price.cachedInputMicrosPerMTok ?? price.inputMicrosPerMTok) +
    costMicros(written, price.cacheWriteMicrosPerMTok ?? price.inputMicrosPerMTok) +
    costMicros(Math.max(0, t.outputTokens), price.outputMicrosPerMTok)
  );
}
