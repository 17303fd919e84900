// Email + password check with the login throttle; framework-free so tests can call it directly.
import { db } from "@/lib/db";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { clearLoginFailures, lockedUntil, recordLoginFailure } from "./login-throttle";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "locked"; lockedUntil?: Date };

export async function verifyCredentials(email: string, password: string, ip: string | null): Promise<CredentialsResult> {
  const normalized = email.trim().toLowerCase();
  const locked = await lockedUntil(normalized, ip);
  if (locked) return { ok: false, reason: "locked", lockedUntil: locked };
  const user = await db.user.findUnique({
    where: { email: normalized },
    omit: { passwordHash: false },
  });
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  // A disabled user gets the same answer as a wrong password: no hint that the account exists.
  if (!user || !valid || user.disabledAt) {
    await recordLoginFailure(normalized, ip);
    return { ok: false, reason: "invalid" };
  }
  await clearLoginFailures(normalized);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
