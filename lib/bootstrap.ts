// First start on an empty database creates the organization, its owner, an admin API token and a
// gateway token from PURSER_BOOTSTRAP_*; every later start only makes sure the env-named tokens
// exist. Idempotent and safe when several replicas start at once. Never logs a secret.
import { db as defaultDb, type Db, type Tx } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import { hashPassword } from "@/lib/auth/passwords";
import { recordAudit } from "@/lib/audit/record-audit";
import { seedPrices } from "@/lib/prices/catalog";

export type BootstrapEnv = Partial<Record<
  | "PURSER_BOOTSTRAP_ORG" | "PURSER_BOOTSTRAP_EMAIL" | "PURSER_BOOTSTRAP_PASSWORD" | "PURSER_BOOTSTRAP_TIMEZONE"
  | "PURSER_BOOTSTRAP_ADMIN_TOKEN" | "PURSER_BOOTSTRAP_GATEWAY_TOKEN",
  string
>>;

export type BootstrapResult = {
  created: boolean;
  orgId?: string;
  orgName?: string;
  ownerEmail?: string;
  tokensCreated: ("admin" | "gateway")[];
};

export function slugify(name: string): string {
  const slug = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 48);
  return slug || "org";
}

/** A display prefix that never shows most of a short, hand-picked secret. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, Math.min(12, Math.floor(secret.length / 3)));
}

const system = (orgId: string) => ({ kind: "system" as const, orgId, label: "bootstrap" });
const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";

export async function bootstrap(env: BootstrapEnv = process.env as BootstrapEnv, db: Db = defaultDb): Promise<BootstrapResult> {
  const result: BootstrapResult = { created: false, tokensCreated: [] };
  const email = env.PURSER_BOOTSTRAP_EMAIL?.trim().toLowerCase();
  // DESIGN §10 names the org variable, but an owner alone is enough to start: the org gets a default name.
  const orgName = env.PURSER_BOOTSTRAP_ORG?.trim() || (email ? "Purser" : undefined);
  const password = env.PURSER_BOOTSTRAP_PASSWORD;
  if (orgName && email && password && (await db.organization.count()) === 0) {
    const passwordHash = await hashPassword(password);
    try {
      await db.$transaction(async (tx) => {
        const org = await tx.organization.create({
          data: { name: orgName, slug: slugify(orgName), timezone: validZone(env.PURSER_BOOTSTRAP_TIMEZONE) },
        });
        const owner = await tx.user.create({ data: { orgId: org.id, email, name: email.split("@")[0], role: "owner", passwordHash } });
        // A new org starts with the current list prices, so no model is unpriced on day one.
        await seedPrices(tx, org.id);
        await recordAudit(tx, { actor: system(org.id), action: "org.bootstrap", entityType: "organization", entityId: org.id, after: { name: org.name, slug: org.slug, timezone: org.timezone } });
        await recordAudit(tx, { actor: system(org.id), action: "user.create", entityType: "user", entityId: owner.id, after: { email, role: "owner" } });
        Object.assign(result, { created: true, orgId: org.id, orgName: org.name, ownerEmail: email });
      });
    } catch (e) {
      // Another replica bootstrapped first: fall through to the token check.
      if (!isUniqueViolation(e)) throw e;
    }
  } else if (orgName && (await db.organization.count()) === 0) {
    console.warn("purser: PURSER_BOOTSTRAP_ORG is set but PURSER_BOOTSTRAP_EMAIL or PURSER_BOOTSTRAP_PASSWORD is missing; nothing created");
  }

  const adminSecret = env.PURSER_BOOTSTRAP_ADMIN_TOKEN;
  const gatewaySecret = env.PURSER_BOOTSTRAP_GATEWAY_TOKEN;
  if (!adminSecret && !gatewaySecret) return result;
  const orgId = result.orgId ?? (await bootstrapOrgId(db, orgName, email));
  if (!orgId) return result;
  await db.$transaction(async (tx) => {
    if (adminSecret && (await ensureToken(tx, orgId, "admin", adminSecret))) result.tokensCreated.push("admin");
    if (gatewaySecret && (await ensureToken(tx, orgId, "gateway", gatewaySecret))) result.tokensCreated.push("gateway");
  }).catch((e) => {
    if (!isUniqueViolation(e)) throw e;
  });
  return result;
}

function validZone(tz: string | undefined): string {
  if (!tz) return "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz;
  } catch {
    console.warn("purser: PURSER_BOOTSTRAP_TIMEZONE is not an IANA time zone; using UTC");
    return "UTC";
  }
}

/** The org the env describes: by slug, else the owner's, else the oldest. */
async function bootstrapOrgId(db: Db, orgName: string | undefined, email: string | undefined): Promise<string | null> {
  if (orgName) {
    const org = await db.organization.findUnique({ where: { slug: slugify(orgName) }, select: { id: true } });
    if (org) return org.id;
  }
  if (email) {
    const user = await db.user.findUnique({ where: { email }, select: { orgId: true } });
    if (user) return user.orgId;
  }
  const oldest = await db.organization.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  return oldest?.id ?? null;
}

/**
 * Creates the token unless one with this secret exists. A token an admin revoked stays revoked:
 * the env naming it again does not bring it back.
 */
async function ensureToken(tx: Tx, orgId: string, kind: "admin" | "gateway", secret: string): Promise<boolean> {
  if (secret.length < 16) console.warn(`purser: the bootstrap ${kind} token is shorter than 16 characters; use a long random secret`);
  const tokenHash = sha256Hex(secret);
  const data = { orgId, name: `bootstrap ${kind} token`, prefix: displayPrefix(secret), tokenHash };
  if (kind === "admin") {
    if (await tx.apiToken.findUnique({ where: { tokenHash }, select: { id: true } })) return false;
    const token = await tx.apiToken.create({ data: { ...data, role: "admin" } });
    await recordAudit(tx, { actor: system(orgId), action: "api_token.create", entityType: "api_token", entityId: token.id, after: { name: token.name, prefix: token.prefix, role: token.role } });
  } else {
    if (await tx.gatewayToken.findUnique({ where: { tokenHash }, select: { id: true } })) return false;
    const token = await tx.gatewayToken.create({ data });
    await recordAudit(tx, { actor: system(orgId), action: "gateway_token.create", entityType: "gateway_token", entityId: token.id, after: { name: token.name, prefix: token.prefix } });
  }
  return true;
}
