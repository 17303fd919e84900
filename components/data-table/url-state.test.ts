import { describe, expect, it } from "vitest";
import { DEFAULT_PAGE_SIZE, readTableState, writeTableState } from "./url-state";

const params = (qs: string) => new URLSearchParams(qs);

describe("table state in the URL", () => {
  it("reads sort, 1-based page, size and search", () => {
    expect(readTableState(params("sort=name.desc&page=3&size=50&q=ops"))).toEqual({
      sorting: [{ id: "name", desc: true }],
      pagination: { pageIndex: 2, pageSize: 50 },
      search: "ops",
    });
  });

  it("falls back to defaults on missing or hostile values", () => {
    expect(readTableState(params("page=-4&size=7"), undefined, "createdAt.desc")).toEqual({
      sorting: [{ id: "createdAt", desc: true }],
      pagination: { pageIndex: 0, pageSize: DEFAULT_PAGE_SIZE },
      search: "",
    });
    expect(readTableState(params("page=abc")).pagination.pageIndex).toBe(0);
  });

  it("keeps two tables apart with prefixes and leaves other parameters alone", () => {
    const base = params("entityType=key&gw_page=2");
    const next = writeTableState(base, { sorting: [{ id: "name", desc: false }], pagination: { pageIndex: 1, pageSize: 25 }, search: "bot" }, "adm");
    expect(next.toString()).toBe("entityType=key&gw_page=2&adm_sort=name.asc&adm_page=2&adm_q=bot");
    expect(readTableState(next, "gw").pagination.pageIndex).toBe(1);
  });

  it("drops defaults so shared URLs stay short, and round-trips", () => {
    const state = { sorting: [{ id: "name", desc: false }], pagination: { pageIndex: 0, pageSize: DEFAULT_PAGE_SIZE }, search: "" };
    expect(writeTableState(params(""), state, undefined, "name.asc").toString()).toBe("");
    const custom = { sorting: [{ id: "cost", desc: true }], pagination: { pageIndex: 4, pageSize: 100 }, search: "a b" };
    expect(readTableState(writeTableState(params(""), custom))).toEqual(custom);
  });
});
