import { Button } from "./button";

type FormActionsProps = {
  onCancel: () => void;
  submitting: boolean;
  /** The submit button's label, e.g. "Create key". */
  submitLabel: string;
  /** Shown while the form is submitting, e.g. "Creating…". */
  pendingLabel: string;
};

/** The footer of every dashboard form: Cancel, and a submit button that says when it is working. */
export function FormActions({ onCancel, submitting, submitLabel, pendingLabel }: FormActionsProps) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={submitting}>
        {submitting ? pendingLabel : submitLabel}
      </Button>
    </div>
  );
}
