import { describe, expect, it } from "vitest";
import { fromTotal, isCurrency, otherCurrencies, tri } from "./currency";

describe("currency helpers", () => {
  it("picks the three figures of a row by prefix, as given", () => {
    const row = { value_usd: "1.5", value_eur: null, value_czk: "31.41", cost_usd: "0" };
    expect(tri(row, "value")).toEqual({ USD: "1.5", EUR: null, CZK: "31.41" });
  });

  it("keys a Total3 by currency", () => {
    expect(fromTotal({ usd: "24487.3", eur: "21108.0526", czk: null })).toEqual({ USD: "24487.3", EUR: "21108.0526", CZK: null });
  });

  it("lists the other two currencies in order and recognises currencies", () => {
    expect(otherCurrencies("USD")).toEqual(["EUR", "CZK"]);
    expect(otherCurrencies("EUR")).toEqual(["USD", "CZK"]);
    expect(otherCurrencies("CZK")).toEqual(["USD", "EUR"]);
    expect(isCurrency("EUR")).toBe(true);
    expect(isCurrency("eur")).toBe(false);
    expect(isCurrency(null)).toBe(false);
  });
});
