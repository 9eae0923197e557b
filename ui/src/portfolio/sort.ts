import type { Currency, ValuedHolding } from "@/lib/backend";
import { compareDecimal } from "@/lib/decimal";

/** A holdings column; the money ones follow the display currency. */
export type SortKey =
  | "symbol"
  | "amount"
  | "remaining"
  | "price_buy"
  | "current_price"
  | "value"
  | "cost"
  | "pnl"
  | "pnl_pct"
  | "purchase_date"
  | "source";
export type SortDir = "ascending" | "descending";
export interface Sort {
  key: SortKey;
  dir: SortDir;
}

const DECIMAL_KEYS = new Set<SortKey>(["amount", "remaining", "price_buy", "current_price", "value", "cost", "pnl", "pnl_pct"]);

/** The row's value of a column in `currency`. */
export function sortValue(row: ValuedHolding, key: SortKey, currency: Currency): string | null {
  const c = currency.toLowerCase() as "usd" | "eur" | "czk";
  switch (key) {
    case "value":
      return row[`value_${c}`];
    case "cost":
      return row[`cost_${c}`];
    case "pnl":
      return row[`pnl_${c}`];
    case "pnl_pct":
      return row[`pnl_pct_${c}`];
    default:
      return row[key];
  }
}

/**
 * Sorts holdings by a column (its money columns in `currency`), exactly:
 * decimal strings are compared as decimals, never floats. Unknown values go last.
 */
export function sortHoldings(rows: readonly ValuedHolding[], sort: Sort | null, currency: Currency = "USD"): ValuedHolding[] {
  if (!sort) return [...rows];
  const { key, dir } = sort;
  const sign = dir === "ascending" ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = sortValue(x, key, currency);
    const b = sortValue(y, key, currency);
    // Unknown values stay last whatever the direction.
    if (a === null || a === "" || b === null || b === "") {
      const am = a === null || a === "";
      const bm = b === null || b === "";
      return am === bm ? x.id - y.id : am ? 1 : -1;
    }
    const c = DECIMAL_KEYS.has(key) ? compareDecimal(a, b) : a.localeCompare(b);
    return c !== 0 ? sign * c : x.id - y.id;
  });
}
