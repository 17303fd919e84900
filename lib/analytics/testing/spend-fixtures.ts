// Test fixtures of the analytics area: a small org (teams, users, keys) and usage events written the
// way settle writes them (events + rollups through rollupDeltas/applyRollupDeltas, one transaction).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { bucketMinuteFor } from "@/lib/analytics/buckets";
import { rollupDeltas, type RollupEvent } from "@/lib/analytics/rollup-deltas";
import { applyRollupDeltas } from "@/lib/analytics/apply-rollup-deltas";

export type SpendOrg = {
  orgId: string;
  timezone: string;
  teams: { id: string; name: string }[];
  users: { id: string; teamId: string; role: "lead" | "member" }[];
  keys: { id: string; teamId: string; userId: string | null }[];
};

/** Two teams; each with a lead, a member, a key per user and a service key. */
export async function createSpendOrg(timezone: string, tagKeys: string[] = ["feature"]): Promise<SpendOrg> {
  const slug = `spend-${randomUUID().slice(0, 12)}`;
  const org = await db.organization.create({ data: { name: slug, slug, timezone, analyticsTagKeys: tagKeys } });
  const out: SpendOrg = { orgId: org.id, timezone, teams: [], users: [], keys: [] };
  for (const name of ["Alpha", "Beta"]) {
    const team = await db.team.create({ data: { orgId: org.id, name } });
    out.teams.push({ id: team.id, name });
    for (const role of ["lead", "member"] as const) {
      const user = await db.user.create({
        data: { orgId: org.id, teamId: team.id, role, name: `${name} ${role}`, email: `${role}-${name}-${slug}@example.com` },
      });
      out.users.push({ id: user.id, teamId: team.id, role });
    }
    for (const userId of [...out.users.filter((u) => u.teamId === team.id).map((u) => u.id), null]) {
      const secret = randomUUID();
      const key = await db.apiKey.create({
        data: { orgId: org.id, teamId: team.id, userId, name: `key-${secret.slice(0, 6)}`, prefix: secret.slice(0, 12), keyHash: secret },
      });
      out.keys.push({ id: key.id, teamId: team.id, userId });
    }
  }
  return out;
}

/** Writes events and their rollups in one transaction, as settle's group commit does. */
export async function writeUsage(org: SpendOrg, events: RollupEvent[], tagKeys: string[] = ["feature"]): Promise<void> {
  const deltas = rollupDeltas(events, org.timezone, { tagKeys });
  await db.$transaction(async (tx) => {
    await tx.usageEvent.createMany({
      data: events.map((e) => ({
        orgId: org.orgId,
        requestId: randomUUID(),
        occurredAt: e.occurredAt,
        bucketMinute: bucketMinuteFor(e.occurredAt, org.timezone),
        teamId: e.teamId,
        userId: e.userId,
        apiKeyId: e.apiKeyId,
        provider: e.provider,
        model: e.model,
        inputTokens: e.inputTokens,
        outputTokens: e.outputTokens,
        cachedInputTokens: e.cachedInputTokens,
        cacheWriteTokens: e.cacheWriteTokens,
        costMicros: e.costMicros,
        status: e.status ?? "ok",
        tags: e.tags ?? undefined,
      })),
    });
    await applyRollupDeltas(tx, org.orgId, deltas);
  });
}
