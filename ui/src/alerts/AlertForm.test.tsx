import { QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AlertInput, Args, Backend, Command, Result } from "@/lib/backend";
import { BackendProvider } from "@/lib/backend-context";
import { createQueryClient } from "@/lib/queries";
import { AlertForm } from "./AlertForm";
import { peekAlertPrefill, prefillAt, setAlertPrefill } from "./alert-prefill";

/** A backend whose add_alert fails (or succeeds) as told, recording the input. */
function fakeBackend(outcome: () => Promise<unknown>) {
  const calls: AlertInput[] = [];
  const backend: Backend = {
    call<K extends Command>(cmd: K, args: Args<K>): Promise<Result<K>> {
      if (cmd !== "add_alert") return Promise.reject(new Error(`unexpected ${cmd}`));
      calls.push((args as Args<"add_alert">).input);
      return outcome() as Promise<Result<K>>;
    },
    onEvent: () => () => {},
  };
  return { backend, calls };
}

function renderForm(backend: Backend) {
  return render(
    <BackendProvider backend={backend}>
      <QueryClientProvider client={createQueryClient()}>
        <AlertForm />
      </QueryClientProvider>
    </BackendProvider>,
  );
}

const control = (name: string) => document.querySelector<HTMLInputElement | HTMLSelectElement>(`#alert-form [name=${name}]`);
const label = (name: string) => document.querySelector(`label[for="${control(name)?.id}"]`)?.textContent;

function fill(values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) fireEvent.change(control(name)!, { target: { value } });
}

describe("AlertForm", () => {
  it("shows the fields each condition and frequency need", () => {
    renderForm(fakeBackend(() => Promise.resolve({})).backend);
    const kinds = [...(control("alert_type") as HTMLSelectElement).options].map((o) => o.value);
    expect(kinds).toEqual(["above", "below", "crosses", "crosses-up", "crosses-down", "enters", "exits", "moves-up", "moves-down"]);
    expect(label("threshold")).toBe("Price (USD)");
    expect(control("upper")).toBeNull();
    expect(control("within")).toBeNull();
    expect(control("rearm_band")).toBeNull();
    expect(control("cooldown")).toBeNull();
    expect(control("expires")?.getAttribute("type")).toBe("datetime-local");

    fill({ alert_type: "exits" });
    expect(label("threshold")).toBe("Low (USD)");
    expect(label("upper")).toBe("High (USD)");
    fill({ alert_type: "moves-up" });
    expect(label("threshold")).toBe("Percent");
    expect(label("within")).toBe("Within");
    expect(control("upper")).toBeNull();

    fill({ repeat: "every" });
    expect(label("rearm_band")).toBe("Re-arm band (%)");
    expect(label("cooldown")).toBe("Cooldown");
    fill({ repeat: "once" });
    expect(control("cooldown")).toBeNull();
  });

  it("shows a backend error under High and keeps what was typed", async () => {
    const { backend, calls } = fakeBackend(() => Promise.reject({ code: "validation", field: "upper", message: "upper LOW must be below HIGH (got 90000 ≥ 80000)" }));
    renderForm(backend);
    fill({ symbol: "BTC", alert_type: "enters", threshold: "90000" });
    fill({ upper: "80000" });
    fireEvent.click(screen.getByRole("button", { name: /add alert/i }));

    const error = await screen.findByText("upper LOW must be below HIGH (got 90000 ≥ 80000)");
    expect(error.getAttribute("data-error-for")).toBe("upper");
    const upper = control("upper")!;
    expect(upper.getAttribute("aria-invalid")).toBe("true");
    expect(upper.getAttribute("aria-describedby")).toBe(error.id);
    expect(upper.parentElement?.contains(error)).toBe(true);
    expect(control("threshold")?.getAttribute("aria-invalid")).toBeNull();
    expect(upper.value).toBe("80000");
    expect(calls).toEqual([{ symbol: "BTC", alert_type: "enters", threshold: "90000", upper: "80000", repeat: "once", message: null }]);
  });

  it("sends an every-time channel with its cooldown, then starts over", async () => {
    const { backend, calls } = fakeBackend(() => Promise.resolve({ id: 1 }));
    renderForm(backend);
    fill({ symbol: "ETH", alert_type: "enters", threshold: "1800" });
    fill({ upper: "2200", repeat: "every" });
    fill({ cooldown: "1h" });
    fireEvent.click(screen.getByRole("button", { name: /add alert/i }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ symbol: "ETH", alert_type: "enters", threshold: "1800", upper: "2200", repeat: "every", cooldown: "1h", message: null });
    // The form resets: back to a price level, once.
    await waitFor(() => expect(control("upper")).toBeNull());
    expect(control("alert_type")?.value).toBe("above");
    expect(control("repeat")?.value).toBe("once");
    expect(control("cooldown")).toBeNull();
    expect(control("symbol")?.value).toBe("");
  });

  it("starts with the rule the chart left, once, and starts blank after adding it", async () => {
    setAlertPrefill(prefillAt("BTC", "96000.00", "96842.15")!);
    const { backend, calls } = fakeBackend(() => Promise.resolve({ id: 1 }));
    const { unmount } = renderForm(backend);
    expect(control("symbol")?.value).toBe("BTC");
    expect(control("alert_type")?.value).toBe("below");
    expect(control("threshold")?.value).toBe("96000.00");
    expect(control("repeat")?.value).toBe("once");
    expect(screen.getByTestId("alert-prefill-note").textContent).toBe("From the BTC chart: check the condition and the price, then add it.");
    // Taken by the form: the next visit starts blank.
    expect(peekAlertPrefill()).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: /add alert/i }));
    await waitFor(() => expect(calls).toEqual([{ symbol: "BTC", alert_type: "below", threshold: "96000.00", repeat: "once", message: null }]));
    await waitFor(() => expect(control("symbol")?.value).toBe(""));
    expect(control("threshold")?.value).toBe("");
    expect(control("alert_type")?.value).toBe("above");
    expect(screen.queryByTestId("alert-prefill-note")).toBeNull();
    unmount();
    renderForm(backend);
    expect(control("symbol")?.value).toBe("");
  });
});
