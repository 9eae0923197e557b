import { describe, expect, it } from "vitest";
import { bollinger, createMarket, ema, fromScaled, lastOpen, marketStat, rollUp, rsi, sma, toScaled, walk, type RawCandle } from "./mock-market";

const ANCHOR = Date.parse("2026-11-24T09:30:00Z") / 1000;

describe("the mock market's walk", () => {
  it("is deterministic, contiguous, ends at the anchor price, and a longer walk ends in the shorter one", () => {
    const short = walk("BTC", "1m", 9_684_215, 2, ANCHOR, 100);
    const long = walk("BTC", "1m", 9_684_215, 2, ANCHOR, 1_000);
    expect(walk("BTC", "1m", 9_684_215, 2, ANCHOR, 100)).toEqual(short);
    expect(long.slice(-100)).toEqual(short);
    expect(short.at(-1)).toMatchObject({ time: ANCHOR - 60, close: 9_684_215 });
    for (let i = 1; i < long.length; i++) {
      expect(long[i].time - long[i - 1].time).toBe(60);
      expect(long[i].open).toBe(long[i - 1].close);
      expect(long[i].high).toBeGreaterThanOrEqual(Math.max(long[i].open, long[i].close));
      expect(long[i].low).toBeLessThanOrEqual(Math.min(long[i].open, long[i].close));
    }
  });

  it("converts scaled integers exactly", () => {
    expect(fromScaled(9_684_215, 2)).toBe("96842.15");
    expect(fromScaled(5, 5)).toBe("0.00005");
    expect(fromScaled(-1_234, 2)).toBe("-12.34");
    expect(toScaled("0.16234", 5)).toBe(16_234);
    expect(lastOpen(ANCHOR, 3_600)).toBe(ANCHOR - 30 * 60);
  });

  it("rolls candles up into buckets", () => {
    const c = (time: number, open: number, high: number, low: number, close: number): RawCandle => ({ time, open, high, low, close, volume: 10 });
    expect(rollUp([c(0, 5, 9, 4, 6), c(60, 6, 12, 5, 7), c(3_600, 7, 8, 1, 2)], 3_600)).toEqual([
      { time: 0, open: 5, high: 12, low: 4, close: 7, volume: 20 },
      { time: 3_600, open: 7, high: 8, low: 1, close: 2, volume: 10 },
    ]);
  });
});

describe("the mock market's statistics", () => {
  it("compares with the closes 24 h and 7 d before, over the last day's candles", () => {
    const minutes = Array.from({ length: 8 * 1_440 }, (_, i): RawCandle => ({ time: i * 60, open: 100, high: 110, low: 90, close: 100, volume: 1_000 }));
    minutes[minutes.length - 1 - 1_440].close = 80;
    minutes[minutes.length - 1 - 7 * 1_440].close = 200;
    minutes[minutes.length - 1].close = 100;
    minutes[minutes.length - 2].high = 150;
    const s = marketStat("X", minutes, 2);
    expect(s).toMatchObject({ symbol: "X", price: "1.00", change_24h_pct: "25.00", change_7d_pct: "-50.00", high_24h: "1.50", low_24h: "0.90", volume_24h: "1440.000" });
    expect(s?.last_updated).toBe(new Date(minutes.length * 60 * 1000).toISOString().replace(".000Z", "Z"));
    expect(marketStat("X", minutes.slice(-100), 2)).toMatchObject({ change_24h_pct: null, change_7d_pct: null });
    expect(marketStat("X", [], 2)).toBeNull();
  });

  it("keeps what is stored per asset and interval, and rolls up what is not", () => {
    const m = createMarket(ANCHOR, { BTC: "96842.15" }, { BTC: { "1m": 180 } });
    expect(m.candles("BTC", "1m", 50).candles).toHaveLength(50);
    expect(m.candles("BTC", "1m", 50).candles.at(-1)?.close).toBe("96842.15");
    const hours = m.candles("BTC", "1h", 1_000);
    expect(hours.derivedFrom).toBe("1m");
    expect(hours.candles.length).toBeGreaterThanOrEqual(3);
    expect(m.candles("ADA", "1h", 10)).toEqual({ candles: [], derivedFrom: null });
    m.store("ADA", "1h", 48);
    expect(m.candles("ADA", "1h", 1_000)).toMatchObject({ derivedFrom: null });
    expect(m.candles("ADA", "1h", 1_000).candles).toHaveLength(48);
    expect(m.candles("ADA", "1h", 1).candles[0].close).toBe("0.6123");
    m.ingest("BTC", "97000.5");
    expect(m.stat("BTC")?.price).toBe("97000.50");
    expect(m.stat("ADA")).toBeNull();
  });

  it("searches by prefix, the exact match first, at most 20", () => {
    const m = createMarket(ANCHOR, {}, {});
    expect(m.search("a").map((l) => l.symbol)).toEqual(["AAVE", "ADA", "ALGO", "APT", "ARB", "ATOM", "AVAX"]);
    expect(m.search("ada").map((l) => l.symbol)).toEqual(["ADA"]);
    expect(m.search("").length).toBeLessThanOrEqual(20);
    expect(m.find("LUNA")?.status).toBe("BREAK");
  });
});

describe("the mock market's indicators", () => {
  const xs = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0];

  it("warms up with nulls, then follows the classic definitions", () => {
    expect(sma([1, 2, 3, 4], 2)).toEqual([null, 1.5, 2.5, 3.5]);
    expect(ema([1, 2, 3, 4], 2)).toEqual([null, 1.5, 1.5 + (2 / 3) * 1.5, expect.closeTo(3.5, 1e-9)]);
    const b = bollinger([1, 3, 1, 3], 2);
    expect(b.middle).toEqual([null, 2, 2, 2]);
    expect(b.upper).toEqual([null, 4, 4, 4]);
    expect(b.lower).toEqual([null, 0, 0, 0]);
    const r = rsi(xs, 14);
    expect(r.slice(0, 14).every((v) => v === null)).toBe(true);
    expect(r[14]).toBeCloseTo(70.46, 1);
    expect(rsi([1, 2, 3], 2)).toEqual([null, null, 100]);
  });
});
