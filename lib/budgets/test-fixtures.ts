// Test fixtures for the budget and price integration tests: a fresh org per test with a tree of
// teams, users and keys, actors for every role, admin tokens, session cookies and a route caller.
// Real database only (DATABASE_URL is set by the integration project's setup).
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { newSecret } from "@/lib/crypto";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/generated/sqlite/enums";

export const ROLES: Role[] = ["owner", "admin", "finance", "lead", "member"];

const uid = () => randomUUID().slice(0, 8);

export async function makeOrg(opts: { timezone?: string } = {}) {
  const tag = uid();
  const org = await db.organization.create({ data: { name: `Org ${tag}`, slug: `org-${tag}`, timezone: opts.timezone ?? "UTC" } });
  return org;
}

export async function makeTeam(orgId: string, name = `Team ${uid()}`) {
  return db.team.create({ data: { orgId, name } });
}

export async function makeUser(orgId: string, role: Role, teamId: string | null) {
  const tag = uid();
  return db.user.create({ data: { orgId, role, teamId, email: `${role}-${tag}@example.test`, name: `${role} ${tag}` } });
}

export async function makeKey(orgId: string, teamId: string, userId: string | null = null) {
  const { prefix, hash } = newSecret("key");
  return db.apiKey.create({ data: { orgId, teamId, userId, name: `key ${uid()}`, prefix, keyHash: hash } });
}

export function actorOf(user: { id: string; orgId: string; role: Role; teamId: string | null; email: string }): Actor {
  return { kind: "user", id: user.id, orgId: user.orgId, role: user.role, teamId: user.teamId, userId: user.id, label: user.email };
}

/**
 * An org with two teams: team A (lead, member, member's key, service key) and team B (lead, member,
 * key), plus owner, admin and finance users without a team.
 */
export async function makeTree(opts: { timezone?: string } = {}) {
  const org = await makeOrg(opts);
  const teamA = await makeTeam(org.id, `A ${uid()}`);
  const teamB = await makeTeam(org.id, `B ${uid()}`);
  const owner = await makeUser(org.id, "owner", null);
  const admin = await makeUser(org.id, "admin", null);
  const finance = await makeUser(org.id, "finance", null);
  const leadA = await makeUser(org.id, "lead", teamA.id);
  const memberA = await makeUser(org.id, "member", teamA.id);
  const leadB = await makeUser(org.id, "lead", teamB.id);
  const memberB = await makeUser(org.id, "member", teamB.id);
  const keyA = await makeKey(org.id, teamA.id, memberA.id);
  const serviceKeyA = await makeKey(org.id, teamA.id, null);
  const keyB = await makeKey(org.id, teamB.id, memberB.id);
  const users = { owner, admin, finance, leadA, memberA, leadB, memberB };
  const actors = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, actorOf(u)])) as Record<keyof typeof users, Actor>;
  return { org, teamA, teamB, users, actors, keyA, serviceKeyA, keyB };
}

/** An admin API token of `role` in `orgId`; returns the Bearer secret. */
export async function makeToken(orgId: string, role: Role): Promise<string> {
  const { secret, prefix, hash } = newSecret("admin");
  await db.apiToken.create({ data: { orgId, name: `test ${role} ${uid()}`, prefix, tokenHash: hash, role } });
  return secret;
}

const TEST_AUTH_SECRET = "purser-test-auth-secret-do-not-use-in-production-0123456789";

/** A session cookie for `userId`, as Auth.js would set it (JWT strategy). */
export async function sessionCookie(userId: string): Promise<string> {
  process.env.AUTH_SECRET ??= TEST_AUTH_SECRET;
  const name = "authjs.session-token";
  const token = await encode({ token: { sub: userId, userId }, secret: process.env.AUTH_SECRET, salt: name });
  return `${name}=${token}`;
}

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
export type Auth = { bearer: string } | { cookie: string } | null;

/** Calls a route handler the way Next does, and returns status and parsed JSON. */
export async function call(
  handler: Handler,
  opts: { method?: string; path?: string; auth: Auth; body?: unknown; rawBody?: string; params?: Record<string, string> },
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.auth && "bearer" in opts.auth) headers.authorization = `Bearer ${opts.auth.bearer}`;
  if (opts.auth && "cookie" in opts.auth) headers.cookie = opts.auth.cookie;
  const method = opts.method ?? "GET";
  const req = new Request(`http://localhost${opts.path ?? "/api/v1/test"}`, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : (opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body))),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
