// An alert's rule as the user reads it: its kind, its words ("enters
// 1,800–2,200", "moves-down 5% within 1h", as the core's Alert::describe),
// its frequency and its state. Decimal strings go through format.ts only.

import type { Alert, AlertEvent, AlertKind } from "@/lib/backend";
import { isDecimal, signOf } from "@/lib/decimal";
import { dateTime, hoursMinutes, quantity, type FormatOptions } from "@/lib/format";

/** Every kind, in the core's order (AlertKind::ALL). */
export const ALERT_KINDS: readonly AlertKind[] = ["above", "below", "crosses", "crosses-up", "crosses-down", "enters", "exits", "moves-up", "moves-down"];

/** The kinds grouped for the form's select, each with what it means. */
export const KIND_GROUPS: readonly { label: string; kinds: readonly { kind: AlertKind; label: string }[] }[] = [
  {
    label: "Level",
    kinds: [
      { kind: "above", label: "At or above a price" },
      { kind: "below", label: "At or below a price" },
    ],
  },
  {
    label: "Crossing",
    kinds: [
      { kind: "crosses", label: "Crosses a price (either way)" },
      { kind: "crosses-up", label: "Crosses a price upward" },
      { kind: "crosses-down", label: "Crosses a price downward" },
    ],
  },
  {
    label: "Channel",
    kinds: [
      { kind: "enters", label: "Enters a channel (low–high)" },
      { kind: "exits", label: "Leaves a channel (low–high)" },
    ],
  },
  {
    label: "Move",
    kinds: [
      { kind: "moves-up", label: "Rises by a percent within a time" },
      { kind: "moves-down", label: "Falls by a percent within a time" },
    ],
  },
];

/** A channel: `threshold` is its LOW, `upper` its HIGH. */
export function isChannel(kind: string): kind is "enters" | "exits" {
  return kind === "enters" || kind === "exits";
}

/** A move: `threshold` is a percent, `within` its window. */
export function isMove(kind: string): kind is "moves-up" | "moves-down" {
  return kind === "moves-up" || kind === "moves-down";
}

/** Which way a kind points, for colouring: rises, falls, or neither. */
export function kindTone(kind: AlertKind): "up" | "down" | "neutral" {
  if (kind === "above" || kind === "crosses-up" || kind === "moves-up") return "up";
  if (kind === "below" || kind === "crosses-down" || kind === "moves-down") return "down";
  return "neutral";
}

/** Seconds as the largest whole unit: 90 → "90s", 900 → "15m", 3600 → "1h", 172800 → "2d" (as the core's duration_text). */
export function durationText(secs: number): string {
  if (secs > 0 && secs % 86_400 === 0) return `${secs / 86_400}d`;
  if (secs > 0 && secs % 3_600 === 0) return `${secs / 3_600}h`;
  if (secs > 0 && secs % 60 === 0) return `${secs / 60}m`;
  return `${secs}s`;
}

export type RuleFields = Pick<Alert, "alert_type" | "threshold_price" | "upper_price" | "within_secs">;

/** The rule in words: "above 100,000", "enters 1,800–2,200", "moves-down 5% within 1h". */
export function ruleWords(a: RuleFields, opts: FormatOptions = {}): string {
  const t = quantity(a.threshold_price, opts);
  if (isChannel(a.alert_type)) return `${a.alert_type} ${t}–${quantity(a.upper_price ?? a.threshold_price, opts)}`;
  if (isMove(a.alert_type)) return `${a.alert_type} ${t}% within ${durationText(a.within_secs ?? 0)}`;
  return `${a.alert_type} ${t}`;
}

/** A fired alert's rule: the words the core recorded, else (older rows) its kind and threshold. */
export function eventRule(e: Pick<AlertEvent, "rule" | "alert_type" | "threshold_price">): string {
  return e.rule ?? `${e.alert_type} ${e.threshold_price}`;
}

const isZero = (d: string) => isDecimal(d) && signOf(d) === 0;

/** "once", or "every" with its re-arm band and cooldown when set: "every, band 1.5%, cooldown 1h". */
export function frequencyWords(a: Pick<Alert, "repeat" | "rearm_band" | "cooldown_secs">, opts: FormatOptions = {}): string {
  if (a.repeat === "once") return "once";
  const parts = ["every"];
  if (!isZero(a.rearm_band)) parts.push(`band ${quantity(a.rearm_band, opts)}%`);
  if (a.cooldown_secs != null) parts.push(`cooldown ${durationText(a.cooldown_secs)}`);
  return parts.join(", ");
}

export type AlertState = "active" | "snoozed" | "fired" | "expired" | "disabled";

export const STATE_LABELS: Record<AlertState, string> = { active: "Active", snoozed: "Snoozed", fired: "Fired", expired: "Expired", disabled: "Disabled" };

/** Whether a snooze ends after `now` (a past or unreadable time is no snooze). */
export function isSnoozed(snoozedUntil: string | null, now: number = Date.now()): boolean {
  if (snoozedUntil === null) return false;
  const until = Date.parse(snoozedUntil);
  return !Number.isNaN(until) && until > now;
}

/**
 * Active, or snoozed (active, but quiet until its snooze ends); fired (off
 * after its one fire); expired (off, its expiry past); else disabled
 * (switched off). A snooze of an alert that is off changes nothing.
 */
export function alertState(a: Pick<Alert, "is_active" | "repeat" | "last_fired_at" | "expires_at" | "snoozed_until">, now: number = Date.now()): AlertState {
  if (a.is_active) return isSnoozed(a.snoozed_until, now) ? "snoozed" : "active";
  if (a.repeat === "once" && a.last_fired_at !== null) return "fired";
  if (a.expires_at !== null && Date.parse(a.expires_at) <= now) return "expired";
  return "disabled";
}

/**
 * A snoozed alert's badge: "Snoozed until 10:30 AM" when the snooze ends
 * today (in the user's time zone), else with the date, "Snoozed until Nov 25,
 * 2026, 10:30 AM".
 */
export function snoozedText(until: string, now: number = Date.now(), opts: FormatOptions = {}): string {
  const day = (t: number) => new Intl.DateTimeFormat("en-CA", { timeZone: opts.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(t);
  const end = Date.parse(until);
  const when = !Number.isNaN(end) && day(end) === day(now) ? hoursMinutes(until, opts) : dateTime(until, opts);
  return `Snoozed until ${when}`;
}
