// The Markets table's rows: every watched asset, with its statistics once
// 1-minute candles are stored for it.

import { trendClass } from "@/components/trend";
import type { MarketStat, TrackedPrice } from "@/lib/backend";
import { percent } from "@/lib/format";

export interface MarketRow {
  symbol: string;
  /** Statistics from stored 1-minute candles; null until some are stored. */
  stat: MarketStat | null;
  /** The latest stored close, else the latest polled price. */
  price: string | null;
  /** Tracked explicitly (so it can be untracked; held or alerted assets stay watched). */
  tracked: boolean;
}

/** One row per asset that has statistics, is watched, or is tracked; by ticker. */
export function marketRows(stats: readonly MarketStat[], prices: readonly TrackedPrice[], tracked: readonly string[]): MarketRow[] {
  const bySymbol = new Map(stats.map((s) => [s.symbol, s]));
  const polled = new Map(prices.map((p) => [p.symbol, p.price]));
  const trackedSet = new Set(tracked);
  const symbols = [...new Set([...bySymbol.keys(), ...polled.keys(), ...trackedSet])].sort();
  return symbols.map((symbol) => {
    const stat = bySymbol.get(symbol) ?? null;
    return { symbol, stat, price: stat?.price ?? polled.get(symbol) ?? null, tracked: trackedSet.has(symbol) };
  });
}

/** A change in percent with its sign ("+1.25%", "-0.4%"), or a dash when unknown. */
export function changeText(pct: string | null): string {
  return percent(pct, { signed: true });
}

/** The colour of a change: green up, red down, none when flat or unknown. */
export function changeClass(pct: string | null): string | undefined {
  return trendClass(pct);
}

/** "up", "down" or "flat", as the colour shows it (for tests, as data-trend: screen readers get changeWord). */
export function changeTrend(pct: string | null): "up" | "down" | "flat" {
  const c = changeClass(pct);
  return c === "text-gain" ? "up" : c === "text-destructive" ? "down" : "flat";
}

/** The direction in words for screen readers ("up", "down"), which the colour alone does not tell; null when flat or unknown. */
export function changeWord(pct: string | null): "up" | "down" | null {
  const t = changeTrend(pct);
  return t === "flat" ? null : t;
}
