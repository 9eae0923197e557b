import { afterEach, describe, expect, it, vi } from "vitest";
import { clearHighlight, highlightedAlert } from "@/alerts/highlight";
import { backfillProgressed, backfillRuns, backfillStarted, resetBackfills } from "@/chart/backfill-state";
import type { Alert, AlertEvent, BackfillSummary, FeedStatus, Settings, TrackedPrice, Valuation } from "./backend";
import fixtures from "./backend/fixtures.json";
import { applyEvent, CANDLE_REFETCH_MS } from "./live";
import { createQueryClient } from "./queries";

const NONE = { usd: null, eur: null, czk: null };

/** A valuation of these rows with made-up totals (only their shape matters here). */
const valuation = (holdings: Valuation["holdings"], total = "0"): Valuation => ({
  holdings,
  method: "fifo",
  total_value_usd: total,
  total_cost_usd: "0",
  total_pnl_usd: total,
  total_value: NONE,
  total_cost: NONE,
  total_pnl: NONE,
  allocation: [],
  day_change_usd: null,
  day_change: NONE,
  day_change_pct: null,
  unpriced: 0,
  rates_now: null,
});

const alert = (id: number, repeat: Alert["repeat"] = "once"): Alert => ({
  id,
  symbol: "BTC",
  alert_type: "above",
  threshold_price: "100000",
  message: null,
  is_active: true,
  created_at: "2026-11-24T09:30:00Z",
  updated_at: "2026-11-24T09:30:00Z",
  upper_price: null,
  within_secs: null,
  repeat,
  rearm_band: "0",
  cooldown_secs: repeat === "every" ? 3_600 : null,
  expires_at: null,
  last_fired_at: null,
  snoozed_until: null,
});

