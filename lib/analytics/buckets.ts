// Time buckets of the usage rollups. A bucket is the start of an org-local hour, in minutes since the
// epoch: because every zone offset in use is a whole number of minutes (+05:30, +05:45, DST shifts of
// an hour), a local day, ISO week or month is always an exact union of hour buckets. Settle and the
// seeders compute `bucketMinute` with `bucketMinuteFor`; the explorer folds buckets with the rest.
import { DateTime } from "luxon";

export type Interval = "hour" | "day" | "week" | "month";
export const INTERVALS: readonly Interval[] = ["hour", "day", "week", "month"];

const MS_PER_MINUTE = 60_000;

function zoned(ms: number, timezone: string): DateTime {
  const dt = DateTime.fromMillis(ms, { zone: timezone });
  if (!dt.isValid) throw new RangeError(`invalid timezone: ${timezone}`);
  return dt;
}

/** Offset of `timezone` from UTC at an instant, in minutes (+330 for Asia/Kolkata). */
export function offsetMinutesAt(ms: number, timezone: string): number {
  return zoned(ms, timezone).offset;
}

/** The rollup bucket holding `at`: start of its org-local hour, minutes since the epoch. */
export function bucketMinuteFor(at: Date | number, timezone: string): number {
  const ms = typeof at === "number" ? at : at.getTime();
  return Math.floor(zoned(ms, timezone).startOf("hour").toMillis() / MS_PER_MINUTE);
}

/** The instant a bucket starts. */
export function bucketStart(bucketMinute: number): Date {
  return new Date(bucketMinute * MS_PER_MINUTE);
}

/**
 * Where a zone's offset changes inside [fromMinute, toMinute): the offset in force from `startMinute`
 * on. The SQL adds the offset to `bucketMinute` to get the local wall-clock minute, so that
 * `(bucketMinute + offset) / 1440` is the local day number without any date function in the database.
 */
export type OffsetSegment = { startMinute: number; offsetMinutes: number };

export function offsetSegments(fromMinute: number, toMinute: number, timezone: string): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let current = offsetMinutesAt(fromMinute * MS_PER_MINUTE, timezone);
  segments.push({ startMinute: fromMinute, offsetMinutes: current });
  // Hourly steps find every change (zones change offset on an hour or half-hour boundary at most
  // twice a year); a year is 8,760 cheap steps.
  for (let m = fromMinute + 60; m < toMinute; m += 60) {
    const off = offsetMinutesAt(m * MS_PER_MINUTE, timezone);
    if (off !== current) {
      // The change happened within the last hour: find its exact minute.
      let lo = m - 60;
      let hi = m;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetMinutesAt(mid * MS_PER_MINUTE, timezone) === current) lo = mid;
        else hi = mid;
      }
      segments.push({ startMinute: hi, offsetMinutes: off });
      current = off;
    }
  }
  return segments;
}

/** Local day number (days since 1970-01-01 in the zone's wall clock) of a bucket. */
export function localDayOfBucket(bucketMinute: number, timezone: string): number {
  const off = offsetMinutesAt(bucketMinute * MS_PER_MINUTE, timezone);
  return Math.floor((bucketMinute + off) / 1440);
}

/** The start instant of a local day number in the zone. */
export function localDayStart(day: number, timezone: string): DateTime {
  const d = DateTime.fromMillis(day * 86_400_000, { zone: "UTC" });
  return DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone: timezone });
}

/**
 * The start of the interval bucket (hour, local day, ISO week from Monday, calendar month) that holds
 * a time key: for "hour" the key is a bucketMinute, otherwise a local day number.
 */
export function intervalStart(key: number, interval: Interval, timezone: string): Date {
  if (interval === "hour") return bucketStart(key);
  const day = localDayStart(key, timezone);
  if (interval === "day") return day.toJSDate();
  if (interval === "week") return day.startOf("week").toJSDate();
  return day.startOf("month").toJSDate();
}

/** Every interval start in [from, to), in order: the x axis of a chart, gaps included. */
export function intervalStarts(from: Date, to: Date, interval: Interval, timezone: string): Date[] {
  const out: Date[] = [];
  let t = zoned(from.getTime(), timezone).startOf(interval === "week" ? "week" : interval);
  const end = to.getTime();
  const step = { hour: { hours: 1 }, day: { days: 1 }, week: { weeks: 1 }, month: { months: 1 } }[interval];
  while (t.toMillis() < end) {
    out.push(t.toJSDate());
    t = t.plus(step);
    if (out.length > 100_000) throw new RangeError("too many intervals");
  }
  return out;
}

/** How many interval buckets a range spans (to refuse an hourly series over a year). */
export function countIntervals(from: Date, to: Date, interval: Interval, timezone: string): number {
  const hours = (to.getTime() - from.getTime()) / 3_600_000;
  if (interval === "hour") return Math.ceil(hours);
  if (interval === "day") return Math.ceil(hours / 24) + 1;
  if (interval === "week") return Math.ceil(hours / 168) + 1;
  return intervalStarts(from, to, "month", timezone).length;
}
