import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { bucketMinuteFor, countIntervals, intervalStart, intervalStarts, localDayOfBucket, offsetSegments } from "./buckets";

const at = (iso: string) => new Date(iso);

describe("rollup buckets", () => {
  it("starts at the org-local hour, also in +05:30 and +05:45 zones", () => {
    expect(bucketMinuteFor(at("2026-11-28T10:50:00Z"), "UTC") * 60_000).toBe(Date.parse("2026-11-28T10:00:00Z"));
    // 10:50Z is 16:20 in Kolkata: the hour started at 16:00 local = 10:30Z.
    expect(bucketMinuteFor(at("2026-11-28T10:50:00Z"), "Asia/Kolkata") * 60_000).toBe(Date.parse("2026-11-28T10:30:00Z"));
    // 10:50Z is 16:35 in Kathmandu: 16:00 local = 10:15Z.
    expect(bucketMinuteFor(at("2026-11-28T10:50:00Z"), "Asia/Kathmandu") * 60_000).toBe(Date.parse("2026-11-28T10:15:00Z"));
  });

  it("finds offset changes inside a range (New York, 8 March 2026)", () => {
    const from = Date.parse("2026-03-01T05:00:00Z") / 60_000;
    const to = Date.parse("2026-03-15T04:00:00Z") / 60_000;
    const segs = offsetSegments(from, to, "America/New_York");
    expect(segs).toEqual([
      { startMinute: from, offsetMinutes: -300 },
      { startMinute: Date.parse("2026-03-08T07:00:00Z") / 60_000, offsetMinutes: -240 },
    ]);
  });

  it("maps buckets to local days, ISO weeks and months", () => {
    const b = bucketMinuteFor(at("2026-11-30T20:00:00Z"), "Asia/Kolkata"); // 1 Dec 01:30 local
    const day = localDayOfBucket(b, "Asia/Kolkata");
    expect(DateTime.fromJSDate(intervalStart(day, "day", "Asia/Kolkata"), { zone: "Asia/Kolkata" }).toISODate()).toBe("2026-12-01");
    expect(DateTime.fromJSDate(intervalStart(day, "week", "Asia/Kolkata"), { zone: "Asia/Kolkata" }).toISODate()).toBe("2026-11-30");
    expect(DateTime.fromJSDate(intervalStart(day, "month", "Asia/Kolkata"), { zone: "Asia/Kolkata" }).toISODate()).toBe("2026-12-01");
  });

  it("lists interval starts with gaps, in the zone", () => {
    const starts = intervalStarts(at("2026-03-07T05:00:00Z"), at("2026-03-10T04:00:00Z"), "day", "America/New_York");
    expect(starts.map((d) => d.toISOString())).toEqual([
      "2026-03-07T05:00:00.000Z", "2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z",
    ]);
    expect(countIntervals(at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"), "hour", "UTC")).toBe(744);
  });
});
