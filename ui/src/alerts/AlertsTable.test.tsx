import { QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { NoticeProvider } from "@/app/notices";
import { ConfirmProvider } from "@/components/ui/confirm-dialog";
import type { Alert, Args, Backend, Command, Result } from "@/lib/backend";
import { mockBackend } from "@/lib/backend/mock";
import { BackendProvider } from "@/lib/backend-context";
import { createQueryClient, useCommandQuery } from "@/lib/queries";
import { AlertsTable } from "./AlertsTable";

function Alerts() {
  const alerts = useCommandQuery("alerts");
  return <AlertsTable alerts={alerts.data ?? []} />;
}

function renderTable(backend: Backend) {
  return render(
    <BackendProvider backend={backend}>
      <QueryClientProvider client={createQueryClient()}>
        <NoticeProvider>
          <ConfirmProvider>
            <Alerts />
          </ConfirmProvider>
        </NoticeProvider>
      </QueryClientProvider>
    </BackendProvider>,
  );
}

const row = (id: number) => document.querySelector<HTMLTableRowElement>(`#alerts-table tr[data-id="${id}"]`)!;
const snoozeButton = (id: number) => row(id).querySelector<HTMLButtonElement>("button[data-action=snooze]");

describe("AlertsTable: snoozing", () => {
  it("snoozes an active alert for an hour, shows until when, and unsnoozes it", async () => {
    const backend = mockBackend();
    const a = await backend.call("add_alert", { input: { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" } });
    renderTable(backend);
    await waitFor(() => expect(row(a.id)).not.toBeNull());
    expect(row(a.id).dataset.state).toBe("active");
    expect(snoozeButton(a.id)?.textContent).toBe("Snooze 1h");

    fireEvent.click(snoozeButton(a.id)!);
    await waitFor(() => expect(row(a.id).dataset.state).toBe("snoozed"));
    const stored = (await backend.call("alerts", {}))[0];
    expect(Date.parse(stored.snoozed_until!) - Date.now()).toBeGreaterThan(59 * 60_000);
    const badge = row(a.id).querySelector("[data-status]")!;
    expect(badge.textContent).toMatch(/^Snoozed until /);
    expect(badge.querySelector("time")?.getAttribute("datetime")).toBe(stored.snoozed_until);
    // Still armed: it can be disabled, and the snooze ends with Unsnooze.
    expect(row(a.id).dataset.active).toBe("true");
    expect(within(row(a.id)).getByRole("button", { name: "Disable" })).toBeTruthy();
    expect(snoozeButton(a.id)?.textContent).toBe("Unsnooze");

    fireEvent.click(snoozeButton(a.id)!);
    await waitFor(() => expect(row(a.id).dataset.state).toBe("active"));
    expect(row(a.id).querySelector("[data-status]")?.textContent).toBe("Active");
    expect((await backend.call("alerts", {}))[0].snoozed_until).toBeNull();
  });

  it("offers no snooze on an alert that is off", async () => {
    const backend = mockBackend();
    const a = await backend.call("add_alert", { input: { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" } });
    await backend.call("set_alert_active", { id: a.id, active: false });
    renderTable(backend);
    await waitFor(() => expect(row(a.id)?.dataset.state).toBe("disabled"));
    expect(snoozeButton(a.id)).toBeNull();
  });

  it("shows the alert active again when its snooze ends, without a new list", async () => {
    const backend = mockBackend();
    const a = await backend.call("add_alert", { input: { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" } });
    const soon: Alert = { ...a, snoozed_until: new Date(Date.now() + 300).toISOString() };
    const only: Backend = { ...backend, call: (<K extends Command>(cmd: K, args: Args<K>) => (cmd === "alerts" ? Promise.resolve([soon]) : backend.call(cmd, args))) as Backend["call"] };
    renderTable(only);
    await waitFor(() => expect(row(a.id)?.dataset.state).toBe("snoozed"));
    await waitFor(() => expect(row(a.id).dataset.state).toBe("active"), { timeout: 2_000 });
    expect(snoozeButton(a.id)?.textContent).toBe("Snooze 1h");
  });

  it("shows a refused snooze as a notice, the row as it was", async () => {
    const alert: Alert = {
      id: 7,
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
    const calls: Args<"snooze_alert">[] = [];
    const backend: Backend = {
      call<K extends Command>(cmd: K, args: Args<K>): Promise<Result<K>> {
        if (cmd === "alerts") return Promise.resolve([alert] as Result<K>);
        if (cmd === "snooze_alert") {
          calls.push(args as Args<"snooze_alert">);
          return Promise.reject({ code: "not_found", field: null, message: "alert 7 not found" });
        }
        return Promise.reject(new Error(`unexpected ${cmd}`));
      },
      onEvent: () => () => {},
    };
    renderTable(backend);
    await waitFor(() => expect(snoozeButton(7)).not.toBeNull());
    fireEvent.click(snoozeButton(7)!);
    const notice = await screen.findByRole("alert");
    expect(notice.textContent).toContain("Could not snooze the alert");
    expect(notice.textContent).toContain("alert 7 not found");
    expect(calls).toEqual([{ id: 7, minutes: 60 }]);
    expect(row(7).dataset.state).toBe("active");
  });
});
