"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Icon, type IconName } from "./icons";
import { cn } from "@/components/ui/cn";

type NavLinkProps = { href: string; label: string; icon: IconName; badge?: number };

/** A sidebar entry; the current page is marked with aria-current, not only with color. */
export function NavLink({ href, label, icon, badge }: NavLinkProps) {
  const pathname = usePathname();
  const active = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex items-center gap-3 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium",
        active ? "bg-accent-soft text-accent" : "text-slate-700 hover:bg-slate-100 hover:text-ink",
      )}
    >
      <Icon name={icon} />
      <span className="flex-1">{label}</span>
      {badge ? (
        <>
          <span aria-hidden="true" className="rounded-full bg-danger px-2 py-0.5 text-xs font-semibold text-white tabular">
            {badge > 99 ? "99+" : badge}
          </span>
          <span className="sr-only">({badge} open)</span>
        </>
      ) : null}
    </Link>
  );
}
