import type { Currency, Settings, SettingsInput } from "@/lib/backend";

/** The form's field names: SettingsInput's, which are also the backend's `field` names in errors. */
export const SETTINGS_FIELDS = [
  "display_currency",
  "poll_seconds",
  "notifications",
  "database_url",
  "redis_url",
  "telegram_chat_id",
  "telegram_bot_token",
  "start_at_login",
  "start_minimized",
  "theme",
] as const satisfies readonly (keyof SettingsInput)[];

export const CURRENCIES: readonly Currency[] = ["USD", "EUR", "CZK"];

/** Which setting each environment variable of `Settings.overridden` overrides. */
export const OVERRIDE_FIELDS: Readonly<Record<string, (typeof SETTINGS_FIELDS)[number]>> = {
  CRYPTODESK_DISPLAY_CURRENCY: "display_currency",
  CRYPTODESK_POLL_SECONDS: "poll_seconds",
  CRYPTODESK_NOTIFICATIONS: "notifications",
  DATABASE_URL: "database_url",
  REDIS_URL: "redis_url",
  TELEGRAM_CHAT_ID: "telegram_chat_id",
  TELEGRAM_BOT_TOKEN: "telegram_bot_token",
  CRYPTODESK_START_AT_LOGIN: "start_at_login",
  CRYPTODESK_START_MINIMIZED: "start_minimized",
  CRYPTODESK_THEME: "theme",
};

/** What the form holds: text as typed, booleans for the checkboxes. */
export interface SettingsFormValues {
  display_currency: string;
  poll_seconds: string;
  notifications: boolean;
  database_url: string;
  redis_url: string;
  telegram_chat_id: string;
  /** A new token as typed; "" = leave the stored one alone. Never prefilled. */
  telegram_bot_token: string;
  /** "Remove token" is ticked. */
  remove_telegram_token: boolean;
  start_at_login: boolean;
  start_minimized: boolean;
  theme: string;
}

/** The form's starting values for saved settings (the token field always starts empty). */
export function settingsFormValues(s: Settings): SettingsFormValues {
  return {
    display_currency: s.display_currency,
    poll_seconds: String(s.poll_seconds),
    notifications: s.notifications,
    database_url: s.database_url ?? "",
    redis_url: s.redis_url ?? "",
    telegram_chat_id: s.telegram_chat_id ?? "",
    telegram_bot_token: "",
    remove_telegram_token: false,
    start_at_login: s.start_at_login,
    start_minimized: s.start_minimized,
    theme: s.theme,
  };
}

/**
 * The token rule: "Remove token" sends "" (remove), a typed token replaces the
 * stored one, an untouched field sends null (keep it).
 */
export function tokenInput(v: Pick<SettingsFormValues, "telegram_bot_token" | "remove_telegram_token">): string | null {
  if (v.remove_telegram_token) return "";
  return v.telegram_bot_token === "" ? null : v.telegram_bot_token;
}

/** What the backend gets: the values as typed. */
export function settingsInput(v: SettingsFormValues): SettingsInput {
  return {
    display_currency: v.display_currency,
    poll_seconds: v.poll_seconds,
    notifications: v.notifications,
    database_url: v.database_url,
    redis_url: v.redis_url,
    telegram_chat_id: v.telegram_chat_id,
    telegram_bot_token: tokenInput(v),
    start_at_login: v.start_at_login,
    start_minimized: v.start_minimized,
    theme: v.theme,
  };
}

/** Saved settings as an input that changes nothing (token kept), with `changes` applied. */
export function unchangedInput(s: Settings, changes: Partial<SettingsInput> = {}): SettingsInput {
  return { ...settingsInput(settingsFormValues(s)), ...changes };
}

/**
 * New saved settings arrived while the form is open (e.g. the theme was
 * changed in the sidebar): take them for every field the user has not
 * edited, keep the user's edits.
 */
export function mergeSettingsValues(current: SettingsFormValues, before: SettingsFormValues, after: SettingsFormValues): SettingsFormValues {
  const out = { ...current };
  for (const k of Object.keys(after) as (keyof SettingsFormValues)[]) {
    if (current[k] === before[k]) (out as Record<string, unknown>)[k] = after[k];
  }
  return out;
}
