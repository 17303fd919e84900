import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import { usdToMicros } from "@/lib/money";
import type { UpdateOrg } from "@/lib/schemas/org";
import { rebuildDailyRollups } from "@/lib/analytics/rebuild-daily-rollups";
import { serializeOrg } from "./serialize-org";

const toMicros = (usd: number | null | undefined) => (usd === undefined ? undefined : usd === null ? null : usdToMicros(usd));

/** Changes the org's name, timezone and enforcement policy (unpriced models, fail mode). */
export async function updateOrg(actor: Actor, input: UpdateOrg) {
  requirePermission(actor, "org:update");
  const data = input;
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findFirst({ where: { id: actor.orgId } });
    if (!before) throw notFound("organization");
    const fallbackIn = toMicros(data.fallbackInputUsdPerMTok);
    const fallbackOut = toMicros(data.fallbackOutputUsdPerMTok);
    const policy = data.unpricedModelPolicy ?? before.unpricedModelPolicy;
    if (policy === "fallback" && (fallbackIn === undefined ? before.fallbackInputMicrosPerMTok : fallbackIn) === null) {
      throw invalid("fallbackInputUsdPerMTok", "required when unpricedModelPolicy is fallback");
    }
    if (policy === "fallback" && (fallbackOut === undefined ? before.fallbackOutputMicrosPerMTok : fallbackOut) === null) {
      throw invalid("fallbackOutputUsdPerMTok", "required when unpricedModelPolicy is fallback");
    }
    const org = await tx.organization.update({
      where: { id: before.id },
      data: {
        name: data.name,
        timezone: data.timezone,
        unpricedModelPolicy: data.unpricedModelPolicy,
        fallbackInputMicrosPerMTok: fallbackIn,
        fallbackOutputMicrosPerMTok: fallbackOut,
        failMode: data.failMode,
        analyticsTagKeys: data.analyticsTagKeys ? [...new Set(data.analyticsTagKeys)] : undefined,
        policyVersion: { increment: 1 },
      },
    });
    // A local day now covers other hours: the daily rollups are recomputed from the hourly ones.
    if (org.timezone !== before.timezone) await rebuildDailyRollups(tx, org.id, org.timezone);
    const out = serializeOrg(org);
    await recordAudit(tx, { actor, action: "org.update", entityType: "organization", entityId: org.id, before: serializeOrg(before), after: out });
    return out;
  });
}
