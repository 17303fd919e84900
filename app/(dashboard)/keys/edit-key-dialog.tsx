"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { updateKeySchema, type KeyOut } from "@/lib/schemas/key";
import { numberOrNull, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { updateKeyAction } from "./actions";

type Values = { name: string; rpmLimit: string; tpmLimit: string; expiresAt: string; disabled: boolean };

/** Rename a key, change its rate limits and expiry, or pause it (disable) without revoking it. */
export function EditKeyDialog({ keyRow }: { keyRow: KeyOut }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="ghost" size="sm" aria-label={`Edit key ${keyRow.name}`} onClick={() => setOpen(true)}>
        Edit
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Edit “${keyRow.name}”`} description={`${keyRow.prefix}… · ${keyRow.teamName ?? ""}`}>
        <EditKeyForm keyRow={keyRow} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function EditKeyForm({ keyRow, onDone }: { keyRow: KeyOut; onDone: () => void }) {
  const router = useRouter();
  const { toast } = useToast();
  const { form, submit, formError, submitting } = useActionForm<Values, Record<string, unknown>, KeyOut>({
    schema: updateKeySchema,
    toInput: (v) => ({
      name: v.name,
      rpmLimit: numberOrNull(v.rpmLimit),
      tpmLimit: numberOrNull(v.tpmLimit),
      // Only a changed expiry is sent: an unchanged one that already passed must not block other edits.
      ...(v.expiresAt !== (keyRow.expiresAt?.slice(0, 10) ?? "") ? { expiresAt: v.expiresAt ? `${v.expiresAt}T23:59:59Z` : null } : {}),
      disabled: v.disabled,
    }),
    action: (input) => updateKeyAction(keyRow.id, input as Parameters<typeof updateKeyAction>[1]),
    defaultValues: {
      name: keyRow.name,
      rpmLimit: keyRow.rpmLimit?.toString() ?? "",
      tpmLimit: keyRow.tpmLimit?.toString() ?? "",
      expiresAt: keyRow.expiresAt ? keyRow.expiresAt.slice(0, 10) : "",
      disabled: keyRow.disabledAt !== null,
    },
    onSuccess: (k) => {
      toast(`Key “${k.name}” updated`);
      onDone();
      router.refresh();
    },
  });
  const err = form.formState.errors;
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError} />
      <Field id="edit-key-name" label="Name" error={err.name?.message}>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <div className="grid grid-cols-3 gap-4">
        <Field id="edit-key-rpm" label="Requests / min" error={err.rpmLimit?.message} hint="Empty: no limit.">
          <Input inputMode="numeric" {...form.register("rpmLimit")} />
        </Field>
        <Field id="edit-key-tpm" label="Tokens / min" error={err.tpmLimit?.message} hint="Empty: no limit.">
          <Input inputMode="numeric" {...form.register("tpmLimit")} />
        </Field>
        <Field id="edit-key-expires" label="Expires after" error={err.expiresAt?.message} hint="Empty: never.">
          <Input type="date" {...form.register("expiresAt")} />
        </Field>
      </div>
      <div className="flex items-start gap-2">
        <input id="edit-key-disabled" type="checkbox" className="mt-1 h-4 w-4" {...form.register("disabled")} />
        <label htmlFor="edit-key-disabled" className="text-sm">
          <span className="font-medium">Disabled</span>
          <span className="block text-ink-muted">Requests with this key are refused until you enable it again. Unlike revoking, this can be undone.</span>
        </label>
      </div>
      <FormActions onCancel={onDone} submitting={submitting} submitLabel="Save changes" pendingLabel="Saving…" />
    </form>
  );
}
