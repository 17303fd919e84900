import Link from "next/link";

export default function NotFound() {
  return (
    <div className="rounded-lg border border-line bg-paper p-8">
      <h1 className="text-xl font-semibold text-ink">Not found</h1>
      <p className="mt-2 text-sm text-ink-muted">This page or record does not exist in your organization.</p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-accent underline underline-offset-4">
        Back to the overview
      </Link>
    </div>
  );
}
