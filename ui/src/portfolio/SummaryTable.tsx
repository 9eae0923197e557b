import { InCurrencies } from "@/components/InCurrencies";
import { Table, TableBody, TableCell, TableEmpty, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Currency, Figures, Summary } from "@/lib/backend";
import { tri } from "@/lib/currency";
import { quantity, unitPrice } from "@/lib/format";

/** Cost, value, unrealized and realized P&L cells of one asset or of the total. */
function FigureCells({ f, currency, testid }: { f: Figures; currency: Currency; testid: string }) {
  return (
    <>
      <TableCell className="num">
        <InCurrencies values={tri(f, "cost")} currency={currency} testid={`${testid}-cost`} />
      </TableCell>
      <TableCell className="num">
        <InCurrencies values={tri(f, "value")} currency={currency} testid={`${testid}-value`} />
      </TableCell>
      <TableCell className="num">
        <InCurrencies values={tri(f, "unrealized_pnl")} currency={currency} signed testid={`${testid}-unrealized`} />
      </TableCell>
      <TableCell className="num">
        <InCurrencies values={tri(f, "realized_pnl")} currency={currency} signed testid={`${testid}-realized`} />
      </TableCell>
    </>
  );
}

/** Per asset and in total, under the summary's method: held, cost, value, unrealized and realized P&L. */
export function SummaryTable({ summary, currency }: { summary: Summary; currency: Currency }) {
  return (
    <Table aria-label="Summary per asset" data-testid="summary-table" data-method={summary.method} data-currency={currency}>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Asset</TableHead>
          <TableHead scope="col" className="text-right">
            Held
          </TableHead>
          <TableHead scope="col" className="text-right">
            Price (USD)
          </TableHead>
          <TableHead scope="col" className="text-right">
            Cost ({currency})
          </TableHead>
          <TableHead scope="col" className="text-right">
            Value ({currency})
          </TableHead>
          <TableHead scope="col" className="text-right">
            Unrealized P&amp;L ({currency})
          </TableHead>
          <TableHead scope="col" className="text-right">
            Realized P&amp;L ({currency})
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {summary.assets.length === 0 && <TableEmpty colSpan={7}>Nothing bought or sold yet.</TableEmpty>}
        {summary.assets.map((a) => (
          <TableRow key={a.symbol} data-testid={`summary-row-${a.symbol}`} data-symbol={a.symbol}>
            <TableHead scope="row" className="font-medium text-foreground">
              {a.symbol}
            </TableHead>
            <TableCell className="num" data-testid={`summary-${a.symbol}-held`}>
              {quantity(a.amount)}
            </TableCell>
            <TableCell className="num">{unitPrice(a.current_price)}</TableCell>
            <FigureCells f={a} currency={currency} testid={`summary-${a.symbol}`} />
          </TableRow>
        ))}
      </TableBody>
      <TableFooter>
        <TableRow data-testid="summary-total">
          <TableHead scope="row" className="text-foreground">
            Total
          </TableHead>
          <TableCell colSpan={2} className="text-xs text-muted-foreground">
            {summary.unpriced > 0 && `${summary.unpriced} without a price (value not counted)`}
          </TableCell>
          <FigureCells f={summary.total} currency={currency} testid="summary-total" />
        </TableRow>
      </TableFooter>
    </Table>
  );
}
