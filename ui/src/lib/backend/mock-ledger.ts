// The browser mock's buys-and-sales scenario: `fixtures.ledger`, three buys
// and two sales valued by the real core under every cost-basis method. Like
// the rest of the mock this does no money arithmetic: it recognises the
// fixture's state and answers the fixture's figures, and copies fields from
// one fixture shape to another where the core's answer is that copy.

import type { AssetSummary, ErrorBody, Holding, HoldingInput, Method, Sale, SaleInput, Summary, Transaction, Valuation, ValuedHolding } from "./bindings";
import { compareDecimal, isDecimal } from "../decimal";

export interface LedgerFixture {
  inputs: HoldingInput[];
  sales: { input: SaleInput; sale: Sale }[];
  by_method: Record<Method, { valuation: Valuation; summary: Summary; transactions: Transaction[] }>;
  oversell: ErrorBody;
}

/** The method the mock's settings use (the core's default, `CRYPTODESK_COST_BASIS` unset). */
export const DEFAULT_METHOD: Method = "fifo";

/** The keys of a stored buy (a ValuedHolding less its valuation). */
const HOLDING_KEYS = [
  "id",
  "symbol",
  "amount",
  "price_buy",
  "purchase_date",
  "base_currency",
  "purchase_price_eur",
  "purchase_price_czk",
  "source",
  "commission",
  "fx_rate_eur",
  "fx_rate_czk",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof Holding)[];

/** Just the stored-row part of a valued holding. */
export function storedRow(h: ValuedHolding): Holding {
  return Object.fromEntries(HOLDING_KEYS.map((k) => [k, h[k]])) as Holding;
}

/** What `add_holding` stores for each of the ledger's buys (as the core stored them for the fixture). */
export function ledgerHoldings(ledger: LedgerFixture): { input: HoldingInput; value: Holding }[] {
  const rows = ledger.by_method[DEFAULT_METHOD].valuation.holdings;
  return ledger.inputs.map((input, i) => ({ input, value: storedRow(rows[i]) }));
}

/**
 * Which of the ledger's sales are recorded (their indexes, in recording
 * order) when the buys are exactly the ledger's and every recorded sale is
 * one of its sales, each once; null in any other state.
 */
export function ledgerSales(ledger: LedgerFixture, buys: HoldingInput[], sales: SaleInput[], equal: (a: unknown, b: unknown) => boolean): number[] | null {
  if (!equal(buys, ledger.inputs)) return null;
  const found = sales.map((s) => ledger.sales.findIndex((l) => equal(l.input, s)));
  if (found.some((i) => i < 0) || new Set(found).size !== found.length) return null;
  return found;
}

/**
 * Whether a sale sells more than the ledger scenario allows: it is on the day
 * of one of the ledger's sales of the same asset, for more than that sale's
 * amount (the fixture's `oversell` is the core's refusal of 5 BTC there).
 */
export function oversells(ledger: LedgerFixture, input: SaleInput): boolean {
  if (!isDecimal(input.amount)) return false;
  const symbol = input.symbol.trim().toUpperCase();
  return ledger.sales.some(
    (l) => l.input.symbol === symbol && l.input.date === (input.date?.trim() || null) && compareDecimal(input.amount, l.input.amount) > 0,
  );
}

/**
 * The summary of a book without sales where each asset is bought once: per
 * asset the fields of its one valued buy, in total the valuation's totals,
 * nothing realized (the core's empty sums are "0"). Null when it is not such
 * a book.
 */
export function summaryOfBuys(v: Valuation): Summary | null {
  const symbols = v.holdings.map((h) => h.symbol);
  if (new Set(symbols).size !== symbols.length) return null;
  const zero = "0";
  const assets: AssetSummary[] = v.holdings
    .map((h) => ({
      symbol: h.symbol,
      amount: h.remaining,
      current_price: h.current_price,
      cost_usd: h.cost_usd,
      cost_eur: h.cost_eur,
      cost_czk: h.cost_czk,
      value_usd: h.value_usd,
      value_eur: h.value_eur,
      value_czk: h.value_czk,
      unrealized_pnl_usd: h.pnl_usd,
      unrealized_pnl_eur: h.pnl_eur,
      unrealized_pnl_czk: h.pnl_czk,
      realized_pnl_usd: zero,
      realized_pnl_eur: zero,
      realized_pnl_czk: zero,
    }))
    .sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  return {
    method: v.method,
    assets,
    total: {
      cost_usd: v.total_cost.usd,
      cost_eur: v.total_cost.eur,
      cost_czk: v.total_cost.czk,
      value_usd: v.total_value.usd,
      value_eur: v.total_value.eur,
      value_czk: v.total_value.czk,
      unrealized_pnl_usd: v.total_pnl.usd,
      unrealized_pnl_eur: v.total_pnl.eur,
      unrealized_pnl_czk: v.total_pnl.czk,
      realized_pnl_usd: zero,
      realized_pnl_eur: zero,
      realized_pnl_czk: zero,
    },
    unpriced: v.unpriced,
    rates_now: v.rates_now,
  };
}

/** A buy as the transactions list shows it: its stored fields and the rates its valuation used. */
export function buyTransaction(h: ValuedHolding): Transaction {
  return {
    kind: "buy",
    id: h.id,
    symbol: h.symbol,
    amount: h.amount,
    price: h.price_buy,
    currency: h.base_currency,
    // The core dates a buy without a purchase date by when it was recorded.
    date: h.purchase_date ?? h.created_at.slice(0, 10),
    commission: h.commission,
    source: h.source,
    rates: h.purchase_rates,
    fx_rate_eur: h.fx_rate_eur,
    fx_rate_czk: h.fx_rate_czk,
    import_key: h.import_key,
    realized_pnl_usd: null,
    realized_pnl_eur: null,
    realized_pnl_czk: null,
  };
}

/** The core's order of the transactions list: by date, buys before sells, then by id. */
export function byDate(a: Transaction, b: Transaction): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.kind !== b.kind) return a.kind === "buy" ? -1 : 1;
  return a.id - b.id;
}
