// Places budgets in the org -> team -> user -> key tree and computes each parent's allocation
// against its ceiling with the same pure rule the server enforces (lib/budgets/allocation.ts).
import { teamAllocation, userAllocation, type AllocNode } from "@/lib/budgets/allocation";
import type { AllocationView, BudgetView, TreeNode } from "./tree-types";

export type Entities = {
  org: { id: string; name: string };
  teams: { id: string; name: string }[];
  users: { id: string; name: string; email: string; teamId: string | null }[];
  keys: { id: string; name: string; prefix: string; teamId: string; userId: string | null }[];
};

export type AllocInput = AllocNode & { periodKey: string; periodLabel: string };

type CanCreate = (level: TreeNode["level"], entityId: string, teamId: string | null) => boolean;

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

function allocationsFor(nodes: AllocInput[], parent: { level: "team" | "user"; id: string }): AllocationView[] {
  const periods = new Map<string, string>();
  for (const n of nodes) {
    const mine = parent.level === "team" ? n.teamId === parent.id && n.level !== "org" : n.userId === parent.id && (n.level === "user" || n.level === "key");
    if (mine) periods.set(n.periodKey, n.periodLabel);
  }
  const out: AllocationView[] = [];
  for (const [periodKey, label] of periods) {
    const inPeriod = nodes.filter((n) => n.periodKey === periodKey);
    const a = parent.level === "team" ? teamAllocation(inPeriod, parent.id) : userAllocation(inPeriod, parent.id);
    // A user's allocation matters only against their own ceiling; "$0 allocated" says nothing.
    if (parent.level === "user" && (a.ceilingMicros === null || a.allocatedMicros === 0n)) continue;
    if (a.allocatedMicros === 0n && a.ceilingMicros === null) continue;
    out.push({
      periodKey,
      periodLabel: label,
      ceilingMicros: a.ceilingMicros,
      allocatedMicros: a.allocatedMicros,
      oversubscribed: a.ceilingMicros !== null && a.allocatedMicros > a.ceilingMicros,
    });
  }
  return out.sort((x, y) => x.periodKey.localeCompare(y.periodKey));
}

/** The tree the actor may see. Entities are given already filtered to what the actor may read. */
export function buildTree(entities: Entities, budgets: BudgetView[], alloc: AllocInput[], canCreate: CanCreate): TreeNode {
  const budgetsOf = (level: TreeNode["level"], id: string) => budgets.filter((b) => b.level === level && b.scopeId === id);
  const keyNode = (k: Entities["keys"][number]): TreeNode => ({
    key: `key:${k.id}`,
    level: "key",
    entityId: k.id,
    name: k.name,
    detail: `${k.prefix}…`,
    teamId: k.teamId,
    budgets: budgetsOf("key", k.id),
    allocations: [],
    canCreate: canCreate("key", k.id, k.teamId),
    children: [],
  });
  const userNode = (u: Entities["users"][number]): TreeNode => ({
    key: `user:${u.id}`,
    level: "user",
    entityId: u.id,
    name: u.name,
    detail: u.email,
    teamId: u.teamId,
    budgets: budgetsOf("user", u.id),
    allocations: allocationsFor(alloc, { level: "user", id: u.id }),
    canCreate: canCreate("user", u.id, u.teamId),
    children: entities.keys.filter((k) => k.userId === u.id).sort(byName).map(keyNode),
  });
  const teams: TreeNode[] = [...entities.teams].sort(byName).map((t) => ({
    key: `team:${t.id}`,
    level: "team",
    entityId: t.id,
    name: t.name,
    detail: null,
    teamId: t.id,
    budgets: budgetsOf("team", t.id),
    allocations: allocationsFor(alloc, { level: "team", id: t.id }),
    canCreate: canCreate("team", t.id, t.id),
    children: [
      ...entities.users.filter((u) => u.teamId === t.id).sort(byName).map(userNode),
      // Service keys (no user) hang directly under their team.
      ...entities.keys.filter((k) => k.teamId === t.id && (k.userId === null || !entities.users.some((u) => u.id === k.userId))).sort(byName).map(keyNode),
    ],
  }));
  // Users without a team (finance, admins) appear only when they carry a budget.
  const teamless = entities.users.filter((u) => u.teamId === null && budgetsOf("user", u.id).length > 0).sort(byName).map(userNode);
  return {
    key: `org:${entities.org.id}`,
    level: "org",
    entityId: entities.org.id,
    name: entities.org.name,
    detail: null,
    teamId: null,
    budgets: budgetsOf("org", entities.org.id),
    allocations: [],
    canCreate: canCreate("org", entities.org.id, null),
    children: [...teams, ...teamless],
  };
}

/** Every budget in the tree, depth first (for pickers). */
export function flattenBudgets(node: TreeNode, path: string[] = []): (BudgetView & { path: string })[] {
  const here = [...path, node.name];
  return [
    ...node.budgets.map((b) => ({ ...b, path: here.join(" › ") })),
    ...node.children.flatMap((c) => flattenBudgets(c, here)),
  ];
}
