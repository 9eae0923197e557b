// How far back a backfill from the Chart page reaches.

import type { ChartInterval } from "@/lib/backend";

export const MAX_BACKFILL_DAYS = 3_650;

export type RangeChoice = "1" | "7" | "30" | "365" | "3650" | "custom";

export const RANGE_CHOICES: readonly { value: RangeChoice; label: string }[] = [
  { value: "1", label: "1 day" },
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "365", label: "1 year" },
  { value: "3650", label: "10 years" },
  { value: "custom", label: "Custom…" },
];

/** A range worth its requests at each interval: a week of minutes (about 10 pages), a year of hours, ten years of days. */
export const DEFAULT_RANGE: Record<ChartInterval, RangeChoice> = { "1m": "7", "1h": "365", "1d": "3650" };

/** Days as typed: a whole number from 1 to 3650, else null. */
export function parseDays(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,4}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= MAX_BACKFILL_DAYS ? n : null;
}

/** The days a choice stands for (`custom` reads the typed text). */
export function rangeDays(choice: RangeChoice, customText: string): number | null {
  return choice === "custom" ? parseDays(customText) : Number(choice);
}
