import { describe, expect, it } from "vitest";
import type { Alert, AlertKind, Chart } from "@/lib/backend";
import { alertLines, candleAt, chartAlerts, chartRequest, drawnOverlays, linePoints, minMove, parsePeriod, priceDecimals, priceText, seriesData } from "./chart-data";

const chart: Chart = {
  symbol: "BTC",
  interval: "1h",
  derived_from: "1m",
  candles: [
    { time: 3_600, open: "100.5", high: "110", low: "99", close: "105.25", volume: "12.5" },
    { time: 7_200, open: "105.25", high: "106", low: "90", close: "95", volume: "3" },
    { time: 10_800, open: "95", high: "95", low: "95", close: "95.00", volume: "0" },
  ],
  indicators: {
    sma: [null, 100.125, 95],
    ema: [null, null, null],
    bollinger_upper: [null, 110, Number.NaN],
    bollinger_middle: [null, 100, 95],
    bollinger_lower: [null, 90, 95],
    rsi: [null, null, 42.5],
  },
  last: "1970-01-01T03:00:00Z",
};

const alert = (id: number, symbol: string, alert_type: AlertKind, threshold_price: string, is_active = true, rule: Partial<Alert> = {}): Alert => ({
  id,
  symbol,
  alert_type,
  threshold_price,
  message: id === 1 ? "take profit" : null,
  is_active,
  created_at: "2026-11-24T09:30:00Z",
  updated_at: "2026-11-24T09:30:00Z",
  upper_price: null,
  within_secs: null,
  repeat: "once",
  rearm_band: "0",
  cooldown_secs: null,
  expires_at: null,
  last_fired_at: null,
  snoozed_until: null,
  ...rule,
});

describe("series data", () => {
  it("draws candles and volume bars coloured by direction", () => {
    const d = seriesData(chart, { up: "green", down: "red" });
    expect(d.candles).toEqual([
      { time: 3_600, open: 100.5, high: 110, low: 99, close: 105.25 },
      { time: 7_200, open: 105.25, high: 106, low: 90, close: 95 },
      { time: 10_800, open: 95, high: 95, low: 95, close: 95 },
    ]);
    expect(d.volume.map((v) => [v.value, v.color])).toEqual([
      [12.5, "green"],
      [3, "red"],
      [0, "green"],
    ]);
  });

  it("skips warm-up (null) and non-finite indicator values, keeping each at its candle's time", () => {
    expect(linePoints(chart, chart.indicators.sma)).toEqual([
      { time: 7_200, value: 100.125 },
      { time: 10_800, value: 95 },
    ]);
    expect(linePoints(chart, chart.indicators.bollinger_upper)).toEqual([{ time: 7_200, value: 110 }]);
    expect(linePoints(chart, chart.indicators.ema)).toEqual([]);
    expect(linePoints(chart, [1])).toEqual([{ time: 3_600, value: 1 }]);
  });

  it("lists the overlays whose series hold points, in the controls' order", () => {
    expect(drawnOverlays({ sma: 2, ema: 0, bollinger: 1, rsi: 3 })).toEqual(["sma", "bollinger", "rsi"]);
    expect(drawnOverlays({ rsi: 1, bollinger: 0, ema: 0, sma: 0 })).toEqual(["rsi"]);
  });

  it("steps the axis by the newest candle's decimals", () => {
    expect(minMove(chart)).toBe(0.01);
    const small = { ...chart, candles: [{ time: 0, open: "0.16234", high: "0.1625", low: "0.162", close: "0.16240", volume: "1" }] };
    expect(minMove(small)).toBeCloseTo(0.00001, 12);
    expect(minMove({ ...chart, candles: [] })).toBe(0.01);
    expect([priceDecimals(chart), priceDecimals(small), priceDecimals({ ...chart, candles: [] })]).toEqual([2, 5, 2]);
    const tiny = { ...chart, candles: [{ time: 0, open: "0.0000012345678", high: "1", low: "1", close: "1", volume: "1" }] };
    expect(priceDecimals(tiny)).toBe(8);
  });

  it("turns a point of the price axis into a price string with the axis' decimals", () => {
    expect(priceText(96_843.2671, 2)).toBe("96843.27");
    expect(priceText(97_000, 2)).toBe("97000.00");
    expect(priceText(0.162_345_9, 5)).toBe("0.16235");
    expect(priceText(1.005, 2)).toMatch(/^1\.0[01]$/);
    // No price: off the axis, at or under zero, or rounding to zero.
    for (const none of [null, Number.NaN, Number.POSITIVE_INFINITY, 0, -5, 0.001, 1e16]) expect(priceText(none, 2)).toBeNull();
  });

  it("finds the candle under the crosshair, else the newest", () => {
    expect(candleAt(chart, 0)).toBe(0);
    expect(candleAt(chart, null)).toBe(2);
    expect(candleAt(chart, 7)).toBe(2);
    expect(candleAt(chart, 1.5)).toBe(2);
    expect(candleAt({ ...chart, candles: [] }, 0)).toBeNull();
  });
});

