import { afterEach, describe, expect, it, vi } from "vitest";
import type { AlertInput, BackfillProgress, ChartRequest, ErrorBody, Event, HoldingInput, Method, ReplayRequest, SaleInput, SettingsInput, Summary, Transaction, Valuation } from "./bindings";
import fixtures from "./fixtures.json";
import { alertKey, deepEqual, expiresAt, mockBackend, replayFor, snoozedUntil } from "./mock";

const BTC: HoldingInput = { symbol: "BTC", amount: "0.5", price: "30000", currency: "USD", date: null, commission: null, source: null, fx_rate: [] };
const BTC_BINANCE: HoldingInput = { symbol: "btc", amount: "0.5", price: "30000", currency: "USD", date: "2024-01-15", commission: "2.5", source: "Binance", fx_rate: [] };

describe("mock backend", () => {
  it("serves the fixture's holding and valuation, with its own ids", async () => {
    const b = mockBackend();
    const events: Event[] = [];
    b.onEvent((e) => events.push(e));
    const first = await b.call("add_holding", { input: BTC_BINANCE });
    expect(first).toMatchObject({ id: 1, symbol: "BTC", commission: "2.5" });
    const second = await b.call("add_holding", { input: { ...BTC, symbol: "ETH", amount: "2", price: "2500" } });
    expect(second.id).toBe(2);
    const v = await b.call("portfolio", {});
    expect(v.total_value_usd).toBe("55246.235");
    expect(v.holdings.map((h) => h.id)).toEqual([1, 2]);
    expect(events.filter((e) => e.kind === "portfolio")).toHaveLength(2);
  });

  it("throws the fixture's refusals and the unknown-symbol error", async () => {
    const b = mockBackend();
    await expect(b.call("add_holding", { input: { ...BTC, amount: "0" } })).rejects.toEqual({
      code: "validation",
      field: "amount",
      message: "amount must be > 0 (got 0)",
    });
    await expect(b.call("add_holding", { input: { ...BTC, symbol: " nope " } })).rejects.toMatchObject({ code: "unknown_symbol", field: "symbol" });
    await expect(b.call("add_holding", { input: { ...BTC, amount: "7" } })).rejects.toMatchObject({ code: "validation", field: null });
  });

  it("lists unpriced holdings when no valuation fixture matches", async () => {
    const b = mockBackend();
    const warn = console.warn;
    console.warn = () => {};
    try {
      await b.call("add_holding", { input: BTC });
      await b.call("add_holding", { input: BTC });
      const v = await b.call("portfolio", {});
      expect(v.unpriced).toBe(2);
      expect(v.total_value_usd).toBe("0");
      expect(v.holdings[0].value_usd).toBeNull();
    } finally {
      console.warn = warn;
    }
  });

  it("toggles alerts and fires the fixture's alert on the matching one", async () => {
    const b = mockBackend();
    const a = await b.call("add_alert", { input: { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" } });
    expect((await b.call("set_alert_active", { id: a.id, active: false })).is_active).toBe(false);
    await b.call("set_alert_active", { id: a.id, active: true });
    const fired = window.__mock!.fireAlert();
    expect(fired.alert_id).toBe(a.id);
    expect((await b.call("alerts", {}))[0].is_active).toBe(false);
    expect(await b.call("alert_history", {})).toHaveLength(1);
  });

  it("serves the fixtures' rules of every kind, matching inputs as the core reads them", async () => {
    const b = mockBackend();
    // As the form sends them: no nulls, hidden fields absent, the frequency explicit.
    const channel = await b.call("add_alert", { input: { symbol: "ETH", alert_type: "enters", threshold: "1800", upper: "2200", repeat: "every", cooldown: "1h", message: null } });
    expect(channel).toMatchObject({ id: 1, alert_type: "enters", threshold_price: "1800", upper_price: "2200", repeat: "every", rearm_band: "0", cooldown_secs: 3_600, within_secs: null, expires_at: null, last_fired_at: null, is_active: true });
    const move = await b.call("add_alert", { input: { symbol: "BTC", alert_type: "moves-down", threshold: "5", within: "1h", repeat: "once", message: "falling fast" } });
    expect(move).toMatchObject({ alert_type: "moves-down", threshold_price: "5", within_secs: 3_600, upper_price: null, repeat: "once", cooldown_secs: null });
    // Blank optional fields are not given.
    const blanks = { upper: "", within: " ", rearm_band: "", cooldown: "", expires: "" };
    expect((await b.call("add_alert", { input: { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit", ...blanks } })).threshold_price).toBe("100000");
    // A channel whose HIGH is not above its LOW: the fixture's refusal, naming upper.
    await expect(b.call("add_alert", { input: { symbol: "BTC", alert_type: "enters", threshold: "90000", upper: "80000", repeat: "once", message: null } })).rejects.toEqual({
      code: "validation",
      field: "upper",
      message: "upper LOW must be below HIGH (got 90000 ≥ 80000)",
    });
    // What the core would store differently has no fixture.
    await expect(b.call("add_alert", { input: { symbol: "ETH", alert_type: "enters", threshold: "1800", upper: "2200", repeat: "every", cooldown: "2h", message: null } })).rejects.toMatchObject({ field: null });
  });

  it("keeps an alert's expiry as the core stores it, refusing a bad or past one", async () => {
    const b = mockBackend();
    const input = { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" };
    const later = new Date(Date.now() + 86_400_000);
    later.setUTCMilliseconds(0);
    const a = await b.call("add_alert", { input: { ...input, expires: later.toISOString() } });
    expect(a.expires_at).toBe(later.toISOString().replace(".000Z", "Z"));
    await expect(b.call("add_alert", { input: { ...input, expires: "2020-01-01T00:00:00Z" } })).rejects.toMatchObject({ field: "expires", message: /must be in the future/ });
    await expect(b.call("add_alert", { input: { ...input, expires: "tomorrow" } })).rejects.toMatchObject({ field: "expires", message: /RFC 3339/ });
    expect(expiresAt("2030-01-01T10:00:00.250+02:00", 0)).toBe("2030-01-01T08:00:00.250Z");
    expect(expiresAt(" ", 0)).toBeNull();
  });

  it("notes a fire, and re-arms an alert that is edited or enabled again", async () => {
    const b = mockBackend();
    const input = { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" };
    const a = await b.call("add_alert", { input });
    const fired = window.__mock!.fireAlert();
    expect((await b.call("alerts", {}))[0]).toMatchObject({ is_active: false, repeat: "once", last_fired_at: fired.triggered_at });
    expect(fired.rule).toBe("above 100000");
    const edited = await b.call("update_alert", { id: a.id, input: { ...input, threshold: "120000" } });
    expect(edited).toMatchObject({ threshold_price: "120000", is_active: true, last_fired_at: null });
    await b.call("set_alert_active", { id: a.id, active: false });
    expect((await b.call("set_alert_active", { id: a.id, active: true })).last_fired_at).toBeNull();
  });

  it("snoozes an alert for some minutes and ends the snooze with 0, telling the lists", async () => {
    const b = mockBackend();
    const input = { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" };
    const a = await b.call("add_alert", { input });
    expect(a.snoozed_until).toBeNull();
    const events: Event[] = [];
    b.onEvent((e) => events.push(e));

    const before = Date.now();
    const snoozed = await b.call("snooze_alert", { id: a.id, minutes: 60 });
    const until = Date.parse(snoozed.snoozed_until!);
    expect(snoozed.snoozed_until).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(until).toBeGreaterThanOrEqual(before + 60 * 60_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 60 * 60_000);
    // Only the snooze changes: still armed, the rule and its times as they were.
    expect(snoozed).toEqual({ ...a, snoozed_until: snoozed.snoozed_until });
    expect((await b.call("alerts", {}))[0].snoozed_until).toBe(snoozed.snoozed_until);
    // An edit or a toggle keeps it, as the core's store.
    expect((await b.call("update_alert", { id: a.id, input: { ...input, threshold: "120000" } })).snoozed_until).toBe(snoozed.snoozed_until);
    expect((await b.call("set_alert_active", { id: a.id, active: true })).snoozed_until).toBe(snoozed.snoozed_until);

    expect((await b.call("snooze_alert", { id: a.id, minutes: 0 })).snoozed_until).toBeNull();
    expect((await b.call("alerts", {}))[0]).toMatchObject({ is_active: true, snoozed_until: null });
    expect(events.map((e) => e.kind)).toEqual(["alerts_changed", "alerts_changed", "alerts_changed", "alerts_changed"]);

    await expect(b.call("snooze_alert", { id: 99, minutes: 60 })).rejects.toEqual({ code: "not_found", field: null, message: "alert 99 not found" });
    await expect(b.call("set_alert_active", { id: 99, active: true })).rejects.toEqual({ code: "not_found", field: null, message: "alert 99 not found" });
    expect(events).toHaveLength(4);
    expect(snoozedUntil(90, Date.parse("2026-11-24T09:30:00Z"))).toBe("2026-11-24T11:00:00.000Z");
    expect(snoozedUntil(0)).toBeNull();
    expect(() => snoozedUntil(-1)).toThrow();
  });

  it("matches alert inputs whatever the form leaves out", () => {
    const key = { symbol: "BTC", alert_type: "above", threshold: "1", message: null };
    expect(alertKey({ ...key, upper: undefined, repeat: "once", cooldown: "" })).toEqual(key);
    expect(alertKey({ ...key, repeat: "every", rearm_band: "1.5", expires: "2030-01-01T00:00:00Z" })).toEqual({ ...key, repeat: "every", rearm_band: "1.5" });
  });

  it("compares inputs structurally", () => {
    expect(deepEqual({ a: 1, b: [null, "x"] }, { b: [null, "x"], a: 1 })).toBe(true);
    expect(deepEqual({ a: null }, {})).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
  });

  it("saves settings as typed, refuses the fixture's refusals, keeps the token by the rule", async () => {
    const b = mockBackend();
    const events: Event[] = [];
    b.onEvent((e) => events.push(e));
    expect(await b.call("settings", {})).toEqual(fixtures.settings);
    const base = fixtures.settings_refusals[0].input as SettingsInput;
    await expect(b.call("save_settings", { input: base })).rejects.toMatchObject({ field: "poll_seconds" });
    const unreachable = { ...base, poll_seconds: "10", database_url: "postgres://u@unreachable/db" };
    await expect(b.call("save_settings", { input: unreachable })).rejects.toEqual(fixtures.database_unreachable);

    const input: SettingsInput = { ...base, display_currency: "eur", poll_seconds: "15", telegram_chat_id: "@desk", telegram_bot_token: "1:x", theme: "dark" };
    const saved = await b.call("save_settings", { input });
    expect(saved).toMatchObject({ display_currency: "EUR", poll_seconds: 15, database_url: null, telegram_chat_id: "@desk", telegram_token_set: true, theme: "dark" });
    expect(events).toEqual([{ kind: "settings", ...saved }]);
    expect((await b.call("save_settings", { input: { ...input, telegram_bot_token: null } })).telegram_token_set).toBe(true);
    expect((await b.call("save_settings", { input: { ...input, telegram_bot_token: "" } })).telegram_token_set).toBe(false);
    expect(await b.call("settings", {})).toMatchObject({ poll_seconds: 15, telegram_token_set: false });
  });

  it("tests connections and notifications, pauses and resumes alerts", async () => {
    const b = mockBackend();
    expect((await b.call("test_database", { url: "sqlite:///tmp/x.db" })).server).toMatch(/SQLite/);
    expect((await b.call("test_database", { url: "postgres://h/db" })).server).toMatch(/PostgreSQL/);
    await expect(b.call("test_database", { url: "postgres://unreachable@h/db" })).rejects.toMatchObject({ field: "database_url" });
    await expect(b.call("test_redis", { url: "redis://unreachable" })).rejects.toMatchObject({ field: "redis_url", message: /redis/ });
    expect(await b.call("send_test_notification", {})).toBeNull();

    const events: Event[] = [];
    b.onEvent((e) => events.push(e));
    const paused = await b.call("pause_alerts", { minutes: 60 });
    expect(Date.parse(paused.alerts_paused_until!) - Date.now()).toBeGreaterThan(59 * 60_000);
    expect((await b.call("resume_alerts", {})).alerts_paused_until).toBeNull();
    expect(events.map((e) => e.kind)).toEqual(["feed", "feed"]);
    window.__mock!.openAlert(4);
    expect(events.at(-1)).toEqual({ kind: "open_alert", alert_id: 4 });
  });
});

const ledger = fixtures.ledger as unknown as {
  inputs: HoldingInput[];
  sales: { input: SaleInput }[];
  by_method: Record<Method, { valuation: Valuation; summary: Summary; transactions: Transaction[] }>;
  oversell: ErrorBody;
};

/** A valuation less the rows' timestamps (the mock stamps its own). */
function untimed(v: Valuation) {
  return { ...v, holdings: v.holdings.map(({ created_at: _c, updated_at: _u, ...row }) => row) };
}

describe("mock backend: sales and the ledger fixture", () => {
  it("adds the ledger's buys and sales as typed and answers every method's fixture", async () => {
    const b = mockBackend();
    const events: Event[] = [];
    b.onEvent((e) => events.push(e));
    for (const input of ledger.inputs) await b.call("add_holding", { input });
    const first = await b.call("sell", { input: ledger.sales[0].input });
    expect(first).toMatchObject({ id: 1, symbol: "BTC", amount: "0.6" });
    // One sale of two: no fixture for the holdings, a resync instead of a guess.
    expect(events.at(-1)).toEqual({ kind: "resync" });
    await expect(b.call("portfolio", {})).rejects.toMatchObject({ code: "validation", message: /no fixture/ });
    expect((await b.call("transactions", {})).map((t) => `${t.kind}-${t.id}`)).toEqual(["buy-1", "buy-2", "buy-3", "sell-1"]);

    await b.call("sell", { input: ledger.sales[1].input });
    const pushed = events.at(-1);
    expect(pushed?.kind).toBe("portfolio");
    expect(untimed(pushed as Valuation)).toEqual({ kind: "portfolio", ...untimed(ledger.by_method.fifo.valuation) });
    expect(untimed(await b.call("portfolio", {}))).toEqual(untimed(ledger.by_method.fifo.valuation));
    for (const method of ["fifo", "lifo", "hifo", "average"] as const) {
      expect(untimed(await b.call("portfolio_with", { method }))).toEqual(untimed(ledger.by_method[method].valuation));
      expect(await b.call("portfolio_summary", { method })).toEqual(ledger.by_method[method].summary);
    }
    expect(await b.call("transactions", {})).toEqual(ledger.by_method.fifo.transactions);
  });

  it("refuses an oversell with the fixture's error, and a second recording of a sale", async () => {
    const b = mockBackend();
    window.__mock!.seedLedger();
    const oversell = { ...ledger.sales[0].input, amount: "5" };
    await expect(b.call("sell", { input: oversell })).rejects.toEqual({ code: "validation", field: "amount", message: expect.stringContaining("would sell more") });
    await expect(b.call("sell", { input: ledger.sales[0].input })).rejects.toMatchObject({ field: null, message: /no fixture/ });
  });

  it("removes a sale, and refuses to remove a buy a sale sells from", async () => {
    // The ledger's buys alone have no valuation fixture: listed unpriced, with a warning.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const b = mockBackend();
    const controls = window.__mock!;
    controls.seedLedger();
    const sells = (await b.call("transactions", {})).filter((t) => t.kind === "sell");
    expect(sells.map((t) => t.id)).toEqual([1, 2]);
    await expect(b.call("remove_holding", { id: 1 })).rejects.toMatchObject({ code: "validation", field: null });
    await b.call("remove_sale", { id: 2 });
    await b.call("remove_sale", { id: 1 });
    await expect(b.call("remove_sale", { id: 1 })).rejects.toMatchObject({ code: "not_found" });
    // Back to the buys alone: the fixture's buy rows, no valuation fixture.
    expect((await b.call("transactions", {})).map((t) => t.kind)).toEqual(["buy", "buy", "buy"]);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it("summarises a book of single buys from its valuation, and flags stale rates", async () => {
    const b = mockBackend();
    await b.call("add_holding", { input: BTC_BINANCE });
    const v = await b.call("portfolio_with", { method: "hifo" });
    expect(v.method).toBe("hifo");
    const s = await b.call("portfolio_summary", { method: "hifo" });
    expect(s.assets).toEqual([expect.objectContaining({ symbol: "BTC", value_usd: v.holdings[0].value_usd, realized_pnl_usd: "0" })]);
    expect(s.total.value_eur).toBe(v.total_value.eur);
    expect((await b.call("transactions", {}))[0]).toMatchObject({ kind: "buy", id: 1, date: "2024-01-15", rates: v.holdings[0].purchase_rates });
    window.__mock!.staleRates();
    expect((await b.call("portfolio", {})).rates_now?.stale).toBe(true);
    expect((await b.call("portfolio_summary", { method: "fifo" })).rates_now?.stale).toBe(true);
  });
});

const REQUEST: ChartRequest = { symbol: "BTC", interval: "1m", limit: 500, sma: 20, ema: 50, bollinger: 20, rsi: 14 };

describe("mock backend: markets and charts", () => {
  afterEach(() => vi.useRealTimers());

  it("lists statistics of the watched assets with stored candles", async () => {
    const b = mockBackend();
    const stats = await b.call("market_stats", {});
    expect(stats.map((s) => s.symbol)).toEqual(["BNB", "BTC", "ETH", "SOL"]);
    const btc = stats.find((s) => s.symbol === "BTC")!;
    expect(btc).toMatchObject({ price: "96842.15", last_updated: "2026-11-24T09:30:00Z" });
    expect(btc.change_24h_pct).toMatch(/^-?\d+\.\d{2}$/);
    expect(btc.change_7d_pct).toMatch(/^-?\d+\.\d{2}$/);
    expect(await b.call("market_stats", {})).toEqual(stats);
  });

  it("searches the listing, marks watched assets, refuses bad queries", async () => {
    const b = mockBackend();
    expect(await b.call("search_symbols", { query: "  " })).toEqual([]);
    const hits = await b.call("search_symbols", { query: "b" });
    expect(hits.map((h) => [h.symbol, h.watched])).toEqual([
      ["BCH", false],
      ["BNB", true],
      ["BTC", true],
    ]);
    expect(hits[0]).toMatchObject({ pair: "BCHUSDT", status: "TRADING" });
    await expect(b.call("search_symbols", { query: "BTC/USDT" })).rejects.toMatchObject({ code: "validation", field: "query" });
    window.__mock!.failNextSearch("exchange down");
    await expect(b.call("search_symbols", { query: "B" })).rejects.toEqual({ code: "upstream", field: null, message: "exchange down" });
    expect(await b.call("search_symbols", { query: "B" })).toHaveLength(3);
  });

  it("tracks and untracks, with markets_changed, and refuses what is not traded", async () => {
    const b = mockBackend();
    const events: Event[] = [];
    b.onEvent((e) => events.push(e));
    expect(await b.call("track_symbol", { symbol: "ADA" })).toBeNull();
    // Tracking is an ingest (its statistics, if it has candles), then the lists change.
    expect(events.map((e) => e.kind)).toEqual(["history_changed", "markets_changed"]);
    expect(await b.call("tracked_symbols", {})).toEqual(["ADA", "BNB", "BTC", "ETH", "SOL"]);
    expect((await b.call("search_symbols", { query: "ADA" }))[0].watched).toBe(true);
    expect((await b.call("tracked_prices", {})).find((p) => p.symbol === "ADA")).toEqual({ symbol: "ADA", price: null, at: null });
    // No candles yet: no statistics until a backfill (or the collector) stores some.
    expect((await b.call("market_stats", {})).map((s) => s.symbol)).not.toContain("ADA");
    events.length = 0;
    await b.call("refresh_prices", {});
    expect(events.map((e) => e.kind)).toEqual(["feed", "prices", "history_changed"]);
    expect((await b.call("tracked_prices", {})).find((p) => p.symbol === "ADA")?.price).toBe("0.6123");

    await b.call("untrack_symbol", { symbol: "SOL" });
    expect(await b.call("tracked_symbols", {})).not.toContain("SOL");
    expect((await b.call("market_stats", {})).map((s) => s.symbol)).not.toContain("SOL");
    expect(events.filter((e) => e.kind === "markets_changed")).toHaveLength(1);

    await expect(b.call("track_symbol", { symbol: "LUNA" })).rejects.toEqual({
      code: "unknown_symbol",
      field: "symbol",
      message: "symbol LUNA: LUNAUSDT is not trading (status BREAK)",
    });
    await expect(b.call("track_symbol", { symbol: "NOPE" })).rejects.toMatchObject({ code: "unknown_symbol", message: /does not list NOPEUSDT/ });
  });

  it("a price tick sends prices, stores the newest 1-minute close, then sends history_changed", async () => {
    const b = mockBackend();
    const events: Event[] = [];
    b.onEvent((e) => events.push(e));
    window.__mock!.emitPrices({ BTC: "97000.5" });
    expect(events).toEqual([{ kind: "prices", prices: { BTC: "97000.5" }, at: expect.any(String) }, { kind: "history_changed" }]);
    expect((await b.call("chart", { request: REQUEST })).candles.at(-1)?.close).toBe("97000.50");
    expect((await b.call("market_stats", {})).find((s) => s.symbol === "BTC")?.price).toBe("97000.50");
  });

  it("keeps an untracked asset watched while an alert is on it", async () => {
    const b = mockBackend();
    await b.call("add_alert", { input: { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" } });
    await b.call("untrack_symbol", { symbol: "BTC" });
    expect(await b.call("tracked_symbols", {})).not.toContain("BTC");
    expect((await b.call("market_stats", {})).map((s) => s.symbol)).toContain("BTC");
  });

  it("charts stored candles with indicators, rolls 1h up from 1m, and records the requests", async () => {
    const b = mockBackend();
    const c = await b.call("chart", { request: REQUEST });
    expect(c).toMatchObject({ symbol: "BTC", interval: "1m", derived_from: null, last: "2026-11-24T09:29:00Z" });
    expect(c.candles).toHaveLength(500);
    expect(c.candles.at(-1)?.close).toBe("96842.15");
    expect(c.indicators.sma).toHaveLength(500);
    expect(c.indicators.sma[18]).toBeNull();
    expect(c.indicators.sma[19]).toEqual(expect.any(Number));
    expect(c.indicators.rsi[14]).toEqual(expect.any(Number));
    const hours = await b.call("chart", { request: { ...REQUEST, interval: "1h" } });
    expect(hours.derived_from).toBe("1m");
    expect(hours.candles.length).toBe(8 * 24 + 1);
    expect((await b.call("chart", { request: { ...REQUEST, interval: "1d" } })).candles).toHaveLength(365);
    expect(window.__mock!.chartRequests().map((r) => r.interval)).toEqual(["1m", "1h", "1d"]);
    expect((await b.call("chart", { request: { ...REQUEST, symbol: "ADA" } })).candles).toEqual([]);
    await expect(b.call("chart", { request: { ...REQUEST, rsi: 0 } })).rejects.toEqual({ code: "validation", field: "rsi", message: "rsi must be 1 to 1000 (got 0)" });
    await expect(b.call("chart", { request: { ...REQUEST, limit: 20_001 } })).rejects.toMatchObject({ field: "limit" });
  });

  it("backfills with progress on the call's channel, refuses a second one, then charts the new candles", async () => {
    vi.useFakeTimers();
    const b = mockBackend();
    const events: Event[] = [];
    b.onEvent((e) => events.push(e));
    const progress: BackfillProgress[] = [];
    const run = b.call("backfill", { symbol: "ADA", interval: "1h", days: 30, onProgress: (p) => progress.push(p) });
    await expect(b.call("backfill", { symbol: "BTC", interval: "1h", days: 1, onProgress: () => {} })).rejects.toEqual({
      code: "validation",
      field: "symbol",
      message: "symbol a backfill is already running",
    });
    await vi.advanceTimersByTimeAsync(1_000);
    const summary = await run;
    expect(summary).toMatchObject({ interval: "1h", stored: 720, requests: 1, notes: [], stopped: null });
    expect(summary.symbols).toEqual([expect.objectContaining({ symbol: "ADA", stored: 720 })]);
    expect(progress).toEqual([expect.objectContaining({ symbol: "ADA", interval: "1h", page: 1, stored: 720, expected: 720 })]);
    expect(events.at(-1)).toEqual({ kind: "backfill_done", ...summary });
    // Hourly candles: no 1-minute roll-ups or statistics changed.
    expect(events.some((e) => e.kind === "history_changed")).toBe(false);
    const c = await b.call("chart", { request: { ...REQUEST, symbol: "ADA", interval: "1h" } });
    expect(c.candles).toHaveLength(500);
    expect(c.derived_from).toBeNull();
  });

  it("reports pages of a long backfill, and a stop half-way", async () => {
    vi.useFakeTimers();
    const b = mockBackend({ backfillStepMs: 10 });
    const events: Event[] = [];
    b.onEvent((e) => events.push(e));
    window.__mock!.failNextBackfill("rate limited");
    const stored: number[] = [];
    const run = b.call("backfill", { symbol: "DOGE", interval: "1m", days: 7, onProgress: (p) => stored.push(p.stored) });
    await vi.advanceTimersByTimeAsync(100);
    const summary = await run;
    expect(stored).toHaveLength(5);
    expect(stored.at(-1)).toBe(5_040);
    expect(summary).toMatchObject({ stored: 5_040, requests: 6, stopped: "rate limited" });
    // What it stored counts, as history_changed says before the summary.
    expect(events.slice(-2).map((e) => e.kind)).toEqual(["history_changed", "backfill_done"]);
    expect((await b.call("market_stats", {})).map((s) => s.symbol)).not.toContain("DOGE");
    await b.call("track_symbol", { symbol: "DOGE" });
    expect((await b.call("market_stats", {})).find((s) => s.symbol === "DOGE")).toMatchObject({ price: "0.16234", change_7d_pct: null });
    await expect(b.call("backfill", { symbol: "DOGE", interval: "1m", days: 0, onProgress: () => {} })).rejects.toMatchObject({
      field: "days",
      message: "days must be 1 to 3650 (got 0)",
    });
    await expect(b.call("backfill", { symbol: "LUNA", interval: "1m", days: 1, onProgress: () => {} })).rejects.toMatchObject({ code: "unknown_symbol" });
  });
});

describe("mock backend: replays", () => {
  const cases = fixtures.replay.cases as unknown as { request: ReplayRequest; report: unknown }[];
  /** The crossing rule as the form sends it: no nulls, hidden fields absent, the frequency explicit. */
  const CROSSES: AlertInput = { symbol: "BTC", alert_type: "crosses", threshold: "100000", repeat: "every", message: null };
  const request = (input: AlertInput, over: Partial<ReplayRequest> = {}): ReplayRequest => ({ input, interval: "1h", days: 365, intrabar: false, ...over });

  it("serves every case's report as the core computed it", async () => {
    const b = mockBackend();
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(await b.call("replay_alert", { request: c.request })).toEqual(c.report);
  });

  it("matches the rule as add_alert does, for any number of days", async () => {
    const b = mockBackend();
    const report = cases.find((c) => c.request.input.alert_type === "crosses")!.report;
    const form = await b.call("replay_alert", { request: request(CROSSES, { days: 30 }) });
    expect(form).toEqual(report);
    expect(form.fires).toHaveLength(7);
    expect(form.candles).toBe(48);
    // Blank optional fields are not given; an expiry (even a past one) is no part of the rule.
    const blanks = { upper: "", within: " ", rearm_band: "", cooldown: "", expires: "2020-01-01T00:00:00Z" };
    expect(await b.call("replay_alert", { request: request({ ...CROSSES, ...blanks }, { days: 1 }) })).toEqual(report);
    // "once" is the default frequency.
    const above = cases.find((c) => c.request.input.alert_type === "above")!;
    expect(await b.call("replay_alert", { request: request({ symbol: "BTC", alert_type: "above", threshold: "105000", repeat: "once", message: null }) })).toEqual(above.report);
    // The report is a copy: changing it changes no later answer.
    form.fires.length = 0;
    expect((await b.call("replay_alert", { request: request(CROSSES) })).fires).toHaveLength(7);
  });

  it("refuses what add_alert refuses, with the same field errors", async () => {
    const b = mockBackend();
    for (const r of fixtures.alert_refusals) {
      const input = r.input as unknown as AlertInput;
      await expect(b.call("replay_alert", { request: request(input) })).rejects.toEqual(r.error);
      await expect(b.call("add_alert", { input })).rejects.toEqual(r.error);
    }
    await expect(b.call("replay_alert", { request: request({ ...CROSSES, expires: "tomorrow" }) })).rejects.toMatchObject({ field: "expires", message: /RFC 3339/ });
  });

  it("refuses a period under a day and an interval the core has no fixed length for", async () => {
    const b = mockBackend();
    await expect(b.call("replay_alert", { request: request(CROSSES, { days: 0 }) })).rejects.toEqual({ code: "validation", field: "days", message: "days must be at least 1" });
    await expect(b.call("replay_alert", { request: request(CROSSES, { interval: "2x" }) })).rejects.toMatchObject({
      field: "interval",
      message: expect.stringMatching(/^interval must be one of 1m, .*, 1M \(got "2x"\)$/),
    });
    await expect(b.call("replay_alert", { request: request(CROSSES, { interval: "1M" }) })).rejects.toMatchObject({ field: "interval" });
  });

  it("says it has no replay for a rule, an interval or intrabar ticks without a case", () => {
    const none = { code: "validation", field: null, message: expect.stringMatching(/^the browser mock has no replay for this rule/) };
    expect(() => replayFor(request({ ...CROSSES, threshold: "100001" }))).toThrow(expect.objectContaining(none));
    expect(() => replayFor(request({ ...CROSSES, repeat: "once" }))).toThrow(expect.objectContaining(none));
    expect(() => replayFor(request(CROSSES, { interval: "4h" }))).toThrow(expect.objectContaining({ ...none, message: expect.stringContaining("4h candles") }));
    expect(() => replayFor(request(CROSSES, { intrabar: true }))).toThrow(expect.objectContaining({ ...none, message: expect.stringContaining("intrabar") }));
  });
});
