// The Ledger of distributed mode: counters live in Redis, shared by every replica. One Lua script
// checks every window of the chain and holds the estimate on all of them, or holds nothing; the
// verdict (which budget bound, soft warnings, shadow would-denies) is then computed by the same
// decide() as embedded mode from the counters the script read, so both modes decide identically.
// Holds carry their own expiry in Redis: a replica that dies holding them leaks nothing.
import { createHash } from "node:crypto";
import { decide, type BudgetState } from "../decision";
import type { AuthorizeResult, Hold, Ledger, Reservation, WindowRef } from "../ledger";
import { CircuitBreaker, RedisUnavailableError } from "./circuit-breaker";
import { RedisKeys } from "./keys";
import type { ScriptedRedis } from "./redis-client";
import { WindowLoader, type TotalsSource } from "./window-loader";
import { minuteOf, RATE_TTL_MS, rateCheckOf, type RateLimits } from "./redis-rate-limiter";
import type { RateCheck } from "../rate-limit";

export type RedisLedgerOptions = {
  redis: ScriptedRedis;
  source: TotalsSource;
  keys?: RedisKeys;
  breaker?: CircuitBreaker;
  /** Organization of a budget, when the BudgetPolicy objects do not carry `orgId`. */
  orgOf?: (budgetId: string) => string | undefined;
  /** How long a settled requestId is remembered in Redis (older retries are caught by PostgreSQL). */
  settledTtlMs?: number;
  /** Window counters outlive their window by this much (late settles still land on them). */
  graceMs?: number;
};

/**
 * What a settle needs to know about a reservation made on ANOTHER replica: the estimate (recorded on
 * the usage event), and the key, minute and estimated tokens its TPM slot was charged with.
 */
export type ReservationDetails = { keyId: string; estimate: bigint; estTokens: number; minute: number };

/** A settle's TPM correction: the real minus the estimated tokens, on the minute the estimate was counted in. */
export type TpmCorrection = { orgId: string; keyId: string; minute: number; delta: number };

/** The details carried by a reservation's meta, as stored in its Redis hash ("" when it has none). */
function encodeDetails(meta: unknown): string {
  const m = meta as Partial<Omit<ReservationDetails, "estimate">> | null;
  if (!m || typeof m.keyId !== "string" || typeof m.estTokens !== "number" || typeof m.minute !== "number") return "";
  return `${m.keyId}|${m.estTokens}|${m.minute}`;
}

const LOCAL_RESERVATIONS = 100_000;
const MAX_LOAD_WAITS = 400;

export class RedisLedger<M = unknown> implements Ledger<M> {
  readonly keys: RedisKeys;
  readonly breaker: CircuitBreaker;
  private readonly redis: ScriptedRedis;
  private readonly loader: WindowLoader;
  private readonly graceMs: number;
  private readonly settledTtlMs: number;
  /** Reservations made by this replica (for the synchronous reservation()/sweep() of the interface). */
  private local = new Map<string, Reservation<M> & { orgId: string }>();
  /** Last counters seen per window (for the synchronous snapshot()). */
  private seen = new Map<string, { spent: bigint; reserved: bigint }>();
  /** Counters just before each recent settle of this replica (see takeBefore). */
  private befores = new Map<string, BudgetState[]>();
  /** Orgs whose settles could not reach Redis: their counters are rebuilt when Redis is back. */
  private dirty = new Set<string>();

  constructor(private opts: RedisLedgerOptions) {
    this.redis = opts.redis;
    this.keys = opts.keys ?? new RedisKeys();
    this.breaker = opts.breaker ?? new CircuitBreaker();
    this.graceMs = opts.graceMs ?? 3_600_000;
    // 15 minutes: the engine only settles in Redis what PostgreSQL just inserted (its unique key is the
    // real idempotency check); the marker guards repeats within a request's life without holding a key
    // per request for a day (at 1,000 settles/s that would be ~86 million keys).
    this.settledTtlMs = opts.settledTtlMs ?? 15 * 60_000;
    this.loader = new WindowLoader(this.redis, this.keys, opts.source, this.graceMs);
    this.breaker.onRecover(() => this.reconcile());
  }

