import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fastAuthorize, fastUsageItem } from "./fast-validate";
import { authorizeSchema, usageItemSchema } from "./schemas";

// Near-valid values: every field sometimes missing, sometimes odd, so both sides get exercised.
// Odd values, including the exact edges of every limit (names of 200/201 chars, ids of 128/129, 1e8 tokens).
const odd = fc.oneof(
  fc.constantFrom(undefined, null, "", " x ", -1, 0, 1.5, 1e9, 100_000_000, 100_000_001, 86_400_000, 86_400_001, "ok", "error", "nope", [], {}),
  fc.constantFrom("x".repeat(128), "x".repeat(129), "m".repeat(200), "m".repeat(201), "k".repeat(512), "k".repeat(513), "__proto__"),
  fc.string({ maxLength: 6 }),
  fc.integer(),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: a, weight: 12 }, { arbitrary: odd, weight: 1 });
const tagsArb = fc.oneof(
  { arbitrary: fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), maybe(fc.string({ maxLength: 10 })), { maxKeys: 22 }), weight: 6 },
  { arbitrary: odd, weight: 1 },
);

const authorizeLike = fc.record(
  {
    apiKey: maybe(fc.string({ minLength: 1, maxLength: 20 })),
    requestId: maybe(fc.string({ minLength: 1, maxLength: 40 })),
    model: maybe(fc.constantFrom("gpt-4o", "claude")),
    provider: maybe(fc.constantFrom("openai", "anthropic")),
    inputTokens: maybe(fc.nat(1_000_000)),
    maxOutputTokens: maybe(fc.nat(1_000_000)),
    tags: tagsArb,
    extra: odd,
  },
  { requiredKeys: ["apiKey", "model", "inputTokens"] },
);

const usageLike = fc.record(
  {
    requestId: maybe(fc.string({ minLength: 1, maxLength: 40 })),
    reservationId: maybe(fc.string({ minLength: 1, maxLength: 40 })),
    apiKey: maybe(fc.string({ maxLength: 20 })),
    model: maybe(fc.constantFrom("gpt-4o", "claude")),
    provider: maybe(fc.constantFrom("openai", "anthropic")),
    inputTokens: maybe(fc.nat(1_000_000)),
    outputTokens: maybe(fc.nat(1_000_000)),
    cachedInputTokens: maybe(fc.nat(1_000_000)),
    cacheWriteTokens: maybe(fc.nat(1_000_000)),
    status: maybe(fc.constantFrom("ok", "error", "cancelled")),
    latencyMs: maybe(fc.nat(1_000_000)),
    tags: tagsArb,
  },
  { requiredKeys: ["requestId", "model"] },
);

// JSON round trip: the handlers only ever see what JSON.parse produces.
const viaJson = (v: unknown) => JSON.parse(JSON.stringify(v) ?? "null");

describe("fast validation agrees with the zod schemas", () => {
  it("authorize: whatever the fast path accepts, zod accepts with the same value", () => {
    let accepted = 0;
    fc.assert(
      fc.property(authorizeLike, (raw) => {
        const v = viaJson(raw);
        const fast = fastAuthorize(v);
        if (fast === null) return;
        accepted++;
        const z = authorizeSchema.safeParse(v);
        expect(z.success).toBe(true);
        expect(fast).toEqual(z.data);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it("usage: whatever the fast path accepts, zod accepts with the same value", () => {
    let accepted = 0;
    fc.assert(
      fc.property(usageLike, (raw) => {
        const v = viaJson(raw);
        const fast = fastUsageItem(v);
        if (fast === null) return;
        accepted++;
        const z = usageItemSchema.safeParse(v);
        expect(z.success).toBe(true);
        expect(fast).toEqual(z.data);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it("takes the typical gateway bodies (so the hot path really skips zod)", () => {
    expect(fastAuthorize({ apiKey: "psr_key_x", requestId: "r1", model: "gpt-4o", provider: "openai", inputTokens: 1200, maxOutputTokens: 800, tags: { feature: "bot" } })).not.toBeNull();
    expect(fastUsageItem({ requestId: "r1", reservationId: "rsv_1", apiKey: "k", model: "gpt-4o", inputTokens: 1200, outputTokens: 350, cachedInputTokens: 1000, latencyMs: 840, status: "ok" })).not.toBeNull();
    expect(fastAuthorize({ apiKey: "k", model: "gpt-4o", messages: [] })).toBeNull(); // zod handles messages
  });
});
