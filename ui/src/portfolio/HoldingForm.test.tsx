import { QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Args, Backend, Command, HoldingInput, Result } from "@/lib/backend";
import { BackendProvider } from "@/lib/backend-context";
import { createQueryClient } from "@/lib/queries";
import { HoldingForm } from "./HoldingForm";

/** A backend whose add_holding fails (or succeeds) as told, recording the input. */
function fakeBackend(outcome: () => Promise<unknown>) {
  const calls: HoldingInput[] = [];
  const backend: Backend = {
    call<K extends Command>(cmd: K, args: Args<K>): Promise<Result<K>> {
      if (cmd !== "add_holding") return Promise.reject(new Error(`unexpected ${cmd}`));
      calls.push((args as Args<"add_holding">).input);
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
        <HoldingForm />
      </QueryClientProvider>
    </BackendProvider>,
  );
}

const input = (name: string) => document.querySelector<HTMLInputElement>(`#holding-form [name=${name}]`)!;

function fill(values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) fireEvent.change(input(name), { target: { value } });
}

describe("HoldingForm", () => {
  it("shows a backend field error under that input and keeps the input", async () => {
    const { backend, calls } = fakeBackend(() => Promise.reject({ code: "validation", field: "amount", message: "amount must be > 0 (got 0)" }));
    renderForm(backend);
    fill({ symbol: "btc", amount: "0", price: "30000" });
    fireEvent.click(screen.getByRole("button", { name: /add holding/i }));

    const error = await screen.findByText("amount must be > 0 (got 0)");
    expect(error.getAttribute("data-error-for")).toBe("amount");
    expect(error.closest("form")?.id).toBe("holding-form");
    const amount = input("amount");
    expect(amount.getAttribute("aria-invalid")).toBe("true");
    expect(amount.getAttribute("aria-describedby")).toBe(error.id);
    // The error sits with the amount field, not another one.
    expect(amount.parentElement?.contains(error)).toBe(true);
    expect(input("price").getAttribute("aria-invalid")).toBeNull();
    expect(amount.value).toBe("0");
    expect(input("symbol").value).toBe("btc");
    expect(screen.queryByRole("alert")).toBeNull();
    // Symbol as typed; blank optional fields as null.
    expect(calls).toEqual([{ symbol: "btc", amount: "0", price: "30000", currency: "USD", date: null, commission: null, source: null, fx_rate: [] }]);
  });

  it("sends the rates paid as fx_rate items and shows their error under the pair", async () => {
    const { backend, calls } = fakeBackend(() => Promise.reject({ code: "validation", field: "fx_rate", message: 'fx_rate must be > 0 (got "CZK=0")' }));
    renderForm(backend);
    fill({ symbol: "BTC", amount: "1", price: "1", fx_eur: " 0.9214 ", fx_czk: "0" });
    fireEvent.submit(document.querySelector("#holding-form")!);
    const error = await screen.findByText('fx_rate must be > 0 (got "CZK=0")');
    expect(error.getAttribute("data-error-for")).toBe("fx_rate");
    for (const name of ["fx_eur", "fx_czk"]) {
      expect(input(name).getAttribute("aria-invalid")).toBe("true");
      expect(input(name).getAttribute("aria-describedby")).toBe(error.id);
    }
    expect(calls[0].fx_rate).toEqual(["EUR=0.9214", "CZK=0"]);
    expect(screen.getByRole("group", { name: /rate paid/i })).toBeTruthy();
  });

  it("shows an error with no field at form level", async () => {
    const { backend } = fakeBackend(() => Promise.reject({ code: "storage", field: null, message: "database is locked" }));
    renderForm(backend);
    fill({ symbol: "BTC", amount: "1", price: "1" });
    fireEvent.submit(document.querySelector("#holding-form")!);
    expect((await screen.findByRole("alert")).textContent).toBe("database is locked");
    expect(document.querySelectorAll("[aria-invalid=true]")).toHaveLength(0);
  });

  it("resets after a success", async () => {
    const ok = vi.fn(() => Promise.resolve({ id: 1 }));
    const { backend } = fakeBackend(ok);
    renderForm(backend);
    fill({ symbol: "BTC", amount: "1", price: "1", commission: "2.5" });
    fireEvent.submit(document.querySelector("#holding-form")!);
    await waitFor(() => expect(input("symbol").value).toBe(""));
    expect(ok).toHaveBeenCalledOnce();
  });
});
