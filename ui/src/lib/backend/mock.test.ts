import { describe, expect, it } from "vitest";
import type { Event, HoldingInput, SettingsInput } from "./bindings";
import fixtures from "./fixtures.json";
import { deepEqual, mockBackend } from "./mock";

const BTC: HoldingInput = { symbol: "BTC", amount: "0.5", price: "30000", currency: "USD", date: null, commission: null, source: null };
const BTC_BINANCE: HoldingInput = { symbol: "btc", amount: "0.5", price: "30000", currency: "USD", date: "2024-01-15", commission: "2.5", source: "Binance" };

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
