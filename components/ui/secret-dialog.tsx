"use client";

import type { ReactNode } from "react";
import { Button } from "./button";
import { CopyButton } from "./copy-button";
import { Dialog } from "./dialog";

type SecretDialogProps = {
  /** The secret, or null when nothing is to be shown. Dropped by the caller on close: it is never shown again. */
  secret: string | null;
  title: string;
  /** Where the secret goes, e.g. "your application's gateway configuration". */
  usage: string;
  /** Replaces the default warning, for secrets Purser keeps (webhook signing secrets) rather than hashes. */
  warning?: ReactNode;
  onClose: () => void;
};

/** Shows a freshly created secret once, with a copy button and a clear warning. */
export function SecretDialog({ secret, title, usage, warning, onClose }: SecretDialogProps) {
  return (
    <Dialog open={secret !== null} onClose={onClose} title={title}>
      <div role="alert" className="rounded-md border border-amber-300 bg-warn-soft px-3 py-2 text-sm text-warn">
        {warning ?? (
          <>
            <strong>Copy this secret now.</strong> It is shown only once: Purser stores only its hash and cannot show it
            again. If you lose it, revoke it and create a new one.
          </>
        )}
      </div>
      <label htmlFor="new-secret" className="mt-4 block text-sm font-medium">
        Secret for {usage}
      </label>
      <div className="mt-1.5 flex items-center gap-2">
        <input
          id="new-secret"
          readOnly
          value={secret ?? ""}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="new-secret"
          className="block h-10 w-full rounded-md border border-line-strong bg-canvas px-3 font-mono text-sm"
        />
        <CopyButton value={secret ?? ""} />
      </div>
      <div className="mt-6 flex justify-end">
        <Button onClick={onClose}>I have stored it safely</Button>
      </div>
    </Dialog>
  );
}
