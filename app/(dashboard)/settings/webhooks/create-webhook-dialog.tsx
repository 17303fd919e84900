"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createWebhookSchema, WEBHOOK_EVENTS, type CreatedWebhook, type CreateWebhookInput } from "@/lib/schemas/webhook";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { createWebhookAction } from "./actions";
import { SecretDialog } from "@/components/ui/secret-dialog";

type Values = { url: string; format: "json" | "slack"; events: string[] };

export const EVENT_LABEL: Record<string, string> = {
  threshold: "Threshold reached",
  exceeded: "Budget exceeded",
  soft_exceeded: "Soft budget over limit",
  forecast: "Forecast to exceed",
  runaway: "Runaway spend",
};

/** "New webhook": the form, then the signing secret, shown once. */
export function CreateWebhookDialog() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const router = useRouter();
  const { toast } = useToast();
  const { form, submit, formError, submitting } = useActionForm({
    schema: createWebhookSchema,
    // Unknown event names stay in the input so the schema names them (the checkboxes only offer real ones).
    toInput: (v: Values): CreateWebhookInput => ({ url: v.url, format: v.format, events: (v.events || []) as CreateWebhookInput["events"], enabled: true }),
    action: createWebhookAction,
    defaultValues: { url: "", format: "json", events: [] },
    onSuccess: (hook) => {
      setOpen(false);
      setCreated(hook);
      form.reset();
      router.refresh();
    },
  });
  const err = form.formState.errors;
  return (
    <>
      <Button onClick={() => setOpen(true)}>New webhook</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New webhook" description="Alerts are POSTed to this URL as JSON signed with HMAC-SHA256; the signing secret is shown once.">
        <form onSubmit={submit} noValidate className="space-y-4">
          <FormError message={formError} />
          <Field id="hook-url" label="Endpoint URL" error={err.url?.message} hint="https://… (a Slack incoming-webhook URL works with the Slack format).">
            <Input type="url" autoComplete="off" placeholder="https://hooks.example.com/purser" {...form.register("url")} />
          </Field>
          <Field id="hook-format" label="Payload format" error={err.format?.message}>
            <Select {...form.register("format")}>
              <option value="json">JSON (signed envelope)</option>
              <option value="slack">Slack-compatible message</option>
            </Select>
          </Field>
          <fieldset className="rounded-md border border-line p-3">
            <legend className="px-1 text-sm font-medium">Alerts to send (none ticked: all)</legend>
            <div className="grid grid-cols-2 gap-2">
              {WEBHOOK_EVENTS.map((e) => (
                <label key={e} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" value={e} className="h-4 w-4" {...form.register("events")} />
                  {EVENT_LABEL[e]}
                </label>
              ))}
            </div>
          </fieldset>
          <FormActions onCancel={() => setOpen(false)} submitting={submitting} submitLabel="Create webhook" pendingLabel="Creating…" />
        </form>
      </Dialog>
      <SecretDialog
        secret={created?.secret ?? null}
        title="Webhook created"
        usage="signing this endpoint's deliveries"
        // Unlike keys, Purser keeps this secret (it signs every delivery) but never shows it again.
        warning={
          <>
            <strong>Copy this signing secret now.</strong> It is shown only once. Your receiver uses it to check the{" "}
            <code className="font-mono">Purser-Signature</code> header of every delivery. If you lose it, delete the
            webhook and add it again.
          </>
        }
        onClose={() => {
          if (created) toast(`Webhook to ${new URL(created.url).host} created`);
          setCreated(null);
        }}
      />
    </>
  );
}
