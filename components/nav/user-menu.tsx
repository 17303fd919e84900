import type { Actor } from "@/lib/auth/actor";
import { signOutAction } from "@/lib/auth/actions";
import { Badge } from "@/components/ui/badge";
import { Icon } from "./icons";
import { roleLabel } from "./role-label";

/** The signed-in user, their role, and sign-out. */
export function UserMenu({ actor, name }: { actor: Actor; name: string }) {
  return (
    <div className="flex items-center gap-3">
      <div className="text-right leading-tight">
        <p className="text-sm font-medium text-ink" data-testid="current-user">
          {name}
        </p>
        <p className="text-xs text-ink-muted">{actor.label}</p>
      </div>
      <Badge tone="info">{roleLabel(actor.role)}</Badge>
      <form action={signOutAction}>
        <button
          type="submit"
          className="inline-flex h-8 items-center gap-1.5 rounded-md border border-line-strong bg-paper px-3 text-sm font-medium text-ink hover:bg-canvas"
        >
          <Icon name="signOut" />
          Sign out
        </button>
      </form>
    </div>
  );
}
