// The enforcement contract suite (lib/enforcement/contract.int.test.ts), unchanged, against the
// distributed mode: REDIS_URL set, so the engine it builds uses the Redis ledger and rate limiter.
// PostgreSQL only (distributed mode needs it); its keys live under a private prefix, deleted after.
import { afterAll, describe, it } from "vitest";
import { randomUUID } from "node:crypto";
import { onPostgres, REDIS_TEST_URL } from "./test-support";
import { deleteKeysWithPrefix } from "./redis-client";

const prefix = `purser-test:contract-${randomUUID().slice(0, 8)}:`;

if (onPostgres()) {
  process.env.REDIS_URL = REDIS_TEST_URL;
  process.env.PURSER_REDIS_PREFIX = prefix;
  await import("../contract.int.test");
  afterAll(async () => {
    delete process.env.REDIS_URL;
    delete process.env.PURSER_REDIS_PREFIX;
    await deleteKeysWithPrefix(REDIS_TEST_URL, prefix);
  });
} else {
  describe("enforcement contract in distributed mode", () => {
    it.skip("needs PostgreSQL (runs in the int-pg project)", () => undefined);
  });
}
