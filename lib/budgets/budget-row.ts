// How a budget is read from the database (with the relations that place it in the tree) and turned
// into the API shape. Money leaves as USD numbers here and nowhere else.
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Db, Tx } from "@/lib/db";
import { microsToUsd } from "@/lib/money";
import { windowFor } from "@/lib/enforcement/windows";
import type { BudgetOut } from "@/lib/schemas/budget";
import type { AllocNode } from "./allocation";

export const budgetInclude = {
  user: { select: { teamId: true } },
  apiKey: { select: { teamId: true, userId: true } },
} satisfies Prisma.BudgetInclude;

export type BudgetRow = Prisma.BudgetGetPayload<{ include: typeof budgetInclude }>;

export type Current = BudgetOut["current"];
/** Reads work on the process client or inside a transaction (both have the same delegates). */
export type Reader = Tx | Db;

/** The entity a budget belongs to, placed in the tree: its team and its user (if any). */
export type ScopeEntity = {
  level: "org" | "team" | "user" | "key";
  id: string;
  teamId: string | null;
  userId: string | null;
  keyId: string | null;
};

export function entityOf(b: BudgetRow): ScopeEntity {
  switch (b.level) {
    case "org":
      return { level: "org", id: b.orgId, teamId: null, userId: null, keyId: null };
    case "team":
      return { level: "team", id: b.teamId!, teamId: b.teamId, userId: null, keyId: null };
    case "user":
      return { level: "user", id: b.userId!, teamId: b.user?.teamId ?? null, userId: b.userId, keyId: null };
    case "key":
      return { level: "key", id: b.apiKeyId!, teamId: b.apiKey?.teamId ?? null, userId: b.apiKey?.userId ?? null, keyId: b.apiKeyId };
  }
}

type Allocatable = Pick<BudgetRow, "id" | "limitMicros" | "shadow" | "filterModel" | "filterProvider" | "filterTagKey">;

export function nodeOf(b: Allocatable, entity: ScopeEntity): AllocNode {
  return {
    budgetId: b.id,
    level: entity.level,
    teamId: entity.teamId,
    userId: entity.userId,
    keyId: entity.keyId,
    limitMicros: b.limitMicros,
    counts: !b.shadow && !b.filterModel && !b.filterProvider && !b.filterTagKey,
  };
}

/** A node plus its period, as the allocation guard wants it (never spread a row over a node). */
export function changeNode(
  b: Allocatable & Pick<BudgetRow, "period" | "customEvery" | "customUnit">,
  entity: ScopeEntity,
): AllocNode & { period: string; customEvery: number | null; customUnit: string | null } {
  return { ...nodeOf(b, entity), period: b.period, customEvery: b.customEvery, customUnit: b.customUnit };
}

export function periodSpec(b: Pick<BudgetRow, "period" | "customEvery" | "customUnit" | "customStart">) {
  return { period: b.period, customEvery: b.customEvery, customUnit: b.customUnit, customStart: b.customStart };
}

/** The API shape without `current` (also what audit entries record as before/after). */
export function budgetSnapshot(b: BudgetRow): Omit<BudgetOut, "current"> {
  const entity = entityOf(b);
  const thresholds = Array.isArray(b.alertThresholds) ? (b.alertThresholds as unknown[]).filter((n): n is number => typeof n === "number") : [];
  return {
    id: b.id,
    scope: { level: b.level, id: entity.id },
    name: b.name,
    limitUsd: microsToUsd(b.limitMicros),
    enforcement: b.enforcement,
    period: b.period,
    customPeriod:
      b.period === "custom" && b.customEvery && b.customUnit && b.customStart
        ? { every: b.customEvery, unit: b.customUnit, start: b.customStart.toISOString() }
        : null,
    alertThresholds: thresholds,
    alertCooldownMinutes: b.alertCooldownMinutes,
    filters: {
      model: b.filterModel,
      provider: b.filterProvider,
      tag: b.filterTagKey ? `${b.filterTagKey}=${b.filterTagValue ?? ""}` : null,
    },
    shadow: b.shadow,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

export function toBudgetOut(b: BudgetRow, current: Current): BudgetOut {
  return { ...budgetSnapshot(b), current };
}

type WindowView = { budget: { id: string }; windowStart: Date; windowEnd: Date };
type LedgerView = {
  snapshot(refs: WindowView[]): { reserved: bigint }[];
  /** Distributed mode: the counters in Redis, every replica's holds included. */
  snapshotAsync?(refs: WindowView[]): Promise<{ reserved: bigint }[]>;
};

/**
 * In-flight reservations on each window, from the enforcement engine running in this process, if any
 * (peeked through its global slot: a read must not start an engine). Embedded mode: its in-memory
 * ledger holds them all. Distributed mode: read from Redis, so the holds of every replica count. 0
 * where no engine runs, or when Redis does not answer (the page still shows what was spent).
 */
async function liveReservedMicros(refs: WindowView[]): Promise<bigint[]> {
  const slot = (globalThis as Record<symbol, { engine?: { ledger?: LedgerView } } | undefined>)[Symbol.for("purser.engine")];
  const ledger = slot?.engine?.ledger;
  const none = refs.map(() => 0n);
  if (!ledger || typeof ledger.snapshot !== "function" || refs.length === 0) return none;
  try {
    const states = ledger.snapshotAsync ? await ledger.snapshotAsync(refs) : ledger.snapshot(refs);
    return states.map((st) => st?.reserved ?? 0n);
  } catch {
    return none;
  }
}

/** The current window of each budget: used from the durable window totals, reserved from the engine (or Redis). */
export async function currentWindows(client: Reader, rows: BudgetRow[], timezone: string, now: Date): Promise<Map<string, Current>> {
  const tx = client as Tx;
  const windows = new Map(rows.map((b) => [b.id, windowFor(periodSpec(b), now, timezone)]));
  const stored = rows.length
    ? await tx.budgetWindow.findMany({
        where: { budgetId: { in: rows.map((b) => b.id) }, windowStart: { in: [...new Set([...windows.values()].map((w) => w.start.getTime()))].map((t) => new Date(t)) } },
        select: { budgetId: true, windowStart: true, spentMicros: true },
      })
    : [];
  const spent = new Map(stored.map((w) => [`${w.budgetId}@${w.windowStart.getTime()}`, w.spentMicros]));
  const reservedAll = await liveReservedMicros(rows.map((b) => ({ budget: { id: b.id }, windowStart: windows.get(b.id)!.start, windowEnd: windows.get(b.id)!.end })));
  const out = new Map<string, Current>();
  for (const [i, b] of rows.entries()) {
    const w = windows.get(b.id)!;
    const used = spent.get(`${b.id}@${w.start.getTime()}`) ?? 0n;
    const reserved = reservedAll[i];
    const remaining = b.limitMicros - used - reserved;
    out.set(b.id, {
      windowStart: w.start.toISOString(),
      resetAt: w.end.toISOString(),
      usedUsd: microsToUsd(used),
      reservedUsd: microsToUsd(reserved),
      remainingUsd: microsToUsd(remaining > 0n ? remaining : 0n),
    });
  }
  return out;
}

export async function orgTimezone(client: Reader, orgId: string): Promise<string> {
  const org = await (client as Tx).organization.findFirst({ where: { id: orgId }, select: { timezone: true } });
  return org?.timezone ?? "UTC";
}
