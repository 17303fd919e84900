import { describe, expect, it } from "vitest";
import { CATALOG, catalogRow, SEED_EFFECTIVE_FROM } from "./catalog";

const rows = CATALOG.map((p) => catalogRow("org_test", p));

describe("seeded price catalog", () => {
  it("covers the major providers", () => {
    const providers = new Set(CATALOG.map((p) => p.provider));
    for (const p of ["openai", "anthropic", "google", "mistral", "deepseek", "xai", "groq", "together", "fireworks"]) {
      expect(providers.has(p), p).toBe(true);
    }
    const models = new Set(CATALOG.map((p) => p.model));
    for (const m of ["gpt-5", "gpt-4.1", "gpt-4o", "gpt-4o-mini", "o3", "o4-mini", "claude-sonnet-4-5", "gemini-2.5-pro", "gemini-2.5-flash", "deepseek-chat"]) {
      expect(models.has(m), m).toBe(true);
    }
  });

  it("has positive integer micro-dollar prices and a positive max output", () => {
    for (const r of rows) {
      expect(r.inputMicrosPerMTok, r.model).toBeGreaterThan(0n);
      expect(r.outputMicrosPerMTok, r.model).toBeGreaterThan(0n);
      if (r.cachedInputMicrosPerMTok !== null) expect(r.cachedInputMicrosPerMTok, r.model).toBeGreaterThan(0n);
      if (r.cacheWriteMicrosPerMTok !== null) expect(r.cacheWriteMicrosPerMTok, r.model).toBeGreaterThan(0n);
      expect(Number.isInteger(r.maxOutputTokens) && r.maxOutputTokens > 0, r.model).toBe(true);
    }
  });

  it("never prices a cache hit above fresh input, nor a cache write below it", () => {
    for (const r of rows) {
      if (r.cachedInputMicrosPerMTok !== null) expect(r.cachedInputMicrosPerMTok, r.model).toBeLessThanOrEqual(r.inputMicrosPerMTok);
      if (r.cacheWriteMicrosPerMTok !== null) expect(r.cacheWriteMicrosPerMTok, r.model).toBeGreaterThanOrEqual(r.inputMicrosPerMTok);
    }
  });

  it("names a source URL and an ISO date for every row", () => {
    for (const p of CATALOG) {
      expect(p.source, p.model).toMatch(/^https:\/\//);
      expect(p.asOf, p.model).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(p.asOf)), p.model).toBe(false);
    }
  });

  it("parses exactly: $2.50 is 2_500_000 micro-dollars", () => {
    const gpt4o = rows.find((r) => r.model === "gpt-4o")!;
    expect(gpt4o.inputMicrosPerMTok).toBe(2_500_000n);
    expect(gpt4o.cachedInputMicrosPerMTok).toBe(1_250_000n);
  });

  it("has no overlapping rows for one provider and model", () => {
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) byKey.set(`${r.provider}/${r.model}`, [...(byKey.get(`${r.provider}/${r.model}`) ?? []), r]);
    for (const [key, list] of byKey) {
      const sorted = [...list].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
      expect(sorted.at(-1)!.effectiveTo, key).toBeNull();
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i - 1].effectiveTo?.getTime(), key).toBe(sorted[i].effectiveFrom.getTime());
      }
      expect(sorted[0].effectiveFrom.getTime()).toBe(SEED_EFFECTIVE_FROM.getTime());
    }
  });
});
