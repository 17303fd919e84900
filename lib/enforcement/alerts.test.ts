import { describe, expect, it } from "vitest";
import { AlertGate, crossedThresholds } from "./alerts";

describe("alerts", () => {
  it("reports each threshold crossed by one settle, exactly at the boundary", () => {
    expect(crossedThresholds([80, 100], 1_000n, 700n, 800n)).toEqual([80]);
    expect(crossedThresholds([80, 100], 1_000n, 799n, 1_200n)).toEqual([80, 100]);
    expect(crossedThresholds([80, 100], 1_000n, 800n, 900n)).toEqual([]);
    expect(crossedThresholds([80, 100], 1_000n, 0n, 799n)).toEqual([]);
  });
  it("the gate passes once, then once per cooldown", () => {
    const g = new AlertGate();
    expect(g.pass("a", 0, 60_000)).toBe(true);
    expect(g.pass("a", 59_999, 60_000)).toBe(false);
    expect(g.pass("a", 60_000, 60_000)).toBe(true);
    expect(g.pass("b", 0)).toBe(true);
    expect(g.pass("b", 1e12)).toBe(false);
  });
});
