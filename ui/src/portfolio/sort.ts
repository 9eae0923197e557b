import type { ValuedHolding } from "@/lib/backend";
import { compareDecimal } from "@/lib/decimal";

export type SortKey = "symbol" | "amount" | "price_buy" | "current_price" | "value_usd" | "pnl_usd" | "pnl_pct" | "purchase_date" | "source";
export type SortDir = "ascending" | "descending";
export interface Sort {
  key: SortKey;
  dir: SortDir;
}

const DECIMAL_KEYS = new Set<SortKey>(["amount", "price_buy", "current_price", "value_usd", "pnl_usd", "pnl_pct"]);


/** Sorts holdings by a column, exactly (decimal strings are compared as decimals, never floats). Unknown values go last. */
export function sortHoldings(rows: readonly ValuedHolding[], sort: Sort | null): ValuedHolding[] {
  if (!sort) return [...rows];
  const { key, dir } = sort;
  const sign = dir === "ascending" ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = x[key];
    const b = y[key];
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
