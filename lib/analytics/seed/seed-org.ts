// A realistic organization for real-scale testing and screenshots: teams of very different sizes,
// users of every role (signing in with one known password), personal and service keys, the list
// price catalog, and org/team/key budgets.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import { hashPassword } from "@/lib/auth/passwords";
import { seedPrices, catalogRow, CATALOG } from "@/lib/prices/catalog";
import type { SeedKey, SeedPrice } from "./generate-usage";

const TEAMS: [string, number, string[]][] = [
  ["Search", 30, ["retrieval", "rerank", "query-rewrite"]],
  ["Support", 22, ["support-bot", "ticket-triage", "summarize"]],
  ["Platform", 14, ["code-review", "ci-assist"]],
  ["Data Science", 10, ["extraction", "labeling", "eval"]],
  ["Growth", 7, ["copywriting", "personalize"]],
  ["Legal AI", 5, ["contract-review"]],
  ["Finance Ops", 3, ["invoice-parse"]],
  ["Mobile", 2, ["chat"]],
];
const FIRST = ["Ada", "Ben", "Chen", "Dana", "Emeka", "Farah", "Gus", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Vik", "Wen", "Xena", "Yusuf", "Zoe"];
const LAST = ["Okafor", "Lindqvist", "Patel", "Moreau", "Tanaka", "Silva", "Kowalski", "Haddad", "Nguyen", "Fischer", "Costa", "Reyes"];

export const SEED_PASSWORD = "purser-demo-password";

export type SeededOrg = { orgId: string; slug: string; timezone: string; keys: SeedKey[]; prices: Map<string, SeedPrice>; accounts: Record<string, string> };

export async function seedOrg(db: Db, opts: { name: string; timezone: string; scale?: number }): Promise<SeededOrg> {
  const slug = `${opts.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomBytes(3).toString("hex")}`;
  const password = await hashPassword(SEED_PASSWORD);
  const org = await db.organization.create({
    data: { name: opts.name, slug, timezone: opts.timezone, analyticsTagKeys: ["feature", "env"] },
  });
  await db.$transaction((tx) => seedPrices(tx, org.id));
  const keys: SeedKey[] = [];
  const accounts: Record<string, string> = {};
  const email = (who: string) => `${who}@${slug}.example.com`;
  for (const role of ["owner", "finance"] as const) {
    await db.user.create({ data: { orgId: org.id, email: email(role), name: role === "owner" ? "Olga Owner" : "Fiona Finance", role, passwordHash: password } });
    accounts[role] = email(role);
  }
  let n = 0;
  for (const [teamName, size, features] of TEAMS) {
    const team = await db.team.create({ data: { orgId: org.id, name: teamName } });
    const members = Math.max(1, Math.round(size * (opts.scale ?? 1)));
    for (let i = 0; i < members; i++, n++) {
      const role = i === 0 ? "lead" : "member";
      const who = `${FIRST[n % FIRST.length].toLowerCase()}.${LAST[(n * 7) % LAST.length].toLowerCase()}${n}`;
      const user = await db.user.create({
        data: { orgId: org.id, teamId: team.id, email: email(who), name: `${FIRST[n % FIRST.length]} ${LAST[(n * 7) % LAST.length]}`, role, passwordHash: password },
      });
      if (teamName === "Search" && i < 2) accounts[i === 0 ? "lead" : "member"] = email(who);
      for (let k = 0; k < 1 + (n % 3 === 0 ? 1 : 0); k++) keys.push(await makeKey(db, org.id, team.id, user.id, `${who.split(".")[0]}-${k ? "notebook" : "dev"}`, features));
    }
    for (const env of ["prod", "staging", "batch"].slice(0, 1 + Math.min(2, Math.floor(size / 8)))) {
      keys.push(await makeKey(db, org.id, team.id, null, `${teamName.toLowerCase().replace(/ /g, "-")}-${env}`, features));
    }
    await db.budget.create({
      data: { orgId: org.id, level: "team", teamId: team.id, name: `${teamName} monthly`, limitMicros: BigInt(Math.round(size * 180)) * 1_000_000n, enforcement: "soft", period: "monthly", alertThresholds: [80, 100] },
    });
  }
  // Keys nobody uses any more: the idle-keys report should find them.
  const teams = await db.team.findMany({ where: { orgId: org.id }, orderBy: { name: "asc" }, take: 2 });
  for (const t of teams) await makeKey(db, org.id, t.id, null, `${t.name.toLowerCase().replace(/ /g, "-")}-legacy-prototype`, []);
  await db.budget.create({
    data: { orgId: org.id, level: "org", name: "Org monthly", limitMicros: 25_000n * 1_000_000n, enforcement: "soft", period: "monthly", alertThresholds: [80, 100] },
  });
  const prices = new Map<string, SeedPrice>();
  for (const p of CATALOG) {
    if (p.effectiveTo) continue;
    const row = catalogRow(org.id, p);
    prices.set(p.model, {
      provider: p.provider,
      model: p.model,
      input: Number(row.inputMicrosPerMTok),
      output: Number(row.outputMicrosPerMTok),
      cached: row.cachedInputMicrosPerMTok === null ? null : Number(row.cachedInputMicrosPerMTok),
    });
  }
  return { orgId: org.id, slug, timezone: opts.timezone, keys, prices, accounts };
}

async function makeKey(db: Db, orgId: string, teamId: string, userId: string | null, name: string, features: string[]): Promise<SeedKey> {
  const secret = `psr_key_${randomBytes(24).toString("base64url")}`;
  const key = await db.apiKey.create({
    data: { orgId, teamId, userId, name, prefix: secret.slice(0, 12), keyHash: sha256Hex(secret) },
  });
  return { id: key.id, teamId, userId, features, service: userId === null };
}