describe("applyEvent", () => {
  it("writes a pushed valuation without its kind", () => {
    const qc = createQueryClient();
    const v = valuation([], "1");
    applyEvent(qc, { kind: "portfolio", ...v });
    expect(qc.getQueryData(["portfolio"])).toEqual(v);
  });

  it("asks for the other methods' valuations, the summary and the transactions again on a pushed valuation", () => {
    const qc = createQueryClient();
    const keys = [["portfolio_with", { method: "lifo" }], ["portfolio_summary", { method: "fifo" }], ["transactions"], ["alerts"]];
    for (const key of keys) qc.setQueryData(key, []);
    applyEvent(qc, { kind: "portfolio", ...valuation([]) });
    expect(keys.map((key) => qc.getQueryState(key)?.isInvalidated)).toEqual([true, true, true, false]);
  });

  it("updates the tracked prices it names and adds newly watched ones", () => {
    const qc = createQueryClient();
    qc.setQueryData<TrackedPrice[]>(["tracked_prices"], [
      { symbol: "BTC", price: "1", at: null },
      { symbol: "ETH", price: "2", at: null },
    ]);
    applyEvent(qc, { kind: "prices", prices: { BTC: "96842.15", DOGE: "0.1" }, at: "2026-11-24T10:00:00Z" });
    expect(qc.getQueryData(["tracked_prices"])).toEqual([
      { symbol: "BTC", price: "96842.15", at: "2026-11-24T10:00:00Z" },
      { symbol: "DOGE", price: "0.1", at: "2026-11-24T10:00:00Z" },
      { symbol: "ETH", price: "2", at: null },
    ]);
  });

  it("asks for the watched assets again when the held assets change", () => {
    const qc = createQueryClient();
    const holding = (symbol: string) => ({ symbol }) as Valuation["holdings"][number];
    const v = (symbols: string[]): Valuation => valuation(symbols.map(holding));
    qc.setQueryData<TrackedPrice[]>(["tracked_prices"], []);
    applyEvent(qc, { kind: "portfolio", ...v(["BTC"]) });
    applyEvent(qc, { kind: "portfolio", ...v(["BTC"]) });
    expect(qc.getQueryState(["tracked_prices"])?.isInvalidated).toBe(false);
    applyEvent(qc, { kind: "portfolio", ...v(["BTC", "ETH"]) });
    expect(qc.getQueryState(["tracked_prices"])?.isInvalidated).toBe(true);
  });

  it("turns a fired alert off and prepends it to the history", () => {
    const qc = createQueryClient();
    qc.setQueryData<Alert[]>(["alerts"], [alert(2), alert(1)]);
    qc.setQueryData<AlertEvent[]>(["alert_history"], []);
    const fired: AlertEvent = {
      id: 7,
      alert_id: 1,
      symbol: "BTC",
      triggered_price: "100500.5",
      threshold_price: "100000",
      alert_type: "above",
      message: null,
      triggered_at: "2026-11-24T09:30:00Z",
      rule: "above 100000",
    };
    applyEvent(qc, { kind: "alert_fired", ...fired });
    expect(qc.getQueryData<Alert[]>(["alerts"])?.map((a) => [a.is_active, a.last_fired_at])).toEqual([
      [true, null],
      [false, "2026-11-24T09:30:00Z"],
    ]);
    expect(qc.getQueryData(["alert_history"])).toEqual([fired]);
  });

  it("keeps an every-time alert armed when it fires, noting when", () => {
    const qc = createQueryClient();
    qc.setQueryData<Alert[]>(["alerts"], [alert(1, "every")]);
    qc.setQueryData<AlertEvent[]>(["alert_history"], []);
    const fired: AlertEvent = {
      id: 8,
      alert_id: 1,
      symbol: "BTC",
      triggered_price: "100500.5",
      threshold_price: "100000",
      alert_type: "above",
      message: null,
      triggered_at: "2026-11-24T10:00:00Z",
      rule: "above 100000",
    };
    applyEvent(qc, { kind: "alert_fired", ...fired });
    expect(qc.getQueryData<Alert[]>(["alerts"])?.[0]).toMatchObject({ is_active: true, last_fired_at: "2026-11-24T10:00:00Z" });
  });

  it("stores the feed status and marks performance stale; alerts_changed invalidates alerts", () => {
    const qc = createQueryClient();
    qc.setQueryData(["performance"], { db_calls: 1 });
    qc.setQueryData(["alerts"], []);
    const feed: FeedStatus = { last_success_at: null, last_error: "down", stale: true, unknown_symbols: [], cache: "redis", database: "sqlite", alerts_paused_until: null };
    applyEvent(qc, { kind: "feed", ...feed });
    expect(qc.getQueryData(["feed_status"])).toEqual(feed);
    expect(qc.getQueryState(["performance"])?.isInvalidated).toBe(true);
    expect(qc.getQueryState(["alerts"])?.isInvalidated).toBe(false);
    applyEvent(qc, { kind: "alerts_changed" });
    expect(qc.getQueryState(["alerts"])?.isInvalidated).toBe(true);
  });

  it("stores pushed settings, applies their theme and reads everything else again", () => {
    const qc = createQueryClient();
    qc.setQueryData(["alerts"], []);
    const settings = { ...(fixtures.settings as Settings), theme: "dark" as const };
    applyEvent(qc, { kind: "settings", ...settings });
    expect(qc.getQueryData(["settings"])).toEqual(settings);
    expect(qc.getQueryState(["settings"])?.isInvalidated).toBe(false);
    expect(qc.getQueryState(["alerts"])?.isInvalidated).toBe(true);
    expect(document.documentElement.classList.contains("dark")).toBe(true);
    expect(localStorage.getItem("cryptodesk.theme")).toBe("dark");
    applyEvent(qc, { kind: "settings", ...settings, theme: "light" });
    expect(document.documentElement.classList.contains("dark")).toBe(false);
  });

  it("open_alert highlights the alert and opens the Alerts page", () => {
    const qc = createQueryClient();
    const navigate = vi.fn();
    applyEvent(qc, { kind: "open_alert", alert_id: 3 }, navigate);
    expect(navigate).toHaveBeenCalledWith("/alerts");
    expect(highlightedAlert()?.alertId).toBe(3);
    const first = highlightedAlert()?.seq ?? 0;
    applyEvent(qc, { kind: "open_alert", alert_id: 3 }, navigate);
    expect(highlightedAlert()?.seq).toBeGreaterThan(first);
  });

  afterEach(() => clearHighlight());

  it("reads everything again after missed events", () => {
    const qc = createQueryClient();
    qc.setQueryData(["portfolio"], { holdings: [] });
    qc.setQueryData(["alerts"], []);
    applyEvent(qc, { kind: "resync" });
    expect(qc.getQueryState(["portfolio"])?.isInvalidated).toBe(true);
    expect(qc.getQueryState(["alerts"])?.isInvalidated).toBe(true);
  });
});

