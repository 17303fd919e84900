import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { duplicatedCapability, idleKeys, runawayKeys } from "@/lib/analytics/reports";
import { querySpend } from "@/lib/analytics/query-spend";
import { spendResultOut } from "@/lib/analytics/spend-json";
import { parseTagKeys } from "@/lib/analytics/rollup-deltas";
import { presetRange } from "@/lib/analytics/explorer-url";
import { spendQuerySchema } from "@/lib/schemas/spend";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { Card, CardTitle } from "@/components/ui/card";
import { DuplicatesTable, IdleTable, RunawayTable, TagCostTable } from "./report-tables";

export const metadata: Metadata = { title: "Reports" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const intParam = (v: unknown, def: number, min: number, max: number) => {
  const n = Number(typeof v === "string" ? v : NaN);
  return Number.isInteger(n) && n >= min && n <= max ? n : def;
};

export default async function ReportsPage({ searchParams }: Props) {
  const actor = await pageActor();
  if (!can(actor, "spend:read")) return <AccessDenied area="Reports" />;
  const sp = await searchParams;
  const days = intParam(sp.days, 30, 1, 90);
  const factor = intParam(sp.factor, 10, 2, 1000);
  const idleDays = intParam(sp.idle, 14, 1, 365);
  const org = await db.organization.findFirstOrThrow({ where: { id: actor.orgId }, select: { timezone: true, analyticsTagKeys: true } });
  const tagKeys = parseTagKeys(org.analyticsTagKeys);
  const tag = typeof sp.tag === "string" && tagKeys.includes(sp.tag) ? sp.tag : tagKeys[0];
  const range = presetRange("30d", org.timezone)!;

  const [runaways, idle, duplicates, tagCost, names] = await Promise.all([
    runawayKeys(actor, { days, factor }),
    idleKeys(actor, { days: idleDays }),
    duplicatedCapability(actor, { days }),
    tag ? querySpend(actor, spendQuerySchema.parse({ ...range, groupBy: [`tag:${tag}`], metric: "costPerRequest" })).then(spendResultOut) : null,
    Promise.all([
      db.team.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true } }),
      db.apiKey.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true, prefix: true } }),
    ]),
  ]);
  const teamNames = Object.fromEntries(names[0].map((t) => [t.id, t.name]));
  const keyNames = Object.fromEntries(names[1].map((k) => [k.id, `${k.name} (${k.prefix}…)`]));

  return (
    <>
      <PageHeader
        title="Reports"
        description="Where spend is unusual or wasted: runaway keys, idle keys, the same model bought by several teams, and cost per task by tag."
        actions={<Link href="/analytics" className="text-sm text-accent underline underline-offset-4">Open the explorer</Link>}
      />
      <div className="space-y-6">
        <Card aria-labelledby="runaway">
          <CardTitle id="runaway">Runaway keys</CardTitle>
          <p className="mb-3 text-sm text-ink-muted">
            Keys with an hour costing at least {factor}× their usual (median) hour in the last {days} days — an agent left running,
            a retry loop. Change with <code className="font-mono">?factor=</code> and <code className="font-mono">?days=</code>.
          </p>
          <RunawayTable rows={runaways.map((r) => ({ key: keyNames[r.keyId] ?? r.keyId, keyId: r.keyId, team: teamNames[r.teamId] ?? r.teamId, peakStart: r.peakStart.toISOString(), peakUsd: Number(r.peakMicros) / 1e6, usualUsd: Number(r.usualMicros) / 1e6, ratio: r.ratio, windowUsd: Number(r.windowMicros) / 1e6 }))} timezone={org.timezone} />
        </Card>
        <Card aria-labelledby="idle">
          <CardTitle id="idle">Idle keys</CardTitle>
          <p className="mb-3 text-sm text-ink-muted">Active (not revoked) keys with no usage in the last {idleDays} days: candidates to revoke. Change with <code className="font-mono">?idle=</code>.</p>
          <IdleTable rows={idle.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null }))} timezone={org.timezone} />
        </Card>
        <Card aria-labelledby="dupes">
          <CardTitle id="dupes">Duplicated capability</CardTitle>
          <p className="mb-3 text-sm text-ink-muted">Models bought by two or more teams through their own keys in the last {days} days: candidates for a shared key, a cache or a negotiated rate.</p>
          <DuplicatesTable rows={duplicates.map((d) => ({ ...d, teams: d.teams.map((t) => ({ ...t, team: teamNames[t.teamId] ?? t.teamId })) }))} />
        </Card>
        <Card aria-labelledby="tasks">
          <CardTitle id="tasks">Cost per task by tag{tag ? ` “${tag}”` : ""}</CardTitle>
          {tagKeys.length > 1 && (
            <p className="mb-2 text-sm">
              Tag:{" "}
              {tagKeys.map((k) => <Link key={k} href={`?tag=${encodeURIComponent(k)}`} aria-current={k === tag ? "true" : undefined} className={k === tag ? "mr-2 font-semibold" : "mr-2 text-accent underline"}>{k}</Link>)}
            </p>
          )}
          <p className="mb-3 text-sm text-ink-muted">Each request counts as one task; last 30 days, sorted by cost per task.</p>
          {tagCost ? <TagCostTable tag={tag!} result={tagCost} /> : <p className="text-sm text-ink-muted">The organization has no analytics tag keys. Set them in the org settings (analyticsTagKeys) and tag requests in <code className="font-mono">POST /api/authorize</code>.</p>}
        </Card>
      </div>
    </>
  );
}
