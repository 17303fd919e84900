import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MemoryLedger, type WindowRef } from "./ledger";
import { decide, type BudgetPolicy, type Level } from "./decision";

const W_START = new Date("2026-11-28T00:00:00Z");
const W_END = new Date("2026-11-29T00:00:00Z");
const LEVELS: Level[] = ["key", "user", "team", "org"];

const budget = (id: string, level: Level, limitMicros: bigint, mode: "hard" | "soft" | "shadow"): BudgetPolicy => ({
  id,
  name: id,
  level,
  limitMicros,
  enforcement: mode === "soft" ? "soft" : "hard",
  shadow: mode === "shadow",
  period: "daily",
  filterModel: null,
  filterProvider: null,
  filterTagKey: null,
  filterTagValue: null,
  alertThresholds: [80, 100],
  alertCooldownMinutes: 60,
});

// A random hierarchy: each budget sits at a level; each key's chain picks a subset of budgets.
const hierarchy = fc.record({
  budgets: fc.array(
    fc.record({ level: fc.constantFrom(...LEVELS), limit: fc.bigInt({ min: 0n, max: 5_000n }), mode: fc.constantFrom("hard", "hard", "soft", "shadow") as fc.Arbitrary<"hard" | "soft" | "shadow"> }),
    { minLength: 1, maxLength: 8 },
  ),
  chains: fc.array(fc.array(fc.nat(7), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
});

type Op =
  | { kind: "authorize"; chain: number; estimate: bigint }
  | { kind: "settle"; pick: number; fraction: number; dup: boolean }
  | { kind: "expire"; pick: number }
  | { kind: "sweep"; advance: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("authorize" as const), chain: fc.nat(3), estimate: fc.bigInt({ min: 0n, max: 2_000n }) }),
  fc.record({ kind: fc.constant("settle" as const), pick: fc.nat(), fraction: fc.double({ min: 0, max: 1, noNaN: true }), dup: fc.boolean() }),
  fc.record({ kind: fc.constant("expire" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("sweep" as const), advance: fc.nat(120_000) }),
);

describe("MemoryLedger (property-based)", () => {
  it("never lets a hard budget overspend, soft never denies, shadow never denies but counts, settle is idempotent", () => {
    fc.assert(
      fc.property(hierarchy, fc.array(op, { maxLength: 120 }), (h, ops) => {
        const policies = h.budgets.map((b, i) => budget(`b${i}`, b.level, b.limit, b.mode));
        const chains: WindowRef[][] = h.chains.map((c) =>
          [...new Set(c.map((i) => i % policies.length))].map((i) => ({ budget: policies[i], windowStart: W_START, windowEnd: W_END })),
        );
        const ledger = new MemoryLedger<{ estimate: bigint; chain: number }>();
        let now = W_START.getTime() + 1000;
        let seq = 0;
        const open: string[] = [];
        const settledIds: { id: string; chain: number }[] = [];
        let wouldDenyCount = 0;

        for (const o of ops) {
          if (o.kind === "authorize") {
            const chain = chains[o.chain % chains.length];
            const id = `r${seq++}`;
            const before = ledger.snapshot(chain);
            const { decision } = ledger.authorize(id, chain, o.estimate, now + 60_000, { estimate: o.estimate, chain: o.chain % chains.length });
            // Only a hard, non-shadow budget that really is over can deny.
            if (!decision.allow) {
              const b = decision.binding!;
              expect(b.budget.enforcement).toBe("hard");
              expect(b.budget.shadow).toBe(false);
              expect(b.spent + b.reserved + o.estimate).toBeGreaterThan(b.budget.limitMicros);
            } else {
              open.push(id);
            }
            if (chain.every((r) => r.budget.enforcement === "soft" || r.budget.shadow)) expect(decision.allow).toBe(true);
            const expectedShadow = before.filter((s) => s.budget.shadow && s.spent + s.reserved + o.estimate > s.budget.limitMicros);
            expect(decision.wouldDeny.map((s) => s.budget.id)).toEqual(expectedShadow.map((s) => s.budget.id));
            wouldDenyCount += decision.wouldDeny.length;
          } else if (o.kind === "settle" && open.length > 0) {
            const id = open.splice(o.pick % open.length, 1)[0];
            const res = ledger.reservation(id);
            if (!res) continue; // expired meanwhile
            const chain = chains[res.meta.chain];
            // Each actual cost is at most its estimate (the premise).
            const actual = BigInt(Math.floor(Number(res.meta.estimate) * o.fraction));
            expect(ledger.settle(`q-${id}`, id, chain, actual)).toBe(true);
            settledIds.push({ id, chain: res.meta.chain });
            if (o.dup) {
              const snap = JSON.stringify(ledger.snapshot(chain), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
              expect(ledger.settle(`q-${id}`, id, chain, actual)).toBe(false);
              expect(JSON.stringify(ledger.snapshot(chain), (_k, v) => (typeof v === "bigint" ? v.toString() : v))).toBe(snap);
            }
          } else if (o.kind === "expire" && open.length > 0) {
            const id = open[o.pick % open.length];
            const res = ledger.reservation(id);
            if (res) now = Math.max(now, res.expiresAt);
            ledger.sweep(now);
            expect(ledger.reservation(id)).toBeUndefined();
          } else if (o.kind === "sweep") {
            now += o.advance;
            ledger.sweep(now);
          }
          // The invariant, after every step, for every hard window: spent + reserved <= limit.
          for (const p of policies) {
            if (p.enforcement !== "hard" || p.shadow) continue;
            const [s] = ledger.snapshot([{ budget: p, windowStart: W_START, windowEnd: W_END }]);
            expect(s.spent + s.reserved).toBeLessThanOrEqual(p.limitMicros);
            expect(s.reserved).toBeGreaterThanOrEqual(0n);
          }
        }
        // Expiring everything releases every hold.
        ledger.sweep(now + 3_600_000);
        for (const p of policies) {
          const [s] = ledger.snapshot([{ budget: p, windowStart: W_START, windowEnd: W_END }]);
          expect(s.reserved).toBe(0n);
        }
        expect(wouldDenyCount).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it("a settle without a reservation is recorded the same way", () => {
    const p = budget("b", "key", 100n, "hard");
    const ref = { budget: p, windowStart: W_START, windowEnd: W_END };
    const l = new MemoryLedger();
    expect(l.settle("only-report", undefined, [ref], 40n)).toBe(true);
    expect(l.snapshot([ref])[0].spent).toBe(40n);
    expect(l.authorize("r", [ref], 61n, Date.now() + 1000, null).decision.allow).toBe(false);
    expect(l.authorize("r2", [ref], 60n, Date.now() + 1000, null).decision.allow).toBe(true);
  });

  it("an expired reservation releases its hold", () => {
    const ref = { budget: budget("b", "key", 100n, "hard"), windowStart: W_START, windowEnd: W_END };
    const l = new MemoryLedger();
    l.authorize("r", [ref], 100n, 5_000, null);
    expect(l.authorize("r2", [ref], 1n, 5_000, null).decision.allow).toBe(false);
    expect(l.sweep(5_000).map((r) => r.id)).toEqual(["r"]);
    expect(l.authorize("r3", [ref], 1n, 9_000, null).decision.allow).toBe(true);
  });
});

describe("decide", () => {
  const st = (b: BudgetPolicy, spent: bigint) => ({ budget: b, windowStart: W_START, windowEnd: W_END, spent, reserved: 0n });
  it("names the most restrictive hard budget among all that bind", () => {
    const key = budget("key", "key", 1_000n, "hard");
    const team = budget("team", "team", 10_000n, "hard");
    const org = budget("org", "org", 100_000n, "hard");
    const d = decide([st(org, 99_990n), st(key, 900n), st(team, 9_999n)], 200n);
    expect(d.allow).toBe(false);
    expect(d.binding!.budget.id).toBe("team"); // headroom 1 < 10 < 100
  });
  it("soft budgets warn and allow; shadow budgets record would-deny and allow", () => {
    const soft = budget("soft", "team", 10n, "soft");
    const shadow = budget("shadow", "org", 10n, "shadow");
    const d = decide([st(soft, 10n), st(shadow, 10n)], 1n);
    expect(d.allow).toBe(true);
    expect(d.softExceeded.map((s) => s.budget.id)).toEqual(["soft"]);
    expect(d.wouldDeny.map((s) => s.budget.id)).toEqual(["shadow"]);
  });
  it("exactly reaching the limit is allowed; one micro-dollar more is not", () => {
    const b = budget("b", "key", 100n, "hard");
    expect(decide([st(b, 50n)], 50n).allow).toBe(true);
    expect(decide([st(b, 50n)], 51n).allow).toBe(false);
  });
});
