import { iso } from "@/lib/api/json";
import { microsToUsd } from "@/lib/money";
import type { Org } from "@/lib/schemas/org";
import type { FailMode, UnpricedModelPolicy } from "@/lib/generated/sqlite/enums";

type OrgRow = {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  unpricedModelPolicy: UnpricedModelPolicy;
  fallbackInputMicrosPerMTok: bigint | null;
  fallbackOutputMicrosPerMTok: bigint | null;
  failMode: FailMode;
  analyticsTagKeys: unknown;
  policyVersion: number;
  createdAt: Date;
  updatedAt: Date;
};

const usdOrNull = (m: bigint | null) => (m === null ? null : microsToUsd(m));

export function serializeOrg(o: OrgRow): Org {
  return {
    id: o.id,
    name: o.name,
    slug: o.slug,
    timezone: o.timezone,
    unpricedModelPolicy: o.unpricedModelPolicy,
    fallbackInputUsdPerMTok: usdOrNull(o.fallbackInputMicrosPerMTok),
    fallbackOutputUsdPerMTok: usdOrNull(o.fallbackOutputMicrosPerMTok),
    failMode: o.failMode,
    analyticsTagKeys: Array.isArray(o.analyticsTagKeys) ? o.analyticsTagKeys.filter((k): k is string => typeof k === "string") : [],
    policyVersion: o.policyVersion,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
  };
}
