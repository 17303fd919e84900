"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { API_TOKEN_ROLES, createApiTokenSchema, createGatewayTokenSchema } from "@/lib/schemas/token";
import { useActionForm } from "@/components/forms/use-action-form";
import { roleLabel } from "@/components/nav/role-label";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { SecretDialog } from "@/components/ui/secret-dialog";
import { createApiTokenAction, createGatewayTokenAction } from "./actions";

type Kind = "gateway" | "api";
type Values = { name: string; role: (typeof API_TOKEN_ROLES)[number]; expiresAt: string };
type Created = { name: string; token: string };

/** New gateway token / new admin API token: a name (and for API tokens a role and expiry), then the secret once. */
export function CreateTokenDialog({ kind }: { kind: Kind }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const router = useRouter();
  const what = kind === "gateway" ? "gateway token" : "admin API token";
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        New {what}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`New ${what}`}>
        <TokenForm
          kind={kind}
          onCancel={() => setOpen(false)}
          onCreated={(t) => {
            setOpen(false);
            setCreated(t);
            router.refresh();
          }}
        />
      </Dialog>
      <SecretDialog
        secret={created?.token ?? null}
        title={`${kind === "gateway" ? "Gateway" : "API"} token “${created?.name ?? ""}” created`}
        usage={kind === "gateway" ? "your gateway's configuration" : "your script's secret store"}
        onClose={() => setCreated(null)}
      />
    </>
  );
}

function TokenForm({ kind, onCancel, onCreated }: { kind: Kind; onCancel: () => void; onCreated: (t: Created) => void }) {
  const { form, submit, formError, submitting } = useActionForm<Values, Record<string, unknown>, Created>({
    schema: kind === "gateway" ? createGatewayTokenSchema : createApiTokenSchema,
    toInput: (v) =>
      kind === "gateway"
        ? { name: v.name }
        : { name: v.name, role: v.role, expiresAt: v.expiresAt ? `${v.expiresAt}T23:59:59Z` : null },
    action: (input) =>
      kind === "gateway"
        ? createGatewayTokenAction(input as Parameters<typeof createGatewayTokenAction>[0])
        : createApiTokenAction(input as Parameters<typeof createApiTokenAction>[0]),
    defaultValues: { name: "", role: "admin", expiresAt: "" },
    onSuccess: onCreated,
  });
  const err = form.formState.errors;
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError} />
      <Field id={`${kind}-token-name`} label="Name" error={err.name?.message} hint={kind === "gateway" ? "e.g. “litellm-prod”" : "e.g. “terraform”"}>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      {kind === "api" && (
        <div className="grid grid-cols-2 gap-4">
          <Field id="api-token-role" label="Role" error={err.role?.message}>
            <Select {...form.register("role")}>
              {API_TOKEN_ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="api-token-expires" label="Expires after" error={err.expiresAt?.message} hint="Empty: never.">
            <Input type="date" {...form.register("expiresAt")} />
          </Field>
        </div>
      )}
      <FormActions onCancel={onCancel} submitting={submitting} submitLabel="Create token" pendingLabel="Creating…" />
    </form>
  );
}
