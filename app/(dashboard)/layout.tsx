import { db } from "@/lib/db";
import { can, reachOf } from "@/lib/auth/permissions";
import { pageActor } from "@/components/auth/page-actor";
import { Sidebar } from "@/components/nav/sidebar";
import { UserMenu } from "@/components/nav/user-menu";
import { ToastProvider } from "@/components/ui/toast";
import { TimeZoneProvider } from "@/components/ui/time-zone";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor();
  const [org, user, openAlerts] = await Promise.all([
    db.organization.findFirst({ where: { id: actor.orgId }, select: { name: true, timezone: true } }),
    actor.userId ? db.user.findFirst({ where: { id: actor.userId, orgId: actor.orgId }, select: { name: true } }) : null,
    // Alerts carry no team, so only org-wide readers get a count in the badge.
    can(actor, "alert:read") && reachOf(actor, "alert:read") === "org"
      ? db.alert.count({ where: { orgId: actor.orgId, acknowledgedAt: null } })
      : 0,
  ]);

  return (
    <TimeZoneProvider timeZone={org?.timezone ?? "UTC"}>
    <ToastProvider>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-accent px-4 py-2 text-white focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to main content
      </a>
      <div className="flex min-h-screen flex-col md:flex-row">
        <Sidebar actor={actor} openAlerts={openAlerts} orgName={org?.name ?? ""} />
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex min-h-16 items-center justify-end border-b border-line bg-paper px-6 py-2">
            <UserMenu actor={actor} name={user?.name ?? actor.label} />
          </header>
          <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 focus:outline-none md:px-6 md:py-8">
            <div className="mx-auto max-w-6xl">{children}</div>
          </main>
        </div>
      </div>
    </ToastProvider>
    </TimeZoneProvider>
  );
}
