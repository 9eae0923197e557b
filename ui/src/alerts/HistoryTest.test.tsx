import { QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Alert, Args, Backend, Command, ReplayReport, ReplayRequest, Result } from "@/lib/backend";
import { BackendProvider } from "@/lib/backend-context";
import { mockBackend } from "@/lib/backend/mock";
import { createQueryClient } from "@/lib/queries";
import { AlertForm } from "./AlertForm";
import { EditAlertRow } from "./EditAlertRow";

/** A backend whose replay_alert answers as told, recording the requests. */
function fakeBackend(outcome: (request: ReplayRequest) => Promise<unknown>) {
  const calls: ReplayRequest[] = [];
  const backend: Backend = {
    call<K extends Command>(cmd: K, args: Args<K>): Promise<Result<K>> {
      if (cmd !== "replay_alert") return Promise.reject(new Error(`unexpected ${cmd}`));
      const { request } = args as Args<"replay_alert">;
      calls.push(request);
      return outcome(request) as Promise<Result<K>>;
    },
    onEvent: () => () => {},
  };
  return { backend, calls };
}

function renderWith(backend: Backend, ui = <AlertForm />) {
  return render(
    <BackendProvider backend={backend}>
      <QueryClientProvider client={createQueryClient()}>{ui}</QueryClientProvider>
    </BackendProvider>,
  );
}

const control = (name: string, root = "#alert-form") => document.querySelector<HTMLInputElement | HTMLSelectElement>(`${root} [name=${name}]`)!;

function fill(values: Record<string, string>, root?: string) {
  for (const [name, value] of Object.entries(values)) fireEvent.change(control(name, root), { target: { value } });
}

const testButton = () => screen.getByRole("button", { name: /test on history|testing/i });
const result = () => screen.getByTestId("replay-result");

