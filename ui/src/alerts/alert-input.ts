import type { Alert, AlertInput, Repeat } from "@/lib/backend";
import { isDecimal, signOf } from "@/lib/decimal";
import { durationText, isChannel, isMove } from "./alert-rule";

/** The form's field names; they are also the backend's `field` names in errors. */
export const ALERT_FIELDS = ["symbol", "alert_type", "threshold", "upper", "within", "repeat", "rearm_band", "cooldown", "expires", "message"] as const;

export type AlertField = (typeof ALERT_FIELDS)[number];

/** The form as typed; `expires` is a datetime-local value ("2026-12-01T10:00", the user's time zone). */
export type AlertFormValues = Record<AlertField, string>;

export const EMPTY_ALERT: AlertFormValues = {
  symbol: "",
  alert_type: "above",
  threshold: "",
  upper: "",
  within: "",
  repeat: "once",
  rearm_band: "",
  cooldown: "",
  expires: "",
  message: "",
};

export const REPEATS: readonly { value: Repeat; label: string }[] = [
  { value: "once", label: "Once" },
  { value: "every", label: "Every time" },
];

/** Which fields a kind and frequency show (the others are neither shown nor sent). */
export function shownFields(alertType: string, repeat: string): Record<"upper" | "within" | "rearm_band" | "cooldown", boolean> {
  const every = repeat === "every";
  return { upper: isChannel(alertType), within: isMove(alertType), rearm_band: every, cooldown: every };
}

/** A datetime-local value (local time) as an RFC 3339 UTC instant; text that is no time goes as typed, for the backend to refuse. */
export function expiresInstant(local: string): string {
  const t = new Date(local.trim());
  return Number.isNaN(t.getTime()) ? local.trim() : t.toISOString();
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as a datetime-local value in the local time zone ("2026-12-01T10:00", seconds only when set). */
export function localDateTime(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return "";
  const day = `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
  const time = `${pad(t.getHours())}:${pad(t.getMinutes())}${t.getSeconds() !== 0 ? `:${pad(t.getSeconds())}` : ""}`;
  return `${day}T${time}`;
}

const blank = (v: string | undefined) => v === undefined || v.trim() === "";

/**
 * What the backend gets: text as typed; a blank message becomes null; the
 * channel's HIGH only for a channel, the window only for a move, the band
 * and cooldown only with "every", and blank optional fields not at all.
 */
export function alertInput(values: Partial<AlertFormValues>): AlertInput {
  const v = { ...EMPTY_ALERT, ...values };
  const shown = shownFields(v.alert_type, v.repeat);
  const input: AlertInput = {
    symbol: v.symbol,
    alert_type: v.alert_type,
    threshold: v.threshold,
    message: blank(v.message) ? null : v.message,
    repeat: v.repeat,
  };
  if (shown.upper) input.upper = v.upper;
  if (shown.within) input.within = v.within;
  if (shown.rearm_band && !blank(v.rearm_band)) input.rearm_band = v.rearm_band;
  if (shown.cooldown && !blank(v.cooldown)) input.cooldown = v.cooldown;
  if (!blank(v.expires)) input.expires = expiresInstant(v.expires);
  return input;
}

/** The alert form's AlertInput (fields not on the form count as blank). */
export function readAlertInput(form: HTMLFormElement): AlertInput {
  const data = new FormData(form);
  const values: Partial<AlertFormValues> = {};
  for (const name of ALERT_FIELDS) {
    const v = data.get(name);
    values[name] = typeof v === "string" ? v : "";
  }
  return alertInput(values);
}

/** An alert as the edit form shows it: windows and cooldowns as "1h", a zero band blank, the expiry in local time. */
export function alertFormValues(a: Alert): AlertFormValues {
  return {
    symbol: a.symbol,
    alert_type: a.alert_type,
    threshold: a.threshold_price,
    upper: a.upper_price ?? "",
    within: a.within_secs != null ? durationText(a.within_secs) : "",
    repeat: a.repeat,
    rearm_band: isDecimal(a.rearm_band) && signOf(a.rearm_band) === 0 ? "" : a.rearm_band,
    cooldown: a.cooldown_secs != null ? durationText(a.cooldown_secs) : "",
    expires: a.expires_at ? localDateTime(a.expires_at) : "",
    message: a.message ?? "",
  };
}

/** Grid of the alert forms (add card and edit row). */
export const ALERT_GRID = "grid grid-cols-2 items-start gap-3 sm:grid-cols-3 lg:grid-cols-6";
