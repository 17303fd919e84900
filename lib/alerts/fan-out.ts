// Turns stored alerts into webhook deliveries (an outbox derived from the tables: an alert without a
// delivery row for an endpoint is still to be sent there). Runs in the background worker, never on
// the request path. One delivery per (endpoint, alert): the Alert table already holds one row per
// threshold per window (unique dedupe key), on PostgreSQL a transaction-scoped advisory lock keeps
// two replicas from fanning out the same alert at once, and the unique WebhookDelivery(webhookId,
// alertId) index makes a duplicate impossible even so (the pass fails and the next one skips it).
import { db, dbProvider, type Tx } from "@/lib/db";
import { applyCooldown, cooldownKey } from "./cooldown";
import { eventName, renderPayload } from "./payload";
import { serializeAlert } from "./serialize-alert";
import { wantsEvent } from "@/lib/webhooks/serialize-webhook";

/** Alerts older than this when an endpoint first sees them are history, not news. */
const LOOKBACK_MS = 24 * 3_600_000;
const BATCH = 500;
export const SUPPRESSED = "suppressed: within the budget's alert cooldown";
const FAN_OUT_LOCK = 74_225_001; // arbitrary constant naming this job's advisory lock

async function lock(tx: Tx): Promise<boolean> {
  const rows = await tx.$queryRawUnsafe<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${FAN_OUT_LOCK}) AS ok`);
  return rows[0]?.ok === true;
}

type Hook = { id: string; orgId: string; events: unknown; format: string; createdAt: Date };

async function fanOutHook(tx: Tx, hook: Hook, now: Date): Promise<number> {
  const since = new Date(Math.max(hook.createdAt.getTime(), now.getTime() - LOOKBACK_MS));
  const alerts = await tx.alert.findMany({
    where: { orgId: hook.orgId, createdAt: { gte: since }, deliveries: { none: { webhookId: hook.id } } },
    include: { budget: { select: { name: true, alertCooldownMinutes: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: BATCH,
  });
  const wanted = alerts.filter((a) => wantsEvent(hook.events, a.type));
  if (!wanted.length) return 0;
  const soft = wanted.filter((a) => a.type === "soft_exceeded");
  const suppressed = new Set<string>();
  if (soft.length) {
    // The last soft alert actually sent to this endpoint, per budget window.
    const sent = await tx.webhookDelivery.findMany({
      where: { webhookId: hook.id, event: eventName("soft_exceeded"), NOT: { lastError: SUPPRESSED }, alert: { budgetId: { in: [...new Set(soft.map((a) => a.budgetId ?? ""))] } } },
      select: { alert: { select: { budgetId: true, windowStart: true, createdAt: true } } },
    });
    const lastSent = new Map<string, Date>();
    for (const d of sent) {
      if (!d.alert) continue;
      const key = cooldownKey(d.alert);
      const prev = lastSent.get(key);
      if (!prev || d.alert.createdAt > prev) lastSent.set(key, d.alert.createdAt);
    }
    const cooldowns = new Map(soft.map((a) => [a.budgetId, a.budget?.alertCooldownMinutes ?? 60]));
    for (const a of applyCooldown(soft, lastSent, (id) => cooldowns.get(id) ?? 60).suppress) suppressed.add(a.id);
  }
  await tx.webhookDelivery.createMany({
    data: wanted.map((a) => {
      const out = serializeAlert(a);
      const payload = renderPayload(hook.format === "slack" ? "slack" : "json", { id: a.id, event: eventName(a.type), createdAt: out.createdAt, orgId: a.orgId, alert: out });
      const skip = suppressed.has(a.id);
      return {
        webhookId: hook.id,
        alertId: a.id,
        event: eventName(a.type),
        payload,
        nextAttemptAt: now,
        ...(skip ? { status: "failed" as const, lastError: SUPPRESSED } : {}),
      };
    }),
  });
  return wanted.length - suppressed.size;
}

/** Creates the deliveries for new alerts of every enabled endpoint; returns how many will be sent. */
export async function enqueueAlertDeliveries(now = new Date()): Promise<number> {
  const hooks = await db.webhook.findMany({ where: { enabled: true }, select: { id: true, orgId: true, events: true, format: true, createdAt: true } });
  if (!hooks.length) return 0;
  const run = async (tx: Tx) => {
    let n = 0;
    for (const hook of hooks) n += await fanOutHook(tx, hook, now);
    return n;
  };
  // Embedded mode is one process whose worker runs one pass at a time: no transaction, so the
  // enforcement engine's group commits never wait behind SQLite's write lock for this.
  if (dbProvider() !== "postgresql") return run(db as unknown as Tx);
  return db.$transaction(async (tx) => ((await lock(tx)) ? run(tx) : 0));
}
