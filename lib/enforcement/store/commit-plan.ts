// The statements that follow the event insert, for the events that really were inserted.
import { chunks, insertAlerts, settleRollups, touchKey, upsertWindows, windowRows, type Dialect, type Stmt } from "./usage-sql";
import type { Batch, SettleRecord } from "./types";

export function followUps(d: Dialect, batch: Batch, inserted: SettleRecord[], now: Date, rollups = true): Stmt[] {
  const out: Stmt[] = [];
  for (const c of chunks(windowRows(inserted, batch.deltas))) out.push(upsertWindows(d, c, now));
  if (rollups) out.push(...settleRollups(d, inserted));
  for (const c of chunks(batch.alerts, 200)) out.push(insertAlerts(d, c, now));
  for (const [keyId, at] of batch.keysUsed) out.push(touchKey(d, keyId, at));
  return out;
}

/** Marks, per settle of the batch, whether its row was inserted (first occurrence of its requestId wins). */
export function insertedFlags(batch: Batch, returned: { orgId: string; requestId: string }[]): boolean[] {
  const fresh = new Set(returned.map((r) => `${r.orgId}\u0000${r.requestId}`));
  return batch.settles.map((s) => fresh.delete(`${s.orgId}\u0000${s.requestId}`));
}
