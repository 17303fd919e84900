// Redis key names. Every key of an organization carries the hash tag `{org:<id>}`, so all the keys one
// script touches (a key's whole chain, its reservation, its rate counters) live in one cluster slot.
// The prefix must not contain "{": Redis Cluster hashes the first {...} of the name.

export const DEFAULT_PREFIX = "purser:";

export class RedisKeys {
  constructor(readonly prefix: string = DEFAULT_PREFIX) {
    if (prefix.includes("{")) throw new Error("redis key prefix must not contain '{'");
  }

  private org(orgId: string): string {
    return `${this.prefix}{org:${orgId}}`;
  }

  /** Hash of one budget window: sp (settled micros), res (held micros), ld (generation it was loaded at). */
  window(orgId: string, budgetId: string, windowStart: Date): string {
    return `${this.org(orgId)}:w:${budgetId}:${windowStart.getTime()}`;
  }

  /** Sorted set of the window's holds: member "<reservationId>|<micros>", score = expiry (ms). */
  holds(orgId: string, budgetId: string, windowStart: Date): string {
    return `${this.org(orgId)}:h:${budgetId}:${windowStart.getTime()}`;
  }

  /** Hash requestId -> micros of settles that arrived while the window was not loaded (see rebuild). */
  pending(orgId: string, budgetId: string, windowStart: Date): string {
    return `${this.org(orgId)}:p:${budgetId}:${windowStart.getTime()}`;
  }

  /** Hash describing one reservation (m: its hold member, k: its window keys, d: its details), expiring with it. */
  reservation(orgId: string, reservationId: string): string {
    return `${this.org(orgId)}:r:${reservationId}`;
  }

  /** Idempotency marker of a settled request (SET NX with a TTL). */
  settled(orgId: string, requestId: string): string {
    // The engine's idempotency key is "<orgId>\0<requestId>": keep key names printable.
    return `${this.org(orgId)}:s:${requestId.replaceAll("\u0000", "|")}`;
  }

  /** The org's counter generation: bumping it makes every window of the org reload from PostgreSQL. */
  generation(orgId: string): string {
    return `${this.org(orgId)}:gen`;
  }

  /** Lock held by the one replica rebuilding the org's windows. */
  loadLock(orgId: string): string {
    return `${this.org(orgId)}:lock`;
  }

  /**
   * Per-key, per-minute RPM/TPM counters (hash: n requests, t tokens). Under the org's tag, so the
   * authorize and settle scripts check and correct them in the same call as the budget windows.
   */
  rate(orgId: string, apiKeyId: string, minute: number): string {
    return `${this.org(orgId)}:rl:${apiKeyId}:${minute}`;
  }

  /** Cross-replica alert gate (SET NX PX cooldown). */
  alert(orgId: string, dedupeKey: string): string {
    return `${this.org(orgId)}:a:${dedupeKey}`;
  }

  /** Pub/sub channel announcing policy changes (not a key: channels are not slotted). */
  policyChannel(): string {
    return `${this.prefix}policy`;
  }
}
