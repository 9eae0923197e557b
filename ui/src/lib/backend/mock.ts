// An in-memory backend for running the UI in a plain browser (browser tests,
// UI work without the Rust shell). It applies the same field rules as the
// core, so error display can be tested, but it is not the app's logic.

import type { Alert, AlertEvent, AlertInput, Backend, BackendError, BackendEvent, FeedStatus, Holding, HoldingInput, ValuedHolding } from "./types.js";

const DECIMAL = /^-?\d{1,12}(\.\d{1,8})?$/;
const PRICES: Record<string, string> = { BTC: "96842.15", ETH: "3412.58", SOL: "187.42", BNB: "912.35" };

function fail(field: string, message: string): never {
  const e: BackendError = { code: "validation", field, message: `${field} ${message}` };
  throw e;
}

function positive(field: string, v: string): string {
  const t = v.trim();
  if (!DECIMAL.test(t)) fail(field, `must be a decimal number with at most 8 decimals (got ${JSON.stringify(t)})`);
  if (!/[1-9]/.test(t) || t.startsWith("-")) fail(field, `must be > 0 (got ${t})`);
  return t;
}

function symbol(v: string): string {
  const s = v.trim().toUpperCase();
  if (!s) fail("symbol", "must not be empty");
  if (!(s in PRICES)) {
    const e: BackendError = { code: "unknown_symbol", field: "symbol", message: `symbol ${s}: the exchange does not list ${s}USDT` };
    throw e;
  }
  return s;
}

function parse(d: string): [bigint, number] {
  const [i, f = ""] = d.split(".");
  return [BigInt(i + f), f.length];
}

function show(v: bigint, scale: number): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(scale + 1, "0");
  const out = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return (neg ? "-" : "") + out;
}

/** Exact product of two decimal strings. */
function mul(a: string, b: string): string {
  const [x, sx] = parse(a);
  const [y, sy] = parse(b);
  return show(x * y, sx + sy);
}

/** Exact sum or difference of decimal strings. */
function add(a: string, b: string, sign = 1n): string {
  const [x, sx] = parse(a);
  const [y, sy] = parse(b);
  const s = Math.max(sx, sy);
  return show(x * 10n ** BigInt(s - sx) + sign * y * 10n ** BigInt(s - sy), s);
}

export function mockBackend(): Backend {
  let nextId = 1;
  const holdings: Holding[] = [];
  const alerts: Alert[] = [];
  const history: AlertEvent[] = [];
  const handlers: ((e: BackendEvent) => void)[] = [];
  const emit = (e: BackendEvent) => handlers.forEach((h) => h(e));
  const now = () => new Date().toISOString();
  const feed: FeedStatus = { last_success_at: now(), last_error: null, stale: false, unknown_symbols: [], cache: "in-process", database: "mock" };
  return {
    async portfolio() {
      const rows: ValuedHolding[] = holdings.map((h) => {
        const price = PRICES[h.symbol] ?? null;
        const value = price ? mul(h.amount, price) : null;
        const cost = h.base_currency === "USD" ? mul(h.amount, h.price_buy) : null;
        const pnl = value && cost ? add(value, cost, -1n) : null;
        return { ...h, current_price: price, value_usd: value, cost_usd: cost, pnl_usd: pnl, pnl_pct: null };
      });
      const sum = (k: "value_usd" | "pnl_usd") => rows.reduce((acc, r) => add(acc, r[k] ?? "0"), "0");
      return { holdings: rows, total_value_usd: sum("value_usd"), total_cost_usd: "0", total_pnl_usd: sum("pnl_usd"), unpriced: 0 };
    },
    async addHolding(i: HoldingInput) {
      const s = symbol(i.symbol);
      const amount = positive("amount", i.amount);
      const price = positive("price", i.price);
      if (!["USD", "EUR", "CZK"].includes(i.currency)) fail("currency", `must be one of USD, EUR, CZK (got ${JSON.stringify(i.currency)})`);
      const h: Holding = {
        id: nextId++, symbol: s, amount, price_buy: price, purchase_date: i.date, base_currency: i.currency as Holding["base_currency"],
        purchase_price_eur: null, purchase_price_czk: null, source: i.source, commission: i.commission ?? "0", created_at: now(), updated_at: now(),
      };
      holdings.push(h);
      emit({ kind: "data_changed" });
      return h;
    },
    async removeHolding(id: number) {
      const at = holdings.findIndex((h) => h.id === id);
      if (at >= 0) holdings.splice(at, 1);
      emit({ kind: "data_changed" });
    },
    async alerts() {
      return alerts.filter((a) => a.is_active);
    },
    async addAlert(i: AlertInput) {
      const s = symbol(i.symbol);
      const threshold = positive("threshold", i.threshold);
      if ((i.message ?? "").length > 500) fail("message", "must be at most 500 characters");
      const a: Alert = { id: nextId++, symbol: s, alert_type: i.alert_type, threshold_price: threshold, message: i.message, is_active: true, created_at: now(), updated_at: now() };
      alerts.unshift(a);
      emit({ kind: "data_changed" });
      return a;
    },
    async removeAlert(id: number) {
      const at = alerts.findIndex((a) => a.id === id);
      if (at >= 0) alerts.splice(at, 1);
      emit({ kind: "data_changed" });
    },
    async alertHistory() {
      return history;
    },
    async feedStatus() {
      return feed;
    },
    async refreshPrices() {
      feed.last_success_at = now();
      emit({ kind: "feed", ...feed });
    },
    onEvent(handler) {
      handlers.push(handler);
    },
  };
}
