// planSources splits a range into whole local days (daily rollups) and partial days (hourly rollups):
// every hour bucket of the range must be read exactly once, in any zone, across DST changes.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bucketMinuteFor, localDayOfBucket } from "./buckets";
import { planSources } from "./spend-sql";

const ZONES = ["UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York", "Europe/London", "America/Santiago", "Australia/Lord_Howe", "Pacific/Chatham"];
const BASE = Date.parse("2026-01-01T00:00:00Z") / 60_000;

/** Every hour bucket (org-local hour start) whose start lies in [from, to). */
function bucketsIn(from: number, to: number, tz: string): number[] {
  const out = new Set<number>();
  for (let m = from - 120; m < to + 120; m += 15) {
    const b = bucketMinuteFor(m * 60_000, tz);
    if (b >= from && b < to) out.add(b);
  }
  return [...out].sort((a, b) => a - b);
}

describe("planSources", () => {
  it("reads every hour bucket of the range exactly once", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 365 * 24 * 4 }),
        fc.integer({ min: 1, max: 24 * 4 * 9 }),
        fc.boolean(),
        (tz, startQuarter, lenQuarters, hourly) => {
          const from = BASE + startQuarter * 15;
          const to = from + lenQuarters * 15;
          const sources = planSources(from, to, tz, hourly);
          for (const b of bucketsIn(from, to, tz)) {
            let hits = 0;
            for (const s of sources) {
              if (s.grain === "hour") hits += s.ranges.filter(([a, z]) => b >= a && b < z).length;
              else if (localDayOfBucket(b, tz) >= s.from && localDayOfBucket(b, tz) < s.to) hits += 1;
            }
            expect(hits, `bucket ${b} in ${tz}`).toBe(1);
          }
          // ... and no day row holds a bucket from outside the range.
          for (const s of sources) {
            if (s.grain !== "day") continue;
            for (const b of [...bucketsIn(from - 3 * 1440, from, tz), ...bucketsIn(to, to + 3 * 1440, tz)]) {
              const day = localDayOfBucket(b, tz);
              expect(day >= s.from && day < s.to, `outside bucket ${b} in ${tz}`).toBe(false);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("uses the daily rollups for the whole days of a long range and the hourly ones only at its ends", () => {
    const from = Date.parse("2026-03-01T09:00:00Z") / 60_000; // 10:00 in Berlin
    const to = Date.parse("2026-03-31T12:00:00Z") / 60_000; // 14:00 in Berlin (after the DST change)
    const [day, hour] = planSources(from, to, "Europe/Berlin", false);
    expect(day).toMatchObject({ grain: "day" });
    if (day.grain === "day") expect(day.to - day.from).toBe(29); // 2 March .. 30 March
    expect(hour).toMatchObject({ grain: "hour" });
    if (hour.grain === "hour") expect(hour.ranges.map(([a, z]) => (z - a) / 60)).toEqual([14, 14]);
    expect(planSources(from, to, "Europe/Berlin", true)).toEqual([{ grain: "hour", ranges: [[from, to]] }]);
  });
});
