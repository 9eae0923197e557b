import { QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Router } from "wouter";
import { useHashLocation } from "wouter/use-hash-location";
import { clearAlertPrefill, peekAlertPrefill } from "@/alerts/alert-prefill";
import type { Alert, Args, Backend, Command, ReplayRequest, Result } from "@/lib/backend";
import { BackendProvider } from "@/lib/backend-context";
import { mockBackend } from "@/lib/backend/mock";
import { createQueryClient, queryKey } from "@/lib/queries";
import { ChartScreen } from "./ChartScreen";

const alert = (id: number, over: Partial<Alert>): Alert => ({
  id,
  symbol: "BTC",
  alert_type: "crosses",
  threshold_price: "100000",
  message: null,
  is_active: true,
  created_at: "2026-11-24T09:30:00Z",
  updated_at: "2026-11-24T09:30:00Z",
  upper_price: null,
  within_secs: null,
  repeat: "every",
  rearm_band: "0",
  cooldown_secs: null,
  expires_at: null,
  last_fired_at: null,
  snoozed_until: null,
  ...over,
});

/** The mock's market and replays, with these alerts stored; replay requests recorded. */
function backendWith(alerts: Alert[]) {
  const mock = mockBackend();
  const replays: ReplayRequest[] = [];
  const backend: Backend = {
    call<K extends Command>(cmd: K, args: Args<K>): Promise<Result<K>> {
      if (cmd === "alerts") return Promise.resolve(alerts as Result<K>);
      if (cmd === "replay_alert") replays.push((args as Args<"replay_alert">).request);
      return mock.call(cmd, args);
    },
    onEvent: () => () => {},
  };
  return { backend, replays };
}

function renderChart(backend: Backend, client = createQueryClient()) {
  return render(
    <BackendProvider backend={backend}>
      <QueryClientProvider client={client}>
        <Router hook={useHashLocation}>
          <ChartScreen symbol="BTC" />
        </Router>
      </QueryClientProvider>
    </BackendProvider>,
  );
}

const replayButton = (label: string) => screen.getByRole("button", { name: `Show how often ${label} would have fired` });

describe("Chart page: replayed fires and alerts from a price", () => {
  afterEach(() => {
    localStorage.clear();
    const left = peekAlertPrefill();
    if (left) clearAlertPrefill(left);
  });

  it("shows how often an alert would have fired, and forgets it on another interval or alert", async () => {
    const { backend, replays } = backendWith([alert(1, {}), alert(2, { alert_type: "above", threshold_price: "120000", repeat: "once", message: "take profit" }), alert(3, { symbol: "ETH" })]);
    renderChart(backend);
    await screen.findByTestId("alert-lines");
    // One control per active alert of the asset.
    expect(screen.getAllByTestId("replay-alert")).toHaveLength(2);

    const crossing = replayButton("crosses 100,000");
    fireEvent.click(crossing);
    const caption = await screen.findByTestId("chart-replay-caption");
    // The mock's hourly BTC candles span the fixture's seven fires: all of them are marked.
    expect(caption.textContent).toBe("crosses 100,000 · Would have fired 7 times in the last 365 days (48 candles), marked on the chart");
    expect(caption.getAttribute("data-fires")).toBe("7");
    expect(crossing.getAttribute("aria-pressed")).toBe("true");
    expect(replays).toEqual([{ input: { symbol: "BTC", alert_type: "crosses", threshold: "100000", message: null, repeat: "every" }, interval: "1h", days: 365, intrabar: false }]);

    // A rule the mock has no replay for: its error, in place of the caption.
    fireEvent.click(replayButton("above 120,000"));
    const error = await screen.findByTestId("chart-replay-error");
    expect(error.textContent).toMatch(/^Could not replay above 120,000: the browser mock has no replay for this rule on 1h candles/);
    expect(screen.queryByTestId("chart-replay-caption")).toBeNull();
    expect(crossing.getAttribute("aria-pressed")).toBe("false");

    // Shown again, then gone on another interval.
    fireEvent.click(crossing);
    await screen.findByTestId("chart-replay-caption");
    fireEvent.click(screen.getByTestId("chart-interval-1d"));
    await waitFor(() => expect(screen.queryByTestId("chart-replay-caption")).toBeNull());
    expect(screen.queryByTestId("chart-replay-error")).toBeNull();
    await waitFor(() => expect(replayButton("crosses 100,000").getAttribute("aria-pressed")).toBe("false"));

    // Pressed again when shown: hidden.
    fireEvent.click(screen.getByTestId("chart-interval-1h"));
    fireEvent.click(replayButton("crosses 100,000"));
    await screen.findByTestId("chart-replay-caption");
    fireEvent.click(replayButton("crosses 100,000"));
    await waitFor(() => expect(screen.queryByTestId("chart-replay-caption")).toBeNull());
  });

  it("forgets a replay when its alert is edited or switched off", async () => {
    const client = createQueryClient();
    const crossing = alert(1, {});
    renderChart(backendWith([crossing]).backend, client);
    fireEvent.click(await screen.findByTestId("replay-alert"));
    await screen.findByTestId("chart-replay-caption");
    // A new time stamp alone keeps it.
    act(() => client.setQueryData<Alert[]>(queryKey("alerts"), [{ ...crossing, updated_at: "2026-11-24T10:00:00Z" }]));
    expect(screen.getByTestId("chart-replay-caption")).toBeTruthy();
    act(() => client.setQueryData<Alert[]>(queryKey("alerts"), [{ ...crossing, threshold_price: "101000" }]));
    await waitFor(() => expect(screen.queryByTestId("chart-replay-caption")).toBeNull());

    fireEvent.click(screen.getByTestId("replay-alert"));
    await waitFor(() => expect(screen.queryByTestId("chart-replay-error")).not.toBeNull());
    act(() => client.setQueryData<Alert[]>(queryKey("alerts"), [{ ...crossing, threshold_price: "101000", is_active: false }]));
    await waitFor(() => expect(screen.queryByTestId("chart-replay-error")).toBeNull());
    expect(screen.getByTestId("alert-lines-empty")).toBeTruthy();
  });

  it("opens the Alerts page with an alert at the last price", async () => {
    window.location.hash = "#/chart/BTC";
    renderChart(backendWith([]).backend);
    const button = await screen.findByTestId("alert-at-last");
    await waitFor(() => expect(button.hasAttribute("disabled")).toBe(false));
    fireEvent.click(button);
    // The mock's last BTC close; not above itself, so "below".
    expect(peekAlertPrefill()).toEqual({ symbol: "BTC", alert_type: "below", threshold: "96842.15", source: "the BTC chart" });
    expect(window.location.hash).toBe("#/alerts");
  });
});
