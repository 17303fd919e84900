"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createKeySchema, type CreatedKey } from "@/lib/schemas/key";
import { blankToNull, numberOrNull, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { SecretDialog } from "@/components/ui/secret-dialog";
import { useToast } from "@/components/ui/toast";
import { createKeyAction } from "./actions";

type TeamOption = { id: string; name: string };
type UserOption = { id: string; label: string; teamId: string };
type Props = { teams: TeamOption[]; users: UserOption[]; ownOnly: boolean; selfId: string | null };
type Values = { name: string; teamId: string; userId: string; rpmLimit: string; tpmLimit: string; expiresAt: string };

/** "New key": the form, then the secret, shown once. */
export function CreateKeyDialog(props: Props) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const router = useRouter();
  const { toast } = useToast();
  return (
    <>
      <Button onClick={() => setOpen(true)}>New key</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New API key" description="The secret is shown once, right after you create the key.">
        <KeyForm
          {...props}
          onCancel={() => setOpen(false)}
          onCreated={(key) => {
            setOpen(false);
            setCreated(key);
            router.refresh();
          }}
        />
      </Dialog>
      <SecretDialog
        secret={created?.key ?? null}
        title={`Key “${created?.name ?? ""}” created`}
        usage="your application (it presents it to the gateway)"
        onClose={() => {
          // Dropping the secret from memory: after this only the prefix exists anywhere.
          if (created) toast(`Key “${created.name}” created (${created.prefix}…)`);
          setCreated(null);
        }}
      />
    </>
  );
}

function KeyForm({ teams, users, ownOnly, selfId, onCancel, onCreated }: Props & { onCancel: () => void; onCreated: (k: CreatedKey) => void }) {
  const { form, submit, formError, submitting } = useActionForm({
    schema: createKeySchema,
    toInput: (v: Values) => ({
      name: v.name,
      teamId: v.teamId,
      userId: ownOnly ? selfId : blankToNull(v.userId),
      rpmLimit: numberOrNull(v.rpmLimit),
      tpmLimit: numberOrNull(v.tpmLimit),
      // A date picked in the form means "valid through that day" (UTC).
      expiresAt: v.expiresAt ? `${v.expiresAt}T23:59:59Z` : null,
    }),
    action: createKeyAction,
    defaultValues: { name: "", teamId: teams[0]?.id ?? "", userId: ownOnly && selfId ? selfId : "", rpmLimit: "", tpmLimit: "", expiresAt: "" },
    onSuccess: onCreated,
  });
  const err = form.formState.errors;
  const teamId = form.watch("teamId");
  const teamUsers = users.filter((u) => u.teamId === teamId);
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError} />
      <Field id="key-name" label="Name" error={err.name?.message} hint="What uses it, e.g. “support-bot production”.">
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <Field id="key-team" label="Team" error={err.teamId?.message}>
          <Select {...form.register("teamId")}>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        {ownOnly ? (
          <Field id="key-user" label="Owner" hint="Keys you create are yours.">
            <Input value="You" disabled readOnly />
          </Field>
        ) : (
          <Field id="key-user" label="Owner" error={err.userId?.message} hint="No owner: a service key (an app or environment).">
            <Select {...form.register("userId")}>
              <option value="">None (service key)</option>
              {teamUsers.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.label}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      <div className="grid grid-cols-3 gap-4">
        <Field id="key-rpm" label="Requests / min" error={err.rpmLimit?.message} hint="Empty: no limit.">
          <Input inputMode="numeric" {...form.register("rpmLimit")} />
        </Field>
        <Field id="key-tpm" label="Tokens / min" error={err.tpmLimit?.message} hint="Empty: no limit.">
          <Input inputMode="numeric" {...form.register("tpmLimit")} />
        </Field>
        <Field id="key-expires" label="Expires after" error={err.expiresAt?.message} hint="Empty: never.">
          <Input type="date" {...form.register("expiresAt")} />
        </Field>
      </div>
      <FormActions onCancel={onCancel} submitting={submitting} submitLabel="Create key" pendingLabel="Creating…" />
    </form>
  );
}
