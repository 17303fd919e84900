"use client";

import { useEffect, useMemo, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { functionalUpdate, useTable, type ColumnDef, type RowData, type Updater } from "@tanstack/react-table";
import { dataTableFeatures, type DataTableFeatures } from "./features";
import { readTableState, writeTableState, type TableUrlState } from "./url-state";
import { Pagination } from "./pagination";
import { SortableHeader } from "./sortable-header";
import { controlClass } from "@/components/ui/input";

type DataTableProps<TRow extends RowData> = {
  /** Per-page column definitions, defined at module scope (see `columnHelper`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<DataTableFeatures, TRow, any>[];
  data: TRow[];
  /** Accessible name of the table (rendered as a visually hidden caption). */
  label: string;
  getRowId?: (row: TRow) => string;
  searchPlaceholder?: string;
  /** Shown when there is no row at all (before any search). */
  empty?: React.ReactNode;
  /** Two tables on one page need distinct URL parameter prefixes. */
  paramPrefix?: string;
  defaultSort?: string;
  /** Server-side mode: `data` is already the sorted, searched page; the URL change makes the server refetch. */
  manual?: { rowCount: number };
};

/**
 * The one table: sorting, search and pagination, all kept in the URL so a view can be shared.
 * Client mode (default) processes the rows it is given; manual mode trusts the server's page.
 */
export function DataTable<TRow extends RowData>(props: DataTableProps<TRow>) {
  const { columns, data, label, getRowId, searchPlaceholder = "Search…", empty, paramPrefix, defaultSort, manual } = props;
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const urlState = useMemo(() => readTableState(searchParams, paramPrefix, defaultSort), [searchParams, paramPrefix, defaultSort]);
  const [searchDraft, setSearchDraft] = useState(urlState.search);

  function commit(next: TableUrlState) {
    const qs = writeTableState(new URLSearchParams(searchParams.toString()), next, paramPrefix, defaultSort).toString();
    const href = qs ? `${pathname}?${qs}` : pathname;
    // Client mode needs no server round trip: Next syncs useSearchParams with history.replaceState.
    if (manual) router.replace(href, { scroll: false });
    else window.history.replaceState(null, "", href);
  }

  // Debounce typing into the URL; a new search starts at page 1.
  useEffect(() => {
    if (searchDraft === urlState.search) return;
    const t = setTimeout(() => commit({ ...urlState, search: searchDraft, pagination: { ...urlState.pagination, pageIndex: 0 } }), 250);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [searchDraft]);

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: getRowId ? (row) => getRowId(row) : undefined,
    state: { sorting: urlState.sorting, pagination: urlState.pagination, globalFilter: urlState.search },
    onSortingChange: (u: Updater<TableUrlState["sorting"]>) =>
      commit({ ...urlState, sorting: functionalUpdate(u, urlState.sorting), pagination: { ...urlState.pagination, pageIndex: 0 } }),
    onPaginationChange: (u: Updater<TableUrlState["pagination"]>) =>
      commit({ ...urlState, pagination: functionalUpdate(u, urlState.pagination) }),
    globalFilterFn: "includesString",
    autoResetPageIndex: false,
    enableSortingRemoval: true,
    manualSorting: !!manual,
    manualFiltering: !!manual,
    manualPagination: !!manual,
    rowCount: manual?.rowCount,
  });

  const rows = table.getRowModel().rows;
  const total = manual ? manual.rowCount : table.getFilteredRowModel().rows.length;

  if (data.length === 0 && !urlState.search && empty) return <>{empty}</>;

  return (
    <div className="rounded-lg border border-line bg-paper shadow-sm">
      <div className="flex items-center justify-between gap-3 border-b border-line p-3">
        <input
          type="search"
          aria-label={`Search ${label.toLowerCase()}`}
          placeholder={searchPlaceholder}
          value={searchDraft}
          onChange={(e) => setSearchDraft(e.target.value)}
          className={`${controlClass} max-w-xs`}
        />
        <p className="text-sm text-ink-muted tabular" aria-live="polite">
          {total} {total === 1 ? "row" : "rows"}
        </p>
      </div>
      {/* relative: visually hidden (absolute) labels inside scroll with the table instead of widening the page. */}
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{label}</caption>
          <thead className="bg-canvas text-xs tracking-wide text-ink-muted uppercase">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <SortableHeader key={header.id} header={header}>
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </SortableHeader>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-line hover:bg-canvas/60">
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="px-4 py-3 align-middle">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="px-4 py-8 text-center text-ink-muted">
                  No rows match “{urlState.search}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {(table.getPageCount() > 1 || urlState.pagination.pageIndex > 0) && (
      <Pagination
        pageIndex={urlState.pagination.pageIndex}
        pageCount={Math.max(1, table.getPageCount())}
        canPrevious={table.getCanPreviousPage()}
        canNext={table.getCanNextPage()}
        onPrevious={() => table.previousPage()}
        onNext={() => table.nextPage()}
      />
      )}
    </div>
  );
}
