"use client";

type Json = unknown;

function asRecord(v: Json): Record<string, Json> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, Json>) : null;
}

function show(v: Json): string {
  if (v === undefined) return "—";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** Field-by-field before/after of one audit entry; unchanged fields are hidden behind the summary. */
export function AuditDiff({ before, after, note }: { before: Json; after: Json; note: string | null }) {
  const b = asRecord(before) ?? {};
  const a = asRecord(after) ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changed = keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]) && k !== "updatedAt");
  const kind = before == null ? "created" : after == null ? "deleted" : `${changed.length} field${changed.length === 1 ? "" : "s"} changed`;
  const shown = before == null || after == null ? keys : changed;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer whitespace-nowrap text-accent">{kind}</summary>
      {note && <p className="mt-1 text-ink-muted">Note: {note}</p>}
      <table className="mt-2 w-full min-w-80 border border-line">
        <caption className="sr-only">Before and after</caption>
        <thead className="bg-canvas">
          <tr>
            <th scope="col" className="px-2 py-1 text-left font-medium">Field</th>
            <th scope="col" className="px-2 py-1 text-left font-medium">Before</th>
            <th scope="col" className="px-2 py-1 text-left font-medium">After</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((k) => (
            <tr key={k} className="border-t border-line align-top">
              <th scope="row" className="px-2 py-1 text-left font-mono font-normal">{k}</th>
              <td className="px-2 py-1 font-mono break-words text-danger">{show(b[k])}</td>
              <td className="px-2 py-1 font-mono break-words text-ok">{show(a[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
