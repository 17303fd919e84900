"use client";

import { Button } from "@/components/ui/button";

/** A failed page keeps the shell; the digest lets an admin find the server log line. */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-paper p-8">
      <h1 className="text-xl font-semibold text-ink">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-ink-muted">
        Something went wrong on our side. Try again; if it keeps failing, give an admin this reference:{" "}
        <code className="font-mono">{error.digest ?? "n/a"}</code>
      </p>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
