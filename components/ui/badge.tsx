import { cn } from "./cn";

type Tone = "neutral" | "ok" | "warn" | "danger" | "info";
const tones: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-800 border-slate-200",
  ok: "bg-ok-soft text-ok border-green-200",
  warn: "bg-warn-soft text-warn border-amber-200",
  danger: "bg-danger-soft text-danger border-red-200",
  info: "bg-accent-soft text-accent border-blue-200",
};

export function Badge({ tone = "neutral", children, className }: { tone?: Tone; children: React.ReactNode; className?: string }) {
  return (
    <span className={cn("inline-flex items-center whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium", tones[tone], className)}>
      {children}
    </span>
  );
}
