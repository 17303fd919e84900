import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { forecastWindow, shouldForecastAlert } from "./forecast";

const M = 1_000_000n;
const start = new Date("2026-11-01T00:00:00Z");
const end = new Date("2026-12-01T00:00:00Z"); // 30 days
const at = (days: number) => new Date(start.getTime() + days * 86_400_000);

describe("forecastWindow", () => {
  it("projects the burn rate so far to the end of the window", () => {
    const f = forecastWindow({ limitMicros: 300n * M, spentMicros: 100n * M, windowStart: start, windowEnd: end, now: at(10) })!;
    expect(f.projectedMicros).toBe(300n * M);
    expect(f.willExceed).toBe(false); // exactly on the limit is not passing it
    expect(f.crossesAt).toBeNull(); // reached exactly at the reset, not before
  });

  it("says when the limit is reached at the current rate", () => {
    const f = forecastWindow({ limitMicros: 300n * M, spentMicros: 150n * M, windowStart: start, windowEnd: end, now: at(10) })!;
    expect(f.projectedMicros).toBe(450n * M);
    expect(f.willExceed).toBe(true);
    expect(f.crossesAt).toEqual(at(20));
  });

  it("has no forecast at the very start or after the end of the window", () => {
    expect(forecastWindow({ limitMicros: M, spentMicros: M, windowStart: start, windowEnd: end, now: start })).toBeNull();
    expect(forecastWindow({ limitMicros: M, spentMicros: M, windowStart: start, windowEnd: end, now: end })).toBeNull();
  });
});

describe("shouldForecastAlert", () => {
  const base = { limitMicros: 300n * M, windowStart: start, windowEnd: end };

  it("alerts when the projection passes the limit before the reset", () => {
    expect(shouldForecastAlert({ ...base, spentMicros: 150n * M, now: at(10) })).not.toBeNull();
  });

  it("stays quiet early in the window (a burst in the first hours is not a rate)", () => {
    expect(shouldForecastAlert({ ...base, spentMicros: 60n * M, now: at(1) })).toBeNull();
  });

  it("stays quiet for tiny spend, and once the limit is already passed (that is an exceeded alert)", () => {
    expect(shouldForecastAlert({ ...base, spentMicros: 20n * M, now: at(4) })).toBeNull();
    expect(shouldForecastAlert({ ...base, spentMicros: 300n * M, now: at(15) })).toBeNull();
  });

  it("stays quiet when on track", () => {
    expect(shouldForecastAlert({ ...base, spentMicros: 90n * M, now: at(10) })).toBeNull();
  });

  it("property: an alert always means projected > limit and the crossing falls inside the window", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10_000n * M }), fc.bigInt({ min: 0n, max: 10_000n * M }), fc.double({ min: 0, max: 30, noNaN: true }), (limit, spent, day) => {
        const f = shouldForecastAlert({ limitMicros: limit, spentMicros: spent, windowStart: start, windowEnd: end, now: at(day) });
        if (!f) return;
        expect(f.projectedMicros > limit).toBe(true);
        expect(spent < limit).toBe(true);
        expect(f.crossesAt).not.toBeNull();
        expect(f.crossesAt!.getTime()).toBeGreaterThan(at(day).getTime() - 1);
        expect(f.crossesAt!.getTime()).toBeLessThan(end.getTime());
      }),
    );
  });
});
