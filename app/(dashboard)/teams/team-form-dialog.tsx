"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createTeamSchema, updateTeamSchema, type TeamOut } from "@/lib/schemas/team";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { createTeamAction, updateTeamAction } from "./actions";

type Props = { mode: "create" } | { mode: "rename"; team: Pick<TeamOut, "id" | "name"> };

/** "New team" and "Rename" share one small form: a name. */
export function TeamFormDialog(props: Props) {
  const [open, setOpen] = useState(false);
  const creating = props.mode === "create";
  const team = props.mode === "rename" ? props.team : null;
  return (
    <>
      {creating ? (
        <Button onClick={() => setOpen(true)}>New team</Button>
      ) : (
        <Button variant="ghost" size="sm" aria-label={`Rename team ${team!.name}`} onClick={() => setOpen(true)}>
          Rename
        </Button>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} title={creating ? "New team" : `Rename “${team!.name}”`}>
        <TeamForm team={team} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function TeamForm({ team, onDone }: { team: Pick<TeamOut, "id" | "name"> | null; onDone: () => void }) {
  const router = useRouter();
  const { toast } = useToast();
  const { form, submit, formError, submitting } = useActionForm<{ name: string }, { name: string }, TeamOut>({
    schema: team ? updateTeamSchema : createTeamSchema,
    toInput: (v: { name: string }) => ({ name: v.name }),
    action: (input) => (team ? updateTeamAction(team.id, input) : createTeamAction(input)),
    defaultValues: { name: team?.name ?? "" },
    onSuccess: (t) => {
      toast(team ? `Team renamed to “${t.name}”` : `Team “${t.name}” created`);
      onDone();
      router.refresh();
    },
  });
  const err = form.formState.errors;
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError} />
      <Field id="team-name" label="Team name" error={err.name?.message}>
        <Input {...form.register("name")} autoComplete="off" />
      </Field>
      <FormActions onCancel={onDone} submitting={submitting} submitLabel={team ? "Rename team" : "Create team"} pendingLabel="Saving…" />
    </form>
  );
}
