import type { Metadata } from "next";
import { DateTime } from "luxon";
import { db } from "@/lib/db";
import { formatUsd } from "@/lib/money";
import { scopeWhere } from "@/lib/auth/permissions";
import { pageActor } from "@/components/auth/page-actor";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Card } from "@/components/ui/card";
import { formatInt } from "@/components/ui/format";
import { API_DOCS_HREF } from "@/components/ui/links";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await pageActor();
  const org = await db.organization.findFirstOrThrow({ where: { id: actor.orgId }, select: { timezone: true } });
  const scope = scopeWhere(actor, "spend:read") ?? { userId: "\u0000" };
  // Rollup buckets are org-local hours in minutes since the epoch, so a month is a bucket range.
  const monthStart = DateTime.now().setZone(org.timezone).startOf("month");
  const fromBucket = Math.floor(monthStart.toUTC().toMillis() / 60_000);
  const [anyUsage, month] = await Promise.all([
    db.usageRollup.findFirst({ where: { orgId: actor.orgId, ...scope }, select: { id: true } }),
    db.usageRollup.aggregate({
      where: { orgId: actor.orgId, ...scope, bucketMinute: { gte: fromBucket } },
      _sum: { costMicros: true, requests: true, inputTokens: true, outputTokens: true },
    }),
  ]);

  return (
    <>
      <PageHeader title="Overview" description={`Spend this month (${monthStart.toFormat("LLLL yyyy")}, ${org.timezone}).`} />
      {!anyUsage ? (
        <EmptyState title="No spend yet" action={{ href: API_DOCS_HREF, label: "Read the API reference" }}>
          <p>
            Point a gateway at <code className="font-mono text-ink">POST /api/authorize</code> before each model call and report
            the real cost to <code className="font-mono text-ink">POST /api/usage</code>. Month-to-date spend, requests and
            tokens will appear here as soon as the first call is settled.
          </p>
        </EmptyState>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Stat label="Spend, month to date" value={formatUsd(month._sum.costMicros ?? 0n)} unit="USD" />
          <Stat label="Requests" value={formatInt(month._sum.requests ?? 0)} />
          <Stat label="Input tokens" value={formatInt(month._sum.inputTokens ?? 0n)} />
          <Stat label="Output tokens" value={formatInt(month._sum.outputTokens ?? 0n)} />
        </div>
      )}
    </>
  );
}

function Stat({ label, value, unit }: { label: string; value: string; unit?: string }) {
  return (
    <Card>
      <p className="text-sm text-ink-muted">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-ink tabular">
        {value} {unit && <span className="text-sm font-normal text-ink-muted">{unit}</span>}
      </p>
    </Card>
  );
}
