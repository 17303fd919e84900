// Forecast alerts (DESIGN §5, §6): the window's burn rate so far, projected to the window's end.
// Pure: the scanner feeds it durable window totals; tests feed it numbers.

export type ForecastInput = {
  limitMicros: bigint;
  spentMicros: bigint;
  windowStart: Date;
  windowEnd: Date;
  now: Date;
};

export type Forecast = {
  /** Spend at the end of the window if the rate so far continues. */
  projectedMicros: bigint;
  /** When the limit would be reached at that rate (null if never within the window). */
  crossesAt: Date | null;
  /** True: the limit will be passed before the window resets. */
  willExceed: boolean;
};

/** Before this share of the window has passed, a rate is noise (one burst in the first minute). */
export const MIN_ELAPSED_SHARE = 0.1;
/** Nor is a window that has spent less than this share of its limit worth an alert. */
export const MIN_SPENT_SHARE_PERCENT = 10n;

export function forecastWindow(i: ForecastInput): Forecast | null {
  const total = i.windowEnd.getTime() - i.windowStart.getTime();
  const elapsed = i.now.getTime() - i.windowStart.getTime();
  if (total <= 0 || elapsed <= 0 || elapsed >= total) return null;
  const el = BigInt(elapsed);
  const projectedMicros = (i.spentMicros * BigInt(total)) / el;
  // Time at which spent reaches the limit: start + limit * elapsed / spent.
  const crossMs = i.spentMicros > 0n ? Number((i.limitMicros * el) / i.spentMicros) : Infinity;
  const crossesAt = Number.isFinite(crossMs) && crossMs < total ? new Date(i.windowStart.getTime() + crossMs) : null;
  return { projectedMicros, crossesAt, willExceed: projectedMicros > i.limitMicros };
}

/**
 * Should a forecast alert be raised now? Only for a window that is not yet over its limit (that is an
 * "exceeded" alert), far enough in to have a meaningful rate, and projected to pass the limit.
 */
export function shouldForecastAlert(i: ForecastInput): Forecast | null {
  if (i.limitMicros <= 0n || i.spentMicros >= i.limitMicros) return null;
  const total = i.windowEnd.getTime() - i.windowStart.getTime();
  const elapsed = i.now.getTime() - i.windowStart.getTime();
  if (total <= 0 || elapsed < total * MIN_ELAPSED_SHARE) return null;
  if (i.spentMicros * 100n < i.limitMicros * MIN_SPENT_SHARE_PERCENT) return null;
  const f = forecastWindow(i);
  return f && f.willExceed ? f : null;
}
