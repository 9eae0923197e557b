// "Show how often it would have fired" on the Chart page: an active alert's
// rule replayed by the core (`replay_alert`) over the stored candles, its
// fires drawn as markers on the charted candles. Nothing here computes a
// fire: the report is the core's; its prices become coordinates to draw only.

import type { SeriesMarker, UTCTimestamp } from "lightweight-charts";
import { alertFormValues, alertInput } from "@/alerts/alert-input";
import { replaySummary } from "@/alerts/replay";
import type { Alert, ChartCandle, ChartInterval, ReplayReport, ReplayRequest } from "@/lib/backend";
import { count } from "@/lib/format";
import { coordinate } from "./chart-data";

/** How far back the chart replays a rule. */
export const CHART_REPLAY_DAYS = 365;

/** The replay intervals the chart uses as they are; any other chart interval replays on hours. */
const REPLAY_INTERVALS: readonly string[] = ["15m", "1h", "4h", "1d"];
const FALLBACK_INTERVAL = "1h";

/** The fires' colour: apart from the candles' green and red and from the overlays' colours. */
export const REPLAY_COLOR = "#db2777";

/** The candles the rule is replayed on for a chart at `interval`: the same when it is 15m, 1h, 4h or 1d, else 1h. */
export function replayInterval(interval: ChartInterval | string): string {
  return REPLAY_INTERVALS.includes(interval) ? interval : FALLBACK_INTERVAL;
}

/** The replay of a saved alert's rule, its input built as the edit form builds it. */
export function chartReplayRequest(alert: Alert, interval: ChartInterval): ReplayRequest {
  return { input: alertInput(alertFormValues(alert)), interval: replayInterval(interval), days: CHART_REPLAY_DAYS, intrabar: false };
}

/** The rule of an alert as the replay sends it: two alerts with one key replay alike. */
export function replayKey(alert: Alert): string {
  return JSON.stringify(alertInput(alertFormValues(alert)));
}

/**
 * A fire's time (RFC 3339 with any offset, "2026-11-18T19:00:00Z") as epoch
 * seconds: the UTC scale the candles' `time` is on. The chart never shifts a
 * time: its labels show them in the user's time zone (chart-options.ts), so a
 * fire is placed on the UTC instant it happened; null for no time.
 */
export function fireSeconds(time: string): number | null {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/**
 * The open time of the charted candle a fire at `t` (a replayed candle's
 * close) belongs to: the candle that closed then or was open then (open < t
 * ≤ open + `step`); null when no charted candle spans it (older or newer
 * than the candles shown). `candles` are oldest first.
 */
export function fireCandle(candles: readonly Pick<ChartCandle, "time">[], t: number, step: number): number | null {
  let lo = 0;
  let hi = candles.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (candles[mid].time < t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return null;
  const open = candles[found].time;
  return t <= open + step ? open : null;
}

/**
 * The report's fires as markers on the candles (`step` seconds each): at the
 * fire's price, on the candle that closed it, oldest first. Fires outside the
 * candles shown have no marker.
 */
export function replayMarkers(candles: readonly Pick<ChartCandle, "time">[], step: number, report: ReplayReport, color: string = REPLAY_COLOR): SeriesMarker<UTCTimestamp>[] {
  const markers: SeriesMarker<UTCTimestamp>[] = [];
  report.fires.forEach((f, i) => {
    const t = fireSeconds(f.time);
    const open = t === null ? null : fireCandle(candles, t, step);
    if (open === null) return;
    markers.push({ id: `fire-${i}`, time: open as UTCTimestamp, position: "atPriceMiddle", price: coordinate(f.price), shape: "circle", color, size: 1 });
  });
  return markers;
}

/**
 * The caption under the chart: "Would have fired 7 times in the last 365
 * days (48 candles)", and how many of the fires are on the candles shown
 * when not all of them are.
 */
export function replayCaption(report: ReplayReport, request: ReplayRequest, drawn: number): string {
  const summary = replaySummary(report, request);
  const n = report.fires.length;
  if (report.candles === 0 || n === 0) return summary;
  if (drawn >= n) return `${summary}, marked on the chart`;
  return `${summary}, ${drawn === 0 ? "none" : count(drawn)} of them on the candles shown`;
}
