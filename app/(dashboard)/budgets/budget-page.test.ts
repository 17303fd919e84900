// The budgets page's pure pieces: state and wording, tree placement with allocation vs ceiling,
// filtering, the reallocation preview and the form <-> API mapping.
import { describe, expect, it } from "vitest";
import { budgetState, formatDuration, percentOf, periodLabel, resetsIn } from "./budget-format";
import { buildTree, flattenBudgets, type AllocInput } from "./build-tree";
import { filterTree, parentKeys } from "./filter-tree";
import { moveTargets, previewMove } from "./reallocation-preview";
import { defaultsFor, parseThresholds, toUpdateInput } from "./budget-form-values";
import type { BudgetView } from "./tree-types";

const M = 1_000_000n;

describe("budgetState", () => {
  it("is fine, past the highest threshold reached, or exceeded (spent + reserved)", () => {
    expect(budgetState(100n * M, 50n * M, 0n, [80, 100])).toEqual({ state: "fine", reachedThreshold: null });
    expect(budgetState(100n * M, 70n * M, 10n * M, [50, 80, 100])).toEqual({ state: "threshold", reachedThreshold: 80 });
    expect(budgetState(100n * M, 100n * M, 0n, [80])).toEqual({ state: "exceeded", reachedThreshold: 100 });
    expect(budgetState(0n, 0n, 0n, [80])).toEqual({ state: "fine", reachedThreshold: null });
    expect(budgetState(0n, 1n, 0n, [80])).toMatchObject({ state: "exceeded" });
  });

  it("compares exactly at the boundary (no float rounding)", () => {
    expect(budgetState(3n, 2n, 0n, [66]).state).toBe("threshold"); // 66.67% >= 66%
    expect(budgetState(3n, 2n, 0n, [67]).state).toBe("fine"); // 66.67% < 67%
  });
});

describe("formatting", () => {
  it("says when the window resets in hours and minutes", () => {
    expect(formatDuration((5 * 60 + 12) * 60_000)).toBe("5 h 12 min");
    expect(formatDuration((2 * 1440 + 3 * 60 + 5) * 60_000)).toBe("2 d 3 h");
    expect(formatDuration(42 * 60_000)).toBe("42 min");
    expect(formatDuration(59_000)).toBe("under a minute");
    expect(resetsIn("2026-11-28T20:00:00Z", new Date("2026-11-28T14:48:00Z"))).toBe("resets in 5 h 12 min");
  });

  it("labels periods and clamps percentages", () => {
    expect(periodLabel("custom", { every: 6, unit: "hours" })).toBe("Every 6 hours");
    expect(periodLabel("custom", { every: 1, unit: "days" })).toBe("Every 1 day");
    expect(periodLabel("weekly", null)).toBe("Weekly");
    expect(percentOf(150n, 100n)).toBe(100);
    expect(percentOf(1n, 3n)).toBe(33.3);
  });
});

let seq = 0;
function view(p: Partial<BudgetView> & Pick<BudgetView, "level" | "scopeId">): BudgetView {
  return {
    id: `b${++seq}`,
    name: `budget ${seq}`,
    teamId: null,
    userId: null,
    limitMicros: 100n * M,
    usedMicros: 0n,
    reservedMicros: 0n,
    enforcement: "hard",
    period: "monthly",
    customPeriod: null,
    periodKey: "monthly",
    periodLabel: "Monthly",
    alertThresholds: [80, 100],
    alertCooldownMinutes: 60,
    filters: { model: null, provider: null, tag: null },
    shadow: false,
    windowStart: "2026-11-01T00:00:00.000Z",
    resetAt: "2026-12-01T00:00:00.000Z",
    state: "fine",
    reachedThreshold: null,
    wouldDeny: null,
    deniedRequests: 0,
    canEdit: true,
    canDelete: true,
    canReallocate: true,
    ...p,
  };
}
const alloc = (b: BudgetView): AllocInput => ({
  budgetId: b.id,
  level: b.level,
  teamId: b.teamId,
  userId: b.userId,
  keyId: b.level === "key" ? b.scopeId : null,
  limitMicros: b.limitMicros,
  counts: !b.shadow,
  periodKey: b.periodKey,
  periodLabel: b.periodLabel,
});

const entities = {
  org: { id: "o1", name: "Acme" },
  teams: [{ id: "t2", name: "Research" }, { id: "t1", name: "Platform" }],
  users: [
    { id: "u1", name: "Ann", email: "ann@x", teamId: "t1" },
    { id: "u2", name: "Ben", email: "ben@x", teamId: "t1" },
    { id: "u9", name: "Fin", email: "fin@x", teamId: null },
  ],
  keys: [
    { id: "k1", name: "ann-notebook", prefix: "psr_key_aaaa", teamId: "t1", userId: "u1" },
    { id: "k2", name: "support-bot", prefix: "psr_key_bbbb", teamId: "t1", userId: null },
  ],
};

function sample() {
  const team = view({ level: "team", scopeId: "t1", teamId: "t1", limitMicros: 500n * M, name: "Platform monthly" });
  const ann = view({ level: "user", scopeId: "u1", teamId: "t1", userId: "u1", limitMicros: 300n * M, name: "Ann monthly", state: "threshold" });
  const ben = view({ level: "user", scopeId: "u2", teamId: "t1", userId: "u2", limitMicros: 100n * M, name: "Ben monthly" });
  const bot = view({ level: "key", scopeId: "k2", teamId: "t1", limitMicros: 200n * M, name: "Bot monthly", state: "exceeded" });
  const daily = view({ level: "key", scopeId: "k2", teamId: "t1", limitMicros: 5n * M, name: "Bot daily", periodKey: "daily", periodLabel: "Daily", period: "daily" });
  const other = view({ level: "team", scopeId: "t2", teamId: "t2", name: "Research monthly" });
  const all = [team, ann, ben, bot, daily, other];
  return { all, team, ann, ben, bot, daily, other, tree: buildTree(entities, all, all.map(alloc), () => true) };
}

