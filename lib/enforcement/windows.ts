// Budget windows, computed from the clock in the org's IANA zone. A window is identified by its
// start instant, so a new window starts empty at its boundary without any reset job.
import { DateTime } from "luxon";

export type PeriodSpec = {
  period: "daily" | "weekly" | "monthly" | "custom";
  customEvery?: number | null;
  customUnit?: "hours" | "days" | null;
  customStart?: Date | null;
};

export type Window = { start: Date; end: Date };

function zoned(at: Date, timezone: string): DateTime {
  const dt = DateTime.fromJSDate(at, { zone: timezone });
  // An unknown zone must not silently become UTC windows: fail loudly so the policy is fixed.
  if (!dt.isValid) throw new RangeError(`invalid timezone: ${timezone}`);
  return dt;
}

/** The window of `spec` that contains `at`, in `timezone`. */
export function windowFor(spec: PeriodSpec, at: Date, timezone: string): Window {
  const t = zoned(at, timezone);
  switch (spec.period) {
    case "daily":
      return span(t.startOf("day"), { days: 1 });
    case "weekly":
      // Luxon weeks are ISO weeks: they start on Monday.
      return span(t.startOf("week"), { weeks: 1 });
    case "monthly":
      return span(t.startOf("month"), { months: 1 });
    case "custom":
      return customWindow(spec, t, timezone);
  }
}

function span(start: DateTime, length: { days?: number; weeks?: number; months?: number }): Window {
  // Calendar arithmetic in the zone: a DST day is 23 or 25 hours long, and that is correct.
  return { start: start.toJSDate(), end: start.plus(length).toJSDate() };
}

function customWindow(spec: PeriodSpec, t: DateTime, timezone: string): Window {
  const every = spec.customEvery ?? 0;
  if (!Number.isInteger(every) || every < 1) throw new RangeError("custom period needs customEvery >= 1");
  const origin = zoned(spec.customStart ?? new Date(0), timezone);
  if (spec.customUnit === "hours") {
    // Hours are elapsed time: a 6-hour window is 6 real hours, also across a DST change.
    const stepMs = every * 3_600_000;
    const k = Math.floor((t.toMillis() - origin.toMillis()) / stepMs);
    const start = origin.toMillis() + k * stepMs;
    return { start: new Date(start), end: new Date(start + stepMs) };
  }
  // Days are calendar days in the zone (same local time of day as the start instant).
  const approx = Math.floor(t.diff(origin, "days").days / every);
  let k = approx;
  // The fractional diff can be off by one around DST changes; settle it exactly.
  while (origin.plus({ days: k * every }) > t) k--;
  while (origin.plus({ days: (k + 1) * every }) <= t) k++;
  const start = origin.plus({ days: k * every });
  return { start: start.toJSDate(), end: origin.plus({ days: (k + 1) * every }).toJSDate() };
}
