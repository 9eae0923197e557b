import { describe, expect, it } from "vitest";
import type { MarketStat } from "@/lib/backend";
import { changeClass, changeText, changeTrend, changeWord, marketRows } from "./market-rows";

const stat = (symbol: string, price: string): MarketStat => ({
  symbol,
  price,
  change_24h_pct: "1.25",
  change_7d_pct: null,
  high_24h: price,
  low_24h: price,
  volume_24h: "1",
  last_updated: "2026-11-24T09:30:00Z",
});

describe("market rows", () => {
  it("joins statistics, watched prices and tracked assets, by ticker", () => {
    const rows = marketRows(
      [stat("ETH", "3412.58"), stat("BTC", "96842.15")],
      [
        { symbol: "BTC", price: "96900", at: null },
        { symbol: "ADA", price: "0.61", at: null },
      ],
      ["BTC", "DOGE"],
    );
    expect(rows.map((r) => [r.symbol, r.price, r.tracked, r.stat !== null])).toEqual([
      ["ADA", "0.61", false, false],
      ["BTC", "96842.15", true, true],
      ["DOGE", null, true, false],
      ["ETH", "3412.58", false, true],
    ]);
  });

  it("is empty when nothing is watched", () => {
    expect(marketRows([], [], [])).toEqual([]);
  });
});

describe("changes", () => {
  it("shows the sign and colours up green, down red", () => {
    expect(changeText("1.25")).toMatch(/^\+1\.25\s?%$/);
    expect(changeText("-0.40")).toMatch(/^-0\.4\s?%$/);
    expect(changeText("0.00")).toMatch(/^0\s?%$/);
    expect(changeText(null)).toBe("—");
    expect(changeClass("1.25")).toBe("text-gain");
    expect(changeClass("-0.4")).toBe("text-destructive");
    expect(changeClass("0")).toBeUndefined();
    expect([changeTrend("2"), changeTrend("-2"), changeTrend("0"), changeTrend(null)]).toEqual(["up", "down", "flat", "flat"]);
    expect([changeWord("2"), changeWord("-2"), changeWord("0"), changeWord(null)]).toEqual(["up", "down", null, null]);
  });
});
