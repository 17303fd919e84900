"use client";

import { formatUsd } from "@/lib/money";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { BudgetCard } from "./budget-card";
import type { AllocationView, BudgetView, TreeNode } from "./tree-types";

const LEVEL_LABEL = { org: "Organization", team: "Team", user: "User", key: "Key" } as const;

export type NodeHandlers = {
  expanded: Set<string>;
  toggle: (key: string) => void;
  onEdit: (b: BudgetView) => void;
  onCreate: (node: TreeNode) => void;
  onReallocate: (b: BudgetView) => void;
  now: string;
  timezone: string;
};

function Allocation({ a }: { a: AllocationView }) {
  if (a.ceilingMicros === null) {
    return (
      <span className="text-xs text-ink-muted">
        {a.periodLabel}: {formatUsd(a.allocatedMicros)} allocated, no ceiling
      </span>
    );
  }
  const free = a.ceilingMicros - a.allocatedMicros;
  return (
    <span className={cn("text-xs tabular", a.oversubscribed ? "font-medium text-danger" : "text-ink-muted")} data-testid="allocation">
      {a.periodLabel}: {formatUsd(a.allocatedMicros)} of {formatUsd(a.ceilingMicros)} allocated
      {a.oversubscribed ? ` — oversubscribed by ${formatUsd(-free)}` : ` (${formatUsd(free)} free)`}
    </span>
  );
}

export function TreeNodeView({ node, depth, h }: { node: TreeNode; depth: number; h: NodeHandlers }) {
  const open = h.expanded.has(node.key);
  const hasChildren = node.children.length > 0;
  const groupId = `children-${node.key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const oversubscribed = node.allocations.some((a) => a.oversubscribed);
  return (
    <li className={cn(depth > 0 && "border-l border-line pl-4")} data-testid={`node-${node.key}`}>
      <div className="flex flex-wrap items-center gap-2 py-2">
        {hasChildren ? (
          <button
            type="button"
            onClick={() => h.toggle(node.key)}
            aria-expanded={open}
            aria-controls={groupId}
            aria-label={`${open ? "Collapse" : "Expand"} ${node.name}`}
            className="inline-flex h-6 w-6 items-center justify-center rounded text-ink-muted hover:bg-slate-100"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className={cn("h-4 w-4 transition-transform", open && "rotate-90")}>
              <path d="M7 5l6 5-6 5" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
          </button>
        ) : (
          <span className="inline-block w-6" />
        )}
        <span className={cn("font-semibold text-ink", depth === 0 && "text-lg")}>{node.name}</span>
        <Badge tone="neutral">{LEVEL_LABEL[node.level]}</Badge>
        {node.detail && <span className="text-xs text-ink-muted">{node.detail}</span>}
        {oversubscribed && <Badge tone="danger">oversubscribed</Badge>}
        {node.canCreate && (
          <Button variant="ghost" size="sm" className="ml-auto" onClick={() => h.onCreate(node)} aria-label={`Add a budget to ${node.name}`}>
            + Budget
          </Button>
        )}
      </div>
      {node.allocations.length > 0 && (
        <div className="mb-2 ml-8 flex flex-col gap-0.5">
          {node.allocations.map((a) => (
            <Allocation key={a.periodKey} a={a} />
          ))}
        </div>
      )}
      {node.budgets.length > 0 ? (
        <ul className="mb-2 ml-8 space-y-2">
          {node.budgets.map((b) => (
            <BudgetCard key={b.id} budget={b} now={h.now} timezone={h.timezone} onEdit={h.onEdit} onReallocate={h.onReallocate} />
          ))}
        </ul>
      ) : (
        <p className="mb-2 ml-8 text-xs text-ink-muted">No budget of its own: governed by the budgets above it.</p>
      )}
      {hasChildren && (
        <ul id={groupId} hidden={!open} className="ml-3 space-y-1">
          {node.children.map((c) => (
            <TreeNodeView key={c.key} node={c} depth={depth + 1} h={h} />
          ))}
        </ul>
      )}
    </li>
  );
}
