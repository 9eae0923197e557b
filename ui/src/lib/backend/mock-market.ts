// Synthetic market data for the browser mock: the exchange's listing, stored
// candles from a seeded random walk, their roll-ups to coarser intervals, the
// Markets page's statistics and the Chart page's indicators.
//
// Unlike the rest of the mock this is computed here, not read from
// fixtures.json: what is stored depends on what the user tracks and
// backfills. It is deterministic (the walk is seeded by asset and interval,
// and anchored at the fixtures' time and prices), so tests see the same
// numbers every run. Prices are integers in units of the asset's price scale
// and volumes in units of 10^-3, so roll-ups and sums are exact; floats appear
// only where the core uses them too (percent changes, indicators).

import { shiftDecimal } from "../decimal";
import type { ChartCandle, ChartIndicators, ChartInterval, MarketStat } from "./bindings";

/** A pair the mock exchange lists against USDT, with the price its walk ends at. */
export interface ListedInfo {
  symbol: string;
  price: string;
  status: string;
}

/** The mock exchange's USDT pairs (the fixtures' prices win for their assets). */
export const LISTING: readonly ListedInfo[] = [
  { symbol: "AAVE", price: "187.60", status: "TRADING" },
  { symbol: "ADA", price: "0.6123", status: "TRADING" },
  { symbol: "ALGO", price: "0.2121", status: "TRADING" },
  { symbol: "APT", price: "5.123", status: "TRADING" },
  { symbol: "ARB", price: "0.3124", status: "TRADING" },
  { symbol: "ATOM", price: "4.512", status: "TRADING" },
  { symbol: "AVAX", price: "24.87", status: "TRADING" },
  { symbol: "BCH", price: "512.40", status: "TRADING" },
  { symbol: "BNB", price: "912.35", status: "TRADING" },
  { symbol: "BTC", price: "96842.15", status: "TRADING" },
  { symbol: "DOGE", price: "0.16234", status: "TRADING" },
  { symbol: "DOT", price: "4.213", status: "TRADING" },
  { symbol: "ETC", price: "16.21", status: "TRADING" },
  { symbol: "ETH", price: "3412.58", status: "TRADING" },
  { symbol: "FIL", price: "2.612", status: "TRADING" },
  { symbol: "LINK", price: "13.42", status: "TRADING" },
  { symbol: "LTC", price: "88.31", status: "TRADING" },
  { symbol: "LUNA", price: "0.1234", status: "BREAK" },
  { symbol: "NEAR", price: "2.734", status: "TRADING" },
  { symbol: "SOL", price: "187.42", status: "TRADING" },
  { symbol: "TRX", price: "0.2612", status: "TRADING" },
  { symbol: "UNI", price: "7.912", status: "TRADING" },
  { symbol: "XLM", price: "0.3011", status: "TRADING" },
  { symbol: "XRP", price: "2.1834", status: "TRADING" },
];

export const STEP_SECONDS: Record<ChartInterval, number> = { "1m": 60, "1h": 3_600, "1d": 86_400 };
export const CANDLES_PER_DAY: Record<ChartInterval, number> = { "1m": 1_440, "1h": 24, "1d": 1 };
/** The finer intervals a chart interval is rolled up from when it is not stored (as the core does). */
export const DERIVED_FROM: Record<ChartInterval, readonly ChartInterval[]> = { "1m": [], "1h": ["1m"], "1d": ["1h", "1m"] };
/** Most candles the mock keeps per asset and interval. */
export const MAX_STORED = 20_000;
/** Most search results, as the core. */
const SEARCH_LIMIT = 20;

const VOLATILITY: Record<ChartInterval, number> = { "1m": 0.0008, "1h": 0.006, "1d": 0.03 };
/** USD traded per candle, roughly. */
const USD_PER_CANDLE: Record<ChartInterval, number> = { "1m": 500_000, "1h": 30_000_000, "1d": 700_000_000 };
const VOLUME_SCALE = 3;
const DAY = 86_400;

