import type { Actor } from "@/lib/auth/actor";
import { NavLink } from "./nav-link";
import { visibleNavItems } from "./nav-items";

/** Left navigation: only the areas the actor's role can use. */
export function Sidebar({ actor, openAlerts, orgName }: { actor: Actor; openAlerts: number; orgName: string }) {
  const items = visibleNavItems(actor);
  return (
    <aside className="flex w-full shrink-0 flex-col border-b border-line bg-paper md:w-60 md:border-r md:border-b-0">
      <div className="border-line px-5 py-4 md:border-b">
        <p className="text-lg font-semibold tracking-tight text-ink">Purser</p>
        <p className="truncate text-xs text-ink-muted" title={orgName}>
          {orgName}
        </p>
      </div>
      <nav aria-label="Main" className="relative flex-1 overflow-x-auto px-3 pb-3 md:pt-3">
        <ul className="flex gap-1 md:block md:space-y-0.5">
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
