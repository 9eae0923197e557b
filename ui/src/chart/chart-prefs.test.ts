import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_PREFS, defaultSymbol, parsePrefs, readPrefs, savePrefs } from "./chart-prefs";

describe("chart preferences", () => {
  afterEach(() => localStorage.clear());

  it("keeps the usable fields and defaults the rest", () => {
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs({ symbol: "ETH", interval: "1d", overlays: { bollinger: true, sma: "yes" }, periods: { sma: 7, ema: 0, rsi: 2.5 } })).toEqual({
      symbol: "ETH",
      interval: "1d",
      overlays: { ...DEFAULT_PREFS.overlays, bollinger: true },
      periods: { ...DEFAULT_PREFS.periods, sma: 7 },
    });
    expect(parsePrefs({ symbol: "eth; drop", interval: "5m" })).toMatchObject({ symbol: null, interval: DEFAULT_PREFS.interval });
  });

  it("survives a round trip through storage, and broken storage", () => {
    savePrefs({ ...DEFAULT_PREFS, symbol: "SOL" });
    expect(readPrefs().symbol).toBe("SOL");
    localStorage.setItem("cryptodesk.chart", "{not json");
    expect(readPrefs()).toEqual(DEFAULT_PREFS);
  });

  it("opens the last charted asset while it is watched, else the first watched", () => {
    expect(defaultSymbol(["BTC", "ETH"], "ETH")).toBe("ETH");
    expect(defaultSymbol(["BTC", "ETH"], "DOGE")).toBe("BTC");
    expect(defaultSymbol([], null)).toBeNull();
  });
});