/** A candle in integers: prices in units of 10^-scale, volume in units of 10^-3. */
export interface RawCandle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A small seeded generator (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Decimals a price is quoted with (at least 2). */
export function priceScale(price: string): number {
  return Math.max(2, (price.split(".")[1] ?? "").length);
}

/** A decimal string as an integer in units of 10^-scale (rounded). */
export function toScaled(d: string, scale: number): number {
  return Math.round(Number(shiftDecimal(d, scale)));
}

/** An integer in units of 10^-scale as a decimal string with that many decimals. */
export function fromScaled(n: number, scale: number): string {
  const digits = Math.abs(n).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${n < 0 ? "-" : ""}${int}${scale > 0 ? `.${frac}` : ""}`;
}

/** Open time of the newest candle at `step` before `anchor` (the one still open at the anchor). */
export function lastOpen(anchor: number, step: number): number {
  return Math.floor((anchor - 1) / step) * step;
}

/**
 * `count` contiguous candles, oldest first, whose newest closes at `close`.
 * The walk goes backwards from the newest, so a longer walk of the same key
 * ends in exactly the candles of a shorter one.
 */
export function walk(key: string, interval: ChartInterval, close: number, scale: number, anchor: number, count: number): RawCandle[] {
  const rand = seededRandom(hash(`${key}/${interval}`));
  const step = STEP_SECONDS[interval];
  const vol = VOLATILITY[interval];
  const newest = lastOpen(anchor, step);
  const price = close / 10 ** scale;
  const volumeBase = (USD_PER_CANDLE[interval] / price) * 10 ** VOLUME_SCALE;
  const out: RawCandle[] = new Array<RawCandle>(count);
  let c = close;
  for (let k = 0; k < count; k++) {
    const open = Math.max(1, Math.round(c / (1 + vol * (2 * rand() - 1))));
    const high = Math.round(Math.max(open, c) * (1 + vol * rand() * 0.5));
    const low = Math.max(1, Math.round(Math.min(open, c) * (1 - vol * rand() * 0.5)));
    const volume = Math.max(1, Math.round(volumeBase * (0.5 + rand() * 1.5)));
    out[count - 1 - k] = { time: newest - k * step, open, high, low, close: c, volume };
    c = open;
  }
  return out;
}

/** Candles rolled up to `step`-second buckets: first open, highest high, lowest low, last close, summed volume. */
export function rollUp(candles: readonly RawCandle[], step: number): RawCandle[] {
  const out: RawCandle[] = [];
  for (const c of candles) {
    const time = Math.floor(c.time / step) * step;
    const last = out.at(-1);
    if (last && last.time === time) {
      last.high = Math.max(last.high, c.high);
      last.low = Math.min(last.low, c.low);
      last.close = c.close;
      last.volume += c.volume;
    } else {
      out.push({ ...c, time });
    }
  }
  return out;
}

export function toChartCandle(c: RawCandle, scale: number): ChartCandle {
  return {
    time: c.time,
    open: fromScaled(c.open, scale),
    high: fromScaled(c.high, scale),
    low: fromScaled(c.low, scale),
    close: fromScaled(c.close, scale),
    volume: fromScaled(c.volume, VOLUME_SCALE),
  };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

/** `(now − then) / then × 100` with 2 decimals. */
function changePct(now: number, then: number): string {
  const pct = ((now - then) / then) * 100;
  const text = pct.toFixed(2);
  return text === "-0.00" ? "0.00" : text;
}

/** The Markets page's figures from 1-minute candles (contiguous, oldest first), as the core defines them. */
export function marketStat(symbol: string, minutes: readonly RawCandle[], scale: number): MarketStat | null {
  const latest = minutes.at(-1);
  if (!latest) return null;
  const n = minutes.length;
  // A candle closed at or before `t − d` is `d / 60` candles before the latest one.
  const before = (d: number) => minutes[n - 1 - d / 60] as RawCandle | undefined;
  const day = minutes.slice(Math.max(0, n - DAY / 60));
  const dayAgo = before(DAY);
  const weekAgo = before(7 * DAY);
  return {
    symbol,
    price: fromScaled(latest.close, scale),
    change_24h_pct: dayAgo ? changePct(latest.close, dayAgo.close) : null,
    change_7d_pct: weekAgo ? changePct(latest.close, weekAgo.close) : null,
    high_24h: fromScaled(Math.max(...day.map((c) => c.high)), scale),
    low_24h: fromScaled(Math.min(...day.map((c) => c.low)), scale),
    volume_24h: fromScaled(
      day.reduce((sum, c) => sum + c.volume, 0),
      VOLUME_SCALE,
    ),
    last_updated: iso(latest.time + 60),
  };
}

// Indicators over float closes, by the classic (TA-Lib) definitions the core follows.

export function sma(xs: readonly number[], n: number): (number | null)[] {
  let sum = 0;
  return xs.map((x, i) => {
    sum += x - (i >= n ? xs[i - n] : 0);
    return i >= n - 1 ? sum / n : null;
  });
}

/** Seeded with the SMA of the first `n` values. */
export function ema(xs: readonly number[], n: number): (number | null)[] {
  const k = 2 / (n + 1);
  let prev: number | null = null;
  const seed = sma(xs, n);
  return xs.map((x, i) => {
    if (i < n - 1) return null;
    prev = prev === null ? (seed[i] as number) : prev + k * (x - prev);
    return prev;
  });
}

/** Middle band = SMA; bands at ±`k` population standard deviations. */
export function bollinger(xs: readonly number[], n: number, k = 2): { upper: (number | null)[]; middle: (number | null)[]; lower: (number | null)[] } {
  const middle = sma(xs, n);
  const sd = middle.map((m, i) => {
    if (m === null) return null;
    let v = 0;
    for (let j = i - n + 1; j <= i; j++) v += (xs[j] - m) ** 2;
    return Math.sqrt(v / n);
  });
  return {
    upper: middle.map((m, i) => (m === null ? null : m + k * (sd[i] as number))),
    middle,
    lower: middle.map((m, i) => (m === null ? null : m - k * (sd[i] as number))),
  };
}

/** Wilder's RSI: the first value after `n` changes, then Wilder smoothing. */
export function rsi(xs: readonly number[], n: number): (number | null)[] {
  const out: (number | null)[] = xs.map(() => null);
  if (xs.length <= n) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= n; i++) {
    const d = xs[i] - xs[i - 1];
    gain += Math.max(d, 0);
    loss += Math.max(-d, 0);
  }
  gain /= n;
  loss /= n;
  const value = () => (loss === 0 ? 100 : 100 - 100 / (1 + gain / loss));
  out[n] = value();
  for (let i = n + 1; i < xs.length; i++) {
    const d = xs[i] - xs[i - 1];
    gain = (gain * (n - 1) + Math.max(d, 0)) / n;
    loss = (loss * (n - 1) + Math.max(-d, 0)) / n;
    out[i] = value();
  }
  return out;
}

export interface Periods {
  sma: number;
  ema: number;
  bollinger: number;
  rsi: number;
}

export function indicators(closes: readonly number[], p: Periods): ChartIndicators {
  const bands = bollinger(closes, p.bollinger);
  return {
    sma: sma(closes, p.sma),
    ema: ema(closes, p.ema),
    bollinger_upper: bands.upper,
    bollinger_middle: bands.middle,
    bollinger_lower: bands.lower,
    rsi: rsi(closes, p.rsi),
  };
}

/** What the mock exchange and the mock store hold. */
export interface MockMarket {
  find(symbol: string): ListedInfo | undefined;
  /** Listed assets whose ticker starts with `prefix`, the exact match first, at most 20. */
  search(prefix: string): ListedInfo[];
  /** Candles stored for the asset at exactly this interval. */
  stored(symbol: string, interval: ChartInterval): number;
  /** Makes `count` candles stored (a backfill). */
  store(symbol: string, interval: ChartInterval, count: number): void;
  /** The latest `limit` candles at `interval`, rolled up from a finer stored interval when needed. */
  candles(symbol: string, interval: ChartInterval, limit: number): { candles: ChartCandle[]; derivedFrom: ChartInterval | null };
  stat(symbol: string): MarketStat | null;
  /** A poll's price: the close of the newest 1-minute candle, if one is stored. */
  ingest(symbol: string, price: string): void;
}

/**
 * The mock market at `anchor` (epoch seconds): walks end there, at `prices`
 * (else the listing's price); `history` says how many candles are stored at first.
 */
export function createMarket(anchor: number, prices: Record<string, string>, history: Record<string, Partial<Record<ChartInterval, number>>>): MockMarket {
  const stored = new Map<string, number>();
  const cache = new Map<string, RawCandle[]>();
  const latest = new Map<string, string>();
  const key = (symbol: string, interval: ChartInterval) => `${symbol}/${interval}`;
  for (const [symbol, counts] of Object.entries(history)) {
    for (const [interval, count] of Object.entries(counts)) stored.set(key(symbol, interval as ChartInterval), count);
  }
  const find = (symbol: string) => LISTING.find((l) => l.symbol === symbol);
  const anchorPrice = (symbol: string) => prices[symbol] ?? find(symbol)?.price ?? "1.00";
  const scaleOf = (symbol: string) => priceScale(anchorPrice(symbol));
  const count = (symbol: string, interval: ChartInterval) => stored.get(key(symbol, interval)) ?? 0;

  function series(symbol: string, interval: ChartInterval): RawCandle[] {
    const k = key(symbol, interval);
    let s = cache.get(k);
    if (!s) {
      const scale = scaleOf(symbol);
      s = walk(symbol, interval, toScaled(anchorPrice(symbol), scale), scale, anchor, count(symbol, interval));
      const last = s.at(-1);
      const polled = latest.get(symbol);
      if (last && polled !== undefined && interval === "1m") setClose(last, toScaled(polled, scale));
      cache.set(k, s);
    }
    return s;
  }

  return {
    find,
    search(prefix) {
      const p = prefix.trim().toUpperCase();
      return LISTING.filter((l) => l.symbol.startsWith(p))
        .sort((a, b) => Number(a.symbol !== p) - Number(b.symbol !== p) || a.symbol.localeCompare(b.symbol))
        .slice(0, SEARCH_LIMIT);
    },
    stored: count,
    store(symbol, interval, n) {
      stored.set(key(symbol, interval), Math.min(n, MAX_STORED));
      cache.delete(key(symbol, interval));
    },
    candles(symbol, interval, limit) {
      const scale = scaleOf(symbol);
      const out = (raw: RawCandle[]) => raw.slice(-limit).map((c) => toChartCandle(c, scale));
      if (count(symbol, interval) > 0) return { candles: out(series(symbol, interval)), derivedFrom: null };
      const source = DERIVED_FROM[interval].find((s) => count(symbol, s) > 0);
      if (!source) return { candles: [], derivedFrom: null };
      return { candles: out(rollUp(series(symbol, source), STEP_SECONDS[interval])), derivedFrom: source };
    },
    stat(symbol) {
      if (count(symbol, "1m") === 0) return null;
      return marketStat(symbol, series(symbol, "1m"), scaleOf(symbol));
    },
    ingest(symbol, price) {
      latest.set(symbol, price);
      const last = cache.get(key(symbol, "1m"))?.at(-1);
      if (last) setClose(last, toScaled(price, scaleOf(symbol)));
    },
  };
}

function setClose(c: RawCandle, close: number): void {
  c.close = close;
  c.high = Math.max(c.high, close);
  c.low = Math.min(c.low, close);
}
