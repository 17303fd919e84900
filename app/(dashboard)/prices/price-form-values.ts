// Form strings <-> the prices API's input. Amounts are typed in USD per million tokens and shown back
// exactly (micro-dollars as a decimal string, never a float), so an untouched field saves unchanged.
import { microsToDecimalString } from "@/lib/money";
import type { CreatePriceInput, UpdatePriceInput } from "@/lib/schemas/price";
import { blankToNull, numberOrNull } from "@/components/forms/use-action-form";

export type PriceFormValues = {
  provider: string;
  model: string;
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  cachedInputUsdPerMTok: string;
  cacheWriteUsdPerMTok: string;
  maxOutputTokens: string;
  source: string;
};

/** What the edit form needs from a stored price (micro-dollars per million tokens). */
export type PriceFormSource = {
  provider: string;
  model: string;
  input: bigint;
  output: bigint;
  cachedInput: bigint | null;
  cacheWrite: bigint | null;
  maxOutputTokens: number;
  source: string | null;
};

const usd = (micros: bigint | null) => (micros === null ? "" : microsToDecimalString(micros));

export function priceDefaults(price: PriceFormSource | null): PriceFormValues {
  return {
    provider: price?.provider ?? "",
    model: price?.model ?? "",
    inputUsdPerMTok: price ? usd(price.input) : "",
    outputUsdPerMTok: price ? usd(price.output) : "",
    cachedInputUsdPerMTok: price ? usd(price.cachedInput) : "",
    cacheWriteUsdPerMTok: price ? usd(price.cacheWrite) : "",
    maxOutputTokens: price ? String(price.maxOutputTokens) : "",
    source: price?.source ?? "",
  };
}

// Required amounts stay NaN/null when blank so the schema names the field ("must be a number").
const amounts = (v: PriceFormValues) => ({
  inputUsdPerMTok: numberOrNull(v.inputUsdPerMTok) as number,
  outputUsdPerMTok: numberOrNull(v.outputUsdPerMTok) as number,
  // A blank cached or cache-write price is "billed at the input price", not $0.
  cachedInputUsdPerMTok: numberOrNull(v.cachedInputUsdPerMTok),
  cacheWriteUsdPerMTok: numberOrNull(v.cacheWriteUsdPerMTok),
  maxOutputTokens: numberOrNull(v.maxOutputTokens) as number,
  source: blankToNull(v.source),
});

export function toCreatePriceInput(v: PriceFormValues): CreatePriceInput {
  return { provider: v.provider, model: v.model, ...amounts(v) };
}

/** Provider and model identify the price and are not editable; effective dates are not either (a new price is a new row). */
export function toUpdatePriceInput(v: PriceFormValues): UpdatePriceInput {
  return amounts(v);
}
