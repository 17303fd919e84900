import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" aria-label="Loading reports" className="space-y-6">
      <Skeleton className="h-8 w-40" />
      {Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className="h-48 w-full" />)}
    </div>
  );
}
