import { QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Args, Backend, Command, Result, SaleInput } from "@/lib/backend";
import fixtures from "@/lib/backend/fixtures.json";
import { BackendProvider } from "@/lib/backend-context";
import { createQueryClient } from "@/lib/queries";
import { SellForm } from "./SellForm";

/** A backend whose sell answers as told, recording the input. */
function fakeBackend(outcome: () => Promise<unknown>) {
  const calls: SaleInput[] = [];
  const backend: Backend = {
    call<K extends Command>(cmd: K, args: Args<K>): Promise<Result<K>> {
      if (cmd !== "sell") return Promise.reject(new Error(`unexpected ${cmd}`));
      calls.push((args as Args<"sell">).input);
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
        <SellForm />
      </QueryClientProvider>
    </BackendProvider>,
  );
}

const input = (name: string) => document.querySelector<HTMLInputElement>(`#sell-form [name=${name}]`)!;

function fill(values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) fireEvent.change(input(name), { target: { value } });
}

describe("SellForm", () => {
  it("shows an oversell at the amount field and keeps what was typed", async () => {
    const { backend, calls } = fakeBackend(() => Promise.reject(fixtures.ledger.oversell));
    renderForm(backend);
    fill({ symbol: "BTC", amount: "5", price: "90000", date: "2025-03-01", source: "Kraken" });
    fireEvent.click(screen.getByRole("button", { name: /record sale/i }));
    const error = await screen.findByTestId("field-error-amount");
    expect(error.textContent).toBe(fixtures.ledger.oversell.message);
    expect(input("amount").getAttribute("aria-invalid")).toBe("true");
    expect(input("amount").value).toBe("5");
    expect(calls).toEqual([
      { symbol: "BTC", amount: "5", price: "90000", currency: "USD", date: "2025-03-01", commission: null, source: "Kraken", fx_rate: [] },
    ]);
  });

  it("resets after a recorded sale", async () => {
    const { backend, calls } = fakeBackend(() => Promise.resolve(fixtures.ledger.sales[1].sale));
    renderForm(backend);
    fill({ symbol: "ETH", amount: "0.5", price: "80000", date: "2025-04-01", fx_czk: "23.5" });
    fireEvent.change(input("currency"), { target: { value: "CZK" } });
    fireEvent.submit(document.querySelector("#sell-form")!);
    await waitFor(() => expect(input("symbol").value).toBe(""));
    expect(calls[0]).toMatchObject({ currency: "CZK", fx_rate: ["CZK=23.5"] });
  });
});
