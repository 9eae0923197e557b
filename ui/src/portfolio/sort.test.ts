import { describe, expect, it } from "vitest";
import type { ValuedHolding } from "@/lib/backend";
import { sortHoldings } from "./sort";

function row(id: number, symbol: string, value_usd: string | null, value_eur: string | null = value_usd): ValuedHolding {
  return {
    id,
    symbol,
    amount: "1",
    remaining: "1",
    price_buy: "1",
    purchase_date: null,
    base_currency: "USD",
    purchase_price_eur: null,
    purchase_price_czk: null,
    source: null,
    commission: "0",
    fx_rate_eur: null,
    fx_rate_czk: null,
    import_key: null,
    created_at: "2026-11-24T09:30:00Z",
    updated_at: "2026-11-24T09:30:00Z",
    current_price: null,
    value_usd,
    value_eur,
    value_czk: null,
    cost_usd: null,
    cost_eur: null,
    cost_czk: null,
    pnl_usd: null,
    pnl_eur: null,
    pnl_czk: null,
    pnl_pct: null,
    pnl_pct_usd: null,
    pnl_pct_eur: null,
    pnl_pct_czk: null,
    purchase_rates: null,
  };
}

describe("sortHoldings", () => {
  const rows = [row(1, "BTC", "999999999999.99999999"), row(2, "ETH", "1000000000000"), row(3, "SOL", null), row(4, "ADA", "9.5")];

  it("sorts decimal columns exactly, unknown values last", () => {
    expect(sortHoldings(rows, { key: "value", dir: "ascending" }).map((r) => r.id)).toEqual([4, 1, 2, 3]);
    expect(sortHoldings(rows, { key: "value", dir: "descending" }).map((r) => r.id)).toEqual([2, 1, 4, 3]);
  });

  it("sorts the money columns in the display currency", () => {
    const fx = [row(1, "BTC", "10", "30"), row(2, "ETH", "20", "5"), row(3, "SOL", "30", null)];
    expect(sortHoldings(fx, { key: "value", dir: "ascending" }, "USD").map((r) => r.id)).toEqual([1, 2, 3]);
    expect(sortHoldings(fx, { key: "value", dir: "ascending" }, "EUR").map((r) => r.id)).toEqual([2, 1, 3]);
    expect(sortHoldings(fx, { key: "value", dir: "ascending" }, "CZK").map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it("sorts text columns and keeps the original order without a sort", () => {
    expect(sortHoldings(rows, { key: "symbol", dir: "ascending" }).map((r) => r.symbol)).toEqual(["ADA", "BTC", "ETH", "SOL"]);
    expect(sortHoldings(rows, null).map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });
});
