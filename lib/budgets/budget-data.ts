// Validated API input -> budget columns. The schema has already rejected bad shapes; this file turns
// USD into micro-dollars, picks the custom period's start and splits the tag filter.
import { DateTime } from "luxon";
import { usdToMicros } from "@/lib/money";
import { invalid } from "@/lib/api/errors";
import type { BudgetFilters, CreateBudget, CustomPeriod, UpdateBudget } from "@/lib/schemas/budget";

export function microsOf(usd: number, path: string): bigint {
  try {
    return usdToMicros(usd);
  } catch {
    throw invalid(path, "must be a USD amount with at most 6 decimals");
  }
}

/** A custom period without `start` starts at the current hour (hours) or day (days) in the org's zone. */
export function customColumns(cp: CustomPeriod | null | undefined, timezone: string, now: Date) {
  if (!cp) return { customEvery: null, customUnit: null, customStart: null };
  const start = cp.start ?? DateTime.fromJSDate(now, { zone: timezone }).startOf(cp.unit === "hours" ? "hour" : "day").toJSDate();
  return { customEvery: cp.every, customUnit: cp.unit, customStart: start };
}

export function filterColumns(f: BudgetFilters | null | undefined) {
  const tag = f?.tag ?? null;
  const i = tag ? tag.indexOf("=") : -1;
  return {
    filterModel: f?.model ?? null,
    filterProvider: f?.provider ?? null,
    filterTagKey: tag ? tag.slice(0, i).trim() : null,
    filterTagValue: tag ? tag.slice(i + 1).trim() : null,
  };
}

export function createColumns(input: CreateBudget, timezone: string, now: Date) {
  return {
    name: input.name,
    limitMicros: microsOf(input.limitUsd, "limitUsd"),
    enforcement: input.enforcement,
    period: input.period,
    ...customColumns(input.period === "custom" ? input.customPeriod : null, timezone, now),
    alertThresholds: input.alertThresholds,
    alertCooldownMinutes: input.alertCooldownMinutes,
    ...filterColumns(input.filters),
    shadow: input.shadow,
  };
}

/** Only the fields present in the patch; switching away from custom clears the custom columns. */
export function updateColumns(input: UpdateBudget, current: { period: string }, timezone: string, now: Date) {
  const period = input.period ?? current.period;
  if (period === "custom" && current.period !== "custom" && !input.customPeriod) {
    throw invalid("customPeriod", "required when period is custom");
  }
  if (period !== "custom" && input.customPeriod) throw invalid("customPeriod", "only allowed when period is custom");
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.limitUsd !== undefined ? { limitMicros: microsOf(input.limitUsd, "limitUsd") } : {}),
    ...(input.enforcement !== undefined ? { enforcement: input.enforcement } : {}),
    ...(input.period !== undefined ? { period: input.period } : {}),
    ...(period !== "custom" ? customColumns(null, timezone, now) : {}),
    ...(period === "custom" && input.customPeriod ? customColumns(input.customPeriod, timezone, now) : {}),
    ...(input.alertThresholds !== undefined ? { alertThresholds: input.alertThresholds } : {}),
    ...(input.alertCooldownMinutes !== undefined ? { alertCooldownMinutes: input.alertCooldownMinutes } : {}),
    ...(input.filters !== undefined ? filterColumns(input.filters) : {}),
    ...(input.shadow !== undefined ? { shadow: input.shadow } : {}),
  };
}
