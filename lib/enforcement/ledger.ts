// The counter store: per (budget, window start) spent and reserved micro-dollars, and reservations
// with a TTL. This is the in-memory implementation (embedded mode); a Redis one implements the same
// interface with one Lua script doing check-and-reserve across all windows.
import { decide, type BudgetPolicy, type BudgetState, type Decision } from "./decision";

export type WindowRef = { budget: BudgetPolicy; windowStart: Date; windowEnd: Date };
export type Hold = { key: string; amount: bigint };
export type Reservation<M> = { id: string; holds: Hold[]; expiresAt: number; meta: M };

export type AuthorizeResult = { decision: Decision; states: BudgetState[] };

export interface Ledger<M = unknown> {
  /** Atomically: read every window, decide, and if allowed hold `estimate` on all of them. */
  authorize(reservationId: string, refs: WindowRef[], estimate: bigint, expiresAt: number, meta: M): AuthorizeResult | Promise<AuthorizeResult>;
  /** The reservation, if it still holds (not settled, not expired). */
  reservation(id: string): Reservation<M> | undefined;
  /** Releases the hold of `reservationId` (if any) and adds `actual` to every window. False if requestId was already settled. */
  settle(requestId: string, reservationId: string | undefined, refs: WindowRef[], actual: bigint): boolean | Promise<boolean>;
  /** Current counters of the windows (for the response's budgets array). */
  snapshot(refs: WindowRef[]): BudgetState[];
  /** Rebuild: sets the durable spent total of a window (on start, from the database). */
  load(budgetId: string, windowStart: Date, windowEnd: Date, spent: bigint): void;
  /** Releases expired reservations and forgets finished windows. Returns the expired reservations. */
  sweep(nowMs: number): Reservation<M>[];
}

export const windowKey = (budgetId: string, windowStart: Date) => `${budgetId}@${windowStart.getTime()}`;

type Counter = { spent: bigint; reserved: bigint; windowEnd: number };

/** Remembers this many settled request ids; older duplicates are caught by the database's unique key. */
const SETTLED_MEMORY = 200_000;

export class MemoryLedger<M = unknown> implements Ledger<M> {
  private counters = new Map<string, Counter>();
  private reservations = new Map<string, Reservation<M>>();
  private settled = new Set<string>();

  private counter(key: string, windowEnd: number): Counter {
    let c = this.counters.get(key);
    if (!c) {
      c = { spent: 0n, reserved: 0n, windowEnd };
      this.counters.set(key, c);
    }
    return c;
  }

  private state(ref: WindowRef): BudgetState {
    const c = this.counters.get(windowKey(ref.budget.id, ref.windowStart));
    // Explicit fields, not a spread: object spread measured ~30x slower on this hot path.
    return { budget: ref.budget, windowStart: ref.windowStart, windowEnd: ref.windowEnd, spent: c?.spent ?? 0n, reserved: c?.reserved ?? 0n };
  }

  snapshot(refs: WindowRef[]): BudgetState[] {
    return refs.map((r) => this.state(r));
  }

  authorize(reservationId: string, refs: WindowRef[], estimate: bigint, expiresAt: number, meta: M): AuthorizeResult {
    // Synchronous from read to write: no other request can interleave in this process.
    const states = this.snapshot(refs);
    const decision = decide(states, estimate);
    if (decision.allow) {
      const holds: Hold[] = [];
      for (const r of refs) {
        const key = windowKey(r.budget.id, r.windowStart);
        this.counter(key, r.windowEnd.getTime()).reserved += estimate;
        holds.push({ key, amount: estimate });
      }
      this.reservations.set(reservationId, { id: reservationId, holds, expiresAt, meta });
    }
    return { decision, states };
  }

  reservation(id: string): Reservation<M> | undefined {
    return this.reservations.get(id);
  }

  private release(id: string): Reservation<M> | undefined {
    const r = this.reservations.get(id);
    if (!r) return undefined;
    this.reservations.delete(id);
    for (const h of r.holds) {
      const c = this.counters.get(h.key);
      if (c) c.reserved -= h.amount;
    }
    return r;
  }

  settle(requestId: string, reservationId: string | undefined, refs: WindowRef[], actual: bigint): boolean {
    if (this.settled.has(requestId)) {
      // A retried settle still frees a hold that a first, failed attempt may have left.
      if (reservationId) this.release(reservationId);
      return false;
    }
    this.settled.add(requestId);
    if (this.settled.size > SETTLED_MEMORY) this.settled.delete(this.settled.values().next().value!);
    if (reservationId) this.release(reservationId);
    for (const r of refs) this.counter(windowKey(r.budget.id, r.windowStart), r.windowEnd.getTime()).spent += actual;
    return true;
  }

  load(budgetId: string, windowStart: Date, windowEnd: Date, spent: bigint): void {
    this.counter(windowKey(budgetId, windowStart), windowEnd.getTime()).spent = spent;
  }

  /** True if a window's counter is in memory (rebuild loads missing ones on policy changes). */
  has(budgetId: string, windowStart: Date): boolean {
    return this.counters.has(windowKey(budgetId, windowStart));
  }

  sweep(nowMs: number): Reservation<M>[] {
    const expired: Reservation<M>[] = [];
    for (const r of this.reservations.values()) {
      if (r.expiresAt <= nowMs) expired.push(r);
    }
    for (const r of expired) this.release(r.id);
    // A finished window only matters while a reservation still holds on it.
    for (const [k, c] of this.counters) if (c.windowEnd < nowMs && c.reserved === 0n) this.counters.delete(k);
    return expired;
  }
}
