import { formatUsd } from "@/lib/money";
import { formatInt } from "@/components/ui/format";
import { resetsIn } from "./budget-format";
import type { BudgetView } from "./tree-types";

type Shadow = BudgetView & { path: string };

/**
 * Shadow budgets never block; this is what they would have done, so an admin can decide whether to
 * enforce one (edit it and clear "shadow").
 */
export function ShadowReport({ budgets, now }: { budgets: Shadow[]; now: string }) {
  if (budgets.length === 0) return null;
  return (
    <section aria-labelledby="shadow-heading" className="mt-10">
      <h2 id="shadow-heading" className="text-base font-semibold">
        Shadow budgets
      </h2>
      <p className="mb-3 text-sm text-ink-muted">
        Evaluated on every request but never enforced: how many requests each would have denied.
      </p>
      <div className="overflow-x-auto rounded-lg border border-line bg-paper">
        <table className="w-full text-sm" data-testid="shadow-report">
          <caption className="sr-only">Requests shadow budgets would have denied</caption>
          <thead className="bg-canvas text-left text-xs text-ink-muted">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Budget</th>
              <th scope="col" className="px-4 py-2 font-medium">Applies to</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">Limit</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">Spent this window</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">Would deny (this window)</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">Would deny (last window)</th>
            </tr>
          </thead>
          <tbody>
            {budgets.map((b) => (
              <tr key={b.id} className="border-t border-line" data-testid={`shadow-${b.id}`}>
                <th scope="row" className="px-4 py-2 text-left font-medium">
                  {b.name}
                  <span className="block text-xs font-normal text-ink-muted">
                    {b.periodLabel}, {resetsIn(b.resetAt, new Date(now))}
                  </span>
                </th>
                <td className="px-4 py-2 text-ink-muted">{b.path}</td>
                <td className="px-4 py-2 text-right tabular">{formatUsd(b.limitMicros)}</td>
                <td className="px-4 py-2 text-right tabular">{formatUsd(b.usedMicros)}</td>
                <td className="px-4 py-2 text-right tabular font-medium">{formatInt(b.wouldDeny?.current ?? 0)} requests</td>
                <td className="px-4 py-2 text-right tabular">{formatInt(b.wouldDeny?.previous ?? 0)} requests</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
