// Failed sign-ins are counted per email and per client address in the LoginThrottle table (shared by
// every replica). Too many failures inside the window lock that key for a while.
import { db } from "@/lib/db";

export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxFailuresPerEmail: 5,
  // Higher: many people can share one address (an office NAT).
  maxFailuresPerIp: 30,
};

export function throttleKeys(email: string, ip: string | null): { key: string; max: number }[] {
  const keys = [{ key: `email:${email.trim().toLowerCase()}`, max: THROTTLE.maxFailuresPerEmail }];
  if (ip) keys.push({ key: `ip:${ip}`, max: THROTTLE.maxFailuresPerIp });
  return keys;
}

/** The time until which sign-in is locked for this email or address, or null. */
export async function lockedUntil(email: string, ip: string | null, now = new Date()): Promise<Date | null> {
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: throttleKeys(email, ip).map((k) => k.key) }, lockedUntil: { gt: now } },
  });
  const times = rows.map((r) => r.lockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

export async function recordLoginFailure(email: string, ip: string | null, now = new Date()): Promise<void> {
  for (const { key, max } of throttleKeys(email, ip)) {
    await db.$transaction(async (tx) => {
      const row = await tx.loginThrottle.findUnique({ where: { key } });
      const fresh = !row || now.getTime() - row.windowStart.getTime() > THROTTLE.windowMs;
      const failures = fresh ? 1 : row.failures + 1;
      const lock = failures >= max ? new Date(now.getTime() + THROTTLE.lockMs) : (row?.lockedUntil ?? null);
      await tx.loginThrottle.upsert({
        where: { key },
        create: { key, failures, windowStart: now, lockedUntil: lock },
        update: { failures, windowStart: fresh ? now : row.windowStart, lockedUntil: lock },
      });
    });
  }
  if (Math.random() < 0.05) await pruneOldCounters(now);
}

/** Forgets counters whose window and lock are long over (sprayed emails would otherwise pile up). */
async function pruneOldCounters(now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000);
  await db.loginThrottle.deleteMany({
    where: { windowStart: { lt: dayAgo }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
  });
}

export async function clearLoginFailures(email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: `email:${email.trim().toLowerCase()}` } });
}

/** Best-effort client address from proxy headers; null when unknown (then only the email is limited). */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || headers.get("x-real-ip")?.trim();
  return ip && ip.length <= 64 ? ip : null;
}
