import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { actualMicros, estimateMicros, priceFor, PriceTable, type Price, type UnpricedPolicy } from "./pricing";

const price = (over: Partial<Price> = {}): Price => ({
  provider: "openai",
  model: "gpt-4o",
  inputMicrosPerMTok: 2_500_000n, // $2.50 / MTok
  outputMicrosPerMTok: 10_000_000n, // $10 / MTok
  cachedInputMicrosPerMTok: 1_250_000n,
  cacheWriteMicrosPerMTok: null,
  maxOutputTokens: 16_384,
  effectiveFrom: new Date("2024-01-01T00:00:00Z"),
  effectiveTo: null,
  ...over,
});
const deny: UnpricedPolicy = { unpricedModelPolicy: "deny", fallbackInputMicrosPerMTok: null, fallbackOutputMicrosPerMTok: null };
const now = new Date("2026-11-28T12:00:00Z");

describe("pricing", () => {
  it("estimates input x input price + max output x output price (DESIGN example)", () => {
    // 1200 x $2.50/M = $0.003, 800 x $10/M = $0.008 -> $0.011
    expect(estimateMicros(price(), 1200, 800)).toBe(11_000n);
  });

  it("rounds every component up to a whole micro-dollar", () => {
    expect(estimateMicros(price(), 1, 0)).toBe(3n); // 2.5 micros -> 3
    expect(estimateMicros(price({ inputMicrosPerMTok: 1n }), 1, 1)).toBe(11n); // 0.000001 -> 1, 0.00001 -> 10
  });

  it("bills cached input and cache writes at their own prices, defaulting to the input price", () => {
    // 200 plain x 2.5 = 500, 1000 cached x 1.25 = 1250, 350 out x 10 = 3500
    expect(actualMicros(price(), { inputTokens: 1200, outputTokens: 350, cachedInputTokens: 1000 })).toBe(5_250n);
    expect(actualMicros(price({ cachedInputMicrosPerMTok: null }), { inputTokens: 1200, outputTokens: 0, cachedInputTokens: 1000 })).toBe(3_000n);
    const anth = price({ cacheWriteMicrosPerMTok: 3_750_000n, inputMicrosPerMTok: 3_000_000n });
    expect(actualMicros(anth, { inputTokens: 1000, outputTokens: 0, cacheWriteTokens: 1000 })).toBe(3_750n);
  });

  it("a zero price is a real price", () => {
    const free = price({ inputMicrosPerMTok: 0n, outputMicrosPerMTok: 0n });
    const r = priceFor(new PriceTable([free]), deny, "gpt-4o", undefined, now);
    expect(r.ok && estimateMicros(r.price, 1000, 1000)).toBe(0n);
  });

  it("uses the price in force at the instant (effective dates)", () => {
    const old = price({ effectiveFrom: new Date("2024-01-01Z"), inputMicrosPerMTok: 5_000_000n });
    const cur = price({ effectiveFrom: new Date("2026-06-01Z") });
    const next = price({ effectiveFrom: new Date("2027-01-01Z"), inputMicrosPerMTok: 1n });
    const t = new PriceTable([old, cur, next]);
    const at = (d: string) => {
      const r = priceFor(t, deny, "GPT-4o", "OpenAI", new Date(d));
      return r.ok ? r.price.inputMicrosPerMTok : null;
    };
    expect(at("2025-01-01Z")).toBe(5_000_000n);
    expect(at("2026-11-28Z")).toBe(2_500_000n);
    expect(at("2027-02-01Z")).toBe(1n);
    expect(at("2023-01-01Z")).toBeNull();
  });

  it("an ended price is not in force, and an older row does not come back", () => {
    const old = price({ effectiveFrom: new Date("2024-01-01Z") });
    const ended = price({ effectiveFrom: new Date("2025-01-01Z"), effectiveTo: new Date("2025-06-01Z") });
    const r = priceFor(new PriceTable([old, ended]), deny, "gpt-4o", undefined, now);
    expect(r).toMatchObject({ ok: false, code: "unpriced_model" });
  });

  it("unpriced models are denied by default, never $0", () => {
    const r = priceFor(new PriceTable([price()]), deny, "mystery-1", undefined, now);
    expect(r).toMatchObject({ ok: false, code: "unpriced_model" });
  });

  it("fallback policy prices unknown models at the org's fallback, and refuses when none is set", () => {
    const fb: UnpricedPolicy = { unpricedModelPolicy: "fallback", fallbackInputMicrosPerMTok: 1_000_000n, fallbackOutputMicrosPerMTok: 2_000_000n };
    const r = priceFor(new PriceTable([]), fb, "mystery-1", "acme", now);
    expect(r.ok && r.fallback && estimateMicros(r.price, 1000, 1000)).toBe(3_000n);
    const unset = { ...fb, fallbackOutputMicrosPerMTok: null };
    expect(priceFor(new PriceTable([]), unset, "mystery-1", undefined, now)).toMatchObject({ ok: false, code: "unpriced_model" });
  });

  it("a model sold by several providers needs the provider", () => {
    const t = new PriceTable([price(), price({ provider: "azure" })]);
    expect(priceFor(t, deny, "gpt-4o", undefined, now)).toMatchObject({ ok: false, code: "ambiguous_provider" });
    expect(priceFor(t, deny, "gpt-4o", "azure", now)).toMatchObject({ ok: true, price: { provider: "azure" } });
  });

  it("property: actual cost never exceeds the estimate when tokens stay within it and no cache write costs more than input", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 100_000_000n }),
        fc.bigInt({ min: 0n, max: 100_000_000n }),
        fc.nat(200_000),
        fc.nat(200_000),
        fc.nat(200_000),
        fc.nat(200_000),
        (inP, outP, input, maxOut, cachedRaw, outRaw) => {
          const p = price({ inputMicrosPerMTok: inP, outputMicrosPerMTok: outP, cachedInputMicrosPerMTok: inP / 2n });
          const cached = Math.min(cachedRaw, input);
          const out = Math.min(outRaw, maxOut);
          expect(actualMicros(p, { inputTokens: input, outputTokens: out, cachedInputTokens: cached })).toBeLessThanOrEqual(
            estimateMicros(p, input, maxOut) + 2n, // two extra round-ups when input splits into two components
          );
        },
      ),
    );
  });
});
