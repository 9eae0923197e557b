// From the core's Chart to what lightweight-charts draws. Decimal strings
// become numbers here and only here, as chart coordinates; every price the
// user reads as text goes through format.ts.

import type { CandlestickData, HistogramData, LineData, UTCTimestamp } from "lightweight-charts";
import type { Alert, AlertKind, Chart, ChartInterval, ChartRequest } from "@/lib/backend";
import { isChannel, isMove, kindTone, ruleWords, type RuleFields } from "@/alerts/alert-rule";
import { compareDecimal } from "@/lib/decimal";

/** What can be drawn over (or under) the candles; each has a period. */
export type Overlay = "sma" | "ema" | "bollinger" | "rsi";
export const OVERLAYS: readonly Overlay[] = ["sma", "ema", "bollinger", "rsi"];
export const OVERLAY_LABELS: Record<Overlay, string> = { sma: "SMA", ema: "EMA", bollinger: "Bollinger", rsi: "RSI" };
export const DEFAULT_PERIODS: Record<Overlay, number> = { sma: 20, ema: 50, bollinger: 20, rsi: 14 };
export const MAX_PERIOD = 1_000;

export const INTERVALS: readonly ChartInterval[] = ["1m", "1h", "1d"];
/** Candles asked for per interval: a day of minutes, about six weeks of hours, about three years of days. */
export const CHART_LIMIT: Record<ChartInterval, number> = { "1m": 1_440, "1h": 1_000, "1d": 1_000 };

export function chartRequest(symbol: string, interval: ChartInterval, periods: Record<Overlay, number>): ChartRequest {
  return { symbol, interval, limit: CHART_LIMIT[interval], ...periods };
}

/** A period as typed: a whole number from 1 to 1000, else null. */
export function parsePeriod(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,4}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= MAX_PERIOD ? n : null;
}

/** A decimal string as a chart coordinate (drawing only). */
export function coordinate(d: string): number {
  return Number(d);
}

const time = (seconds: number) => seconds as UTCTimestamp;

export function candleData(c: Chart): CandlestickData<UTCTimestamp>[] {
  return c.candles.map((k) => ({ time: time(k.time), open: coordinate(k.open), high: coordinate(k.high), low: coordinate(k.low), close: coordinate(k.close) }));
}

/** Volume bars coloured like their candle (a close equal to the open counts as up). */
export function volumeData(c: Chart, colors: { up: string; down: string }): HistogramData<UTCTimestamp>[] {
  return c.candles.map((k) => ({ time: time(k.time), value: coordinate(k.volume), color: compareDecimal(k.close, k.open) >= 0 ? colors.up : colors.down }));
}

/** An indicator's points, one per candle, leaving out the warm-up (null) values. */
export function linePoints(c: Chart, values: readonly (number | null)[]): LineData<UTCTimestamp>[] {
  const out: LineData<UTCTimestamp>[] = [];
  c.candles.forEach((k, i) => {
    const v = values[i];
    if (v != null && Number.isFinite(v)) out.push({ time: time(k.time), value: v });
  });
  return out;
}

export interface SeriesData {
  candles: CandlestickData<UTCTimestamp>[];
  volume: HistogramData<UTCTimestamp>[];
  sma: LineData<UTCTimestamp>[];
  ema: LineData<UTCTimestamp>[];
  bollingerUpper: LineData<UTCTimestamp>[];
  bollingerMiddle: LineData<UTCTimestamp>[];
  bollingerLower: LineData<UTCTimestamp>[];
  rsi: LineData<UTCTimestamp>[];
}

export function seriesData(c: Chart, colors: { up: string; down: string }): SeriesData {
  const ind = c.indicators;
  return {
    candles: candleData(c),
    volume: volumeData(c, colors),
    sma: linePoints(c, ind.sma),
    ema: linePoints(c, ind.ema),
    bollingerUpper: linePoints(c, ind.bollinger_upper),
    bollingerMiddle: linePoints(c, ind.bollinger_middle),
    bollingerLower: linePoints(c, ind.bollinger_lower),
    rsi: linePoints(c, ind.rsi),
  };
}

/** The overlays drawn, given the points each one's series holds (an overlay switched off holds none). */
export function drawnOverlays(points: Record<Overlay, number>): Overlay[] {
  return OVERLAYS.filter((o) => points[o] > 0);
}

/** Which way an alert points: its line's colour. */
export type AlertTone = "up" | "down" | "neutral";

/**
 * A horizontal line of an active alert of the charted asset: one at the
 * level of a level or crossing, two (low and high) for a channel, none for
 * a move (its threshold is a percent, not a price).
 */
