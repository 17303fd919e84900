// Inline stroke icons (24x24 grid), so nothing is fetched from the network. Decorative: aria-hidden.
const paths = {
  overview: "M3 12l9-8 9 8M5 10v10h5v-6h4v6h5V10",
  analytics: "M4 20V10M10 20V4M16 20v-7M22 20H2",
  reports: "M3 17l6-6 4 4 8-8M14 7h7v7",
  budgets: "M3 7h18v12H3zM3 7l2-3h14l2 3M16 13h2",
  teams: "M9 11a3 3 0 100-6 3 3 0 000 6zM2 20a7 7 0 0114 0M16 5a3 3 0 010 6M18 14a6 6 0 014 6",
  users: "M12 12a4 4 0 100-8 4 4 0 000 8zM4 21a8 8 0 0116 0",
  keys: "M2.6 17.4A2 2 0 002 18.8V21a1 1 0 001 1h3a1 1 0 001-1v-1a1 1 0 011-1h1a1 1 0 001-1v-1a1 1 0 011-1h.2a2 2 0 001.4-.6l.8-.8a6.5 6.5 0 10-4-4zM16.5 7.5h.01",
  alerts: "M6 16V11a6 6 0 1112 0v5l2 2H4l2-2zM10 21h4",
  prices: "M20 12l-8 8-9-9V3h8l9 9zM7.5 7.5h.01",
  audit: "M8 3h8l4 4v14H4V3h4zM8 10h8M8 14h8M8 18h5",
  settings:
    "M12 15a3 3 0 100-6 3 3 0 000 6zM19.4 15a1.7 1.7 0 00.3 1.8l.1.1a2 2 0 11-2.8 2.8l-.1-.1a1.7 1.7 0 00-2.9 1.2V21a2 2 0 11-4 0v-.1a1.7 1.7 0 00-2.9-1.2l-.1.1a2 2 0 11-2.8-2.8l.1-.1A1.7 1.7 0 003 15H3a2 2 0 110-4h.1a1.7 1.7 0 001.2-2.9l-.1-.1a2 2 0 112.8-2.8l.1.1A1.7 1.7 0 009 4.1V4a2 2 0 114 0v.1a1.7 1.7 0 002.9 1.2l.1-.1a2 2 0 112.8 2.8l-.1.1a1.7 1.7 0 001.2 2.9H21a2 2 0 110 4h-.1a1.7 1.7 0 00-1.5 1z",
  signOut: "M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10",
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, className = "h-4 w-4" }: { name: IconName; className?: string }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
    >
      <path d={paths[name]} />
    </svg>
  );
}
