import { useState } from "react";
import { Table, TableBody, TableEmpty, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Currency, Valuation } from "@/lib/backend";
import { EditHoldingRow } from "./EditHoldingRow";
import { HoldingRow } from "./HoldingRow";
import { HoldingsTotals } from "./HoldingsTotals";
import { methodLabel } from "./methods";
import { SortHeader, type Column } from "./SortHeader";
import { sortHoldings, type Sort, type SortKey } from "./sort";

function columns(currency: Currency, v: Valuation): Column[] {
  return [
    { key: "symbol", label: "Asset" },
    { key: "amount", label: "Bought", numeric: true },
    { key: "remaining", label: `Remaining (${methodLabel(v.method)})`, numeric: true },
    { key: "price_buy", label: "Buy price", numeric: true },
    { key: "current_price", label: "Price (USD)", numeric: true },
    { key: "value", label: `Value (${currency})`, numeric: true },
    { key: "cost", label: `Cost (${currency})`, numeric: true },
    { key: "pnl", label: `P&L (${currency})`, numeric: true },
    { key: "pnl_pct", label: "P&L %", numeric: true },
    { key: "purchase_date", label: "Date" },
    { key: "source", label: "Source" },
  ];
}

/** Every buy with what is left of it under the valuation's method, and the totals in all three currencies. */
export function HoldingsTable({ valuation, currency = "USD" }: { valuation: Valuation; currency?: Currency }) {
  const [sort, setSort] = useState<Sort | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const onSort = (key: SortKey) =>
    setSort((s) => (s?.key !== key ? { key, dir: "ascending" } : s.dir === "ascending" ? { key, dir: "descending" } : null));
  const cols = columns(currency, valuation);
  const colSpan = cols.length + 1;
  const rows = sortHoldings(valuation.holdings, sort, currency);
  return (
    <Table id="holdings" aria-label="Holdings" data-testid="holdings-table" data-currency={currency} data-method={valuation.method}>
      <TableHeader>
        <TableRow>
          {cols.map((c) => (
            <SortHeader key={c.key} column={c} sort={sort} onSort={onSort} />
          ))}
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 && <TableEmpty colSpan={colSpan}>No holdings yet: add one above.</TableEmpty>}
        {rows.map((h) =>
          editing === h.id ? (
            <EditHoldingRow key={h.id} holding={h} colSpan={colSpan} onDone={() => setEditing(null)} />
          ) : (
            <HoldingRow key={h.id} h={h} currency={currency} onEdit={() => setEditing(h.id)} />
          ),
        )}
      </TableBody>
      <TableFooter>
        <HoldingsTotals valuation={valuation} currency={currency} trailing={4} />
      </TableFooter>
    </Table>
  );
}