describe("alert lines", () => {
  it("keeps the active alerts of the asset, highest first, labelled by kind and threshold", () => {
    const lines = alertLines([alert(1, "BTC", "above", "70000"), alert(2, "BTC", "below", "65000.5"), alert(3, "BTC", "above", "99000", false), alert(4, "ETH", "above", "4000"), alert(5, "BTC", "above", "100000")], "BTC");
    expect(lines.map((l) => [l.id, l.label, l.price])).toEqual([
      [5, "above 100,000", 100_000],
      [1, "above 70,000", 70_000],
      [2, "below 65,000.5", 65_000.5],
    ]);
    expect(lines[1].message).toBe("take profit");
    expect(lines.map((l) => l.tone)).toEqual(["up", "up", "down"]);
  });

  it("draws a channel's low and high, a crossing at its level, and no line for a move", () => {
    const alerts = [
      alert(1, "ETH", "enters", "1800", true, { upper_price: "2200", repeat: "every", cooldown_secs: 3_600 }),
      alert(2, "ETH", "moves-down", "5", true, { within_secs: 3_600 }),
      alert(3, "ETH", "crosses-up", "2000"),
      alert(4, "ETH", "exits", "1500", false, { upper_price: "2500" }),
    ];
    const lines = alertLines(alerts, "ETH");
    expect(lines.map((l) => [l.key, l.edge, l.threshold, l.price, l.label, l.tone])).toEqual([
      ["1-high", "high", "2200", 2_200, "enters 1,800–2,200", "neutral"],
      ["3", null, "2000", 2_000, "crosses-up 2,000", "up"],
      ["1-low", "low", "1800", 1_800, "enters 1,800–2,200", "neutral"],
    ]);
    // The legend lists every active alert once, the move last and undrawn.
    expect(chartAlerts(alerts, "ETH").map((a) => [a.id, a.label, a.drawn])).toEqual([
      [1, "enters 1,800–2,200", true],
      [3, "crosses-up 2,000", true],
      [2, "moves-down 5% within 1h", false],
    ]);
  });
});

describe("requests and periods", () => {
  it("asks for a fixed number of candles per interval", () => {
    expect(chartRequest("BTC", "1m", { sma: 20, ema: 50, bollinger: 20, rsi: 14 })).toEqual({ symbol: "BTC", interval: "1m", limit: 1_440, sma: 20, ema: 50, bollinger: 20, rsi: 14 });
    expect(chartRequest("BTC", "1d", { sma: 5, ema: 5, bollinger: 5, rsi: 5 }).limit).toBe(1_000);
  });

  it("accepts whole periods from 1 to 1000", () => {
    expect(parsePeriod(" 20 ")).toBe(20);
    expect(parsePeriod("1000")).toBe(1_000);
    for (const bad of ["0", "1001", "2.5", "-3", "", "abc", "1e2"]) expect(parsePeriod(bad)).toBeNull();
  });
});
