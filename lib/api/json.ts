// JSON on the way out: Dates as ISO 8601 UTC (JSON.stringify already does), and a bigint is a bug in
// a serializer (money must go through microsToUsd), so it fails loudly instead of leaking.
export function toJson(value: unknown): string {
  return JSON.stringify(value, (key, v) => {
    if (typeof v === "bigint") throw new Error(`bigint in API response at "${key}": convert it in the serializer`);
    return v;
  });
}

export function iso(date: Date): string;
export function iso(date: Date | null | undefined): string | null;
export function iso(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}
