// The Chart page's choices, kept across visits and restarts: the last asset
// (the sidebar opens it), the interval, and the overlays with their periods.

import type { ChartInterval } from "@/lib/backend";
import { DEFAULT_PERIODS, INTERVALS, MAX_PERIOD, OVERLAYS, type Overlay } from "./chart-data";

export interface ChartPrefs {
  symbol: string | null;
  interval: ChartInterval;
  overlays: Record<Overlay, boolean>;
  periods: Record<Overlay, number>;
}

export const DEFAULT_PREFS: ChartPrefs = {
  symbol: null,
  interval: "1h",
  overlays: { sma: true, ema: true, bollinger: false, rsi: true },
  periods: DEFAULT_PERIODS,
};

const KEY = "cryptodesk.chart";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whatever was stored, field by field; anything unusable falls back to the default. */
export function parsePrefs(raw: unknown): ChartPrefs {
  if (!isRecord(raw)) return DEFAULT_PREFS;
  const symbol = typeof raw.symbol === "string" && /^[A-Z0-9]{1,15}$/.test(raw.symbol) ? raw.symbol : null;
  const interval = INTERVALS.find((i) => i === raw.interval) ?? DEFAULT_PREFS.interval;
  const overlays = { ...DEFAULT_PREFS.overlays };
  const periods = { ...DEFAULT_PREFS.periods };
  for (const o of OVERLAYS) {
    const on = isRecord(raw.overlays) ? raw.overlays[o] : undefined;
    if (typeof on === "boolean") overlays[o] = on;
    const p = isRecord(raw.periods) ? raw.periods[o] : undefined;
    if (typeof p === "number" && Number.isInteger(p) && p >= 1 && p <= MAX_PERIOD) periods[o] = p;
  }
  return { symbol, interval, overlays, periods };
}

export function readPrefs(): ChartPrefs {
  try {
    const text = localStorage.getItem(KEY);
    return text ? parsePrefs(JSON.parse(text)) : DEFAULT_PREFS;
  } catch {
    return DEFAULT_PREFS;
  }
}

export function savePrefs(prefs: ChartPrefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Storage may be unavailable: the choices then last until the page closes.
  }
}

/** The asset the Chart page opens without one in its URL: the last one charted if still watched, else the first watched. */
export function defaultSymbol(watched: readonly string[], last: string | null): string | null {
  if (last !== null && watched.includes(last)) return last;
  return watched[0] ?? null;
}
