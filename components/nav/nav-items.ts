import { can, reachOf, type Permission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import type { IconName } from "./icons";

type NavItem = { href: string; label: string; icon: IconName; permission: Permission; orgOrTeamOnly?: boolean };

/** Every dashboard area, in the order finance people read them. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", icon: "overview", permission: "spend:read" },
  { href: "/analytics", label: "Analytics", icon: "analytics", permission: "spend:read" },
  // Runaway and idle keys, duplicated capability, cost per task.
  { href: "/reports", label: "Reports", icon: "reports", permission: "spend:read" },
  { href: "/budgets", label: "Budgets", icon: "budgets", permission: "budget:read" },
  { href: "/teams", label: "Teams", icon: "teams", permission: "team:read" },
  // A member may read only their own user row: a Users page is not for them.
  { href: "/users", label: "Users", icon: "users", permission: "user:read", orgOrTeamOnly: true },
  { href: "/keys", label: "Keys", icon: "keys", permission: "key:read" },
  { href: "/alerts", label: "Alerts", icon: "alerts", permission: "alert:read" },
  { href: "/prices", label: "Prices", icon: "prices", permission: "price:read" },
  { href: "/audit", label: "Audit", icon: "audit", permission: "audit:read" },
  { href: "/settings", label: "Settings", icon: "settings", permission: "org:update" },
];

export function canSeeArea(actor: Actor, item: NavItem): boolean {
  if (!can(actor, item.permission)) return false;
  return !item.orgOrTeamOnly || reachOf(actor, item.permission) !== "own";
}

export function visibleNavItems(actor: Actor): NavItem[] {
  return NAV_ITEMS.filter((item) => canSeeArea(actor, item));
}

/** The nav entry guarding a path, for pages that must refuse roles the nav hides them from. */
export function navItemFor(href: string): NavItem {
  const item = NAV_ITEMS.find((i) => i.href === href);
  if (!item) throw new Error(`no nav item for ${href}`);
  return item;
}
