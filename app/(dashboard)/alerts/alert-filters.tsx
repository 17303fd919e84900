import { Select } from "@/components/ui/input";
import { Button, LinkButton } from "@/components/ui/button";
import { ALERT_TYPES } from "@/lib/schemas/alert";

export type AlertFilterValues = { status: "open" | "acknowledged" | "all"; type: string; level: string; budgetId: string };

/** A plain GET form: the filters live in the URL, so a filtered view can be shared. */
export function AlertFilters({ values, budgets }: { values: AlertFilterValues; budgets: { id: string; name: string }[] }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter alerts">
      <div>
        <label htmlFor="f-status" className="mb-1 block text-sm font-medium">Status</label>
        <Select id="f-status" name="status" defaultValue={values.status} className="w-40">
          <option value="open">Open</option>
          <option value="acknowledged">Acknowledged</option>
          <option value="all">All</option>
        </Select>
      </div>
      <div>
        <label htmlFor="f-type" className="mb-1 block text-sm font-medium">Type</label>
        <Select id="f-type" name="type" defaultValue={values.type} className="w-44">
          <option value="">Any type</option>
          {ALERT_TYPES.map((t) => (
            <option key={t} value={t}>{t.replace("_", " ")}</option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="f-level" className="mb-1 block text-sm font-medium">Level</label>
        <Select id="f-level" name="level" defaultValue={values.level} className="w-36">
          <option value="">Any level</option>
          {["org", "team", "user", "key"].map((l) => (
            <option key={l} value={l}>{l}</option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="f-budget" className="mb-1 block text-sm font-medium">Budget</label>
        <Select id="f-budget" name="budgetId" defaultValue={values.budgetId} className="w-56">
          <option value="">Any budget</option>
          {budgets.map((b) => (
            <option key={b.id} value={b.id}>{b.name}</option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">Apply</Button>
      <LinkButton href="/alerts" variant="ghost">Reset</LinkButton>
    </form>
  );
}
