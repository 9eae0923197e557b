import { describe, expect, it } from "vitest";
import { calendarDate, chartNumber, count, dateTime, isoFromSeconds, measure, money, percent, quantity, rate, timeOfDay, timeTick, trend, unitPrice, volume } from "./format";

const NBSP = "\u00a0";
/** Date formats use (narrow) no-break spaces depending on the ICU version. */
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("money", () => {
  it("rounds to 2 decimals with the currency, per locale", () => {
    expect(money("48421.075", "USD", { locale: "en-US" })).toBe("$48,421.08");
    expect(money("48421.075", "USD", { locale: "cs-CZ" })).toBe(`48${NBSP}421,08${NBSP}US$`);
    expect(money("1500", "CZK", { locale: "cs-CZ" })).toBe(`1${NBSP}500,00${NBSP}Kč`);
    expect(money("150", "EUR", { locale: "en-US" })).toBe("€150.00");
  });

  it("never loses precision on big numbers (no floats)", () => {
    // As a float, 999999999999.99999999 is 1000000000000 already; here the rounding is exact.
    expect(money("999999999999.99999999", "USD", { locale: "en-US" })).toBe("$1,000,000,000,000.00");
    expect(money("999999999999.994", "USD", { locale: "en-US" })).toBe("$999,999,999,999.99");
    expect(money("0.005", "USD", { locale: "en-US" })).toBe("$0.01");
    expect(money("-0.004", "USD", { locale: "en-US" })).toBe("-$0.00");
  });

  it("signs P&L when asked", () => {
    expect(money("33418.575", "USD", { locale: "en-US", signed: true })).toBe("+$33,418.58");
    expect(money("-12.5", "USD", { locale: "en-US", signed: true })).toBe("-$12.50");
    expect(money("0", "USD", { locale: "en-US", signed: true })).toBe("$0.00");
  });

  it("shows unknown values as a dash", () => {
    expect(money(null)).toBe("—");
    expect(money(undefined)).toBe("—");
  });
});

describe("exchange rates", () => {
  it("shows the rate's digits as given, grouped per locale", () => {
    expect(rate("0.862", { locale: "en-US" })).toBe("0.862");
    expect(rate("20.94", { locale: "cs-CZ" })).toBe("20,94");
    expect(rate("25123.123456789", { locale: "en-US" })).toBe("25,123.12345679");
    expect(rate(null)).toBe("—");
  });
});

describe("quantity and unit prices", () => {
  it("keeps up to 8 decimals exactly", () => {
    expect(quantity("999999999999.99999999", { locale: "en-US" })).toBe("999,999,999,999.99999999");
    expect(quantity("999999999999.99999999", { locale: "cs-CZ" })).toBe(`999${NBSP}999${NBSP}999${NBSP}999,99999999`);
    expect(quantity("0.5", { locale: "en-US" })).toBe("0.5");
    expect(quantity(null)).toBe("—");
  });

  it("prices small coins below a cent", () => {
    expect(unitPrice("96842.15", "USD", { locale: "en-US" })).toBe("$96,842.15");
    expect(unitPrice("0.00001234", "USD", { locale: "en-US" })).toBe("$0.00001234");
    expect(unitPrice("30000", "EUR", { locale: "cs-CZ" })).toBe(`30${NBSP}000,00${NBSP}€`);
  });
});

describe("percent", () => {
  it("formats a value already in percent", () => {
    expect(percent("222.75", { locale: "en-US" })).toBe("222.75%");
    expect(percent("222.75", { locale: "cs-CZ" })).toBe(`222,75${NBSP}%`);
    expect(percent("100", { locale: "en-US" })).toBe("100%");
    expect(percent("-3.5", { locale: "en-US", signed: true })).toBe("-3.5%");
    expect(percent("36.50", { locale: "en-US", signed: true })).toBe("+36.5%");
    expect(percent(null)).toBe("—");
  });
});

