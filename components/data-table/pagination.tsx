import { Button } from "@/components/ui/button";

type PaginationProps = {
  pageIndex: number;
  pageCount: number;
  canPrevious: boolean;
  canNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
};

export function Pagination({ pageIndex, pageCount, canPrevious, canNext, onPrevious, onNext }: PaginationProps) {
  return (
    <nav aria-label="Pagination" className="flex items-center justify-end gap-3 border-t border-line px-3 py-2">
      <p className="text-sm text-ink-muted tabular">
        Page {Math.min(pageIndex + 1, pageCount)} of {pageCount}
      </p>
      <Button variant="secondary" size="sm" onClick={onPrevious} disabled={!canPrevious}>
        Previous
      </Button>
      <Button variant="secondary" size="sm" onClick={onNext} disabled={!canNext}>
        Next
      </Button>
    </nav>
  );
}
