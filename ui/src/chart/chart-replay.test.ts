import { afterEach, describe, expect, it } from "vitest";
import type { Alert, ChartCandle, ReplayReport, ReplayRequest } from "@/lib/backend";
import fixtures from "@/lib/backend/fixtures.json";
import { replayFor } from "@/lib/backend/mock";
import { CANDLE_SECONDS } from "./chart-data";
import { CHART_REPLAY_DAYS, chartReplayRequest, fireCandle, fireSeconds, REPLAY_COLOR, replayCaption, replayInterval, replayKey, replayMarkers } from "./chart-replay";

const cases = fixtures.replay.cases as unknown as { request: ReplayRequest; report: ReplayReport }[];
const crossing = cases.find((c) => c.request.input.alert_type === "crosses")!;

const HOUR = 3_600;
/** Hourly candles from 2026-11-16T09:00Z to 2026-11-24T09:00Z (as the mock charts BTC at 1h). */
const first = Date.parse("2026-11-16T09:00:00Z") / 1000;
const hourly: Pick<ChartCandle, "time">[] = Array.from({ length: 8 * 24 + 1 }, (_, i) => ({ time: first + i * HOUR }));

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 7,
  symbol: "BTC",
  alert_type: "crosses",
  threshold_price: "100000",
  message: null,
  is_active: true,
  created_at: "2026-11-24T09:30:00Z",
  updated_at: "2026-11-24T09:30:00Z",
  upper_price: null,
  within_secs: null,
  repeat: "every",
  rearm_band: "0",
  cooldown_secs: null,
  expires_at: null,
  last_fired_at: null,
  snoozed_until: null,
  ...over,
});

describe("the chart's replay request", () => {
  it("replays on the chart's interval when the core's replay takes it, else on hours", () => {
    expect(replayInterval("1h")).toBe("1h");
    expect(replayInterval("1d")).toBe("1d");
    expect(replayInterval("1m")).toBe("1h");
    expect(replayInterval("15m")).toBe("15m");
    expect(replayInterval("4h")).toBe("4h");
    expect(replayInterval("5m")).toBe("1h");
  });

  it("sends the alert's rule as the edit form would, over the last 365 days", () => {
    const request = chartReplayRequest(alert(), "1m");
    expect(request).toEqual({ input: { symbol: "BTC", alert_type: "crosses", threshold: "100000", message: null, repeat: "every" }, interval: "1h", days: CHART_REPLAY_DAYS, intrabar: false });
    expect(CHART_REPLAY_DAYS).toBe(365);
    // The mock has the core's replay for exactly this rule.
    expect(replayFor(request)).toEqual(crossing.report);
    // Options of the rule go along: window, band, cooldown, message.
    expect(chartReplayRequest(alert({ alert_type: "moves-down", threshold_price: "5", within_secs: 21_600, rearm_band: "1.5", cooldown_secs: 3_600, message: "falling" }), "1d")).toEqual({
      input: { symbol: "BTC", alert_type: "moves-down", threshold: "5", within: "6h", repeat: "every", rearm_band: "1.5", cooldown: "1h", message: "falling" },
      interval: "1d",
      days: 365,
      intrabar: false,
    });
  });

  it("keys an alert by its rule: an edit changes the key, a new time stamp does not", () => {
    expect(replayKey(alert())).toBe(replayKey(alert({ updated_at: "2026-11-25T00:00:00Z" })));
    expect(replayKey(alert())).not.toBe(replayKey(alert({ threshold_price: "100001" })));
    expect(replayKey(alert())).not.toBe(replayKey(alert({ repeat: "once" })));
  });
});

