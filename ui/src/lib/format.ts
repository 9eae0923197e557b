// Display formatting. Decimal strings from Rust go straight into
// Intl.NumberFormat#format(string), which (ES2023) keeps their exact value:
// nothing is ever converted to a float. Timestamps are UTC ISO strings shown
// in the user's time zone.

import { isDecimal, shiftDecimal, signOf } from "./decimal";

/** Locale and time zone; both default to the operating system's. */
export interface FormatOptions {
  locale?: string;
  timeZone?: string;
}

export const EMPTY = "—";

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify([locale ?? null, options]);
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, f);
  }
  return f;
}

function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify([locale ?? null, options]);
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, f);
  }
  return f;
}

/** Formats a decimal string exactly (the cast only tells TypeScript it is numeric text). */
function formatDecimal(d: string, locale: string | undefined, options: Intl.NumberFormatOptions): string {
  return numberFormat(locale, options).format(d.trim() as Intl.StringNumericLiteral);
}

/** Money: 2 decimals with the currency symbol, e.g. "$48,421.08" / "48 421,08 US$". */
export function money(d: string | null | undefined, currency = "USD", opts: FormatOptions & { signed?: boolean } = {}): string {
  if (d == null) return EMPTY;
  return formatDecimal(d, opts.locale, {
    style: "currency",
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: opts.signed ? "exceptZero" : "auto",
  });
}

/** A unit price: at least 2 and up to 8 decimals (small coins cost fractions of a cent). */
export function unitPrice(d: string | null | undefined, currency = "USD", opts: FormatOptions = {}): string {
  if (d == null) return EMPTY;
  return formatDecimal(d, opts.locale, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 8 });
}

/** A quantity of an asset: up to 8 decimals, grouped. */
export function quantity(d: string | null | undefined, opts: FormatOptions = {}): string {
  if (d == null) return EMPTY;
  return formatDecimal(d, opts.locale, { maximumFractionDigits: 8 });
}

/** An exchange rate (units of a currency per 1 USD): up to 8 decimals, grouped ("0.862", "20.94"). */
export function rate(d: string | null | undefined, opts: FormatOptions = {}): string {
  if (d == null) return EMPTY;
  return formatDecimal(d, opts.locale, { maximumFractionDigits: 8 });
}

/** A traded volume: grouped, up to 2 decimals ("12,345.68"). */
export function volume(d: string | null | undefined, opts: FormatOptions = {}): string {
  if (d == null) return EMPTY;
  return formatDecimal(d, opts.locale, { maximumFractionDigits: 2 });
}

/** A percentage given in percent ("222.75" → "222.75%"), 2 decimals at most. */
export function percent(d: string | null | undefined, opts: FormatOptions & { signed?: boolean } = {}): string {
  if (d == null) return EMPTY;
  return formatDecimal(shiftDecimal(d, -2), opts.locale, {
    style: "percent",
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
    signDisplay: opts.signed ? "exceptZero" : "auto",
  });
}

/** A measurement that is a float by nature (timings, rates), e.g. "12.5 ms". */
export function measure(n: number | null | undefined, unit: string, opts: FormatOptions & { digits?: number } = {}): string {
  if (n == null || !Number.isFinite(n)) return EMPTY;
  return `${numberFormat(opts.locale, { maximumFractionDigits: opts.digits ?? 1 }).format(n)} ${unit}`;
}

/**
 * A chart coordinate: a float by nature (axis ticks, indicator values), never
 * money from the core. Decimals shrink as the magnitude grows: 2 from 1,000,
 * 4 from 1, up to 8 below (or at most `digits`).
 */
export function chartNumber(n: number | null | undefined, opts: FormatOptions & { digits?: number } = {}): string {
  if (n == null || !Number.isFinite(n)) return EMPTY;
  const a = Math.abs(n);
  const digits = opts.digits ?? (a >= 1000 ? 2 : a >= 1 ? 4 : 8);
  return numberFormat(opts.locale, { minimumFractionDigits: a >= 1 ? 2 : 0, maximumFractionDigits: digits }).format(n);
}

/** A count, grouped. */
export function count(n: number | null | undefined, opts: FormatOptions = {}): string {
  if (n == null || !Number.isFinite(n)) return EMPTY;
  return numberFormat(opts.locale, { maximumFractionDigits: 0 }).format(n);
}

/** A UTC ISO timestamp in the user's (or the given) time zone. */
export function dateTime(iso: string | null | undefined, opts: FormatOptions = {}): string {
  if (iso == null) return EMPTY;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return dateFormat(opts.locale, { dateStyle: "medium", timeStyle: "short", timeZone: opts.timeZone }).format(t);
}

/** Only the clock time of a UTC ISO timestamp, in the user's (or the given) time zone. */
export function timeOfDay(iso: string | null | undefined, opts: FormatOptions = {}): string {
  if (iso == null) return EMPTY;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return dateFormat(opts.locale, { timeStyle: "medium", timeZone: opts.timeZone }).format(t);
}

/** Hours and minutes of a UTC ISO timestamp ("10:30 AM" / "10:30"), in the user's (or the given) time zone. */
export function hoursMinutes(iso: string | null | undefined, opts: FormatOptions = {}): string {
  if (iso == null) return EMPTY;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return dateFormat(opts.locale, { timeStyle: "short", timeZone: opts.timeZone }).format(t);
}

/** What a time-axis tick shows: the year, the month, the day, or the clock time. */
export type TickUnit = "year" | "month" | "day" | "time" | "seconds";

const TICK_FORMATS: Record<TickUnit, Intl.DateTimeFormatOptions> = {
  year: { year: "numeric" },
  month: { month: "short" },
  day: { day: "numeric", month: "short" },
  time: { hour: "2-digit", minute: "2-digit" },
  seconds: { hour: "2-digit", minute: "2-digit", second: "2-digit" },
};

/** A chart's time-axis label for epoch `seconds`, in the user's (or the given) time zone. */
export function timeTick(seconds: number, unit: TickUnit, opts: FormatOptions = {}): string {
  const t = new Date(seconds * 1000);
  if (Number.isNaN(t.getTime())) return EMPTY;
  return dateFormat(opts.locale, { ...TICK_FORMATS[unit], timeZone: opts.timeZone }).format(t);
}

/** Epoch seconds as a UTC ISO timestamp (what the other formatters take). */
export function isoFromSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** A calendar date "YYYY-MM-DD" (no time zone: it is shown as that same day everywhere). */
export function calendarDate(ymd: string | null | undefined, opts: Pick<FormatOptions, "locale"> = {}): string {
  if (ymd == null || ymd === "") return EMPTY;
  const t = new Date(`${ymd}T00:00:00Z`);
  if (Number.isNaN(t.getTime())) return ymd;
  return dateFormat(opts.locale, { dateStyle: "medium", timeZone: "UTC" }).format(t);
}

/** "gain", "loss" or "flat" for a nullable decimal, for colouring P&L. */
export function trend(d: string | null | undefined): "gain" | "loss" | "flat" {
  if (d == null || !isDecimal(d)) return "flat";
  const s = signOf(d);
  return s > 0 ? "gain" : s < 0 ? "loss" : "flat";
}
