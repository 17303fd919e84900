// The price form's mapping: stored micro-dollars come back as exact USD strings, and the strings go
// out as the API's numbers ("" means "billed at the input price" for the optional prices, not $0).
import { describe, expect, it } from "vitest";
import { createPriceSchema, updatePriceSchema } from "@/lib/schemas/price";
import { usdToMicros } from "@/lib/money";
import { priceDefaults, toCreatePriceInput, toUpdatePriceInput } from "./price-form-values";

const stored = {
  provider: "openai",
  model: "gpt-4o",
  input: 2_500_000n,
  output: 123_456n, // $0.123456: six decimals survive the round trip
  cachedInput: null,
  cacheWrite: 0n, // a price of 0 is a real price
  maxOutputTokens: 4096,
  source: null,
};

describe("price form values", () => {
  it("prefills an edit with the stored price in exact USD, blank where there is no price", () => {
    expect(priceDefaults(stored)).toEqual({
      provider: "openai",
      model: "gpt-4o",
      inputUsdPerMTok: "2.5",
      outputUsdPerMTok: "0.123456",
      cachedInputUsdPerMTok: "",
      cacheWriteUsdPerMTok: "0",
      maxOutputTokens: "4096",
      source: "",
    });
  });

  it("an untouched edit sends back the same micro-dollars and validates", () => {
    const input = updatePriceSchema.parse(toUpdatePriceInput(priceDefaults(stored)));
    expect(input).toEqual({ inputUsdPerMTok: 2.5, outputUsdPerMTok: 0.123456, cachedInputUsdPerMTok: null, cacheWriteUsdPerMTok: 0, maxOutputTokens: 4096, source: null });
    expect(usdToMicros(input.outputUsdPerMTok!)).toBe(123_456n);
    expect(toUpdatePriceInput(priceDefaults(stored))).not.toHaveProperty("provider");
  });

  it("a new price names provider and model; blanks in required amounts fail with the schema's message", () => {
    const values = { ...priceDefaults(null), provider: "acme", model: "m-1", inputUsdPerMTok: "1", outputUsdPerMTok: " 2 ", maxOutputTokens: "10", source: " https://acme.test/pricing " };
    expect(createPriceSchema.parse(toCreatePriceInput(values))).toMatchObject({ provider: "acme", model: "m-1", inputUsdPerMTok: 1, outputUsdPerMTok: 2, cachedInputUsdPerMTok: null, source: "https://acme.test/pricing" });
    const blank = updatePriceSchema.safeParse(toUpdatePriceInput({ ...values, outputUsdPerMTok: "" }));
    expect(blank.success).toBe(false);
    expect(blank.error?.issues[0]?.path).toEqual(["outputUsdPerMTok"]);
  });
});
