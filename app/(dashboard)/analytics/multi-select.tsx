"use client";
// A searchable multi-select: a button that opens a filterable list of checkboxes. Selection is
// applied when the list closes (one URL change, one query).
import { useEffect, useId, useRef, useState } from "react";
import type { Option } from "@/lib/analytics/filter-options";
import { cn } from "@/components/ui/cn";

type Props = { label: string; options: Option[]; selected: string[]; onApply: (values: string[]) => void };

export function MultiSelect({ label, options, selected, onApply }: Props) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const [draft, setDraft] = useState<string[]>(selected);
  const ref = useRef<HTMLDivElement>(null);
  const listId = useId();

  useEffect(() => setDraft(selected), [selected]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) finish();
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  });

  function finish() {
    setOpen(false);
    setSearch("");
    if (draft.join(",") !== selected.join(",")) onApply(draft);
  }

  const visible = options.filter((o) => o.label.toLowerCase().includes(search.toLowerCase())).slice(0, 200);
  const summary = selected.length === 0 ? "All" : selected.length === 1 ? options.find((o) => o.value === selected[0])?.label ?? "1 selected" : `${selected.length} selected`;

  return (
    <div ref={ref} className="relative" onKeyDown={(e) => e.key === "Escape" && open && finish()}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => (open ? finish() : setOpen(true))}
        className={cn(
          "flex h-9 max-w-56 items-center gap-2 rounded-md border px-3 text-sm",
          selected.length ? "border-accent bg-accent-soft text-accent" : "border-line-strong bg-paper text-ink",
        )}
      >
        <span className="text-ink-muted">{label}:</span>
        <span className="truncate font-medium">{summary}</span>
      </button>
      {open && (
        <div id={listId} className="absolute z-20 mt-1 w-72 rounded-md border border-line bg-paper p-2 shadow-lg">
          <input
            type="search"
            autoFocus
            aria-label={`Search ${label.toLowerCase()}`}
            placeholder={`Search ${label.toLowerCase()}…`}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="mb-2 h-8 w-full rounded border border-line-strong px-2 text-sm"
          />
          <fieldset className="max-h-64 overflow-y-auto">
            <legend className="sr-only">{label}</legend>
            {visible.length === 0 && <p className="px-1 py-2 text-sm text-ink-muted">No match.</p>}
            {visible.map((o) => (
              <label key={o.value} className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 text-sm hover:bg-canvas">
                <input
                  type="checkbox"
                  checked={draft.includes(o.value)}
                  onChange={(e) => setDraft(e.target.checked ? [...draft, o.value] : draft.filter((v) => v !== o.value))}
                />
                <span className="truncate">{o.label}</span>
              </label>
            ))}
          </fieldset>
          <div className="mt-2 flex justify-between border-t border-line pt-2">
            <button type="button" className="text-sm text-ink-muted underline" onClick={() => setDraft([])}>
              Clear
            </button>
            <button type="button" className="rounded bg-accent px-3 py-1 text-sm font-medium text-white" onClick={finish}>
              Apply
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
