import { describe, expect, it } from "vitest";
import type { Alert } from "@/lib/backend";
import { ALERT_KINDS, alertState, durationText, eventRule, frequencyWords, isSnoozed, KIND_GROUPS, kindTone, ruleWords, snoozedText, STATE_LABELS } from "./alert-rule";

const base: Alert = {
  id: 1,
  symbol: "BTC",
  alert_type: "above",
  threshold_price: "100000",
  message: null,
  is_active: true,
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
};

describe("duration text", () => {
  it("uses the largest whole unit, as the core", () => {
    expect(durationText(90)).toBe("90s");
    expect(durationText(900)).toBe("15m");
    expect(durationText(3_600)).toBe("1h");
    expect(durationText(5_400)).toBe("90m");
    expect(durationText(86_400)).toBe("1d");
    expect(durationText(172_800)).toBe("2d");
    expect(durationText(90_000)).toBe("25h");
    expect(durationText(59)).toBe("59s");
    expect(durationText(0)).toBe("0s");
  });
});

describe("kinds", () => {
  it("offers every kind once, in the core's order, each with a label", () => {
    expect(KIND_GROUPS.flatMap((g) => g.kinds.map((k) => k.kind))).toEqual(ALERT_KINDS);
    expect(KIND_GROUPS.flatMap((g) => g.kinds).every((k) => k.label.length > 0)).toBe(true);
  });
});

describe("rule words", () => {
  it("names a level or crossing and its price", () => {
    expect(ruleWords(base)).toBe("above 100,000");
    expect(ruleWords({ ...base, alert_type: "below", threshold_price: "0.16234" })).toBe("below 0.16234");
    expect(ruleWords({ ...base, alert_type: "crosses-down", threshold_price: "65000.5" })).toBe("crosses-down 65,000.5");
  });

  it("names a channel's low and high, and a move's percent and window", () => {
    expect(ruleWords({ ...base, alert_type: "enters", threshold_price: "1800", upper_price: "2200" })).toBe("enters 1,800–2,200");
    expect(ruleWords({ ...base, alert_type: "exits", threshold_price: "90000", upper_price: "95000" })).toBe("exits 90,000–95,000");
    expect(ruleWords({ ...base, alert_type: "moves-down", threshold_price: "5", within_secs: 3_600 })).toBe("moves-down 5% within 1h");
    expect(ruleWords({ ...base, alert_type: "moves-up", threshold_price: "2.5", within_secs: 900 })).toBe("moves-up 2.5% within 15m");
  });

  it("follows the locale", () => {
    expect(ruleWords({ ...base, alert_type: "enters", threshold_price: "1800.5", upper_price: "2200" }, { locale: "de-DE" })).toBe("enters 1.800,5–2.200");
  });

  it("shows a fired alert's recorded words, else its kind and threshold", () => {
    const e = { alert_type: "above" as const, threshold_price: "100000" };
    expect(eventRule({ ...e, rule: "enters 1800–2200" })).toBe("enters 1800–2200");
    expect(eventRule({ ...e, rule: null })).toBe("above 100000");
  });

  it("colours rises, falls and the rest", () => {
    expect(["above", "crosses-up", "moves-up"].map((k) => kindTone(k as Alert["alert_type"]))).toEqual(["up", "up", "up"]);
    expect(["below", "crosses-down", "moves-down"].map((k) => kindTone(k as Alert["alert_type"]))).toEqual(["down", "down", "down"]);
    expect(["crosses", "enters", "exits"].map((k) => kindTone(k as Alert["alert_type"]))).toEqual(["neutral", "neutral", "neutral"]);
  });
});