describe("replayed fires as markers", () => {
  const tz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = tz;
  });

  it("reads a fire's time as UTC epoch seconds, whatever its offset", () => {
    expect(fireSeconds("2026-11-18T19:00:00Z")).toBe(Date.UTC(2026, 10, 18, 19) / 1000);
    expect(fireSeconds("2026-11-18T20:00:00+01:00")).toBe(Date.UTC(2026, 10, 18, 19) / 1000);
    expect(fireSeconds("2026-11-18T14:00:00-05:00")).toBe(Date.UTC(2026, 10, 18, 19) / 1000);
    expect(fireSeconds("not a time")).toBeNull();
  });

  it("puts a fire on the candle it closed (or was open then), none outside the candles", () => {
    const t = (iso: string) => Date.parse(iso) / 1000;
    // The 18:00 candle closes at 19:00: a fire then is its.
    expect(fireCandle(hourly, t("2026-11-18T19:00:00Z"), HOUR)).toBe(t("2026-11-18T18:00:00Z"));
    expect(fireCandle(hourly, t("2026-11-18T18:30:00Z"), HOUR)).toBe(t("2026-11-18T18:00:00Z"));
    // On minutes, an hour's close is the last minute's.
    const minutes = Array.from({ length: 120 }, (_, i) => ({ time: t("2026-11-18T18:00:00Z") + i * 60 }));
    expect(fireCandle(minutes, t("2026-11-18T19:00:00Z"), 60)).toBe(t("2026-11-18T18:59:00Z"));
    // On days, any fire of the day.
    const days = Array.from({ length: 10 }, (_, i) => ({ time: t("2026-11-15T00:00:00Z") + i * 86_400 }));
    expect(fireCandle(days, t("2026-11-19T07:00:00Z"), 86_400)).toBe(t("2026-11-19T00:00:00Z"));
    // Before the first candle's close or after the last one's: not on the chart.
    expect(fireCandle(hourly, first, HOUR)).toBeNull();
    expect(fireCandle(hourly, first - HOUR, HOUR)).toBeNull();
    expect(fireCandle(hourly, hourly.at(-1)!.time + HOUR, HOUR)).toBe(hourly.at(-1)!.time);
    expect(fireCandle(hourly, hourly.at(-1)!.time + HOUR + 1, HOUR)).toBeNull();
    expect(fireCandle([], first, HOUR)).toBeNull();
  });

  it("marks the fixture's seven fires on the hourly candles, at their prices, in UTC in any time zone", () => {
    const expected = crossing.report.fires.map((f, i) => ({
      id: `fire-${i}`,
      // The candle that closed at the fire: an hour before it, on the candles' UTC scale.
      time: Date.parse(f.time) / 1000 - HOUR,
      position: "atPriceMiddle",
      price: Number(f.price),
      shape: "circle",
      color: REPLAY_COLOR,
      size: 1,
    }));
    expect(expected[0]).toMatchObject({ time: Date.UTC(2026, 10, 18, 18) / 1000, price: 98_274 });
    for (const zone of ["UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"]) {
      process.env.TZ = zone;
      expect(replayMarkers(hourly, CANDLE_SECONDS["1h"], crossing.report)).toEqual(expected);
    }
    // Every marker is on a candle the series holds.
    const times = new Set(hourly.map((c) => c.time));
    expect(expected.every((m) => times.has(m.time))).toBe(true);
  });

  it("leaves out the fires off the candles shown, and ones with no time", () => {
    const late = hourly.filter((c) => c.time >= Date.parse("2026-11-19T12:00:00Z") / 1000);
    const markers = replayMarkers(late, HOUR, crossing.report, "#000");
    expect(markers.map((m) => m.id)).toEqual(["fire-4", "fire-5", "fire-6"]);
    expect(markers.every((m) => m.color === "#000")).toBe(true);
    const bad: ReplayReport = { ...crossing.report, fires: [{ time: "", price: "1" }, ...crossing.report.fires.slice(0, 1)] };
    expect(replayMarkers(hourly, HOUR, bad).map((m) => m.id)).toEqual(["fire-1"]);
  });
});

describe("replay caption", () => {
  it("says how often, and whether every fire is on the chart", () => {
    expect(replayCaption(crossing.report, crossing.request, 7)).toBe("Would have fired 7 times in the last 365 days (48 candles), marked on the chart");
    expect(replayCaption(crossing.report, crossing.request, 3)).toBe("Would have fired 7 times in the last 365 days (48 candles), 3 of them on the candles shown");
    expect(replayCaption(crossing.report, crossing.request, 0)).toBe("Would have fired 7 times in the last 365 days (48 candles), none of them on the candles shown");
    const never: ReplayReport = { ...crossing.report, fires: [] };
    expect(replayCaption(never, crossing.request, 0)).toBe("Would not have fired in the last 365 days (48 candles)");
    const empty: ReplayReport = { fires: [], candles: 0, from: null, to: null };
    expect(replayCaption(empty, crossing.request, 0)).toBe("No stored history for BTC yet (1h candles in the last 365 days)");
  });
});
