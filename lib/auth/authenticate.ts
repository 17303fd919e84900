// Turns credentials into an Actor: an admin API token (Bearer, looked up by SHA-256) or an Auth.js
// session (JWT cookie). Both re-read the database on every request, so a disabled user, a changed
// role or a revoked token takes effect at once.
import { decode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import type { Actor } from "./actor";

export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
/** Don't write lastUsedAt more often than this per token (keeps SQLite writes off the read path). */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function actorFromApiToken(secret: string): Promise<Actor | null> {
  if (!secret || secret.length > 500) return null;
  const token = await db.apiToken.findUnique({ where: { tokenHash: sha256Hex(secret) } });
  if (!token || token.revokedAt) return null;
  const now = new Date();
  if (token.expiresAt && token.expiresAt <= now) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } }).catch(() => {});
  }
  return {
    kind: "api_token",
    id: token.id,
    orgId: token.orgId,
    role: token.role,
    teamId: null,
    userId: null,
    label: `token:${token.name}`,
  };
}

/** The current state of a user as an Actor, or null when missing or disabled. */
export async function actorFromUserId(userId: unknown): Promise<Actor | null> {
  if (typeof userId !== "string" || !userId) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, orgId: true, role: true, teamId: true, email: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return null;
  return {
    kind: "user",
    id: user.id,
    orgId: user.orgId,
    role: user.role,
    teamId: user.teamId,
    userId: user.id,
    label: user.email,
  };
}

function readCookie(header: string, name: string): string | null {
  // Auth.js splits large tokens into name.0, name.1, ...; join them in order.
  const jar = new Map<string, string>();
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0) jar.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  if (jar.has(name)) return decodeURIComponent(jar.get(name)!);
  const chunks: string[] = [];
  for (let i = 0; jar.has(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`)!);
  return chunks.length ? decodeURIComponent(chunks.join("")) : null;
}

export async function actorFromSessionCookie(cookieHeader: string | null): Promise<Actor | null> {
  const secret = process.env.AUTH_SECRET;
  if (!cookieHeader || !secret) return null;
  for (const name of SESSION_COOKIES) {
    const raw = readCookie(cookieHeader, name);
    if (!raw) continue;
    try {
      const payload = await decode({ token: raw, secret, salt: name });
      return actorFromUserId(payload?.userId ?? payload?.sub);
    } catch {
      return null;
    }
  }
  return null;
}

/** For route handlers: Bearer admin token first, else the session cookie. */
export async function authenticateRequest(req: Request): Promise<Actor | null> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match ? actorFromApiToken(match[1]) : null;
  }
  return actorFromSessionCookie(req.headers.get("cookie"));
}
