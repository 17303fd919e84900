"use client";

import { formatUsd } from "@/lib/money";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/components/ui/format";
import { percentOf, resetsIn, STATE_LABEL } from "./budget-format";
import type { BudgetView } from "./tree-types";

const BAR_COLOUR = { fine: "bg-emerald-600", threshold: "bg-amber-500", exceeded: "bg-red-700" } as const;
const STATE_TONE = { fine: "ok", threshold: "warn", exceeded: "danger" } as const;

type Props = {
  budget: BudgetView;
  now: string;
  timezone: string;
  onEdit?: (b: BudgetView) => void;
  onReallocate?: (b: BudgetView) => void;
};

function remainingOf(b: BudgetView): bigint {
  const r = b.limitMicros - b.usedMicros - b.reservedMicros;
  return r > 0n ? r : 0n;
}

/** One budget: bar (spent, reserved, remaining vs limit), state in words, policy badges, window. */
export function BudgetCard({ budget: b, now, timezone, onEdit, onReallocate }: Props) {
  const spentPct = percentOf(b.usedMicros, b.limitMicros);
  const reservedPct = Math.min(100 - spentPct, percentOf(b.reservedMicros, b.limitMicros));
  const over = b.usedMicros + b.reservedMicros - b.limitMicros;
  // A hard budget that denied requests this window is blocking, even when what is left is just
  // less than a request's estimate (it then reads "Past 80%" by the numbers alone).
  const blocking = b.enforcement === "hard" && b.deniedRequests > 0;
  const stateText = blocking ? "Blocking requests" : b.state === "threshold" && b.reachedThreshold ? `Past ${b.reachedThreshold}%` : STATE_LABEL[b.state];
  const filters = [b.filters.model && `model ${b.filters.model}`, b.filters.provider && `provider ${b.filters.provider}`, b.filters.tag && `tag ${b.filters.tag}`].filter(Boolean);
  return (
    <li className="rounded-md border border-line bg-paper px-4 py-3" data-testid={`budget-${b.id}`} aria-label={`Budget ${b.name}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-ink">{b.name}</span>
        <Badge tone={b.enforcement === "hard" ? "danger" : "warn"}>{b.enforcement}</Badge>
        {b.shadow && <Badge tone="neutral">shadow</Badge>}
        {b.pending && (
          <span role="status" className="text-xs text-ink-muted">
            saving…
          </span>
        )}
        <Badge tone="info">{b.periodLabel}</Badge>
        {filters.length > 0 && <Badge tone="neutral">only {filters.join(", ")}</Badge>}
        <span className="ml-auto flex items-center gap-1">
          <Badge tone={blocking ? STATE_TONE.exceeded : STATE_TONE[b.state]}>
            <span data-testid="budget-state">{stateText}</span>
          </Badge>
          {onReallocate && b.canReallocate && (
            <Button variant="ghost" size="sm" onClick={() => onReallocate(b)} aria-label={`Move budget from ${b.name}`}>
              Move
            </Button>
          )}
          {onEdit && b.canEdit && (
            <Button variant="ghost" size="sm" onClick={() => onEdit(b)} aria-label={`Edit budget ${b.name}`}>
              Edit
            </Button>
          )}
        </span>
      </div>
      <div className="mt-2 flex h-2.5 w-full overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <div className={cn("h-full", BAR_COLOUR[b.state])} style={{ width: `${spentPct}%` }} />
        <div className="h-full bg-slate-500/60 bg-[repeating-linear-gradient(45deg,transparent,transparent_3px,rgb(255_255_255/0.5)_3px,rgb(255_255_255/0.5)_6px)]" style={{ width: `${reservedPct}%` }} />
      </div>
      <div className="mt-2 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
        <p className="tabular text-ink">
          <span data-testid="budget-spent">{formatUsd(b.usedMicros)}</span> spent
          {b.reservedMicros > 0n && <> · {formatUsd(b.reservedMicros)} reserved</>} ·{" "}
          {over > 0n ? (
            <span className="font-medium text-danger">{formatUsd(over)} over</span>
          ) : (
            <span>{formatUsd(remainingOf(b))} left</span>
          )}{" "}
          of <span data-testid="budget-limit">{formatUsd(b.limitMicros)}</span>
          <span className="text-ink-muted"> ({spentPct.toFixed(spentPct < 10 ? 1 : 0)}% used)</span>
        </p>
        <p className="text-xs text-ink-muted">
          {resetsIn(b.resetAt, new Date(now))} · {formatDateTime(b.resetAt, timezone)} {timezone}
        </p>
      </div>
      {b.wouldDeny && (
        <p className="mt-1 text-xs text-ink-muted">
          Shadow: would have denied <span className="tabular font-medium text-ink">{b.wouldDeny.current}</span> request
          {b.wouldDeny.current === 1 ? "" : "s"} this window, {b.wouldDeny.previous} last window.
        </p>
      )}
    </li>
  );
}