describe("buildTree", () => {
  it("places budgets under org -> teams (by name) -> users -> keys, service keys under the team", () => {
    const { tree } = sample();
    expect(tree.children.map((c) => c.name)).toEqual(["Platform", "Research"]);
    const platform = tree.children[0];
    expect(platform.children.map((c) => `${c.level}:${c.name}`)).toEqual(["user:Ann", "user:Ben", "key:support-bot"]);
    expect(platform.children[0].children.map((c) => c.name)).toEqual(["ann-notebook"]);
    expect(flattenBudgets(tree).find((b) => b.name === "Ann monthly")?.path).toBe("Acme › Platform › Ann");
  });

  it("flags an oversubscribed team and reports a period without a ceiling", () => {
    const { tree } = sample();
    const platform = tree.children[0];
    expect(platform.allocations).toEqual([
      { periodKey: "daily", periodLabel: "Daily", ceilingMicros: null, allocatedMicros: 5n * M, oversubscribed: false },
      { periodKey: "monthly", periodLabel: "Monthly", ceilingMicros: 500n * M, allocatedMicros: 600n * M, oversubscribed: true },
    ]);
  });
});

describe("filterTree", () => {
  it("keeps matches and the path to them, opening every remaining branch", () => {
    const { tree } = sample();
    const f = filterTree(tree, { search: "notebook", overOnly: false })!;
    expect(f.children.map((c) => c.name)).toEqual(["Platform"]);
    expect(f.children[0].children.map((c) => c.name)).toEqual(["Ann"]);
    expect(parentKeys(f)).toEqual(["org:o1", "team:t1", "user:u1"]);
  });

  it("over threshold: only budgets past a threshold, with their ancestors", () => {
    const { tree } = sample();
    const f = filterTree(tree, { search: "", overOnly: true })!;
    expect(flattenBudgets(f).map((b) => b.name).sort()).toEqual(["Ann monthly", "Bot monthly"]);
  });
});

describe("reallocation preview", () => {
  it("shows before/after for both budgets and the team allocation (a move inside the team nets to zero)", () => {
    const { all, ann, ben } = sample();
    const p = previewMove(all, ann, ben, 50n * M);
    expect(p.from).toEqual({ beforeMicros: 300n * M, afterMicros: 250n * M });
    expect(p.to).toEqual({ beforeMicros: 100n * M, afterMicros: 150n * M });
    expect(p.teams).toEqual([expect.objectContaining({ teamId: "t1", beforeMicros: 600n * M, afterMicros: 600n * M, allocatableAfterMicros: -100n * M })]);
    expect(p.valid).toBe(true);
    expect(previewMove(all, ann, ben, 301n * M).valid).toBe(false);
  });

  it("offers only same-period budgets the actor may move, siblings first", () => {
    const { all, ann, ben, bot, team } = sample();
    expect(moveTargets(all, ann).map((b) => b.id)).toEqual([ben.id, bot.id, team.id, all[5].id]);
    expect(moveTargets(all.map((b) => (b.id === ben.id ? { ...b, canReallocate: false } : b)), ann).map((b) => b.id)).not.toContain(ben.id);
  });
});

describe("budget form values", () => {
  it("parses thresholds leniently and leaves junk for the schema to name", () => {
    expect(parseThresholds("80, 100%")).toEqual([80, 100]);
    expect(parseThresholds("50 ; 90")).toEqual([50, 90]);
    expect(parseThresholds("x")).toEqual([NaN]);
  });

  it("sends the period only when it changes (a custom period would restart its windows)", () => {
    const b = view({ level: "team", scopeId: "t1", period: "custom", customPeriod: { every: 6, unit: "hours" }, periodKey: "custom:6:hours" });
    const same = toUpdateInput(defaultsFor(b, null), b);
    expect(same).not.toHaveProperty("period");
    expect(same).not.toHaveProperty("customPeriod");
    const changed = toUpdateInput({ ...defaultsFor(b, null), customPeriod: { every: "12", unit: "hours" } }, b);
    expect(changed).toMatchObject({ period: "custom", customPeriod: { every: 12, unit: "hours" } });
    expect(toUpdateInput({ ...defaultsFor(b, null), period: "daily" }, b)).toMatchObject({ period: "daily" });
    expect(defaultsFor(view({ level: "org", scopeId: "o1", limitMicros: 1_234_500n }), null).limitUsd).toBe("1.2345");
  });
});

describe("optimistic patches", () => {
  it("shows the new limit at once, marked pending, with the state recomputed", async () => {
    const { applyPatches } = await import("./filter-tree");
    const { tree, ann } = sample();
    const used = { ...ann, usedMicros: 250n * M };
    const t2 = { ...tree, children: tree.children.map((c) => ({ ...c, children: c.children.map((u) => ({ ...u, budgets: u.budgets.map((b) => (b.id === ann.id ? used : b)) })) })) };
    const out = flattenBudgets(applyPatches(t2, { [ann.id]: { limitMicros: 200n * M } })).find((b) => b.id === ann.id)!;
    expect(out).toMatchObject({ limitMicros: 200n * M, pending: true, state: "exceeded" });
    expect(applyPatches(tree, {})).toBe(tree);
  });
});
