// OIDC sign-in admits only existing, enabled users, matched by a verified email (no self-registration).
import { db } from "@/lib/db";

export function oidcConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.PURSER_OIDC_ISSUER && env.PURSER_OIDC_CLIENT_ID && env.PURSER_OIDC_CLIENT_SECRET);
}

export async function userForOidcProfile(profile: { email?: unknown; email_verified?: unknown } | null | undefined) {
  const email = profile?.email;
  // An IdP that says the address is unverified does not get to claim an account by it.
  if (typeof email !== "string" || !email || profile?.email_verified === false) return null;
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  return user && !user.disabledAt ? user : null;
}
