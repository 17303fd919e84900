"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";

/**
 * The signing secret, shown once. Unlike keys, Purser keeps the secret itself (it must sign every
 * delivery) but never shows it again; a lost secret means a new endpoint.
 */
export function WebhookSecretDialog({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  return (
    <Dialog open={secret !== null} onClose={onClose} title="Webhook created">
      <div role="alert" className="rounded-md border border-amber-300 bg-warn-soft px-3 py-2 text-sm text-warn">
        <strong>Copy this signing secret now.</strong> It is shown only once. Your receiver uses it to check the{" "}
        <code className="font-mono">Purser-Signature</code> header of every delivery. If you lose it, delete the webhook and add it again.
      </div>
      <label htmlFor="webhook-secret" className="mt-4 block text-sm font-medium">
        Signing secret
      </label>
      <div className="mt-1.5 flex items-center gap-2">
        <input
          id="webhook-secret"
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
