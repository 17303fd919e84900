import { describe, expect, it } from "vitest";
import { chartSeries } from "./chart-series";
import type { SpendPointOut } from "@/lib/schemas/spend";

const pt = (start: string, groupKey: string, team: string, costUsd: number, requests: number): SpendPointOut => ({
  start, groupKey, group: { team }, costUsd, requests, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0,
  costPerRequestUsd: requests ? costUsd / requests : null,
});

const result = {
  from: "2026-11-01T00:00:00.000Z", to: "2026-11-05T00:00:00.000Z", timezone: "UTC", interval: "day", groupBy: ["team"],
  series: [
    pt("2026-11-01T00:00:00.000Z", '["a"]', "A", 1, 2),
    pt("2026-11-01T00:00:00.000Z", "\u0000other", "Other", 5, 5),
    pt("2026-11-02T00:00:00.000Z", '["b"]', "B", 2, 1),
  ],
};
const now = new Date("2026-11-03T12:00:00Z");

describe("chartSeries", () => {
  it("has a point per day, zero for past days without usage and null for days not yet started", () => {
    const c = chartSeries(result, "cost", now);
    expect(c.points.map((p) => p.start)).toEqual(["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"].map((d) => Date.parse(`${d}T00:00:00Z`)));
    const b = c.groups.find((g) => g.label === "B")!.key;
    expect(c.points.map((p) => p[b])).toEqual([0, 2, 0, null]);
  });

  it("orders groups by total with other last in grey, and keeps safe data keys", () => {
    const c = chartSeries(result, "cost", now);
    expect(c.groups.map((g) => [g.key, g.label])).toEqual([["g0", "B"], ["g1", "A"], ["g2", "Other"]]);
    expect(c.groups[2].color).toBe("#94a3b8");
    expect(c.unit).toBe("usd");
  });

  it("cost per request is null where there were no requests and is not stacked", () => {
    const c = chartSeries(result, "costPerRequest", now);
    const a = c.groups.find((g) => g.label === "A")!.key;
    expect(c.points.map((p) => p[a])).toEqual([0.5, null, null, null]);
    expect(c.stacked).toBe(false);
  });
});
