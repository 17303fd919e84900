import { describe, expect, it } from "vitest";
import { db, dbProvider } from "@/lib/db";

describe("lib/db against the real test database", () => {
  it("round-trips BigInt money, Json and enums, and omits secrets by default", async () => {
    const org = await db.organization.create({
      data: { name: "Db Test", slug: `db-test-${Date.now()}-${Math.random().toString(36).slice(2)}`, analyticsTagKeys: ["feature"] },
    });
    const user = await db.user.create({
      data: { orgId: org.id, email: `${org.slug}@example.com`, name: "A", role: "finance", passwordHash: "x" },
    });
    expect(user).not.toHaveProperty("passwordHash");
    const withHash = await db.user.findFirst({ where: { id: user.id, orgId: org.id }, omit: { passwordHash: false } });
    expect(withHash?.passwordHash).toBe("x");

    const team = await db.team.create({ data: { orgId: org.id, name: "T" } });
    const budget = await db.budget.create({
      data: { orgId: org.id, level: "team", teamId: team.id, name: "b", limitMicros: 9_007_199_254_740_993n, alertThresholds: [80, 100] },
    });
    const read = await db.budget.findFirstOrThrow({ where: { id: budget.id, orgId: org.id } });
    expect(read.limitMicros).toBe(9_007_199_254_740_993n); // beyond 2^53: no float on the way
    expect(read.alertThresholds).toEqual([80, 100]);
    expect(["sqlite", "postgresql"]).toContain(dbProvider());
  });
});
