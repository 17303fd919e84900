import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { windowFor, type PeriodSpec } from "./windows";

const iso = (d: Date) => d.toISOString();
const w = (spec: PeriodSpec, at: string, tz: string) => {
  const r = windowFor(spec, new Date(at), tz);
  return [iso(r.start), iso(r.end)];
};

describe("windowFor", () => {
  it("daily windows start at local midnight in America/New_York", () => {
    // 03:59Z is still the previous day in New York (EST, UTC-5).
    expect(w({ period: "daily" }, "2026-01-15T04:59:59.999Z", "America/New_York")).toEqual([
      "2026-01-14T05:00:00.000Z",
      "2026-01-15T05:00:00.000Z",
    ]);
    expect(w({ period: "daily" }, "2026-01-15T05:00:00.000Z", "America/New_York")[0]).toBe("2026-01-15T05:00:00.000Z");
  });

  it("daily windows in Asia/Kolkata (+05:30) start at 18:30Z", () => {
    expect(w({ period: "daily" }, "2026-03-10T18:29:59.999Z", "Asia/Kolkata")).toEqual([
      "2026-03-09T18:30:00.000Z",
      "2026-03-10T18:30:00.000Z",
    ]);
    expect(w({ period: "daily" }, "2026-03-10T18:30:00.000Z", "Asia/Kolkata")[0]).toBe("2026-03-10T18:30:00.000Z");
  });

  it("DST days are 23 and 25 hours long in New York", () => {
    const spring = windowFor({ period: "daily" }, new Date("2026-03-08T12:00:00Z"), "America/New_York");
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    const fall = windowFor({ period: "daily" }, new Date("2026-11-01T12:00:00Z"), "America/New_York");
    expect((fall.end.getTime() - fall.start.getTime()) / 3_600_000).toBe(25);
    expect(iso(fall.start)).toBe("2026-11-01T04:00:00.000Z"); // EDT midnight
    expect(iso(fall.end)).toBe("2026-11-02T05:00:00.000Z"); // EST midnight
  });

  it("weekly windows are ISO weeks starting Monday 00:00 local", () => {
    // 2026-11-29 is a Sunday; its week started Monday 2026-11-23.
    expect(w({ period: "weekly" }, "2026-11-29T20:00:00Z", "UTC")).toEqual([
      "2026-11-23T00:00:00.000Z",
      "2026-11-30T00:00:00.000Z",
    ]);
    // ISO week spanning a year boundary: Thu 2026-12-31 belongs to the week of Mon 2026-12-28.
    expect(w({ period: "weekly" }, "2026-12-31T10:00:00Z", "UTC")[0]).toBe("2026-12-28T00:00:00.000Z");
    // Sunday evening in New York is already Monday in UTC, but still the old week locally.
    expect(w({ period: "weekly" }, "2026-11-30T03:00:00Z", "America/New_York")[0]).toBe("2026-11-23T05:00:00.000Z");
  });

  it("monthly windows handle month ends, leap years and zones", () => {
    expect(w({ period: "monthly" }, "2028-02-29T23:59:59Z", "UTC")).toEqual([
      "2028-02-01T00:00:00.000Z",
      "2028-03-01T00:00:00.000Z",
    ]);
    // 31 Jan 20:00 in New York is 1 Feb 01:00Z: still January locally.
    expect(w({ period: "monthly" }, "2026-02-01T01:00:00Z", "America/New_York")).toEqual([
      "2026-01-01T05:00:00.000Z",
      "2026-02-01T05:00:00.000Z",
    ]);
    expect(w({ period: "monthly" }, "2026-12-31T18:30:00Z", "Asia/Kolkata")[0]).toBe("2026-12-31T18:30:00.000Z");
  });

  it("custom 6-hour windows count real hours from the start instant, across DST", () => {
    const spec: PeriodSpec = { period: "custom", customEvery: 6, customUnit: "hours", customStart: new Date("2026-03-01T01:00:00Z") };
    expect(w(spec, "2026-03-01T06:59:59Z", "America/New_York")).toEqual(["2026-03-01T01:00:00.000Z", "2026-03-01T07:00:00.000Z"]);
    expect(w(spec, "2026-03-08T08:30:00Z", "America/New_York")).toEqual(["2026-03-08T07:00:00.000Z", "2026-03-08T13:00:00.000Z"]);
    // before the start instant the windows extend backwards on the same grid
    expect(w(spec, "2026-02-28T20:00:00Z", "UTC")[0]).toBe("2026-02-28T19:00:00.000Z");
  });

  it("custom N-day windows keep the local time of day across DST", () => {
    const spec: PeriodSpec = { period: "custom", customEvery: 2, customUnit: "days", customStart: new Date("2026-03-06T05:00:00Z") };
    // Start is local midnight EST; two windows later (after the spring change) it is local midnight EDT.
    expect(w(spec, "2026-03-10T12:00:00Z", "America/New_York")).toEqual(["2026-03-10T04:00:00.000Z", "2026-03-12T04:00:00.000Z"]);
  });

  it("a window with no traffic at its boundary still starts at the boundary (windows come from the clock)", () => {
    const before = windowFor({ period: "daily" }, new Date("2026-05-01T03:00:00Z"), "America/New_York");
    const after = windowFor({ period: "daily" }, new Date("2026-05-01T15:00:00Z"), "America/New_York");
    expect(after.start.getTime()).toBe(before.end.getTime());
  });

  it("rejects unknown zones instead of falling back to UTC", () => {
    expect(() => windowFor({ period: "daily" }, new Date(), "Mars/Olympus")).toThrow(/timezone/);
  });

  it("property: every window contains its instant, and the next window starts where it ends", () => {
    const zones = ["UTC", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Europe/London"];
    const specs: PeriodSpec[] = [
      { period: "daily" },
      { period: "weekly" },
      { period: "monthly" },
      { period: "custom", customEvery: 6, customUnit: "hours", customStart: new Date("2025-01-01T00:00:00Z") },
      { period: "custom", customEvery: 3, customUnit: "days", customStart: new Date("2025-01-01T00:00:00Z") },
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.constantFrom(...specs),
        (at, tz, spec) => {
          const cur = windowFor(spec, at, tz);
          expect(cur.start.getTime()).toBeLessThanOrEqual(at.getTime());
          expect(cur.end.getTime()).toBeGreaterThan(at.getTime());
          expect(windowFor(spec, cur.end, tz).start.getTime()).toBe(cur.end.getTime());
          expect(windowFor(spec, cur.start, tz).start.getTime()).toBe(cur.start.getTime());
        },
      ),
      { numRuns: 500 },
    );
  });
});
