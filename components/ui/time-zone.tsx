"use client";

import { createContext, useContext } from "react";
import { formatDate, formatDateTime } from "./format";

const TimeZoneContext = createContext("UTC");

/** The org's IANA zone, set once by the dashboard layout so every date cell renders the same on server and client. */
export function TimeZoneProvider({ timeZone, children }: { timeZone: string; children: React.ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

export function DateTimeText({ value, dateOnly }: { value: Date | string | null | undefined; dateOnly?: boolean }) {
  const tz = useContext(TimeZoneContext);
  if (!value) return <span className="text-ink-muted">—</span>;
  const d = typeof value === "string" ? new Date(value) : value;
  return (
    <time dateTime={d.toISOString()} className="tabular whitespace-nowrap">
      {dateOnly ? formatDate(d, tz) : formatDateTime(d, tz)}
    </time>
  );
}
