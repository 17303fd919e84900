import Link from "next/link";

type EmptyStateProps = {
  title: string;
  children: React.ReactNode;
  action?: { href: string; label: string };
};

/** What will appear here, and the concrete step that makes it appear. No illustrations. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="rounded-lg border border-dashed border-line-strong bg-paper px-6 py-10 text-center">
      <h2 className="text-base font-semibold text-ink">{title}</h2>
      <div className="mx-auto mt-2 max-w-xl text-sm text-ink-muted">{children}</div>
      {action && (
        <Link href={action.href} className="mt-4 inline-block text-sm font-medium text-accent underline underline-offset-4 hover:text-accent-hover">
          {action.label}
        </Link>
      )}
    </div>
  );
}
