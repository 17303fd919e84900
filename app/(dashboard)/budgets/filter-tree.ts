// Search and "over threshold" filtering of the budgets tree: a node stays when it matches or when one
// of its descendants does (so the path to a match is always visible).
import { budgetState } from "./budget-format";
import type { BudgetPatches, BudgetView, TreeNode } from "./tree-types";

export type TreeFilter = { search: string; overOnly: boolean };

function nodeMatches(node: TreeNode, f: TreeFilter): boolean {
  const q = f.search.trim().toLowerCase();
  const budgets = f.overOnly ? node.budgets.filter((b) => b.state !== "fine") : node.budgets;
  if (f.overOnly && budgets.length === 0) return false;
  if (!q) return true;
  const text = [node.name, node.detail ?? "", ...budgets.map((b) => b.name)].join(" ").toLowerCase();
  return text.includes(q);
}

/** The filtered tree, or null when nothing under `node` matches. The root always stays. */
export function filterTree(node: TreeNode, f: TreeFilter, isRoot = true): TreeNode | null {
  const active = f.search.trim() !== "" || f.overOnly;
  if (!active) return node;
  const children = node.children.map((c) => filterTree(c, f, false)).filter((c): c is TreeNode => c !== null);
  const matches = nodeMatches(node, f);
  if (!matches && children.length === 0 && !isRoot) return null;
  const budgets = f.overOnly ? node.budgets.filter((b) => b.state !== "fine") : node.budgets;
  return { ...node, budgets: matches || !f.overOnly ? budgets : [], children };
}

/** Keys of every node that has children (for "expand all"). */
export function parentKeys(node: TreeNode): string[] {
  return node.children.length ? [node.key, ...node.children.flatMap(parentKeys)] : [];
}

export function countBudgets(node: TreeNode): number {
  return node.budgets.length + node.children.reduce((n, c) => n + countBudgets(c), 0);
}

/** The tree with optimistic changes applied (marked pending); untouched subtrees are reused. */
export function applyPatches(node: TreeNode, patches: BudgetPatches): TreeNode {
  if (Object.keys(patches).length === 0) return node;
  return {
    ...node,
    budgets: node.budgets.map((b) => (patches[b.id] ? patched(b, patches[b.id]) : b)),
    children: node.children.map((c) => applyPatches(c, patches)),
  };
}

function patched(b: BudgetView, patch: Partial<BudgetView>): BudgetView {
  const next = { ...b, ...patch, pending: true };
  return { ...next, ...budgetState(next.limitMicros, next.usedMicros, next.reservedMicros, next.alertThresholds) };
}
