import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";

export type AuditFilterValues = { entityType?: string; action?: string; from?: string; to?: string };

/** A plain GET form: the filters live in the URL, so a filtered view can be shared. */
export function AuditFilters({ values, entityTypes }: { values: AuditFilterValues; entityTypes: string[] }) {
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit log" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-paper p-3">
      <div>
        <label htmlFor="f-entity" className="block text-xs font-medium text-ink-muted">Entity</label>
        <Select id="f-entity" name="entityType" defaultValue={values.entityType ?? ""} className="w-44">
          <option value="">All entities</option>
          {entityTypes.map((t) => (
            <option key={t} value={t}>{t}</option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="f-action" className="block text-xs font-medium text-ink-muted">Action</label>
        <Input id="f-action" name="action" defaultValue={values.action} placeholder="e.g. key.revoke or key." className="w-48" />
      </div>
      <div>
        <label htmlFor="f-from" className="block text-xs font-medium text-ink-muted">From</label>
        <Input id="f-from" name="from" type="date" defaultValue={values.from} className="w-40" />
      </div>
      <div>
        <label htmlFor="f-to" className="block text-xs font-medium text-ink-muted">To</label>
        <Input id="f-to" name="to" type="date" defaultValue={values.to} className="w-40" />
      </div>
      <button type="submit" className={buttonClass("primary")}>Apply</button>
      <Link href="/audit" className={buttonClass("ghost")}>Clear</Link>
    </form>
  );
}