  /**
   * The reservation id of a gateway-supplied requestId: the same on every replica, so a retried
   * authorize that reaches another replica finds its hold (script status 2) instead of holding twice.
   */
  reservationIdFor(orgId: string, requestId: string): string {
    return `rsv_${createHash("sha256").update(`${orgId}\u0000${requestId}`).digest("base64url").slice(0, 24)}`;
  }

  orgOfRefs(refs: WindowRef[]): string | undefined {
    for (const r of refs) {
      const org = (r.budget as { orgId?: string }).orgId ?? this.opts.orgOf?.(r.budget.id);
      if (org) return org;
    }
    return undefined;
  }

  private windowKeys(orgId: string, r: WindowRef): [string, string] {
    return [this.keys.window(orgId, r.budget.id, r.windowStart), this.keys.holds(orgId, r.budget.id, r.windowStart)];
  }

  /**
   * Checks the key's RPM/TPM (`rate`) and every window of the chain, and holds the estimate on all
   * of them, in ONE script. A rate-limited request comes back with `rate.ok` false, nothing held and
   * no budget read (its decision is empty): callers must look at `rate` first, as embedded mode
   * checks rate limits before budgets.
   */
  async authorize(reservationId: string, refs: WindowRef[], estimate: bigint, expiresAt: number, meta: M, rate?: RateLimits & { nowMs: number }): Promise<AuthorizeResult & { rate: RateCheck | null }> {
    const limited = rate !== undefined && (rate.rpmLimit !== null || rate.tpmLimit !== null);
    const metaOrg = (meta as { orgId?: string } | null)?.orgId;
    const orgId = refs.length ? (metaOrg ?? this.orgOfRefs(refs)) : limited ? metaOrg : undefined;
    const rateOf = (requests: number, tokens: number, which: "rpm" | "tpm" | null) => (rate ? rateCheckOf(rate, requests, tokens, which, rate.nowMs) : null);
    if (!orgId) {
      if (limited) throw new Error("redis ledger: rate limits need the organization (meta.orgId)");
      // No budget applies and no rate limit: nothing to check or hold.
      return { decision: decide([], estimate), states: [], rate: rateOf(0, 0, null) };
    }
    const rateKey = limited ? this.keys.rate(orgId, rate.keyId, minuteOf(rate.nowMs)) : this.keys.generation(orgId);
    const keys = [this.keys.generation(orgId), this.keys.reservation(orgId, reservationId), rateKey];
    const limits = limited
      ? [rate.rpmLimit === null ? "" : String(rate.rpmLimit), rate.tpmLimit === null ? "" : String(rate.tpmLimit), String(Math.max(0, Math.floor(rate.tokens))), RATE_TTL_MS]
      : ["", "", "0", 0];
    const args: string[] = [];
    for (const r of refs) {
      keys.push(...this.windowKeys(orgId, r));
      const kind = r.budget.shadow ? "x" : r.budget.enforcement === "soft" ? "s" : "h";
      args.push(r.budget.limitMicros.toString(), kind, String(r.windowEnd.getTime() + this.graceMs));
    }
    args.push(encodeDetails(meta));
    for (let wait = 0; ; wait++) {
      const now = Date.now();
      // The reservation hash outlives its hold a little, so a settle just after expiry finds nothing to free.
      const reply = await this.breaker.run(() =>
        this.redis.purserAuthorize(keys.length, ...keys, now, reservationId, estimate.toString(), expiresAt, expiresAt + 60_000, ...limits, ...args),
      );
      const status = Number(reply[0]);
      if (status === -1) {
        if (wait >= MAX_LOAD_WAITS) throw new RedisUnavailableError("budget windows could not be rebuilt in time");
        const missing = reply.slice(1).map((i) => refs[Number(i) - 1]);
        await this.breaker.run(() => this.loader.load(orgId, missing.map((r) => ({ budgetId: r.budget.id, windowStart: r.windowStart, windowEnd: r.windowEnd }))));
        continue;
      }
      if (status === 3) return { decision: decide([], estimate), states: [], rate: rateOf(Number(reply[1]), Number(reply[2]), String(reply[3]) as "rpm" | "tpm") };
      const states: BudgetState[] = refs.map((r, i) => ({ ...r, spent: BigInt(reply[3 + 2 * i]), reserved: BigInt(reply[4 + 2 * i]) }));
      // The synchronous snapshot() then answers like MemoryLedger's: this request's hold included.
      const held = status === 1 ? estimate : 0n;
      for (const s of states) this.seen.set(this.seenKey(orgId, s), { spent: s.spent, reserved: s.reserved + held });
      const decision = decide(states, estimate);
      // The script and decide() apply the same rule to the same numbers; the script is authoritative.
      decision.allow = status !== 0;
      if (!decision.allow && !decision.binding) throw new Error("redis ledger: script denied but no hard budget binds");
      if (status === 1 && refs.length) this.remember(orgId, reservationId, refs, estimate, expiresAt, meta);
      if (this.dirty.size && this.breaker.status === "closed") void this.reconcile().catch(() => undefined);
      return { decision, states, rate: rateOf(Number(reply[1]), Number(reply[2]), null) };
    }
  }

