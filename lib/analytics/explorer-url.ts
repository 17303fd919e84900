// The explorer's URL is the spend API's query string plus a date preset and the table's own t_*
// parameters, so any view can be shared and the same query can be sent to /api/v1/spend(.csv).
import { DateTime } from "luxon";

export const PRESETS = [
  { id: "today", label: "Today" },
  { id: "7d", label: "Last 7 days" },
  { id: "30d", label: "Last 30 days" },
  { id: "this-month", label: "This month" },
  { id: "last-month", label: "Last month" },
  { id: "90d", label: "Last 90 days" },
] as const;
export type PresetId = (typeof PRESETS)[number]["id"] | "custom";

export const DEFAULT_PRESET = "30d";
const TABLE_PARAM = /^t_/;

/** [from, to) as local dates (to exclusive) for a preset, in the org timezone. */
export function presetRange(preset: string, timezone: string, now: Date = new Date()): { from: string; to: string } | null {
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf("day");
  const d = (t: DateTime) => t.toISODate()!;
  switch (preset) {
    case "today": return { from: d(today), to: d(today.plus({ days: 1 })) };
    case "7d": return { from: d(today.minus({ days: 6 })), to: d(today.plus({ days: 1 })) };
    case "30d": return { from: d(today.minus({ days: 29 })), to: d(today.plus({ days: 1 })) };
    case "90d": return { from: d(today.minus({ days: 89 })), to: d(today.plus({ days: 1 })) };
    case "this-month": return { from: d(today.startOf("month")), to: d(today.startOf("month").plus({ months: 1 })) };
    case "last-month": return { from: d(today.startOf("month").minus({ months: 1 })), to: d(today.startOf("month")) };
    default: return null;
  }
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

export function toSearchParams(params: Params): URLSearchParams {
  if (params instanceof URLSearchParams) return new URLSearchParams(params);
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((x) => out.append(k, x));
    else if (v !== undefined) out.set(k, v);
  }
  return out;
}

/** The preset in effect: explicit, or "custom" when from/to are given, or the default. */
export function activePreset(params: URLSearchParams): PresetId {
  const p = params.get("preset");
  if (p && (p === "custom" || PRESETS.some((x) => x.id === p))) return p as PresetId;
  return params.get("from") || params.get("to") ? "custom" : DEFAULT_PRESET;
}

/** Explorer URL -> the spend query parameters (what /api/v1/spend receives). */
export function explorerSpendParams(params: URLSearchParams, timezone: string, now: Date = new Date()): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of params) if (k !== "preset" && !TABLE_PARAM.test(k) && v !== "") out.append(k, v);
  const preset = activePreset(params);
  const range = preset === "custom" ? null : presetRange(preset, timezone, now);
  if (range) {
    out.set("from", range.from);
    out.set("to", range.to);
  }
  if (!params.has("groupBy")) out.set("groupBy", "team");
  if (!params.has("interval")) out.set("interval", "day");
  else if (params.get("interval") === "none") out.delete("interval");
  return out;
}

/** A copy of the explorer URL with some parameters set (null deletes), resetting the table's page. */
export function withParams(params: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) next.delete(k);
    else next.set(k, v);
  }
  next.delete("t_page");
  const qs = next.toString();
  return qs ? `?${qs}` : "?";
}

/** team -> its users -> their keys -> models (and a model drills into the teams using it). */
export const DRILL_NEXT: Record<string, string> = { team: "user", user: "key", key: "model", model: "team", provider: "model" };

/** The explorer URL after clicking a row whose first dimension has value `id`; null when no drill. */
export function drillHref(params: URLSearchParams, groupBy: string[], id: string | null): string | null {
  const dim = groupBy[0];
  if (!dim || id === null) return null;
  const filter = dim.startsWith("tag:") ? `tag.${dim.slice(4)}` : dim;
  const next = dim.startsWith("tag:") ? "team" : DRILL_NEXT[dim];
  if (!next) return null;
  const rest = groupBy.slice(1).filter((d) => d !== next && d !== dim);
  return withParams(params, { [filter]: id, groupBy: [next, ...rest].join(","), t_sort: null });
}

export type Crumb = { label: string; href: string | null };

/** Breadcrumbs of the drill path (team > user > key), each link dropping what came after it. */
export function breadcrumbs(params: URLSearchParams, names: Record<string, string>): Crumb[] {
  const path = ["team", "user", "key"].filter((d) => params.get(d) && !params.get(d)!.includes(","));
  const crumbs: Crumb[] = [{ label: "All spend", href: path.length ? withParams(params, { team: null, user: null, key: null, groupBy: "team" }) : null }];
  path.forEach((dim, i) => {
    const last = i === path.length - 1;
    const drop = Object.fromEntries(path.slice(i + 1).map((d) => [d, null]));
    crumbs.push({
      label: names[params.get(dim)!] ?? params.get(dim)!,
      href: last ? null : withParams(params, { ...drop, groupBy: DRILL_NEXT[dim] }),
    });
  });
  return crumbs;
}
