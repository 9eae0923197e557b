// From the core's Chart to what lightweight-charts draws. Decimal strings
// become numbers here and only here, as chart coordinates; every price the
// user reads as text goes through format.ts.

import type { CandlestickData, HistogramData, LineData, UTCTimestamp } from "lightweight-charts";
import type { Alert, AlertKind, Chart, ChartInterval, ChartRequest } from "@/lib/backend";
import { compareDecimal } from "@/lib/decimal";
import { quantity } from "@/lib/format";

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

/** An active alert of the charted asset, as a horizontal line at its threshold. */
export interface AlertLine {
  id: number;
  kind: AlertKind;
  /** The threshold as the core sent it (for text). */
  threshold: string;
  /** The threshold as a coordinate. */
  price: number;
  /** "above 70,000". */
  label: string;
  message: string | null;
}

export function alertLineLabel(a: Pick<Alert, "alert_type" | "threshold_price">): string {
  return `${a.alert_type} ${quantity(a.threshold_price)}`;
}

/** The active alerts of `symbol`, highest threshold first. */
export function alertLines(alerts: readonly Alert[], symbol: string): AlertLine[] {
  return alerts
    .filter((a) => a.is_active && a.symbol === symbol)
    .sort((a, b) => compareDecimal(b.threshold_price, a.threshold_price) || a.id - b.id)
    .map((a) => ({ id: a.id, kind: a.alert_type, threshold: a.threshold_price, price: coordinate(a.threshold_price), label: alertLineLabel(a), message: a.message }));
}

/** The price step of the chart's axis: one unit of the most decimals its newest candle is quoted with (at least 2). */
export function minMove(c: Chart): number {
  const last = c.candles.at(-1);
  if (!last) return 0.01;
  const decimals = Math.max(2, ...[last.open, last.high, last.low, last.close].map((d) => (d.split(".")[1] ?? "").replace(/0+$/, "").length));
  return 10 ** -Math.min(decimals, 8);
}

/** The candle under the crosshair (by its logical index), else the newest. */
export function candleAt(c: Chart, index: number | null): number | null {
  if (c.candles.length === 0) return null;
  if (index === null || !Number.isInteger(index) || index < 0 || index >= c.candles.length) return c.candles.length - 1;
  return index;
}
