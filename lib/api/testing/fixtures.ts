// Test fixtures for anything behind /api/v1 or a server action: an org with two teams and a user of
// every role, admin API tokens, and session cookies, so tests can act as anyone. Reuse freely.
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { newSecret } from "@/lib/crypto";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/generated/sqlite/enums";
import { hashPassword } from "@/lib/auth/passwords";

// Tests sign session cookies with this secret when the environment has none.
process.env.AUTH_SECRET ??= "purser-test-secret-" + randomBytes(16).toString("hex");

export const SESSION_COOKIE = "authjs.session-token";

export type FixtureUser = { id: string; email: string; role: Role; teamId: string | null; actor: Actor; cookie: string };

export type AuthFixture = {
  orgId: string;
  orgName: string;
  teamA: { id: string; name: string };
  teamB: { id: string; name: string };
  users: {
    owner: FixtureUser;
    admin: FixtureUser;
    finance: FixtureUser;
    leadA: FixtureUser;
    leadB: FixtureUser;
    memberA: FixtureUser;
    memberB: FixtureUser;
  };
  /** Admin API token (role admin) of this org, and its Actor. */
  adminToken: { id: string; secret: string; actor: Actor };
  financeToken: { id: string; secret: string; actor: Actor };
};

let counter = 0;
export const uniqueName = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

/** A JWT session cookie exactly as Auth.js would set it (same secret, same salt). */
export async function sessionCookie(user: { id: string; email: string; role: Role; orgId: string; teamId: string | null }) {
  const token = await encode({
    token: { sub: user.id, userId: user.id, email: user.email, name: user.email, orgId: user.orgId, role: user.role, teamId: user.teamId },
    secret: process.env.AUTH_SECRET!,
    salt: SESSION_COOKIE,
  });
  return `${SESSION_COOKIE}=${token}`;
}

/**
 * An org with teams A and B, one user per role (leadA/memberA in A, leadB/memberB in B), an admin and
 * a finance API token. Pass `password` to let the users sign in through the UI (e2e specs).
 */
export async function createAuthFixture(label = "org", opts: { password?: string } = {}): Promise<AuthFixture> {
  const orgName = uniqueName(label);
  const passwordHash = opts.password ? await hashPassword(opts.password) : null;
  const org = await db.organization.create({ data: { name: orgName, slug: orgName.toLowerCase() } });
  const teamA = await db.team.create({ data: { orgId: org.id, name: "Team A" } });
  const teamB = await db.team.create({ data: { orgId: org.id, name: "Team B" } });
  const make = async (key: string, role: Role, teamId: string | null): Promise<FixtureUser> => {
    const email = `${key.toLowerCase()}.${orgName}@example.test`.toLowerCase();
    const u = await db.user.create({ data: { orgId: org.id, email, name: key, role, teamId, passwordHash } });
    const actor: Actor = { kind: "user", id: u.id, orgId: org.id, role, teamId, userId: u.id, label: email };
    return { id: u.id, email, role, teamId, actor, cookie: await sessionCookie({ ...u, orgId: org.id }) };
  };
  const users = {
    owner: await make("owner", "owner", null),
    admin: await make("admin", "admin", null),
    finance: await make("finance", "finance", null),
    leadA: await make("leadA", "lead", teamA.id),
    leadB: await make("leadB", "lead", teamB.id),
    memberA: await make("memberA", "member", teamA.id),
    memberB: await make("memberB", "member", teamB.id),
  };
  const token = async (role: Role) => {
    const { secret, prefix, hash } = newSecret("admin");
    const t = await db.apiToken.create({ data: { orgId: org.id, name: `${role} token`, prefix, tokenHash: hash, role } });
    const actor: Actor = { kind: "api_token", id: t.id, orgId: org.id, role, teamId: null, userId: null, label: `token:${t.name}` };
    return { id: t.id, secret, actor };
  };
  return {
    orgId: org.id,
    orgName,
    teamA: { id: teamA.id, name: teamA.name },
    teamB: { id: teamB.id, name: teamB.name },
    users,
    adminToken: await token("admin"),
    financeToken: await token("finance"),
  };
}

export type As = { cookie?: string; bearer?: string } | null;

/** A Request for calling an exported route handler directly. `body` objects are JSON-encoded; strings are sent raw. */
export function apiRequest(
  method: string,
  path: string,
  opts: { as?: As; body?: unknown; query?: Record<string, string> } = {},
): Request {
  const url = new URL(path, "http://localhost:3000");
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers();
  if (opts.as?.cookie) headers.set("cookie", opts.as.cookie);
  if (opts.as?.bearer) headers.set("authorization", `Bearer ${opts.as.bearer}`);
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers.set("content-type", "application/json");
  }
  return new Request(url, { method, headers, body });
}

/** The second argument Next passes to a dynamic route handler. */
export const routeParams = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