describe("dates", () => {
  const iso = "2026-11-24T09:30:00Z";

  it("shows UTC timestamps in the given time zone", () => {
    expect(spaces(dateTime(iso, { locale: "en-US", timeZone: "America/New_York" }))).toBe("Nov 24, 2026, 4:30 AM");
    expect(spaces(dateTime(iso, { locale: "cs-CZ", timeZone: "Europe/Prague" }))).toBe("24. 11. 2026 10:30");
    expect(spaces(dateTime(iso, { locale: "en-US", timeZone: "Asia/Tokyo" }))).toBe("Nov 24, 2026, 6:30 PM");
    expect(spaces(timeOfDay(iso, { locale: "en-US", timeZone: "UTC" }))).toBe("9:30:00 AM");
  });

  it("crosses midnight with the zone", () => {
    expect(spaces(dateTime("2026-11-24T23:30:00Z", { locale: "en-US", timeZone: "Europe/Prague" }))).toBe("Nov 25, 2026, 12:30 AM");
  });

  it("keeps calendar dates on their day in every zone", () => {
    expect(spaces(calendarDate("2024-01-15", { locale: "en-US" }))).toBe("Jan 15, 2024");
    expect(spaces(calendarDate("2024-01-15", { locale: "cs-CZ" }))).toBe("15. 1. 2024");
    expect(calendarDate(null)).toBe("—");
  });

  it("passes through what it cannot parse, and shows null as a dash", () => {
    expect(dateTime("not a date")).toBe("not a date");
    expect(dateTime(null)).toBe("—");
  });
});

describe("measurements and trends", () => {
  it("formats timings and counts", () => {
    expect(measure(12.345, "ms", { locale: "en-US" })).toBe("12.3 ms");
    expect(measure(null, "ms")).toBe("—");
    expect(count(1234567, { locale: "en-US" })).toBe("1,234,567");
  });

  it("classifies the sign of a decimal string", () => {
    expect(trend("33418.575")).toBe("gain");
    expect(trend("-0.01")).toBe("loss");
    expect(trend("0.000")).toBe("flat");
    expect(trend("-0")).toBe("flat");
    expect(trend(null)).toBe("flat");
  });
});

describe("market figures", () => {
  it("formats volumes with at most 2 decimals, exactly", () => {
    expect(volume("12345.6789", { locale: "en-US" })).toBe("12,345.68");
    expect(volume("999999999999.995", { locale: "en-US" })).toBe("1,000,000,000,000");
    expect(volume(null)).toBe("—");
  });

  it("formats chart coordinates by magnitude", () => {
    expect(chartNumber(96842.153, { locale: "en-US" })).toBe("96,842.15");
    expect(chartNumber(56.789012, { locale: "en-US" })).toBe("56.789");
    expect(chartNumber(3, { locale: "en-US" })).toBe("3.00");
    expect(chartNumber(0.000012345, { locale: "en-US" })).toBe("0.00001235");
    expect(chartNumber(27.54512, { locale: "en-US", digits: 2 })).toBe("27.55");
    expect(chartNumber(Number.NaN)).toBe("—");
    expect(chartNumber(null)).toBe("—");
  });

  it("labels time-axis ticks in the given zone", () => {
    const t = Date.parse("2026-11-24T23:30:00Z") / 1000;
    expect(timeTick(t, "year", { locale: "en-US", timeZone: "UTC" })).toBe("2026");
    expect(timeTick(t, "month", { locale: "en-US", timeZone: "UTC" })).toBe("Nov");
    expect(timeTick(t, "day", { locale: "en-US", timeZone: "Europe/Prague" })).toBe("Nov 25");
    expect(spaces(timeTick(t, "time", { locale: "en-GB", timeZone: "UTC" }))).toBe("23:30");
    expect(isoFromSeconds(t)).toBe("2026-11-24T23:30:00.000Z");
  });
});
