import { describe, expect, it } from "vitest";
import { alertInput, EMPTY_ALERT } from "./alert-input";
import { clearAlertPrefill, peekAlertPrefill, prefillAt, prefillValues, setAlertPrefill } from "./alert-prefill";

describe("alert at a price", () => {
  it("is above the last close when the price is higher, else below (the last close itself too)", () => {
    expect(prefillAt("BTC", "97000.00", "96842.15")).toEqual({ symbol: "BTC", alert_type: "above", threshold: "97000.00", source: "the BTC chart" });
    expect(prefillAt("BTC", "96000.50", "96842.15")?.alert_type).toBe("below");
    expect(prefillAt("BTC", "96842.15", "96842.15")?.alert_type).toBe("below");
    // Compared as decimals, not as text or floats.
    expect(prefillAt("DOGE", "0.16235", "0.16234")?.alert_type).toBe("above");
    expect(prefillAt("BTC", "100000.00", "99999.999999999999")?.alert_type).toBe("above");
    expect(prefillAt("BTC", "9.10", "10.9")?.alert_type).toBe("below");
  });

  it("keeps the price string as it is, and refuses what is no decimal", () => {
    expect(prefillAt("ETH", "3412.580000", "3400")?.threshold).toBe("3412.580000");
    expect(prefillAt("BTC", "abc", "96842.15")).toBeNull();
    expect(prefillAt("BTC", "97000", "")).toBeNull();
  });

  it("fills the add form: asset, condition and price, the rest blank", () => {
    const p = prefillAt("BTC", "96842.15", "96842.15")!;
    const values = prefillValues(p);
    expect(values).toEqual({ ...EMPTY_ALERT, symbol: "BTC", alert_type: "below", threshold: "96842.15" });
    // What Add alert then sends.
    expect(alertInput(values)).toEqual({ symbol: "BTC", alert_type: "below", threshold: "96842.15", message: null, repeat: "once" });
  });

  it("is left for the form once: peeking keeps it, clearing takes that one only", () => {
    const first = prefillAt("BTC", "97000.00", "96842.15")!;
    const second = prefillAt("ETH", "3000.00", "3412.58")!;
    setAlertPrefill(first);
    expect(peekAlertPrefill()).toBe(first);
    expect(peekAlertPrefill()).toBe(first);
    setAlertPrefill(second);
    clearAlertPrefill(first);
    expect(peekAlertPrefill()).toBe(second);
    clearAlertPrefill(second);
    expect(peekAlertPrefill()).toBeNull();
  });
});
