"use client";

import type { Header } from "@tanstack/react-table";
import type { DataTableFeatures } from "./features";

/** A header cell; sortable columns get a real button and `aria-sort` so keyboard and screen readers can sort. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function SortableHeader({ header, children }: { header: Header<DataTableFeatures, any, unknown>; children: React.ReactNode }) {
  const column = header.column;
  const sorted = column.getIsSorted();
  const ariaSort = sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined;
  const meta = column.columnDef.meta as { align?: "right" } | undefined;
  const align = meta?.align === "right" ? "text-right" : "";
  if (!column.getCanSort() || header.isPlaceholder) {
    return (
      <th scope="col" className={`px-4 py-2.5 font-medium ${align}`}>
        {children}
      </th>
    );
  }
  return (
    <th scope="col" aria-sort={ariaSort} className={`px-4 py-2.5 font-medium ${align}`}>
      <button
        type="button"
        onClick={column.getToggleSortingHandler()}
        className="inline-flex items-center gap-1 rounded uppercase hover:text-ink"
      >
        {children}
        <span aria-hidden="true" className="text-[10px]">
          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
        </span>
      </button>
    </th>
  );
}