  private seenKey(orgId: string, r: { budget: { id: string }; windowStart: Date }): string {
    return this.keys.window(orgId, r.budget.id, r.windowStart);
  }

  private remember(orgId: string, id: string, refs: WindowRef[], amount: bigint, expiresAt: number, meta: M): void {
    const holds: Hold[] = refs.map((r) => ({ key: this.seenKey(orgId, r), amount }));
    this.local.set(id, { id, holds, expiresAt, meta, orgId });
    if (this.local.size > LOCAL_RESERVATIONS) this.local.delete(this.local.keys().next().value!);
  }

  /** Reservations made by THIS replica (a settle may reach another one: the hold is freed in Redis either way). */
  reservation(id: string): Reservation<M> | undefined {
    const r = this.local.get(id);
    return r && r.expiresAt > Date.now() ? r : undefined;
  }

  /**
   * A live reservation as Redis knows it, whichever replica made it (undefined if it expired, was
   * settled, or carries no details). Redis being unreachable reads as undefined: the settle is
   * still recorded, without the estimate.
   */
  async reservationDetails(orgId: string, reservationId: string): Promise<ReservationDetails | undefined> {
    let v: (string | null)[];
    try {
      v = await this.breaker.run(() => this.redis.hmget(this.keys.reservation(orgId, reservationId), "m", "d"));
    } catch (e) {
      if (e instanceof RedisUnavailableError) return undefined;
      throw e;
    }
    const amount = v[0] ? /\|(\d+)$/.exec(v[0]) : null;
    const d = v[1] ? v[1].split("|") : [];
    if (!amount || d.length !== 3) return undefined;
    return { keyId: d[0], estimate: BigInt(amount[1]), estTokens: Number(d[1]), minute: Number(d[2]) };
  }

  /**
   * Settle: frees the hold, adds `actual` to every window and corrects the key's TPM by `tpm`, in one
   * script, idempotently by requestId. Redis being unreachable is not an error here: the event is
   * already durable in PostgreSQL, so the org is marked for a rebuild from it when Redis answers again.
   */
  async settle(requestId: string, reservationId: string | undefined, refs: WindowRef[], actual: bigint, tpm?: TpmCorrection): Promise<boolean> {
    const mine = reservationId ? this.local.get(reservationId) : undefined;
    const orgId = this.orgOfRefs(refs) ?? mine?.orgId ?? tpm?.orgId;
    if (reservationId) this.local.delete(reservationId);
    if (!orgId) return true;
    // Only the current minute's counter is corrected (embedded mode's rule): a past minute no longer limits anything.
    const correct = tpm !== undefined && tpm.delta !== 0 && tpm.minute === minuteOf(Date.now());
    const rateKey = correct ? this.keys.rate(orgId, tpm.keyId, tpm.minute) : this.keys.generation(orgId);
    const keys = [this.keys.generation(orgId), this.keys.settled(orgId, requestId), this.keys.reservation(orgId, reservationId ?? "-"), rateKey];
    const args: string[] = [];
    for (const r of refs) {
      keys.push(this.keys.window(orgId, r.budget.id, r.windowStart), this.keys.pending(orgId, r.budget.id, r.windowStart));
      args.push(String(r.windowEnd.getTime() + this.graceMs));
    }
    try {
      const r = await this.breaker.run(() =>
        this.redis.purserSettle(keys.length, ...keys, requestId, actual.toString(), this.settledTtlMs, reservationId ? "1" : "0", correct ? String(Math.trunc(tpm.delta)) : "", ...args),
      );
      if (Number(r[0]) !== 1) return false;
      // Exact counters just before this settle, for threshold alerts: each crossing is seen by exactly
      // the settle that made it, whichever replica it ran on.
      const before: BudgetState[] = [];
      refs.forEach((ref, i) => {
        const sp = String(r[i + 1] ?? "");
        if (sp === "") return;
        const prev = this.seen.get(this.seenKey(orgId, ref));
        this.seen.set(this.seenKey(orgId, ref), { spent: BigInt(sp), reserved: prev?.reserved ?? 0n });
        before.push({ ...ref, spent: BigInt(sp) - actual, reserved: 0n });
      });
      this.befores.set(requestId, before);
      if (this.befores.size > 10_000) this.befores.delete(this.befores.keys().next().value!);
      return true;
    } catch (e) {
      if (!(e instanceof RedisUnavailableError)) throw e;
      this.dirty.add(orgId);
      return true;
    }
  }

