import { describe, expect, it } from "vitest";
import { detectRunaways, findDuplicates } from "./reports";
import type { AggregateRow } from "./spend-sql";

const row = (t: number | null, dims: string[], cost: bigint): AggregateRow => ({
  t, dims, requests: 1n, inputTokens: 0n, outputTokens: 0n, cachedInputTokens: 0n, cacheWriteTokens: 0n, costMicros: cost,
});

describe("detectRunaways", () => {
  const steady = [1, 2, 3, 4, 5].map((h) => row(h * 60, ["k1", "t1"], 200_000n));
  it("flags an hour far above the key's median hour", () => {
    const hits = detectRunaways([...steady, row(600, ["k1", "t1"], 5_000_000n)], { factor: 10, minPeakMicros: 1_000_000n });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ keyId: "k1", usualMicros: 200_000n, peakMicros: 5_000_000n, ratio: 25 });
    expect(hits[0].peakStart.getTime()).toBe(600 * 60_000);
  });
  it("ignores ordinary variation and peaks below the minimum", () => {
    expect(detectRunaways([...steady, row(600, ["k1", "t1"], 1_500_000n)], { factor: 10, minPeakMicros: 1_000_000n })).toEqual([]);
    const tiny = [1, 2, 3].map((h) => row(h * 60, ["k2", "t1"], 1_000n));
    expect(detectRunaways([...tiny, row(600, ["k2", "t1"], 500_000n)], { factor: 10, minPeakMicros: 1_000_000n })).toEqual([]);
  });
});

describe("findDuplicates", () => {
  it("lists models bought by two or more teams with their keys and spend", () => {
    const d = findDuplicates([
      row(null, ["gpt", "openai", "t1", "k1"], 1_000_000n),
      row(null, ["gpt", "openai", "t1", "k2"], 1_000_000n),
      row(null, ["gpt", "openai", "t2", "k3"], 500_000n),
      row(null, ["claude", "anthropic", "t1", "k1"], 9_000_000n),
    ]);
    expect(d).toEqual([{ model: "gpt", provider: "openai", costUsd: 2.5, teams: [{ teamId: "t1", keys: 2, costUsd: 2 }, { teamId: "t2", keys: 1, costUsd: 0.5 }] }]);
  });
});
