import Link from "next/link";

/** Shown when a role reaches a page by URL that the navigation hides from it. */
export function AccessDenied({ area }: { area: string }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-lg border border-line bg-paper p-8 text-center">
      <h1 className="text-xl font-semibold text-ink">You don’t have access to {area}</h1>
      <p className="mt-2 text-sm text-ink-muted">
        Your role does not include this area. Ask an org admin if you need it.
      </p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-accent underline underline-offset-4">
        Back to the overview
      </Link>
    </div>
  );
}