export interface AlertLine {
  /** Unique per line: "3", or "3-low" / "3-high" for a channel's edges. */
  key: string;
  id: number;
  kind: AlertKind;
  /** The channel's edge this line draws; null for a level. */
  edge: "low" | "high" | null;
  /** The line's price as the core sent it (for text). */
  threshold: string;
  /** The line's price as a coordinate. */
  price: number;
  tone: AlertTone;
  /** The rule in words: "above 70,000", "enters 1,800–2,200". */
  label: string;
  message: string | null;
}

/** An active alert of the charted asset, as the legend lists it (a move draws no line). */
export interface ChartAlert {
  id: number;
  kind: AlertKind;
  /** The alert's threshold as the core sent it (a channel's low, a move's percent). */
  threshold: string;
  tone: AlertTone;
  label: string;
  message: string | null;
  /** Whether it has lines on the chart. */
  drawn: boolean;
}

export function alertLineLabel(a: RuleFields): string {
  return ruleWords(a);
}

const activeOf = (alerts: readonly Alert[], symbol: string) => alerts.filter((a) => a.is_active && a.symbol === symbol);

function linesOf(a: Alert): AlertLine[] {
  if (isMove(a.alert_type)) return [];
  const line = (edge: AlertLine["edge"], threshold: string): AlertLine => ({
    key: edge === null ? String(a.id) : `${a.id}-${edge}`,
    id: a.id,
    kind: a.alert_type,
    edge,
    threshold,
    price: coordinate(threshold),
    tone: kindTone(a.alert_type),
    label: alertLineLabel(a),
    message: a.message,
  });
  if (isChannel(a.alert_type)) return [line("high", a.upper_price ?? a.threshold_price), line("low", a.threshold_price)];
  return [line(null, a.threshold_price)];
}

/** The lines of the active alerts of `symbol`, highest price first. */
export function alertLines(alerts: readonly Alert[], symbol: string): AlertLine[] {
  return activeOf(alerts, symbol)
    .flatMap(linesOf)
    .sort((a, b) => compareDecimal(b.threshold, a.threshold) || a.id - b.id);
}

/** The active alerts of `symbol` for the legend: those with lines by their highest line, then the moves. */
export function chartAlerts(alerts: readonly Alert[], symbol: string): ChartAlert[] {
  const top = (a: Alert) => (isChannel(a.alert_type) ? (a.upper_price ?? a.threshold_price) : a.threshold_price);
  return activeOf(alerts, symbol)
    .sort((a, b) => Number(isMove(a.alert_type)) - Number(isMove(b.alert_type)) || (isMove(a.alert_type) ? 0 : compareDecimal(top(b), top(a))) || a.id - b.id)
    .map((a) => ({
      id: a.id,
      kind: a.alert_type,
      threshold: a.threshold_price,
      tone: kindTone(a.alert_type),
      label: alertLineLabel(a),
      message: a.message,
      drawn: !isMove(a.alert_type),
    }));
}

/** The decimals of the chart's price step: the most its newest candle is quoted with (at least 2, at most 8). */
export function priceDecimals(c: Chart): number {
  const last = c.candles.at(-1);
  if (!last) return 2;
  const decimals = Math.max(2, ...[last.open, last.high, last.low, last.close].map((d) => (d.split(".")[1] ?? "").replace(/0+$/, "").length));
  return Math.min(decimals, 8);
}

/** The price step of the chart's axis: one unit of its last decimal (`priceDecimals`). */
export function minMove(c: Chart): number {
  return 10 ** -priceDecimals(c);
}

/**
 * A point of the price axis (from the library's `coordinateToPrice`) as a
 * decimal string with the axis' `decimals`: "96843.27". The one place a
 * float becomes a price; null for no price (off the axis, zero or below).
 */
export function priceText(price: number | null, decimals: number): string | null {
  if (price === null || !Number.isFinite(price) || price <= 0 || price >= 1e15) return null;
  const text = price.toFixed(decimals);
  return /[1-9]/.test(text) ? text : null;
}

/** Seconds from a candle's open to its close, per interval. */
export const CANDLE_SECONDS: Record<ChartInterval, number> = { "1m": 60, "1h": 3_600, "1d": 86_400 };

/** The candle under the crosshair (by its logical index), else the newest. */
export function candleAt(c: Chart, index: number | null): number | null {
  if (c.candles.length === 0) return null;
  if (index === null || !Number.isInteger(index) || index < 0 || index >= c.candles.length) return c.candles.length - 1;
  return index;
}
