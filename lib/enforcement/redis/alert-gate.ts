// The soft-budget alert cooldown, shared by every replica. Each replica's own AlertGate lets an alert
// through once per cooldown; with N replicas that would be N alerts per cooldown. Here the replica
// that passes its own gate must also win `SET NX PX cooldown` on the alert's key in Redis: one alert
// per cooldown across all of them.
import { RedisUnavailableError, type CircuitBreaker } from "./circuit-breaker";
import type { RedisKeys } from "./keys";
import type { ScriptedRedis } from "./redis-client";

export class SharedAlertGate {
  constructor(
    private redis: ScriptedRedis,
    private keys: RedisKeys,
    private breaker: CircuitBreaker,
  ) {}

  /**
   * True if this replica is the one to raise the alert now. Redis being unreachable lets it through:
   * a repeated alert (the database still keeps one per minute) is better than a missing one.
   */
  async pass(orgId: string, gateKey: string, cooldownMs: number): Promise<boolean> {
    try {
      const won = await this.breaker.run(() => this.redis.set(this.keys.alert(orgId, gateKey), "1", "PX", Math.max(1, Math.floor(cooldownMs)), "NX"));
      return won === "OK";
    } catch (e) {
      if (e instanceof RedisUnavailableError) return true;
      throw e;
    }
  }
}
