import { describe, expect, it } from "vitest";
import { applyCooldown, cooldownKey, withinCooldown } from "./cooldown";

const t = (min: number) => new Date(Date.UTC(2026, 10, 28, 12, min));
const ws = new Date("2026-11-28T00:00:00Z");
const soft = (id: string, min: number, budgetId = "b1", windowStart = ws) => ({ id, budgetId, windowStart, createdAt: t(min) });

describe("withinCooldown", () => {
  it("suppresses repeats inside the cooldown, not at or after its end", () => {
    expect(withinCooldown(t(0), t(59), 60)).toBe(true);
    expect(withinCooldown(t(0), t(60), 60)).toBe(false);
    expect(withinCooldown(null, t(1), 60)).toBe(false);
  });

  it("a cooldown of 0 never suppresses", () => {
    expect(withinCooldown(t(0), t(0), 0)).toBe(false);
  });
});

describe("applyCooldown", () => {
  it("delivers the first soft alert of a window and then one per cooldown", () => {
    const alerts = [soft("a", 0), soft("b", 10), soft("c", 30), soft("d", 31), soft("e", 95)];
    const { deliver, suppress } = applyCooldown(alerts, new Map(), () => 30);
    expect(deliver.map((a) => a.id)).toEqual(["a", "c", "e"]);
    expect(suppress.map((a) => a.id)).toEqual(["b", "d"]);
  });

  it("counts from what was already delivered in earlier passes", () => {
    const last = new Map([[cooldownKey({ budgetId: "b1", windowStart: ws }), t(0)]]);
    const { deliver } = applyCooldown([soft("x", 20), soft("y", 61)], last, () => 60);
    expect(deliver.map((a) => a.id)).toEqual(["y"]);
  });

  it("keeps budgets and windows apart, and uses each budget's own cooldown", () => {
    const next = new Date("2026-11-29T00:00:00Z");
    const alerts = [soft("a", 0, "b1"), soft("b", 1, "b2"), soft("c", 2, "b1", next), soft("d", 5, "b2")];
    const { deliver, suppress } = applyCooldown(alerts, new Map(), (id) => (id === "b2" ? 0 : 60));
    expect(deliver.map((a) => a.id)).toEqual(["a", "b", "c", "d"]);
    expect(suppress).toEqual([]);
  });

  it("orders by creation time whatever the input order", () => {
    const { deliver } = applyCooldown([soft("late", 50), soft("early", 0)], new Map(), () => 60);
    expect(deliver.map((a) => a.id)).toEqual(["early"]);
  });
});