describe("Test on history", () => {
  it("replays the form's rule on the mock's fixture: the count, the period, the latest fires", async () => {
    renderWith(mockBackend());
    fill({ symbol: "BTC", alert_type: "crosses", threshold: "100000", repeat: "every" });
    expect(control("interval").value).toBe("1h");
    expect(control("days").value).toBe("365");
    expect([...(control("interval") as HTMLSelectElement).options].map((o) => o.value)).toEqual(["15m", "1h", "4h", "1d"]);
    expect([...(control("days") as HTMLSelectElement).options].map((o) => o.value)).toEqual(["30", "90", "365"]);
    fireEvent.click(testButton());

    await within(result()).findByText("Would have fired 7 times in the last 365 days (48 candles)");
    const fires = within(screen.getByTestId("replay-fires")).getAllByRole("listitem");
    // The last five, newest first, prices as the core gave them.
    expect(fires.map((li) => li.getAttribute("data-time"))).toEqual([
      "2026-11-20T07:00:00Z",
      "2026-11-20T00:00:00Z",
      "2026-11-19T18:00:00Z",
      "2026-11-19T12:00:00Z",
      "2026-11-19T07:00:00Z",
    ]);
    expect(fires[0].textContent).toContain("$98,411.00");
    expect(within(result()).getByText("Latest 5 fires, newest first:")).toBeTruthy();
    // Nothing was saved.
    expect(control("symbol").value).toBe("BTC");

    // Another period: the same fixture (its candles are recent).
    fill({ days: "30" });
    await waitFor(() => expect(result().textContent).toBe(""));
    fireEvent.click(testButton());
    await within(result()).findByText("Would have fired 7 times in the last 30 days (48 candles)");
  });

  it("says when the rule would not have fired, and forgets the result when the form changes", async () => {
    const { backend, calls } = fakeBackend(() => Promise.resolve({ fires: [], candles: 2_160, from: "2026-08-26T00:00:00Z", to: "2026-11-24T00:00:00Z" } satisfies ReplayReport));
    renderWith(backend);
    fill({ symbol: "ETH", alert_type: "enters", threshold: "1800" });
    fill({ upper: "2200", interval: "1d", days: "90" });
    fireEvent.click(testButton());
    await within(result()).findByText("Would not have fired in the last 90 days (2,160 candles)");
    expect(screen.queryByTestId("replay-fires")).toBeNull();
    expect(calls).toEqual([{ input: { symbol: "ETH", alert_type: "enters", threshold: "1800", upper: "2200", repeat: "once", message: null }, interval: "1d", days: 90, intrabar: false }]);
    fill({ threshold: "1700" });
    await waitFor(() => expect(result().textContent).toBe(""));
  });

  it("says when the asset has no stored history yet, with the way to its chart", async () => {
    renderWith(fakeBackend(() => Promise.resolve({ fires: [], candles: 0, from: null, to: null } satisfies ReplayReport)).backend);
    fill({ symbol: "sol", threshold: "150" });
    fireEvent.click(testButton());
    await within(result()).findByText("No stored history for SOL yet (1h candles in the last 365 days)");
    expect(within(result()).getByRole("link", { name: "SOL chart" }).getAttribute("href")).toMatch(/\/chart\/SOL$/);
  });

  it("shows that it runs, and the button stays focusable while it does", async () => {
    let answer: (r: ReplayReport) => void = () => {};
    const { backend, calls } = fakeBackend(() => new Promise((resolve) => (answer = resolve)));
    renderWith(backend);
    fill({ symbol: "BTC", threshold: "105000" });
    const button = testButton();
    button.focus();
    fireEvent.click(button);
    await within(result()).findByText("Testing BTC on 1h candles of the last 365 days…");
    expect(result().getAttribute("aria-busy")).toBe("true");
    expect(button.textContent).toBe("Testing…");
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect(document.activeElement).toBe(button);
    // A second press while it runs asks nothing more.
    fireEvent.click(button);
    expect(calls).toHaveLength(1);
    answer({ fires: [{ time: "2026-11-18T15:00:00Z", price: "106411" }], candles: 48, from: "2026-11-18T11:00:00Z", to: "2026-11-20T11:00:00Z" });
    await within(result()).findByText("Would have fired once in the last 365 days (48 candles)");
    expect(within(result()).getByText("Fires, newest first:")).toBeTruthy();
    expect(button.textContent).toBe("Test on history");
    expect(button.getAttribute("aria-disabled")).toBeNull();
    expect(result().getAttribute("aria-busy")).toBeNull();
  });

  it("shows the replay's errors under their field, as a save's", async () => {
    const errors = [
      { code: "validation", field: "threshold", message: "threshold must be > 0 (got 0)" },
      { code: "validation", field: "days", message: "days must be at least 1" },
      { code: "validation", field: null, message: "the browser mock has no replay for this rule on 1h candles (closes)" },
    ];
    let next = 0;
    renderWith(fakeBackend(() => Promise.reject(errors[next++])).backend);
    fill({ symbol: "BTC", threshold: "0" });
    fireEvent.click(testButton());
    const threshold = await screen.findByText("threshold must be > 0 (got 0)");
    expect(threshold.getAttribute("data-error-for")).toBe("threshold");
    expect(control("threshold").getAttribute("aria-invalid")).toBe("true");
    expect(result().textContent).toBe("");

    fireEvent.click(testButton());
    const days = await screen.findByText("days must be at least 1");
    expect(days.getAttribute("data-error-for")).toBe("days");
    expect(control("days").getAttribute("aria-describedby")).toBe(days.id);
    expect(screen.queryByText("threshold must be > 0 (got 0)")).toBeNull();

    fireEvent.click(testButton());
    expect((await screen.findByRole("alert")).textContent).toBe("the browser mock has no replay for this rule on 1h candles (closes)");
  });

  it("tests the rule of an alert being edited", async () => {
    const alert: Alert = {
      id: 4,
      symbol: "BTC",
      alert_type: "moves-down",
      threshold_price: "5",
      message: null,
      is_active: true,
      created_at: "2026-11-24T09:30:00Z",
      updated_at: "2026-11-24T09:30:00Z",
      upper_price: null,
      within_secs: 21_600,
      repeat: "every",
      rearm_band: "0",
      cooldown_secs: null,
      expires_at: null,
      last_fired_at: null,
      snoozed_until: null,
    };
    renderWith(
      mockBackend(),
      <table>
        <tbody>
          <EditAlertRow alert={alert} colSpan={6} onDone={() => {}} />
        </tbody>
      </table>,
    );
    const form = screen.getByRole("form", { name: "Edit BTC alert" });
    expect(within(form).getByRole("button", { name: "Save" })).toBeTruthy();
    fireEvent.click(within(form).getByRole("button", { name: "Test on history" }));
    await within(form).findByText("Would have fired 8 times in the last 365 days (48 candles)");
    await waitFor(() => expect(within(form).getAllByRole("listitem")).toHaveLength(5));
  });
});
