import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Auth.js needs AUTH_SECRET. A single-machine install should start without anyone inventing one, so
 * when it is missing we create one under data/ (mode 0600) and reuse it on every start. Replicas of a
 * distributed deployment must share one: set AUTH_SECRET in their environment.
 */
export function ensureAuthSecret(dataDir = path.resolve("data")): void {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}
