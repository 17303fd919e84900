"use client";

import Link from "next/link";
import type { SpendResultOut } from "@/lib/schemas/spend";
import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { formatChartValue } from "@/components/charts/format";
import { formatDateTime, formatDate, formatInt } from "@/components/ui/format";

const right = { align: "right" as const };
const usd = (v: number | null) => <span className="block text-right tabular">{v === null ? "—" : formatChartValue(v, "usd")}</span>;

type Runaway = { key: string; keyId: string; team: string; peakStart: string; peakUsd: number; usualUsd: number; ratio: number; windowUsd: number };
const rc = columnHelper<Runaway>();
export function RunawayTable({ rows, timezone }: { rows: Runaway[]; timezone: string }) {
  const columns = rc.columns([
    rc.accessor("key", { header: "Key", cell: (c) => <Link className="text-accent hover:underline" href={`/analytics?preset=30d&key=${c.row.original.keyId}&groupBy=model&interval=hour`}>{c.getValue()}</Link> }),
    rc.accessor("team", { header: "Team" }),
    rc.accessor("peakStart", { header: "Peak hour", sortFn: "text", cell: (c) => formatDateTime(c.getValue(), timezone) }),
    rc.accessor("peakUsd", { header: "Peak hour (USD)", sortFn: "basic", meta: right, cell: (c) => usd(c.getValue()) }),
    rc.accessor("usualUsd", { header: "Usual hour (USD)", sortFn: "basic", meta: right, cell: (c) => usd(c.getValue()) }),
    rc.accessor("ratio", { header: "× usual", sortFn: "basic", meta: right, cell: (c) => <span className="block text-right font-semibold tabular text-danger">{Number.isFinite(c.getValue()) ? `${c.getValue().toFixed(0)}×` : "new"}</span> }),
    rc.accessor("windowUsd", { header: "Spend in period", sortFn: "basic", meta: right, cell: (c) => usd(c.getValue()) }),
  ]);
  return <DataTable label="Runaway keys" columns={columns} data={rows} getRowId={(r) => r.keyId} paramPrefix="r" defaultSort="ratio.desc" empty={<p className="text-sm text-ink-muted">No key ran away in this period.</p>} />;
}

type Idle = { id: string; name: string; prefix: string; team: string; user: string | null; createdAt: string; lastUsedAt: string | null };
const ic = columnHelper<Idle>();
export function IdleTable({ rows, timezone }: { rows: Idle[]; timezone: string }) {
  const columns = ic.columns([
    ic.accessor("name", { header: "Key", cell: (c) => `${c.getValue()} (${c.row.original.prefix}…)` }),
    ic.accessor("team", { header: "Team" }),
    ic.accessor((r) => r.user ?? "service key", { id: "user", header: "Owner" }),
    ic.accessor((r) => r.lastUsedAt ?? "", { id: "lastUsedAt", header: "Last used", sortFn: "text", cell: (c) => (c.row.original.lastUsedAt ? formatDate(c.row.original.lastUsedAt, timezone) : "never") }),
    ic.accessor("createdAt", { header: "Created", sortFn: "text", cell: (c) => formatDate(c.getValue(), timezone) }),
  ]);
  return <DataTable label="Idle keys" columns={columns} data={rows} getRowId={(r) => r.id} paramPrefix="i" empty={<p className="text-sm text-ink-muted">Every key was used in this period.</p>} />;
}

type Dup = { model: string; provider: string; costUsd: number; teams: { team: string; keys: number; costUsd: number }[] };
const dc = columnHelper<Dup>();
export function DuplicatesTable({ rows }: { rows: Dup[] }) {
  const columns = dc.columns([
    dc.accessor("model", { header: "Model", cell: (c) => <Link className="font-mono text-xs text-accent hover:underline" href={`/analytics?preset=30d&model=${encodeURIComponent(c.getValue())}&groupBy=team,key`}>{c.getValue()}</Link> }),
    dc.accessor("provider", { header: "Provider" }),
    dc.accessor((r) => r.teams.length, { id: "teamCount", header: "Teams", sortFn: "basic", meta: right, cell: (c) => <span className="block text-right tabular">{c.getValue() as number}</span> }),
    dc.accessor((r) => r.teams.reduce((s, t) => s + t.keys, 0), { id: "keyCount", header: "Keys", sortFn: "basic", meta: right, cell: (c) => <span className="block text-right tabular">{c.getValue() as number}</span> }),
    dc.accessor((r) => r.teams.map((t) => `${t.team} (${t.keys} keys, ${formatChartValue(t.costUsd, "usd")})`).join(", "), { id: "teams", header: "Bought by", enableSorting: false, cell: (c) => <span className="text-xs">{c.getValue() as string}</span> }),
    dc.accessor("costUsd", { header: "Spend (USD)", sortFn: "basic", meta: right, cell: (c) => usd(c.getValue()) }),
  ]);
  return <DataTable label="Models bought by several teams" columns={columns} data={rows} getRowId={(r) => `${r.provider}/${r.model}`} paramPrefix="d" defaultSort="teamCount.desc" empty={<p className="text-sm text-ink-muted">No model is bought by more than one team.</p>} />;
}

type TagRow = { value: string; costUsd: number; requests: number; costPerRequestUsd: number | null; inputTokens: number; outputTokens: number };
const tc = columnHelper<TagRow>();
export function TagCostTable({ tag, result }: { tag: string; result: SpendResultOut }) {
  const rows: TagRow[] = result.rows.map((r) => ({ value: r.group[`tag:${tag}`] ?? "(untagged)", costUsd: r.costUsd, requests: r.requests, costPerRequestUsd: r.costPerRequestUsd, inputTokens: r.requests ? Math.round(r.inputTokens / r.requests) : 0, outputTokens: r.requests ? Math.round(r.outputTokens / r.requests) : 0 }));
  const columns = tc.columns([
    tc.accessor("value", { header: `Tag ${tag}` }),
    tc.accessor("costPerRequestUsd", { header: "Cost per task", sortFn: "basic", meta: right, cell: (c) => usd(c.getValue()) }),
    tc.accessor("requests", { header: "Tasks", sortFn: "basic", meta: right, cell: (c) => <span className="block text-right tabular">{formatInt(c.getValue())}</span> }),
    tc.accessor("costUsd", { header: "Spend (USD)", sortFn: "basic", meta: right, cell: (c) => usd(c.getValue()) }),
    tc.accessor("inputTokens", { header: "Input tokens / task", sortFn: "basic", meta: right, cell: (c) => <span className="block text-right tabular">{formatInt(c.getValue())}</span> }),
    tc.accessor("outputTokens", { header: "Output tokens / task", sortFn: "basic", meta: right, cell: (c) => <span className="block text-right tabular">{formatInt(c.getValue())}</span> }),
  ]);
  return <DataTable label={`Cost per task by tag ${tag}`} columns={columns} data={rows} getRowId={(r) => r.value} paramPrefix="c" defaultSort="costPerRequestUsd.desc" empty={<p className="text-sm text-ink-muted">No tagged usage in the last 30 days.</p>} />;
}
