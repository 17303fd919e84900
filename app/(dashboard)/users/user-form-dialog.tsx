"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createUserSchema, updateUserSchema, type UserOut } from "@/lib/schemas/user";
import { ROLES, type RoleName } from "@/lib/schemas/common";
import { blankToNull, useActionForm } from "@/components/forms/use-action-form";
import { roleLabel } from "@/components/nav/role-label";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { createUserAction, updateUserAction } from "./actions";

export type TeamOption = { id: string; name: string };
type Props = { teams: TeamOption[]; actorRole: RoleName } & ({ mode: "create" } | { mode: "edit"; user: UserOut });
type Values = { email: string; name: string; role: RoleName; teamId: string; password: string };

/** Create a user, or change an existing user's name, role and team. */
export function UserFormDialog(props: Props) {
  const [open, setOpen] = useState(false);
  const user = props.mode === "edit" ? props.user : null;
  return (
    <>
      {user ? (
        <Button variant="ghost" size="sm" aria-label={`Edit user ${user.email}`} onClick={() => setOpen(true)}>
          Edit
        </Button>
      ) : (
        <Button onClick={() => setOpen(true)}>New user</Button>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} title={user ? `Edit ${user.name}` : "New user"}
        description={user ? user.email : "They sign in with this email and the initial password; share it with them securely."}>
        <UserForm user={user} teams={props.teams} actorRole={props.actorRole} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function UserForm({ user, teams, actorRole, onDone }: { user: UserOut | null; teams: TeamOption[]; actorRole: RoleName; onDone: () => void }) {
  const router = useRouter();
  const { toast } = useToast();
  const { form, submit, formError, submitting } = useActionForm<Values, Record<string, unknown>, UserOut>({
    schema: user ? updateUserSchema : createUserSchema,
    toInput: (v: Values) =>
      user
        ? { name: v.name, role: v.role, teamId: blankToNull(v.teamId) }
        : { email: v.email, name: v.name, role: v.role, teamId: blankToNull(v.teamId), password: v.password || undefined },
    action: (input) =>
      user
        ? updateUserAction(user.id, input as Parameters<typeof updateUserAction>[1])
        : createUserAction(input as Parameters<typeof createUserAction>[0]),
    defaultValues: { email: user?.email ?? "", name: user?.name ?? "", role: user?.role ?? "member", teamId: user?.teamId ?? "", password: "" },
    onSuccess: (u) => {
      toast(user ? `${u.name} updated` : `${u.name} can now sign in as ${u.email}`);
      onDone();
      router.refresh();
    },
  });
  const err = form.formState.errors;
  // Only an owner may grant the owner role; the server enforces it too.
  const roles = ROLES.filter((r) => r !== "owner" || actorRole === "owner");
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError} />
      {!user && (
        <Field id="user-email" label="Email" error={err.email?.message}>
          <Input type="email" autoComplete="off" {...form.register("email")} />
        </Field>
      )}
      <Field id="user-name" label="Full name" error={err.name?.message}>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <Field id="user-role" label="Role" error={err.role?.message}>
          <Select {...form.register("role")}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="user-team" label="Team" error={err.teamId?.message} hint="Required for team leads and members.">
          <Select {...form.register("teamId")}>
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {!user && (
        <Field id="user-password" label="Initial password" error={err.password?.message} hint="At least 12 characters.">
          <Input type="password" autoComplete="new-password" {...form.register("password")} />
        </Field>
      )}
      <FormActions onCancel={onDone} submitting={submitting} submitLabel={user ? "Save changes" : "Create user"} pendingLabel="Saving…" />
    </form>
  );
}
