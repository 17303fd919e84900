import { describe, expect, it } from "vitest";
import { activePreset, breadcrumbs, drillHref, explorerSpendParams, presetRange } from "./explorer-url";

const now = new Date("2026-11-28T23:30:00Z"); // already 29 Nov in Kolkata

describe("explorer URL", () => {
  it("computes presets in the org timezone (to exclusive)", () => {
    expect(presetRange("today", "Asia/Kolkata", now)).toEqual({ from: "2026-11-29", to: "2026-11-30" });
    expect(presetRange("today", "UTC", now)).toEqual({ from: "2026-11-28", to: "2026-11-29" });
    expect(presetRange("last-month", "UTC", now)).toEqual({ from: "2026-10-01", to: "2026-11-01" });
    expect(presetRange("7d", "UTC", now)).toEqual({ from: "2026-11-22", to: "2026-11-29" });
  });

  it("turns the explorer URL into the spend API query, dropping table state and applying defaults", () => {
    const p = new URLSearchParams("preset=this-month&t_sort=costUsd.asc&t_page=2&team=a,b&tag.feature=x");
    const q = explorerSpendParams(p, "UTC", now);
    expect(Object.fromEntries(q)).toEqual({ team: "a,b", "tag.feature": "x", from: "2026-11-01", to: "2026-12-01", groupBy: "team", interval: "day" });
    expect(activePreset(new URLSearchParams("from=2026-01-01&to=2026-02-01"))).toBe("custom");
  });

  it("drills team -> user -> key -> model and builds breadcrumbs back", () => {
    const p = new URLSearchParams("preset=7d&groupBy=team");
    const toUser = drillHref(p, ["team"], "T1")!;
    expect(Object.fromEntries(new URLSearchParams(toUser.slice(1)))).toEqual({ preset: "7d", groupBy: "user", team: "T1" });
    const p2 = new URLSearchParams(toUser.slice(1));
    const toKey = new URLSearchParams(drillHref(p2, ["user"], "U1")!.slice(1));
    expect(toKey.get("groupBy")).toBe("key");
    const crumbs = breadcrumbs(toKey, { T1: "Search", U1: "Ada" });
    expect(crumbs.map((c) => c.label)).toEqual(["All spend", "Search", "Ada"]);
    expect(crumbs[2].href).toBeNull();
    expect(Object.fromEntries(new URLSearchParams(crumbs[1].href!.slice(1)))).toEqual({ preset: "7d", groupBy: "user", team: "T1" });
    expect(drillHref(p, ["team"], null)).toBeNull();
  });
});
