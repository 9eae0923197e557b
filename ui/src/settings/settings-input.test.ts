import { describe, expect, it } from "vitest";
import type { Settings } from "@/lib/backend";
import fixtures from "@/lib/backend/fixtures.json";
import { mergeSettingsValues, settingsFormValues, settingsInput, tokenInput, unchangedInput } from "./settings-input";

const SAVED: Settings = {
  ...(fixtures.settings as Settings),
  display_currency: "EUR",
  poll_seconds: 15,
  database_url: "postgres://me:***@db.example/crypto",
  redis_url: null,
  telegram_chat_id: "@desk",
  telegram_token_set: true,
  theme: "dark",
};

describe("settings input", () => {
  it("round-trips saved settings into an input that changes nothing", () => {
    expect(unchangedInput(SAVED)).toEqual({
      display_currency: "EUR",
      poll_seconds: "15",
      notifications: true,
      // The redacted URL goes back as shown: the backend keeps the stored password.
      database_url: "postgres://me:***@db.example/crypto",
      redis_url: "",
      telegram_chat_id: "@desk",
      telegram_bot_token: null,
      start_at_login: false,
      start_minimized: false,
      theme: "dark",
    });
  });

  it("round-trips the fixture's settings to the fixture refusals' shape", () => {
    const refusal = fixtures.settings_refusals[0].input;
    expect(unchangedInput(fixtures.settings as Settings, { poll_seconds: "0" })).toEqual(refusal);
  });

  it("never prefills the token", () => {
    expect(settingsFormValues(SAVED).telegram_bot_token).toBe("");
    expect(settingsFormValues(SAVED).remove_telegram_token).toBe(false);
  });

  it("applies the token rule: untouched keeps, typed replaces, Remove sends empty", () => {
    expect(tokenInput({ telegram_bot_token: "", remove_telegram_token: false })).toBeNull();
    expect(tokenInput({ telegram_bot_token: "123:abc", remove_telegram_token: false })).toBe("123:abc");
    expect(tokenInput({ telegram_bot_token: "", remove_telegram_token: true })).toBe("");
    expect(tokenInput({ telegram_bot_token: "123:abc", remove_telegram_token: true })).toBe("");
    const v = { ...settingsFormValues(SAVED), telegram_bot_token: "9:x" };
    expect(settingsInput(v).telegram_bot_token).toBe("9:x");
  });

  it("takes new saved values only for fields the user has not edited", () => {
    const before = settingsFormValues(SAVED);
    const edited = { ...before, poll_seconds: "30", telegram_bot_token: "typed" };
    const after = settingsFormValues({ ...SAVED, theme: "light", poll_seconds: 20 });
    expect(mergeSettingsValues(edited, before, after)).toEqual({ ...before, theme: "light", poll_seconds: "30", telegram_bot_token: "typed" });
  });
});
