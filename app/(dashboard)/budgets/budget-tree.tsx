"use client";

import { useEffect, useMemo, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { applyPatches, countBudgets, filterTree, parentKeys } from "./filter-tree";
import { flattenBudgets } from "./build-tree";
import { TreeNodeView, type NodeHandlers } from "./tree-node";
import { BudgetDialog, type BudgetDialogTarget } from "./budget-dialog";
import { ReallocateDialog } from "./reallocate-dialog";
import type { BudgetPatches, BudgetView, Optimistic, TreeNode } from "./tree-types";

type Props = { tree: TreeNode; now: string; timezone: string; canOversubscribe: boolean };

/** Default: the org and its teams open, users and keys folded. */
function initialExpanded(tree: TreeNode): Set<string> {
  return new Set([tree.key, ...tree.children.filter((c) => c.level === "team" && c.children.length <= 12).map((c) => c.key)]);
}

export function BudgetTree({ tree, now, timezone, canOversubscribe }: Props) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = params.get("q") ?? "";
  const overOnly = params.get("over") === "1";
  const [draft, setDraft] = useState(search);
  const [expanded, setExpanded] = useState(() => initialExpanded(tree));
  const [editing, setEditing] = useState<BudgetDialogTarget | null>(null);
  const [moving, setMoving] = useState<BudgetView | null>(null);
  const [patches, setPatches] = useState<BudgetPatches>({});
  // The server's fresh tree replaces every optimistic change.
  useEffect(() => setPatches({}), [tree]);
  const optimistic: Optimistic = {
    apply: (p: BudgetPatches) => setPatches((cur) => ({ ...cur, ...p })),
    revert: (ids: string[]) => setPatches((cur) => Object.fromEntries(Object.entries(cur).filter(([id]) => !ids.includes(id)))),
  };

  const shown = useMemo(() => applyPatches(tree, patches), [tree, patches]);
  const filtered = useMemo(() => filterTree(shown, { search, overOnly }), [shown, search, overOnly]);
  const filtering = search.trim() !== "" || overOnly;
  const allBudgets = useMemo(() => flattenBudgets(tree), [tree]);

  function setParam(name: string, value: string | null) {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(name, value);
    else next.delete(name);
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }

  const h: NodeHandlers = {
    // While filtering, every remaining branch is open so matches are visible.
    expanded: filtering ? new Set(parentKeys(filtered ?? tree)) : expanded,
    toggle: (key) =>
      setExpanded((s) => {
        const next = new Set(s);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    onEdit: (b) => setEditing({ mode: "edit", budget: b }),
    onCreate: (node) => setEditing({ mode: "create", node }),
    onReallocate: (b) => setMoving(b),
    now,
    timezone,
  };

  return (
    <section aria-labelledby="tree-heading">
      <h2 id="tree-heading" className="sr-only">
        Budget tree
      </h2>
      <form
        role="search"
        className="mb-4 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          setParam("q", draft.trim() || null);
        }}
      >
        <div className="w-72">
          <label htmlFor="budget-search" className="mb-1 block text-sm font-medium">
            Search teams, people, keys and budgets
          </label>
          <Input id="budget-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={() => setParam("q", draft.trim() || null)} />
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        <label className="flex h-10 items-center gap-2 text-sm">
          <input type="checkbox" checked={overOnly} onChange={(e) => setParam("over", e.target.checked ? "1" : null)} className="h-4 w-4" />
          Only budgets past a threshold
        </label>
        <span className="ml-auto flex gap-2">
          <Button variant="ghost" size="sm" onClick={() => setExpanded(new Set(parentKeys(tree)))} disabled={filtering}>
            Expand all
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setExpanded(new Set([tree.key]))} disabled={filtering}>
            Collapse all
          </Button>
        </span>
      </form>
      <p role="status" className="mb-2 text-sm text-ink-muted">
        {filtering
          ? `${filtered ? countBudgets(filtered) : 0} matching budget(s) of ${countBudgets(tree)}`
          : `${countBudgets(tree)} budget(s)`}
      </p>
      <ul className="rounded-lg border border-line bg-canvas p-3">{filtered && <TreeNodeView node={filtered} depth={0} h={h} />}</ul>
      <BudgetDialog target={editing} timezone={timezone} canOversubscribe={canOversubscribe} optimistic={optimistic} onClose={() => setEditing(null)} />
      <ReallocateDialog
        optimistic={optimistic}
        from={moving}
        budgets={allBudgets}
        tree={tree}
        canOversubscribe={canOversubscribe}
        onClose={() => setMoving(null)}
      />
    </section>
  );
}
