// Property: whatever the hierarchy and however requests interleave across replicas, a hard budget's
// spent + reserved never exceeds its limit (when actual cost <= estimate, which pricing guarantees by
// charging maxOutputTokens up front), settles count once, and every hold ends released.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { randomUUID } from "node:crypto";
import type { Level } from "../decision";
import type { WindowRef } from "../ledger";
import type { RedisLedger } from "./redis-ledger";
import { onPostgres, policyOf, redisTestContext, type RedisTestContext } from "./test-support";

const LEVELS: Level[] = ["key", "user", "team", "org"];
type Mode = "hard" | "soft" | "shadow";

const scenario = fc.record({
  budgets: fc.array(
    fc.record({ level: fc.constantFrom(...LEVELS), limit: fc.bigInt({ min: 0n, max: 5_000n }), mode: fc.constantFrom<Mode>("hard", "hard", "soft", "shadow") }),
    { minLength: 1, maxLength: 6 },
  ),
  chains: fc.array(fc.array(fc.nat(5), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
  batches: fc.array(
    fc.array(
      fc.record({
        chain: fc.nat(2),
        estimate: fc.bigInt({ min: 0n, max: 2_000n }),
        settle: fc.constantFrom("full", "part", "dup", "none", "expire"),
        replica: fc.nat(2),
      }),
      { minLength: 1, maxLength: 25 },
    ),
    { minLength: 1, maxLength: 4 },
  ),
});

describe.skipIf(!onPostgres())("RedisLedger (property-based, real Redis)", () => {
  let ctx: RedisTestContext;
  let replicas: RedisLedger[];

  beforeAll(async () => {
    ctx = await redisTestContext();
    replicas = await Promise.all([0, 1, 2].map(() => ctx.newLedger()));
  });
  afterAll(async () => ctx?.cleanup());

  it("never overspends a hard budget, counts each settle once, releases every hold", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const orgId = `org-${randomUUID().slice(0, 8)}`;
        const policies = sc.budgets.map((b, i) => policyOf(orgId, `b${i}-${randomUUID().slice(0, 6)}`, `b${i}`, b.level, b.limit, b.mode));
        // A window of its own per run (a fresh day far in the future): counters start empty.
        const start = new Date(Date.UTC(2030, 0, 1) + Math.floor(Math.random() * 10_000) * 86_400_000);
        const w = { windowStart: start, windowEnd: new Date(start.getTime() + 86_400_000) };
        const chains: WindowRef[][] = sc.chains.map((c) => [...new Set(c.map((i) => i % policies.length))].map((i) => ({ budget: policies[i], ...w })));
        const settled = new Map<string, bigint>(); // budget id -> sum of counted settles
        let seq = 0;

        for (const batch of sc.batches) {
          await Promise.all(
            batch.map(async (op) => {
              const chain = chains[op.chain % chains.length];
              const id = `r${seq++}`;
              const ttl = op.settle === "expire" ? 150 : 60_000;
              const a = await replicas[op.replica].authorize(id, chain, op.estimate, Date.now() + ttl, null);
              if (!a.decision.allow) {
                const b = a.decision.binding!;
                expect(b.budget.enforcement === "hard" && !b.budget.shadow).toBe(true);
                expect(b.spent + b.reserved + op.estimate).toBeGreaterThan(b.budget.limitMicros);
                return;
              }
              if (op.settle === "none" || op.settle === "expire") return;
              const actual = op.settle === "part" ? op.estimate / 2n : op.estimate;
              const other = replicas[(op.replica + 1) % replicas.length];
              const counted = await other.settle(`q-${id}`, id, chain, actual);
              expect(counted).toBe(true);
              if (op.settle === "dup") expect(await replicas[op.replica].settle(`q-${id}`, id, chain, actual)).toBe(false);
              for (const r of chain) settled.set(r.budget.id, (settled.get(r.budget.id) ?? 0n) + actual);
            }),
          );
          const snap = await replicas[0].snapshotAsync(policies.map((budget) => ({ budget, ...w })));
          for (const s of snap) {
            if (s.budget.enforcement === "hard" && !s.budget.shadow) expect(s.spent + s.reserved).toBeLessThanOrEqual(s.budget.limitMicros);
            expect(s.spent).toBe(settled.get(s.budget.id) ?? 0n);
          }
        }
        // Holds never settled ("none") are released here as a gateway's cancel would; "expire" ones by TTL.
        await new Promise((r) => setTimeout(r, 160));
        for (let i = 0; i < seq; i++) await replicas[0].cancel(orgId, `r${i}`);
        const end = await replicas[1].snapshotAsync(policies.map((budget) => ({ budget, ...w })));
        for (const s of end) expect(s.reserved).toBe(0n);
      }),
      { numRuns: 25 },
    );
  });
});
