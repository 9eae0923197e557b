import { QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Args, Backend, Command, Result, Settings, SettingsInput } from "@/lib/backend";
import fixtures from "@/lib/backend/fixtures.json";
import { BackendProvider } from "@/lib/backend-context";
import { createQueryClient } from "@/lib/queries";
import { SettingsForm } from "./SettingsForm";

const SETTINGS: Settings = { ...(fixtures.settings as Settings), telegram_token_set: true, overridden: ["DATABASE_URL", "CRYPTODESK_POLL_SECONDS"] };

function setup() {
  const saved: SettingsInput[] = [];
  const backend: Backend = {
    call<K extends Command>(cmd: K, args: Args<K>): Promise<Result<K>> {
      if (cmd !== "save_settings") return Promise.reject(new Error(`unexpected ${cmd}`));
      const { input } = args as Args<"save_settings">;
      saved.push(input);
      return Promise.resolve({ ...SETTINGS, telegram_token_set: input.telegram_bot_token !== "" } as Result<K>);
    },
    onEvent: () => () => {},
  };
  render(
    <BackendProvider backend={backend}>
      <QueryClientProvider client={createQueryClient()}>
        <SettingsForm settings={SETTINGS} />
      </QueryClientProvider>
    </BackendProvider>,
  );
  return saved;
}

const field = (name: string) => document.querySelector<HTMLInputElement>(`#settings-form [name=${name}]`)!;

describe("SettingsForm", () => {
  it("warns about every overriding environment variable, at the top and at its field", () => {
    setup();
    const items = [...document.querySelectorAll("#settings-overridden li")].map((li) => li.getAttribute("data-env"));
    expect(items).toEqual(["DATABASE_URL", "CRYPTODESK_POLL_SECONDS"]);
    expect(screen.getByText("Overridden by DATABASE_URL from the environment.")).toBeTruthy();
    expect(screen.getByText("Overridden by CRYPTODESK_POLL_SECONDS from the environment.")).toBeTruthy();
  });

  it("keeps a stored token by default and sends an empty one for Remove token", async () => {
    const saved = setup();
    expect(field("telegram_bot_token").value).toBe("");
    expect(field("telegram_bot_token").placeholder).toBe("stored in the keyring");
    fireEvent.click(document.querySelector("#save-settings")!);
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].telegram_bot_token).toBeNull();
    await screen.findByText("Saved");

    fireEvent.click(screen.getByLabelText("Remove token"));
    expect(field("telegram_bot_token").disabled).toBe(true);
    fireEvent.click(document.querySelector("#save-settings")!);
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1].telegram_bot_token).toBe("");
  });
});
