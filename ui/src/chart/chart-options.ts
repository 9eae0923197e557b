// lightweight-charts options: colours from the theme, and every label the
// chart draws formatted by format.ts in the user's locale and time zone.

import type { AutoscaleInfo, ChartOptions, DeepPartial, PriceFormat, Time } from "lightweight-charts";
import type { ChartInterval } from "@/lib/backend";
import { chartNumber, dateTime, isoFromSeconds, timeTick, type TickUnit } from "@/lib/format";
import type { ChartLibrary } from "./chart-library";
import type { ChartColors } from "./chart-theme";

const TICK_UNITS: readonly TickUnit[] = ["year", "month", "day", "time", "seconds"];

const seconds = (t: Time): number | null => (typeof t === "number" ? t : null);

/** Axis, crosshair and label options that follow the theme and the interval. */
export function chartOptions(lib: ChartLibrary, colors: ChartColors, interval: ChartInterval): DeepPartial<ChartOptions> {
  return {
    autoSize: true,
    layout: {
      background: { type: lib.ColorType.Solid, color: colors.background },
      textColor: colors.muted,
      fontFamily: getComputedStyle(document.body).fontFamily,
      attributionLogo: false,
      panes: { separatorColor: colors.grid, separatorHoverColor: colors.grid },
    },
    grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
    rightPriceScale: { borderColor: colors.grid },
    crosshair: { mode: lib.CrosshairMode.Normal },
    timeScale: {
      borderColor: colors.grid,
      timeVisible: interval !== "1d",
      secondsVisible: false,
      tickMarkFormatter: (t: Time, type: number) => {
        const s = seconds(t);
        return s === null ? null : timeTick(s, TICK_UNITS[type] ?? "time");
      },
    },
    // Prices are formatted per series (priceFormat): a chart-wide formatter would put prices on the RSI and volume too.
    localization: {
      timeFormatter: (t: Time) => {
        const s = seconds(t);
        return s === null ? String(t) : dateTime(isoFromSeconds(s));
      },
    },
  };
}

/** Prices on the axis and in labels, stepping by `minMove`. */
export function priceFormat(minMove: number): PriceFormat {
  return { type: "custom", minMove, formatter: (n: number) => chartNumber(n) };
}

/**
 * Widens the candles' autoscale to alert thresholds near the prices shown
 * (within 20 %), so their lines are visible without squashing the candles.
 */
export function withNearbyLines(range: AutoscaleInfo | null, prices: readonly number[]): AutoscaleInfo | null {
  if (!range?.priceRange) return range;
  let { minValue, maxValue } = range.priceRange;
  for (const p of prices) {
    if (p >= minValue * 0.8 && p <= maxValue * 1.2) {
      minValue = Math.min(minValue, p);
      maxValue = Math.max(maxValue, p);
    }
  }
  return { ...range, priceRange: { minValue, maxValue } };
}
