import { InCurrencies } from "@/components/InCurrencies";
import { TableCell, TableHead, TableRow } from "@/components/ui/table";
import type { Currency, Valuation } from "@/lib/backend";
import { fromTotal } from "@/lib/currency";

/** The totals row: value, cost and P&L in all three currencies (the display currency first). */
export function HoldingsTotals({ valuation, currency, trailing }: { valuation: Valuation; currency: Currency; trailing: number }) {
  return (
    <TableRow data-testid="totals-row">
      <TableHead scope="row" className="text-foreground">
        Total
      </TableHead>
      <TableCell colSpan={4} className="text-xs text-muted-foreground">
        {valuation.unpriced > 0 && `${valuation.unpriced} without a price (not counted)`}
      </TableCell>
      <TableCell className="num">
        <InCurrencies id="total-value" values={fromTotal(valuation.total_value)} currency={currency} testid="total-value" />
      </TableCell>
      <TableCell className="num">
        <InCurrencies id="total-cost" values={fromTotal(valuation.total_cost)} currency={currency} testid="total-cost" />
      </TableCell>
      <TableCell className="num">
        <InCurrencies id="total-pnl" values={fromTotal(valuation.total_pnl)} currency={currency} signed testid="total-pnl" />
      </TableCell>
      <TableCell colSpan={trailing} />
    </TableRow>
  );
}
