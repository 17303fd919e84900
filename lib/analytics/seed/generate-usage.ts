// Synthetic but realistic usage for real-scale testing: a Zipf-skewed key population, each key with
// its own skewed model mix (real list prices), weekday and office-hour seasonality in the org zone,
// a growth trend, error rates, and a few runaway incidents (an agent loop on an expensive model).
// Deterministic for a seed. Produces events hour by hour, so rollups can be flushed per chunk.
import { DateTime } from "luxon";

export type SeedKey = { id: string; teamId: string; userId: string | null; features: string[]; service: boolean };
export type SeedPrice = { provider: string; model: string; input: number; output: number; cached: number | null };

export type GeneratedEvent = {
  occurredAt: Date;
  bucketMinute: number;
  teamId: string;
  userId: string | null;
  apiKeyId: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  costMicros: bigint;
  latencyMs: number;
  status: "ok" | "error";
  tags: Record<string, string>;
};

/** Model popularity (weights) for the mix; every name is in lib/prices/catalog-data.ts. */
export const MODEL_WEIGHTS: [string, number][] = [
  ["gpt-5.4-mini", 22], ["claude-sonnet-4-6", 16], ["gemini-2.5-flash", 12], ["gpt-5.4", 10],
  ["claude-haiku-4-5", 8], ["gpt-5-nano", 8], ["deepseek-chat", 5], ["gemini-3.1-pro-preview", 4],
  ["mistral-small-latest", 4], ["claude-opus-4-8", 3], ["o3", 3], ["gpt-4o", 3], ["grok-4-1-fast-non-reasoning", 2],
];
export const RUNAWAY_MODEL = "claude-opus-4-8";

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cdf(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

function pick(c: Float64Array, u: number): number {
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const WEEKDAY = [0, 1, 1.05, 1.05, 1, 0.9, 0.3, 0.25]; // luxon weekday 1 = Monday
const HOUR = [0.12, 0.1, 0.08, 0.08, 0.1, 0.15, 0.25, 0.45, 0.75, 0.95, 1, 1, 0.9, 1, 1, 0.95, 0.85, 0.7, 0.5, 0.4, 0.32, 0.25, 0.2, 0.15];

/** Costs in micro-dollars, exact: tokens x price < 2^53, ceil as lib/money's costMicros does. */
const cost = (tokens: number, microsPerMTok: number) => (tokens > 0 && microsPerMTok > 0 ? Math.ceil((tokens * microsPerMTok) / 1e6) : 0);

export type Incident = { keyIndex: number; startHour: number; hours: number; events: number };

export type GenerateOptions = {
  events: number;
  days: number;
  end: Date;
  timezone: string;
  keys: SeedKey[];
  prices: Map<string, SeedPrice>;
  seed?: number;
};

export function planUsage(o: GenerateOptions) {
  const rand = mulberry32(o.seed ?? 42);
  const endLocal = DateTime.fromJSDate(o.end, { zone: o.timezone }).startOf("hour");
  const start = endLocal.minus({ days: o.days });
  const hours: { start: number; weight: number }[] = [];
  for (let t = start; t < endLocal; t = t.plus({ hours: 1 })) {
    const trend = 0.75 + 0.5 * (hours.length / (o.days * 24));
    hours.push({ start: t.toMillis(), weight: WEEKDAY[t.weekday] * HOUR[t.hour] * trend * (0.85 + 0.3 * rand()) });
  }
  // Zipf-like activity over a shuffled key list: a few keys carry most of the traffic.
  const order = o.keys.map((_, i) => i).sort(() => rand() - 0.5);
  const keyWeights = new Array(o.keys.length).fill(0);
  order.forEach((k, rank) => (keyWeights[k] = 1 / Math.pow(rank + 1, 0.9)));
  const modelNames = MODEL_WEIGHTS.map(([m]) => m).filter((m) => o.prices.has(m));
  const modelCdf = cdf(MODEL_WEIGHTS.filter(([m]) => o.prices.has(m)).map(([, w]) => w));
  const keyModels = o.keys.map(() => {
    const n = 1 + Math.floor(rand() * 3);
    const chosen = [...new Set(Array.from({ length: n }, () => modelNames[pick(modelCdf, rand())]))];
    return { models: chosen, cdf: cdf(chosen.map((_, i) => 1 / (i + 1))) };
  });
  // Runaway incidents: ~1.5% of all events, on service keys, in the last 60 days.
  const services = o.keys.map((k, i) => (k.service ? i : -1)).filter((i) => i >= 0);
  const incidents: Incident[] = [];
  const incidentEvents = Math.floor(o.events * 0.015);
  for (let i = 0; i < 3 && services.length; i++) {
    const span = 8 + Math.floor(rand() * 32);
    const startHour = Math.max(0, hours.length - 24 * 60 + Math.floor(rand() * (24 * 58)));
    incidents.push({ keyIndex: services[Math.floor(rand() * services.length)], startHour, hours: span, events: Math.floor(incidentEvents / 3) });
  }
  return { rand, hours, keyCdf: cdf(keyWeights), keyModels, incidents, regular: o.events - incidents.reduce((s, x) => s + x.events, 0) };
}

/** Yields the events of each org-local hour in time order (one array per hour). */
export function* generateUsage(o: GenerateOptions): Generator<GeneratedEvent[]> {
  const plan = planUsage(o);
  const { rand, hours } = plan;
  const total = hours.reduce((s, h) => s + h.weight, 0);
  let carry = 0;
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const make = (h: number, keyIndex: number, model: string, runaway: boolean): GeneratedEvent => {
    const key = o.keys[keyIndex];
    const price = o.prices.get(model)!;
    const input = Math.min(200_000, Math.round(Math.exp(Math.log(runaway ? 30_000 : 1_500) + (runaway ? 0.3 : 1) * normal())));
    const cached = rand() < 0.35 ? Math.floor(input * rand() * 0.8) : 0;
    const output = Math.min(8_000, Math.round(Math.exp(Math.log(runaway ? 1_500 : 250) + 0.8 * normal())));
    const micros = cost(input - cached, price.input) + cost(cached, price.cached ?? price.input) + cost(output, price.output);
    const at = hours[h].start + Math.floor(rand() * 3_600_000);
    return {
      occurredAt: new Date(at),
      bucketMinute: Math.floor(hours[h].start / 60_000),
      teamId: key.teamId,
      userId: key.userId,
      apiKeyId: key.id,
      provider: price.provider,
      model,
      inputTokens: input,
      outputTokens: output,
      cachedInputTokens: cached,
      cacheWriteTokens: 0,
      costMicros: BigInt(micros),
      latencyMs: Math.round(250 + output * (8 + rand() * 12)),
      status: rand() < 0.012 ? "error" : "ok",
      tags: {
        feature: runaway ? "agent-loop" : key.features[Math.floor(rand() * key.features.length)],
        env: rand() < 0.85 ? "prod" : "staging",
      },
    };
  };
  for (let h = 0; h < hours.length; h++) {
    carry += (plan.regular * hours[h].weight) / total;
    const n = Math.floor(carry);
    carry -= n;
    const out: GeneratedEvent[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const k = pick(plan.keyCdf, rand());
      const km = plan.keyModels[k];
      out[i] = make(h, k, km.models[pick(km.cdf, rand())], false);
    }
    for (const inc of plan.incidents) {
      if (h < inc.startHour || h >= inc.startHour + inc.hours) continue;
      const m = o.prices.has(RUNAWAY_MODEL) ? RUNAWAY_MODEL : plan.keyModels[inc.keyIndex].models[0];
      const per = Math.floor(inc.events / inc.hours) + (h - inc.startHour < inc.events % inc.hours ? 1 : 0);
      for (let i = 0; i < per; i++) out.push(make(h, inc.keyIndex, m, true));
    }
    out.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    yield out;
  }
}
