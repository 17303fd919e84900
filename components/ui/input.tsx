import { cn } from "./cn";

export const controlClass =
  "block w-full rounded-md border border-line-strong bg-paper px-3 h-10 text-sm text-ink " +
  "placeholder:text-slate-500 aria-[invalid=true]:border-danger disabled:bg-canvas disabled:text-ink-muted";

export function Input({ className, ...props }: React.InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cn(controlClass, className)} {...props} />;
}

export function Select({ className, ...props }: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cn(controlClass, "pr-8", className)} {...props} />;
}
