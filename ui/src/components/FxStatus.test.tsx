import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FxStatus } from "./FxStatus";

const rates = { date: "2026-11-24", rates: { eur: "0.862", czk: "20.94" }, stale: false };

describe("FxStatus", () => {
  it("says when no rate is known yet", () => {
    render(<FxStatus rates={null} />);
    expect(screen.getByTestId("fx-none").textContent).toBe("No FX rates yet");
  });

  it("shows the rates in use, marked stale when the rate service was unreachable", () => {
    const { rerender } = render(<FxStatus rates={rates} />);
    expect(screen.queryByTestId("fx-stale")).toBeNull();
    expect(screen.getByTestId("fx-rates").textContent).toContain("1 USD = 0.862 EUR · 20.94 CZK");
    rerender(<FxStatus rates={{ ...rates, stale: true }} />);
    expect(screen.getByTestId("fx-stale").textContent).toBe("Rates stale");
  });

  it("shows nothing before the valuation is loaded", () => {
    const { container } = render(<FxStatus rates={undefined} />);
    expect(container.textContent).toBe("");
  });
});
