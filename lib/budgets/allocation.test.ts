import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  allocationChecks,
  decideAll,
  decideOne,
  periodKey,
  teamAllocation,
  userAllocation,
  type AllocNode,
  type AllocationCheck,
} from "./allocation";

const M = 1_000_000n;
let seq = 0;
const node = (n: Partial<AllocNode> & Pick<AllocNode, "level">): AllocNode => ({
  budgetId: `b${++seq}`,
  teamId: "t1",
  userId: null,
  keyId: null,
  limitMicros: 0n,
  counts: true,
  ...n,
});
const team = (usd: number, teamId = "t1") => node({ level: "team", teamId, limitMicros: BigInt(usd) * M });
const user = (usd: number, userId: string, teamId = "t1") => node({ level: "user", teamId, userId, limitMicros: BigInt(usd) * M });
const key = (usd: number, keyId: string, userId: string | null = null, teamId = "t1") =>
  node({ level: "key", teamId, userId, keyId, limitMicros: BigInt(usd) * M });

describe("periodKey", () => {
  it("identifies custom periods by their length", () => {
    expect(periodKey({ period: "monthly" })).toBe("monthly");
    expect(periodKey({ period: "custom", customEvery: 6, customUnit: "hours" })).toBe("custom:6:hours");
    expect(periodKey({ period: "custom", customEvery: 6, customUnit: "days" })).not.toBe("custom:6:hours");
  });
});

describe("teamAllocation", () => {
  it("sums users and service keys under the smallest team budget", () => {
    const nodes = [team(1000), team(800), user(300, "u1"), user(200, "u2"), key(50, "k1")];
    expect(teamAllocation(nodes, "t1")).toEqual({ ceilingMicros: 800n * M, allocatedMicros: 550n * M });
  });

  it("counts a key once: inside its user's budget when the user has one", () => {
    const nodes = [team(1000), user(100, "u1"), key(50, "k1", "u1"), key(70, "k2", "u2")];
    // u1's key is inside u1's $100; u2 has no budget so k2 counts for the team.
    expect(teamAllocation(nodes, "t1").allocatedMicros).toBe(170n * M);
  });

  it("takes the smallest of an entity's budgets and ignores filtered or shadow ones", () => {
    const nodes = [user(300, "u1"), user(100, "u1"), { ...user(10, "u1"), counts: false }, { ...key(999, "k1"), counts: false }];
    expect(teamAllocation(nodes, "t1").allocatedMicros).toBe(100n * M);
  });

  it("ignores other teams and reports no ceiling when the team has no budget", () => {
    const nodes = [team(100, "t2"), user(40, "u1"), user(30, "u9", "t2")];
    expect(teamAllocation(nodes, "t1")).toEqual({ ceilingMicros: null, allocatedMicros: 40n * M });
  });
});

describe("userAllocation", () => {
  it("sums the user's keys under the user's budget", () => {
    const nodes = [user(100, "u1"), key(30, "k1", "u1"), key(30, "k2", "u1"), key(500, "k3", "u2")];
    expect(userAllocation(nodes, "u1")).toEqual({ ceilingMicros: 100n * M, allocatedMicros: 60n * M });
  });
});

const check = (c: Partial<AllocationCheck>): AllocationCheck => ({
  level: "team",
  scopeId: "t1",
  period: "monthly",
  ceilingMicros: 100n,
  beforeMicros: 50n,
  afterMicros: 80n,
  ...c,
});

describe("decideOne", () => {
  it("lets a lead allocate up to the ceiling, not beyond", () => {
    expect(decideOne("lead", check({ afterMicros: 100n }), false)).toEqual({ ok: true, oversubscribed: false });
    expect(decideOne("lead", check({ afterMicros: 101n }), true)).toMatchObject({ ok: false, reason: "exceeds_ceiling" });
  });

  it("never lets a lead allocate in a team without a ceiling, but lets a user without a budget pass", () => {
    expect(decideOne("lead", check({ ceilingMicros: null }), false)).toMatchObject({ ok: false, reason: "no_ceiling" });
    expect(decideOne("lead", check({ level: "user", ceilingMicros: null }), false)).toEqual({ ok: true, oversubscribed: false });
  });

  it("always allows a change that does not increase the allocation, even over the ceiling", () => {
    expect(decideOne("lead", check({ beforeMicros: 500n, afterMicros: 400n }), false)).toEqual({ ok: true, oversubscribed: false });
    expect(decideOne("lead", check({ ceilingMicros: null, beforeMicros: 5n, afterMicros: 5n }), false).ok).toBe(true);
  });

  it("lets finance, admin and owner oversubscribe only with confirmation", () => {
    for (const role of ["finance", "admin", "owner"] as const) {
      expect(decideOne(role, check({ afterMicros: 150n }), false)).toMatchObject({ ok: false, reason: "needs_confirmation" });
      expect(decideOne(role, check({ afterMicros: 150n }), true)).toEqual({ ok: true, oversubscribed: true });
      expect(decideOne(role, check({ ceilingMicros: null, afterMicros: 150n }), false)).toEqual({ ok: true, oversubscribed: false });
    }
  });

  it("never lets a member increase an allocation", () => {
    expect(decideOne("member", check({ afterMicros: 150n }), true)).toMatchObject({ ok: false });
  });
});

describe("allocationChecks + decideAll", () => {
  it("checks the team and the key's user when a key budget grows", () => {
    const before = [team(100), user(60, "u1"), key(20, "k1", "u1")];
    const grown = { ...before[2], limitMicros: 70n * M };
    const after = [before[0], before[1], grown];
    const checks = allocationChecks(before, after, [grown], "monthly");
    expect(checks.map((c) => `${c.level}:${c.scopeId}`).sort()).toEqual(["team:t1", "user:u1"]);
    // The team still allocates u1's $60; but u1's keys now allocate $70 > $60.
    expect(decideAll("lead", checks, false)).toMatchObject({ ok: false, check: { level: "user", scopeId: "u1" } });
  });

  it("a move inside one team's allocation nets to zero for the team", () => {
    const a = key(40, "k1");
    const b = key(10, "k2");
    const before = [team(50), a, b];
    const a2 = { ...a, limitMicros: 20n * M };
    const b2 = { ...b, limitMicros: 30n * M };
    const checks = allocationChecks(before, [before[0], a2, b2], [a2, b2], "monthly");
    expect(checks).toEqual([expect.objectContaining({ level: "team", beforeMicros: 50n * M, afterMicros: 50n * M })]);
    expect(decideAll("lead", checks, false)).toEqual({ ok: true, oversubscribed: false });
  });

  it("property: a lead's accepted change never leaves a grown team allocation above its ceiling", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 }),
        fc.nat({ max: 5 }),
        fc.integer({ min: 0, max: 800 }),
        (ceiling, limits, pick, newLimit) => {
          const keys = limits.map((l, i) => key(l, `k${i}`));
          const before = [team(ceiling), ...keys];
          const i = pick % keys.length;
          const changed = { ...keys[i], limitMicros: BigInt(newLimit) * M };
          const after = before.map((n) => (n.budgetId === changed.budgetId ? changed : n));
          const d = decideAll("lead", allocationChecks(before, after, [changed], "monthly"), false);
          const b = teamAllocation(before, "t1").allocatedMicros;
          const a = teamAllocation(after, "t1").allocatedMicros;
          if (d.ok && a > b) expect(a).toBeLessThanOrEqual(BigInt(ceiling) * M);
          if (a <= b) expect(d.ok).toBe(true);
        },
      ),
    );
  });
});