describe("frequency and state", () => {
  it("says once, or every with the band and cooldown when set", () => {
    expect(frequencyWords(base)).toBe("once");
    expect(frequencyWords({ ...base, repeat: "every" })).toBe("every");
    expect(frequencyWords({ ...base, repeat: "every", rearm_band: "1.5", cooldown_secs: 3_600 })).toBe("every, band 1.5%, cooldown 1h");
    expect(frequencyWords({ ...base, repeat: "every", rearm_band: "0.00", cooldown_secs: 900 })).toBe("every, cooldown 15m");
  });

  it("tells active, fired, expired and disabled apart", () => {
    const now = Date.parse("2026-11-25T00:00:00Z");
    expect(alertState(base, now)).toBe("active");
    expect(alertState({ ...base, is_active: true, expires_at: "2026-11-24T00:00:00Z" }, now)).toBe("active");
    expect(alertState({ ...base, is_active: false, last_fired_at: "2026-11-24T10:00:00Z" }, now)).toBe("fired");
    expect(alertState({ ...base, is_active: false, expires_at: "2026-11-24T00:00:00Z" }, now)).toBe("expired");
    expect(alertState({ ...base, is_active: false, repeat: "every", last_fired_at: "2026-11-24T10:00:00Z", expires_at: "2026-11-24T12:00:00Z" }, now)).toBe("expired");
    expect(alertState({ ...base, is_active: false, expires_at: "2026-11-26T00:00:00Z" }, now)).toBe("disabled");
    expect(alertState({ ...base, is_active: false, repeat: "every", last_fired_at: "2026-11-24T10:00:00Z" }, now)).toBe("disabled");
  });

  it("is snoozed while active with a snooze that ends after now, else as without one", () => {
    const now = Date.parse("2026-11-25T00:00:00Z");
    expect(alertState({ ...base, snoozed_until: "2026-11-25T01:00:00Z" }, now)).toBe("snoozed");
    expect(alertState({ ...base, snoozed_until: "2026-11-25T00:00:00.001Z" }, now)).toBe("snoozed");
    // Ended (or ending now): active again.
    expect(alertState({ ...base, snoozed_until: "2026-11-25T00:00:00Z" }, now)).toBe("active");
    expect(alertState({ ...base, snoozed_until: "2026-11-24T23:00:00Z" }, now)).toBe("active");
    expect(alertState({ ...base, snoozed_until: "not a time" }, now)).toBe("active");
    expect(alertState({ ...base, snoozed_until: null }, now)).toBe("active");
    // A snooze does not wake an alert that is off.
    expect(alertState({ ...base, is_active: false, snoozed_until: "2026-11-25T01:00:00Z" }, now)).toBe("disabled");
    expect(alertState({ ...base, is_active: false, last_fired_at: "2026-11-24T10:00:00Z", snoozed_until: "2026-11-25T01:00:00Z" }, now)).toBe("fired");
    expect(alertState({ ...base, is_active: false, expires_at: "2026-11-24T00:00:00Z", snoozed_until: "2026-11-25T01:00:00Z" }, now)).toBe("expired");
    // Relative to the real clock by default.
    expect(alertState({ ...base, snoozed_until: new Date(Date.now() + 3_600_000).toISOString() })).toBe("snoozed");
    expect(isSnoozed(new Date(Date.now() - 1_000).toISOString())).toBe(false);
    expect(STATE_LABELS.snoozed).toBe("Snoozed");
  });

  it("says until when a snooze lasts: the time today, else the date too, in the user's time zone", () => {
    const now = Date.parse("2026-11-24T09:30:00Z");
    const utc = { locale: "en-US", timeZone: "UTC" };
    // ICU versions differ in the space before AM.
    const spaces = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
    expect(spaces(snoozedText("2026-11-24T10:30:00Z", now, utc))).toBe("Snoozed until 10:30 AM");
    expect(spaces(snoozedText("2026-11-25T10:30:00Z", now, utc))).toBe("Snoozed until Nov 25, 2026, 10:30 AM");
    // 23:30 UTC is the next day in Prague.
    expect(snoozedText("2026-11-24T23:30:00Z", now, { locale: "en-GB", timeZone: "Europe/Prague" })).toBe("Snoozed until 25 Nov 2026, 00:30");
    expect(snoozedText("2026-11-24T20:00:00Z", now, { locale: "en-GB", timeZone: "Europe/Prague" })).toBe("Snoozed until 21:00");
  });
});
