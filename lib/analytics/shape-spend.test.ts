import { describe, expect, it } from "vitest";
import { shapeSpend, OTHER_KEY } from "./shape-spend";
import type { AggregateRow } from "./spend-sql";

const row = (t: number | null, dims: string[], cost: bigint, requests = 1n): AggregateRow => ({
  t, dims, requests, inputTokens: 0n, outputTokens: 0n, cachedInputTokens: 0n, cacheWriteTokens: 0n, costMicros: cost,
});

describe("shapeSpend", () => {
  const rows = [row(0, ["a"], 500n), row(0, ["b"], 300n), row(0, ["c"], 100n), row(0, ["d"], 50n, 0n), row(60, ["a"], 5n)];
  const base = { metric: "cost" as const, order: "desc" as const, groupBy: ["team"], timezone: "UTC" };

  it("keeps the top `limit` rows and folds the rest into one other row; totals include everything", () => {
    const s = shapeSpend(rows, undefined, { ...base, limit: 2, top: 10 });
    expect(s.rows.map((r) => r.key)).toEqual(['["a"]', '["b"]', OTHER_KEY]);
    expect(s.rows[2].metrics.costMicros).toBe(150n);
    expect(s.totals.costMicros).toBe(955n);
  });

  it("stacks the top groups plus other per interval", () => {
    const s = shapeSpend(rows, undefined, { ...base, limit: 100, top: 1, interval: "hour" });
    expect(s.series!.map((p) => [p.start.getTime(), p.key, p.metrics.costMicros])).toEqual([
      [0, '["a"]', 500n], [0, OTHER_KEY, 450n], [3_600_000, '["a"]', 5n],
    ]);
  });

  it("sorts cost per request with groups without requests last (null, not zero)", () => {
    const s = shapeSpend(rows, undefined, { ...base, metric: "costPerRequest", order: "asc", limit: 100, top: 10 });
    expect(s.rows.at(-1)!.key).toBe('["d"]');
  });

  it("merges the previous period by group", () => {
    const s = shapeSpend(rows, [row(null, ["a"], 7n)], { ...base, limit: 100, top: 10 });
    expect(s.rows[0].previous!.costMicros).toBe(7n);
    expect(s.rows[1].previous!.costMicros).toBe(0n);
    expect(s.previousTotals!.costMicros).toBe(7n);
  });
});
