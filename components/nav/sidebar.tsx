import type { Actor } from "@/lib/auth/actor";
import { NavLink } from "./nav-link";
import { visibleNavItems } from "./nav-items";

/** Left navigation: only the areas the actor's role can use. */
export function Sidebar({ actor, openAlerts, orgName }: { actor: Actor; openAlerts: number; orgName: string }) {
  const items = visibleNavItems(actor);
  return (
    <aside className="flex w-60 shrink-0 flex-col border-r border-line bg-paper">
      <div className="border-b border-line px-5 py-4">
        <p className="text-lg font-semibold tracking-tight text-ink">Purser</p>
        <p className="truncate text-xs text-ink-muted" title={orgName}>
          {orgName}
        </p>
      </div>
      <nav aria-label="Main" className="flex-1 p-3">
        <ul className="space-y-0.5">
          {items.map((item) => (
            <li key={item.href}>
              <NavLink href={item.href} label={item.label} icon={item.icon} badge={item.href === "/alerts" ? openAlerts : undefined} />
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
