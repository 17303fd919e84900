"use client";
// The explorer's table: one column per group-by dimension (a link that drills down), the metrics,
// share of total, and the previous period when comparing. Sort and search live in the URL (t_*).
import Link from "next/link";
import { useMemo } from "react";
import type { SpendResultOut, SpendRowOut } from "@/lib/schemas/spend";
import { drillHref } from "@/lib/analytics/explorer-url";
import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { formatChartValue } from "@/components/charts/format";
import { formatInt } from "@/components/ui/format";
import { Delta } from "./delta";

type Row = SpendRowOut & { id: string };
const col = columnHelper<Row>();
const right = { align: "right" as const };
const num = (v: number) => <span className="block text-right tabular">{formatInt(v)}</span>;
const usd = (v: number | null) => <span className="block text-right tabular">{v === null ? "—" : formatChartValue(v, "usd")}</span>;

const DIM_LABEL: Record<string, string> = { team: "Team", user: "User", key: "API key", model: "Model", provider: "Provider" };

/** The rows in the table's order (URL sort `t_sort=col.dir`, search `t_q`), for CSV export. */
export function sortRows(rows: SpendRowOut[], sort: string | null, q: string | null, groupBy: string[]): SpendRowOut[] {
  let out = [...rows];
  if (q) out = out.filter((r) => groupBy.some((d) => (r.group[d] ?? "").toLowerCase().includes(q.toLowerCase())));
  const [id, dir] = (sort ?? "costUsd.desc").split(".");
  const value = (r: SpendRowOut): number | string => (id.startsWith("g_") ? r.group[id.slice(2)] ?? "" : (r[id as keyof SpendRowOut] as number) ?? -Infinity);
  out.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = typeof va === "string" ? va.localeCompare(String(vb)) : va - (vb as number);
    return dir === "desc" ? -c : c;
  });
  return out;
}

export function SpendTable({ result, params }: { result: SpendResultOut; params: string }) {
  const search = useMemo(() => new URLSearchParams(params), [params]);
  const compare = !!result.previous;
  const columns = useMemo(() => {
    const dims = result.groupBy.map((d, i) =>
      col.accessor((r) => r.group[d] ?? "", {
        id: `g_${d}`,
        header: d.startsWith("tag:") ? `Tag ${d.slice(4)}` : DIM_LABEL[d],
        cell: (c) => {
          const row = c.row.original;
          const href = i === 0 && !row.other ? drillHref(search, result.groupBy, row.groupIds[d]) : null;
          const text = c.getValue() as string;
          return href ? <Link href={href} className="font-medium text-accent underline-offset-4 hover:underline">{text}</Link> : <span className={row.other ? "italic text-ink-muted" : ""}>{text}</span>;
        },
      }),
    );
    return col.columns([
      ...dims,
      col.accessor("costUsd", { header: "Cost (USD)", sortFn: "basic", meta: right, enableGlobalFilter: false, cell: (c) => usd(c.getValue()) }),
      col.accessor("share", { header: "Share", sortFn: "basic", meta: right, enableGlobalFilter: false, cell: (c) => <span className="block text-right tabular">{c.getValue() === null ? "—" : `${((c.getValue() ?? 0) * 100).toFixed(1)}%`}</span> }),
      ...(compare
        ? [col.accessor((r) => r.previous?.costUsd ?? 0, { id: "previousCostUsd", header: "Previous (USD)", sortFn: "basic", meta: right, enableGlobalFilter: false, cell: (c) => usd(c.getValue() as number) }),
           col.accessor((r) => r.costUsd - (r.previous?.costUsd ?? 0), { id: "deltaUsd", header: "Change", sortFn: "basic", meta: right, enableGlobalFilter: false, cell: (c) => <span className="block text-right tabular"><Delta current={c.row.original.costUsd} previous={c.row.original.previous?.costUsd ?? 0} money /></span> })]
        : []),
      col.accessor("requests", { header: "Requests", sortFn: "basic", meta: right, enableGlobalFilter: false, cell: (c) => num(c.getValue()) }),
      col.accessor("inputTokens", { header: "Input tokens", sortFn: "basic", meta: right, enableGlobalFilter: false, cell: (c) => num(c.getValue()) }),
      col.accessor("outputTokens", { header: "Output tokens", sortFn: "basic", meta: right, enableGlobalFilter: false, cell: (c) => num(c.getValue()) }),
      col.accessor("costPerRequestUsd", { header: "Cost / request", sortFn: "basic", meta: right, enableGlobalFilter: false, cell: (c) => usd(c.getValue()) }),
    ]);
  }, [result.groupBy, compare, search]);
  const rows: Row[] = result.rows.map((r, i) => ({ ...r, id: r.other ? "other" : `${i}:${Object.values(r.groupIds).join("|")}` }));
  return (
    <DataTable
      label={`Spend by ${result.groupBy.join(" and ") || "total"}`}
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      paramPrefix="t"
      defaultSort="costUsd.desc"
      searchPlaceholder="Search groups…"
    />
  );
}