describe("applyEvent: markets and backfills", () => {
  afterEach(() => {
    resetBackfills();
    vi.useRealTimers();
  });

  it("markets_changed reads the watched, tracked and searched assets again", () => {
    const qc = createQueryClient();
    for (const key of [["market_stats"], ["tracked_symbols"], ["tracked_prices"], ["search_symbols", "AD"], ["alerts"]]) qc.setQueryData(key, []);
    applyEvent(qc, { kind: "markets_changed" });
    for (const key of [["market_stats"], ["tracked_symbols"], ["tracked_prices"], ["search_symbols", "AD"]]) {
      expect(qc.getQueryState(key)?.isInvalidated, key.join()).toBe(true);
    }
    expect(qc.getQueryState(["alerts"])?.isInvalidated).toBe(false);
  });

  it("history_changed asks for statistics and charts again, at most once per window", async () => {
    vi.useFakeTimers();
    const qc = createQueryClient();
    const invalidate = vi.spyOn(qc, "invalidateQueries");
    for (let i = 0; i < 10; i++) applyEvent(qc, { kind: "history_changed" });
    const statsCalls = () => invalidate.mock.calls.filter(([f]) => JSON.stringify(f?.queryKey) === '["market_stats"]').length;
    expect(statsCalls()).toBe(1);
    await vi.advanceTimersByTimeAsync(CANDLE_REFETCH_MS);
    expect(statsCalls()).toBe(2);
    expect(invalidate.mock.calls.some(([f]) => JSON.stringify(f?.queryKey) === '["chart"]')).toBe(true);
  });

  it("prices do not ask for statistics or charts (their candles are not stored yet)", async () => {
    vi.useFakeTimers();
    const qc = createQueryClient();
    qc.setQueryData(["market_stats"], []);
    qc.setQueryData(["chart", { symbol: "BTC" }], { candles: [] });
    qc.setQueryData<TrackedPrice[]>(["tracked_prices"], [{ symbol: "BTC", price: "1", at: null }]);
    applyEvent(qc, { kind: "prices", prices: { BTC: "2" }, at: "2026-11-24T10:00:00Z" });
    await vi.advanceTimersByTimeAsync(CANDLE_REFETCH_MS);
    expect(qc.getQueryData<TrackedPrice[]>(["tracked_prices"])?.[0].price).toBe("2");
    expect(qc.getQueryState(["market_stats"])?.isInvalidated).toBe(false);
    expect(qc.getQueryState(["chart", { symbol: "BTC" }])?.isInvalidated).toBe(false);
    applyEvent(qc, { kind: "history_changed" });
    expect(qc.getQueryState(["market_stats"])?.isInvalidated).toBe(true);
    expect(qc.getQueryState(["chart", { symbol: "BTC" }])?.isInvalidated).toBe(true);
  });

  it("backfill_done ends a running backfill with its summary and a new chart", () => {
    const qc = createQueryClient();
    qc.setQueryData(["chart", { symbol: "ADA" }], { candles: [] });
    backfillStarted("ADA", "1h");
    backfillProgressed({ symbol: "ADA", interval: "1h", page: 1, stored: 100, expected: 720, last_open_time: null });
    expect(backfillRuns().get("ADA/1h")).toMatchObject({ status: "running", progress: { stored: 100 } });
    const summary: BackfillSummary = {
      interval: "1h",
      stored: 720,
      requests: 1,
      seconds: 1,
      symbols: [{ symbol: "ADA", stored: 720, requests: 1, started_at: "2026-10-25T09:30:00Z" }],
      notes: [],
      stopped: null,
    };
    applyEvent(qc, { kind: "backfill_done", ...summary });
    expect(backfillRuns().get("ADA/1h")).toMatchObject({ status: "done", summary });
    expect(qc.getQueryState(["chart", { symbol: "ADA" }])?.isInvalidated).toBe(true);
  });
});
