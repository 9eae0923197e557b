import { Table, TableBody, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Currency, Method, Transaction } from "@/lib/backend";
import { methodLabel } from "./methods";
import { TransactionRow } from "./TransactionRow";

/** Every buy and sale in the order they apply (as the core lists them); sales realise P&L under the method in use. */
export function TransactionsTable({ transactions, currency, method }: { transactions: Transaction[]; currency: Currency; method: Method | undefined }) {
  return (
    <Table aria-label="Transactions" data-testid="transactions-table">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Date</TableHead>
          <TableHead scope="col">Type</TableHead>
          <TableHead scope="col">Asset</TableHead>
          <TableHead scope="col" className="text-right">
            Amount
          </TableHead>
          <TableHead scope="col" className="text-right">
            Price
          </TableHead>
          <TableHead scope="col" className="text-right">
            Commission
          </TableHead>
          <TableHead scope="col">Rates per 1 USD</TableHead>
          <TableHead scope="col" className="text-right">
            Realized P&amp;L{method ? ` (${methodLabel(method)})` : ""}
          </TableHead>
          <TableHead scope="col">Source</TableHead>
          <TableHead scope="col">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {transactions.length === 0 && <TableEmpty colSpan={10}>No transactions yet.</TableEmpty>}
        {transactions.map((t) => (
          <TransactionRow key={`${t.kind}-${t.id}`} t={t} currency={currency} />
        ))}
      </TableBody>
    </Table>
  );
}
