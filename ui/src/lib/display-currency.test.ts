import { describe, expect, it } from "vitest";
import { effectiveCurrency } from "./display-currency";

describe("effectiveCurrency", () => {
  it("follows the settings until the toggle picks another", () => {
    expect(effectiveCurrency(null, "CZK")).toBe("CZK");
    expect(effectiveCurrency(null, undefined)).toBe("USD");
    expect(effectiveCurrency({ currency: "EUR", over: "USD" }, "USD")).toBe("EUR");
  });

  it("lets a newly saved display currency take over from the toggle", () => {
    expect(effectiveCurrency({ currency: "EUR", over: "USD" }, "CZK")).toBe("CZK");
  });
});
