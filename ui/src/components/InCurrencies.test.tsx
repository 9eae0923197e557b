import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { InCurrencies } from "./InCurrencies";

const values = { USD: "6813.09273009", EUR: "-5872.88593333", CZK: null };

describe("InCurrencies", () => {
  it("shows the display currency first, the other two after it, each with its own test id", () => {
    render(<InCurrencies id="pnl" values={values} currency="EUR" signed testid="pnl" />);
    const main = document.getElementById("pnl")!;
    expect(main.textContent).toMatch(/^-€5,872\.89$|^-5\s?872,89\s?€$/u);
    expect(main.getAttribute("data-currency")).toBe("EUR");
    expect(main.className).toContain("text-destructive");
    expect(screen.getByTestId("pnl-USD").textContent).toMatch(/6,?\s?813[.,]09/u);
    expect(screen.getByTestId("pnl-CZK").textContent).toBe("—");
  });

  it("formats percentages in each currency", () => {
    render(<InCurrencies values={{ USD: "39.099", EUR: "39.099", CZK: "0" }} currency="USD" kind="percent" signed testid="pct" />);
    expect(screen.getByTestId("pct-USD").textContent).toMatch(/\+39[.,]1\s?%/u);
    expect(screen.getByTestId("pct-CZK").textContent).toMatch(/^0\s?%$/u);
  });
});
