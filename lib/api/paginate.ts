import type { ListQuery } from "@/lib/schemas/common";

export const DEFAULT_PAGE_SIZE = 50;

/** Prisma args for keyset pagination on `id` (newest first; ties broken by id). */
export function pageArgs(q: Pick<ListQuery, "cursor" | "limit">) {
  const limit = q.limit ?? DEFAULT_PAGE_SIZE;
  return {
    take: limit + 1,
    orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  };
}

/** `{ items, nextCursor }` from rows fetched with pageArgs (one extra row tells there is more). */
export function pageOf<T extends { id: string }, U>(rows: T[], q: Pick<ListQuery, "limit">, map: (row: T) => U) {
  const limit = q.limit ?? DEFAULT_PAGE_SIZE;
  const page = rows.slice(0, limit);
  return { items: page.map(map), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}
