// Money inside Purser is integer micro-dollars (bigint). Floats appear only at the JSON edge.

const MICROS_PER_USD = 1_000_000n;
const USD_PATTERN = /^(-)?(\d+)(?:\.(\d{1,6}))?$/;

/**
 * Parses a USD amount exactly. Accepts a number or a decimal string with at most 6 decimals;
 * a value that would need rounding is rejected rather than silently changed.
 */
export function usdToMicros(usd: number | string): bigint {
  const text = typeof usd === "number" ? numberToPlainString(usd) : usd.trim();
  const match = USD_PATTERN.exec(text);
  if (!match) throw new RangeError(`not a USD amount with at most 6 decimals: ${String(usd)}`);
  const [, sign, whole, fraction = ""] = match;
  const micros = BigInt(whole) * MICROS_PER_USD + BigInt(fraction.padEnd(6, "0"));
  return sign ? -micros : micros;
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite amount: ${n}`);
  // toString gives the shortest round-trip form, so 0.1 stays "0.1"; toFixed covers 1e-7 style output.
  const s = n.toString();
  return /e/i.test(s) ? n.toFixed(20).replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** For JSON output only: exact for any amount below 2^53 micro-dollars ($9 billion). */
export function microsToUsd(micros: bigint): number {
  return Number(micros) / 1e6;
}

/** Exact decimal string, e.g. 1234500n -> "1.2345". */
export function microsToDecimalString(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const whole = abs / MICROS_PER_USD;
  const fraction = (abs % MICROS_PER_USD).toString().padStart(6, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** Cost of `tokens` at a price in micro-dollars per million tokens, rounded UP to a whole micro-dollar. */
export function costMicros(tokens: number | bigint, microsPerMTok: bigint): bigint {
  const t = BigInt(tokens);
  if (t <= 0n || microsPerMTok <= 0n) return 0n;
  return (t * microsPerMTok + 999_999n) / 1_000_000n;
}

export type FormatUsdOptions = {
  /** Compact notation for large amounts in charts: $12.3K. */
  compact?: boolean;
  /** Fraction digits; default 2, or more for amounts under a cent so they never show as $0.00. */
  digits?: number;
};

const formatters = new Map<string, Intl.NumberFormat>();

/** Human formatting for the UI: "$1,234.56", "$0.0042", "$12.3K". */
export function formatUsd(micros: bigint, opts: FormatUsdOptions = {}): string {
  const usd = microsToUsd(micros);
  const abs = Math.abs(usd);
  const digits = opts.digits ?? (abs > 0 && abs < 0.01 ? 4 : 2);
  const key = `${opts.compact ? "c" : "s"}${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: "USD",
      notation: opts.compact ? "compact" : "standard",
      minimumFractionDigits: opts.compact ? 0 : digits,
      maximumFractionDigits: opts.compact ? 1 : digits,
    });
    formatters.set(key, f);
  }
  return f.format(usd);
}
