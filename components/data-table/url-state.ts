import type { PaginationState, SortingState } from "@tanstack/react-table";

export const DEFAULT_PAGE_SIZE = 25;
const PAGE_SIZES = [10, 25, 50, 100];

/** Names of the URL parameters of one table; a prefix lets two tables share a page. */
export function paramNames(prefix?: string) {
  const p = prefix ? `${prefix}_` : "";
  return { sort: `${p}sort`, page: `${p}page`, size: `${p}size`, q: `${p}q` };
}

export type TableUrlState = { sorting: SortingState; pagination: PaginationState; search: string };

type Params = { get(name: string): string | null };

/** `?sort=name.desc&page=2&size=25&q=ops` -> table state (page is 1-based in the URL). */
export function readTableState(params: Params, prefix?: string, defaultSort?: string): TableUrlState {
  const n = paramNames(prefix);
  const sortParam = params.get(n.sort) ?? defaultSort ?? "";
  const [id, dir] = sortParam.split(".");
  const page = Math.max(1, Number.parseInt(params.get(n.page) ?? "1", 10) || 1);
  const sizeParam = Number.parseInt(params.get(n.size) ?? "", 10);
  const pageSize = PAGE_SIZES.includes(sizeParam) ? sizeParam : DEFAULT_PAGE_SIZE;
  return {
    sorting: id ? [{ id, desc: dir === "desc" }] : [],
    pagination: { pageIndex: page - 1, pageSize },
    search: params.get(n.q) ?? "",
  };
}

/** Writes table state back, dropping defaults so shared URLs stay short. */
export function writeTableState(base: URLSearchParams, state: TableUrlState, prefix?: string, defaultSort?: string) {
  const n = paramNames(prefix);
  const next = new URLSearchParams(base);
  const sort = state.sorting[0] ? `${state.sorting[0].id}.${state.sorting[0].desc ? "desc" : "asc"}` : "";
  if (sort && sort !== defaultSort) next.set(n.sort, sort);
  else next.delete(n.sort);
  if (state.pagination.pageIndex > 0) next.set(n.page, String(state.pagination.pageIndex + 1));
  else next.delete(n.page);
  if (state.pagination.pageSize !== DEFAULT_PAGE_SIZE) next.set(n.size, String(state.pagination.pageSize));
  else next.delete(n.size);
  if (state.search) next.set(n.q, state.search);
  else next.delete(n.q);
  return next;
}
