"use client";
// The explorer's controls. Each change rewrites the URL (the single source of truth); the server page
// re-runs the query for the new URL.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { DateTime } from "luxon";
import { PRESETS, withParams, type PresetId } from "@/lib/analytics/explorer-url";
import type { FilterOptions } from "@/lib/analytics/filter-options";
import { cn } from "@/components/ui/cn";
import { MultiSelect } from "./multi-select";

const DIMENSIONS = [
  { value: "team", label: "Team" },
  { value: "user", label: "User" },
  { value: "key", label: "API key" },
  { value: "model", label: "Model" },
  { value: "provider", label: "Provider" },
];
const METRICS = [
  { value: "cost", label: "Cost (USD)" },
  { value: "requests", label: "Requests" },
  { value: "inputTokens", label: "Input tokens" },
  { value: "outputTokens", label: "Output tokens" },
  { value: "cachedInputTokens", label: "Cached input tokens" },
  { value: "costPerRequest", label: "Cost per request (USD)" },
];
const INTERVALS = [
  { value: "hour", label: "Hourly" },
  { value: "day", label: "Daily" },
  { value: "week", label: "Weekly" },
  { value: "month", label: "Monthly" },
];
const selectClass = "h-9 rounded-md border border-line-strong bg-paper px-2 text-sm text-ink";

type Props = { params: string; preset: PresetId; from: string; to: string; options: FilterOptions };

export function ExplorerControls({ params: paramString, preset, from, to, options }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const params = new URLSearchParams(paramString);
  const go = (changes: Record<string, string | null>) => startTransition(() => router.push(withParams(params, changes), { scroll: false }));
  const groupBy = (params.has("groupBy") ? params.get("groupBy")! : "team").split(",").filter(Boolean);
  const list = (name: string) => (params.get(name) ?? "").split(",").filter(Boolean);
  const dims = [...DIMENSIONS, ...options.tagKeys.map((k) => ({ value: `tag:${k}`, label: `Tag: ${k}` }))];
  const setGroup = (i: number, value: string) => {
    const next = [...groupBy];
    if (value) next[i] = value;
    else next.splice(i, 1);
    go({ groupBy: [...new Set(next.filter(Boolean))].join(","), t_sort: null });
  };
  // Custom range: the inputs show inclusive dates; the URL's `to` is exclusive like the API's.
  const toInclusive = to && /^\d{4}-\d{2}-\d{2}$/.test(to) ? DateTime.fromISO(to).minus({ days: 1 }).toISODate()! : to.slice(0, 10);
  const [customFrom, setCustomFrom] = useState(from.slice(0, 10));
  const [customTo, setCustomTo] = useState(toInclusive);

  return (
    <section aria-label="Explorer settings" aria-busy={pending} className="space-y-3 rounded-lg border border-line bg-paper p-4 shadow-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-ink">Period</span>
        {PRESETS.map((p) => (
          <Link
            key={p.id}
            href={withParams(params, { preset: p.id, from: null, to: null })}
            aria-current={preset === p.id ? "true" : undefined}
            className={cn("rounded-md border px-3 py-1.5 text-sm", preset === p.id ? "border-accent bg-accent text-white" : "border-line-strong bg-paper text-ink hover:bg-canvas")}
          >
            {p.label}
          </Link>
        ))}
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            const end = DateTime.fromISO(customTo).plus({ days: 1 }).toISODate();
            if (customFrom && end) go({ preset: "custom", from: customFrom, to: end });
          }}
        >
          <label className="sr-only" htmlFor="range-from">From</label>
          <input id="range-from" type="date" value={customFrom} onChange={(e) => setCustomFrom(e.target.value)} className={selectClass} />
          <span aria-hidden="true" className="text-ink-muted">–</span>
          <label className="sr-only" htmlFor="range-to">To (inclusive)</label>
          <input id="range-to" type="date" value={customTo} onChange={(e) => setCustomTo(e.target.value)} className={selectClass} />
          <button type="submit" className={cn(selectClass, preset === "custom" && "border-accent text-accent")}>Apply dates</button>
        </form>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor="ex-group-1" className="font-medium">Group by</label>
          <select id="ex-group-1" className={selectClass} value={groupBy[0] ?? ""} onChange={(e) => setGroup(0, e.target.value)}>
            <option value="">Nothing (totals)</option>
            {dims.map((d) => <option key={d.value} value={d.value}>{d.label}</option>)}
          </select>
        </div>
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor="ex-group-2" className="font-medium">then by</label>
          <select id="ex-group-2" className={selectClass} value={groupBy[1] ?? ""} onChange={(e) => setGroup(1, e.target.value)} disabled={!groupBy[0]}>
            <option value="">—</option>
            {dims.filter((d) => d.value !== groupBy[0]).map((d) => <option key={d.value} value={d.value}>{d.label}</option>)}
          </select>
        </div>
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor="ex-interval" className="font-medium">Interval</label>
          <select id="ex-interval" className={selectClass} value={params.get("interval") ?? "day"} onChange={(e) => go({ interval: e.target.value })}>
            {INTERVALS.map((i) => <option key={i.value} value={i.value}>{i.label}</option>)}
          </select>
        </div>
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor="ex-metric" className="font-medium">Metric</label>
          <select id="ex-metric" className={selectClass} value={params.get("metric") ?? "cost"} onChange={(e) => go({ metric: e.target.value === "cost" ? null : e.target.value })}>
            {METRICS.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
          </select>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={params.get("compare") === "previous"} onChange={(e) => go({ compare: e.target.checked ? "previous" : null })} />
          <span className="font-medium">Compare with previous period</span>
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-ink">Filters</span>
        {(["team", "user", "key", "model", "provider"] as const).map((d) => (
          <MultiSelect key={d} label={DIMENSIONS.find((x) => x.value === d)!.label} options={options[d]} selected={list(d)} onApply={(v) => go({ [d]: v.length ? v.join(",") : null })} />
        ))}
        {options.tagKeys.map((k) => (
          <MultiSelect
            key={k}
            label={`Tag ${k}`}
            options={(options.tagValues[k] ?? []).map((v) => ({ value: v, label: v }))}
            selected={list(`tag.${k}`)}
            onApply={(v) => go({ [`tag.${k}`]: v.length ? v.join(",") : null })}
          />
        ))}
        {pending && <span role="status" className="text-sm text-ink-muted">Updating…</span>}
      </div>
    </section>
  );
}
