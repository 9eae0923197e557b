import { describe, expect, it } from "vitest";
import type { Alert } from "@/lib/backend";
import { alertFormValues, alertInput, EMPTY_ALERT, expiresInstant, localDateTime, shownFields } from "./alert-input";

const alert: Alert = {
  id: 3,
  symbol: "ETH",
  alert_type: "enters",
  threshold_price: "1800",
  message: null,
  is_active: true,
  created_at: "2026-11-24T09:30:00Z",
  updated_at: "2026-11-24T09:30:00Z",
  upper_price: "2200",
  within_secs: null,
  repeat: "every",
  rearm_band: "0",
  cooldown_secs: 3_600,
  expires_at: null,
  last_fired_at: null,
  snoozed_until: null,
};

describe("form → AlertInput", () => {
  it("sends a level's fields only: no upper, window, band or cooldown", () => {
    const input = alertInput({ ...EMPTY_ALERT, symbol: "btc", threshold: "100000", upper: "120000", within: "1h", rearm_band: "2", cooldown: "1h" });
    expect(input).toEqual({ symbol: "btc", alert_type: "above", threshold: "100000", message: null, repeat: "once" });
    expect("upper" in input).toBe(false);
  });

  it("sends a channel's high and a move's window, as typed", () => {
    expect(alertInput({ ...EMPTY_ALERT, symbol: "ETH", alert_type: "enters", threshold: "1800", upper: "2200", within: "1h" })).toEqual({
      symbol: "ETH",
      alert_type: "enters",
      threshold: "1800",
      upper: "2200",
      message: null,
      repeat: "once",
    });
    expect(alertInput({ ...EMPTY_ALERT, symbol: "BTC", alert_type: "moves-down", threshold: "5", within: "1h", upper: "9", message: "falling fast" })).toEqual({
      symbol: "BTC",
      alert_type: "moves-down",
      threshold: "5",
      within: "1h",
      message: "falling fast",
      repeat: "once",
    });
    // A required field left blank still goes, for the backend to name it.
    expect(alertInput({ ...EMPTY_ALERT, alert_type: "exits", threshold: "1" }).upper).toBe("");
  });

  it("sends the band and cooldown only with every, and not when blank", () => {
    expect(alertInput({ ...EMPTY_ALERT, alert_type: "crosses", threshold: "1", repeat: "every", rearm_band: "1.5", cooldown: "15m" })).toMatchObject({ repeat: "every", rearm_band: "1.5", cooldown: "15m" });
    const blank = alertInput({ ...EMPTY_ALERT, threshold: "1", repeat: "every", rearm_band: " ", cooldown: "" });
    expect(Object.keys(blank).sort()).toEqual(["alert_type", "message", "repeat", "symbol", "threshold"]);
  });

  it("sends the expiry as an RFC 3339 UTC instant of the local time typed", () => {
    const input = alertInput({ ...EMPTY_ALERT, threshold: "1", expires: "2026-12-01T10:00" });
    expect(input.expires).toBe(new Date(2026, 11, 1, 10, 0).toISOString());
    expect(input.expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect("expires" in alertInput({ ...EMPTY_ALERT, threshold: "1", expires: "" })).toBe(false);
    expect(expiresInstant("soon")).toBe("soon");
  });

  it("keeps a blank message as null and a typed one as typed", () => {
    expect(alertInput({ ...EMPTY_ALERT, message: "  " }).message).toBeNull();
    expect(alertInput({ ...EMPTY_ALERT, message: " take profit " }).message).toBe(" take profit ");
  });

  it("shows the fields each kind and frequency need", () => {
    expect(shownFields("above", "once")).toEqual({ upper: false, within: false, rearm_band: false, cooldown: false });
    expect(shownFields("exits", "every")).toEqual({ upper: true, within: false, rearm_band: true, cooldown: true });
    expect(shownFields("moves-up", "once")).toEqual({ upper: false, within: true, rearm_band: false, cooldown: false });
  });
});

describe("Alert → edit form", () => {
  it("pre-fills every field, windows and cooldowns as durations", () => {
    expect(alertFormValues(alert)).toEqual({
      symbol: "ETH",
      alert_type: "enters",
      threshold: "1800",
      upper: "2200",
      within: "",
      repeat: "every",
      rearm_band: "",
      cooldown: "1h",
      expires: "",
      message: "",
    });
    const move = alertFormValues({ ...alert, alert_type: "moves-up", threshold_price: "5", upper_price: null, within_secs: 5_400, repeat: "once", cooldown_secs: null, rearm_band: "1.5", message: "up" });
    expect(move).toMatchObject({ within: "90m", upper: "", cooldown: "", rearm_band: "1.5", repeat: "once", message: "up" });
  });

  it("shows the expiry in local time, and sends it back as the same instant", () => {
    const at = new Date(2026, 11, 1, 10, 30).toISOString();
    const values = alertFormValues({ ...alert, expires_at: at });
    expect(values.expires).toBe("2026-12-01T10:30");
    expect(alertInput(values).expires).toBe(at);
    expect(localDateTime(new Date(2026, 0, 2, 3, 4, 5).toISOString())).toBe("2026-01-02T03:04:05");
    expect(localDateTime("nope")).toBe("");
  });

  it("sends an unchanged alert back as the fixture's input", () => {
    expect(alertInput(alertFormValues(alert))).toEqual({ symbol: "ETH", alert_type: "enters", threshold: "1800", upper: "2200", repeat: "every", cooldown: "1h", message: null });
  });
});
