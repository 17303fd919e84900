// The enforcement policy of one organization, loaded from the database into memory: keys by hash,
// gateway tokens by hash, budgets by scope, prices, settings. Reloaded whenever policyVersion moves.
import type { Db } from "@/lib/db";
import type { BudgetPolicy } from "./decision";
import { PriceTable, type UnpricedPolicy } from "./pricing";

export type KeyPolicy = {
  id: string;
  orgId: string;
  teamId: string;
  userId: string | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** The key's own disabledAt, or its user's: a disabled user's keys stop working too. */
  disabledAt: Date | null;
};

export type OrgPolicy = {
  id: string;
  version: number;
  timezone: string;
  failMode: "open" | "closed";
  unpriced: UnpricedPolicy;
  prices: PriceTable;
  analyticsTagKeys: string[];
  keysByHash: Map<string, KeyPolicy>;
  keysById: Map<string, KeyPolicy>;
  gatewayHashes: Map<string, { id: string; revoked: boolean }>;
  orgBudgets: BudgetPolicy[];
  budgetsByTeam: Map<string, BudgetPolicy[]>;
  budgetsByUser: Map<string, BudgetPolicy[]>;
  budgetsByKey: Map<string, BudgetPolicy[]>;
};

const chains = new WeakMap<KeyPolicy, BudgetPolicy[]>();

/** Every budget on the key's chain: key, user (if any), team, org. Cached per loaded policy. */
export function chainOf(org: OrgPolicy, key: KeyPolicy): BudgetPolicy[] {
  // KeyPolicy objects are rebuilt on every policy reload, so the cache never outlives its policy.
  let chain = chains.get(key);
  if (!chain) chains.set(key, (chain = buildChain(org, key)));
  return chain;
}

function buildChain(org: OrgPolicy, key: KeyPolicy): BudgetPolicy[] {
  return [
    ...(org.budgetsByKey.get(key.id) ?? []),
    ...(key.userId ? (org.budgetsByUser.get(key.userId) ?? []) : []),
    ...(org.budgetsByTeam.get(key.teamId) ?? []),
    ...org.orgBudgets,
  ];
}

const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

function thresholds(json: unknown): number[] {
  if (!Array.isArray(json)) return [80, 100];
  return json.filter((n): n is number => typeof n === "number" && Number.isFinite(n) && n > 0).sort((a, b) => a - b);
}

export async function loadOrgPolicy(db: Db, orgId: string): Promise<OrgPolicy | null> {
  const org = await db.organization.findUnique({ where: { id: orgId } });
  if (!org) return null;
  const [keys, tokens, budgets, prices] = await Promise.all([
    db.apiKey.findMany({ where: { orgId }, omit: { keyHash: false }, include: { user: { select: { disabledAt: true } } } }),
    db.gatewayToken.findMany({ where: { orgId }, select: { id: true, tokenHash: true, revokedAt: true } }),
    db.budget.findMany({ where: { orgId } }),
    db.modelPrice.findMany({ where: { orgId } }),
  ]);
  const policy: OrgPolicy = {
    id: org.id,
    version: org.policyVersion,
    timezone: org.timezone,
    failMode: org.failMode,
    unpriced: {
      unpricedModelPolicy: org.unpricedModelPolicy,
      fallbackInputMicrosPerMTok: org.fallbackInputMicrosPerMTok,
      fallbackOutputMicrosPerMTok: org.fallbackOutputMicrosPerMTok,
    },
    prices: new PriceTable(prices),
    analyticsTagKeys: Array.isArray(org.analyticsTagKeys) ? org.analyticsTagKeys.filter((k): k is string => typeof k === "string") : [],
    keysByHash: new Map(),
    keysById: new Map(),
    gatewayHashes: new Map(tokens.map((t) => [t.tokenHash, { id: t.id, revoked: t.revokedAt !== null }])),
    orgBudgets: [],
    budgetsByTeam: new Map(),
    budgetsByUser: new Map(),
    budgetsByKey: new Map(),
  };
  for (const k of keys) {
    const kp: KeyPolicy = {
      id: k.id,
      orgId,
      teamId: k.teamId,
      userId: k.userId,
      rpmLimit: k.rpmLimit,
      tpmLimit: k.tpmLimit,
      expiresAt: k.expiresAt,
      revokedAt: k.revokedAt,
      disabledAt: k.disabledAt ?? k.user?.disabledAt ?? null,
    };
    policy.keysByHash.set(k.keyHash, kp);
    policy.keysById.set(k.id, kp);
  }
  for (const b of budgets) {
    const bp: BudgetPolicy = {
      id: b.id,
      name: b.name,
      level: b.level,
      limitMicros: b.limitMicros,
      enforcement: b.enforcement,
      shadow: b.shadow,
      period: b.period,
      customEvery: b.customEvery,
      customUnit: b.customUnit,
      customStart: b.customStart ?? b.createdAt,
      filterModel: b.filterModel,
      filterProvider: b.filterProvider,
      filterTagKey: b.filterTagKey,
      filterTagValue: b.filterTagValue,
      alertThresholds: thresholds(b.alertThresholds),
      alertCooldownMinutes: b.alertCooldownMinutes,
    };
    if (b.level === "org") policy.orgBudgets.push(bp);
    else if (b.level === "team" && b.teamId) push(policy.budgetsByTeam, b.teamId, bp);
    else if (b.level === "user" && b.userId) push(policy.budgetsByUser, b.userId, bp);
    else if (b.level === "key" && b.apiKeyId) push(policy.budgetsByKey, b.apiKeyId, bp);
  }
  return policy;
}