  /**
   * The exact spent of each window just before the settle of `requestId` (windows still being rebuilt
   * are left out), for threshold alerts; undefined if this replica did not count that settle.
   */
  takeBefore(requestId: string): BudgetState[] | undefined {
    const b = this.befores.get(requestId);
    this.befores.delete(requestId);
    return b;
  }

  /** Frees a reservation without settling it (the gateway cancelled the call). */
  async cancel(orgId: string, reservationId: string): Promise<void> {
    this.local.delete(reservationId);
    await this.breaker.run(() => this.redis.purserCancel(2, this.keys.generation(orgId), this.keys.reservation(orgId, reservationId)));
  }

  /** Last counters this replica saw (synchronous, for the interface); snapshotAsync reads Redis. */
  snapshot(refs: WindowRef[]): BudgetState[] {
    const orgId = this.orgOfRefs(refs);
    return refs.map((r) => {
      const c = orgId ? this.seen.get(this.seenKey(orgId, r)) : undefined;
      return { ...r, spent: c?.spent ?? 0n, reserved: c?.reserved ?? 0n };
    });
  }

  /** Current counters from Redis (expired holds purged first); windows not loaded read as their last-seen values. */
  async snapshotAsync(refs: WindowRef[]): Promise<BudgetState[]> {
    const orgId = this.orgOfRefs(refs);
    if (!orgId || refs.length === 0) return this.snapshot(refs);
    const keys = [this.keys.generation(orgId), ...refs.flatMap((r) => this.windowKeys(orgId, r))];
    const v = await this.breaker.run(() => this.redis.purserPeek(keys.length, ...keys, Date.now()));
    const stale = this.snapshot(refs);
    return refs.map((r, i) => (v[3 * i + 2] === "1" ? { ...r, spent: BigInt(v[3 * i]), reserved: BigInt(v[3 * i + 1]) } : stale[i]));
  }

  /** Embedded mode loads totals at start; here windows rebuild lazily from PostgreSQL on first use. */
  load(): void {}

  /** Holds expire inside Redis; this only forgets this replica's own expired reservations. */
  sweep(nowMs: number): Reservation<M>[] {
    const expired: Reservation<M>[] = [];
    for (const r of this.local.values()) if (r.expiresAt <= nowMs) expired.push(r);
    for (const r of expired) this.local.delete(r.id);
    for (const k of this.seen.keys()) {
      if (this.seen.size < 50_000) break;
      this.seen.delete(k);
    }
    return expired;
  }

  /** Sends every window of the org back to a rebuild from PostgreSQL (outage recovery, tests). */
  async invalidate(orgId: string): Promise<void> {
    await this.redis.incr(this.keys.generation(orgId));
  }

  /** Orgs whose settles missed Redis while it was down. */
  get dirtyOrgs(): ReadonlySet<string> {
    return this.dirty;
  }

  /** Breaker recovery hook: rebuild the counters that missed settles. Runs before traffic resumes. */
  async reconcile(): Promise<void> {
    for (const orgId of [...this.dirty]) {
      await this.invalidate(orgId);
      this.dirty.delete(orgId);
    }
  }
}
