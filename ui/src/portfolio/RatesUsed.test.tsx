import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Transaction } from "@/lib/backend";
import fixtures from "@/lib/backend/fixtures.json";
import { RatesUsed } from "./RatesUsed";

const sell = fixtures.ledger.by_method.fifo.transactions.find((t) => t.kind === "sell") as Transaction;

describe("RatesUsed", () => {
  it("shows the rates of the day, unmarked when they are final", () => {
    render(<RatesUsed t={sell} />);
    expect(document.body.textContent).toContain("0.862 EUR · 20.94 CZK");
    expect(screen.queryByText("provisional")).toBeNull();
  });

  it("marks provisional rates and says when the user's own rates were used", () => {
    const t: Transaction = { ...sell, fx_rate_eur: "0.9", rates: { ...sell.rates!, provisional: true } };
    render(<RatesUsed t={t} />);
    expect(screen.getByTestId(`tx-provisional-sell-${sell.id}`).textContent).toBe("provisional");
    expect(document.body.textContent).toContain("as paid");
  });

  it("says when no rate is known for its date yet", () => {
    render(<RatesUsed t={{ ...sell, rates: null }} />);
    expect(document.body.textContent).toBe("not known yet");
  });
});
