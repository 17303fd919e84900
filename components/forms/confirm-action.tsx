"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/api/with-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

type ConfirmActionProps = {
  /** The trigger's text, e.g. "Revoke". */
  label: string;
  /** Accessible name of the trigger when several rows share the label, e.g. "Revoke key ci-bot". */
  ariaLabel?: string;
  title: string;
  description: string;
  confirmLabel: string;
  pendingLabel: string;
  successMessage: string;
  run: () => Promise<ActionResult<unknown>>;
  tone?: "danger" | "secondary";
};

/** A destructive or state-changing action behind a confirmation dialog. */
export function ConfirmAction(props: ConfirmActionProps) {
  const { label, ariaLabel, title, description, confirmLabel, pendingLabel, successMessage, run, tone = "danger" } = props;
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { toast } = useToast();
  const router = useRouter();

  async function confirm() {
    setPending(true);
    setError(null);
    const result = await run();
    setPending(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setOpen(false);
    toast(successMessage);
    router.refresh();
  }

  return (
    <>
      <Button variant={tone === "danger" ? "dangerGhost" : "ghost"} size="sm" aria-label={ariaLabel} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title} description={description}>
        <FormError message={error} />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant={tone === "danger" ? "danger" : "primary"} onClick={confirm} disabled={pending}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
