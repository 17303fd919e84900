import { describe, expect, it } from "vitest";
import { AlertGate, crossedThresholds, deniedAlert, thresholdAlert } from "./alerts";
import type { BudgetState } from "./decision";

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
  it("words messages for people: dollars to the cent, the reset in the org's zone", () => {
    const s = {
      budget: { id: "b1", name: "Agent daily cap", level: "key", period: "daily", limitMicros: 5_000_000n, shadow: false },
      windowStart: new Date("2026-11-27T23:00:00Z"),
      windowEnd: new Date("2026-11-28T23:00:00Z"),
      spent: 4_115_200n,
      reserved: 0n,
    } as unknown as BudgetState;
    expect(thresholdAlert("o1", s, 80, 4_115_200n, "k1").message).toBe("Agent daily cap (key) reached 80% of its daily limit: $4.12 of $5.00");
    const denied = deniedAlert("o1", s, "k1", "Europe/Berlin");
    expect(denied.message).toBe("Agent daily cap (key) is exhausted: requests are denied until it resets on 29 Nov 2026, 00:00 Europe/Berlin");
    expect(denied.data.resetAt).toBe("2026-11-28T23:00:00.000Z");
  });
});
