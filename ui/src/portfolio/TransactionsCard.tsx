import { QueryError } from "@/components/QueryError";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Currency, Method } from "@/lib/backend";
import { useCommandQuery } from "@/lib/queries";
import { TransactionsTable } from "./TransactionsTable";

/** Every buy and sale; `inUse` is the method the sales' realized P&L follows. */
export function TransactionsCard({ currency, inUse }: { currency: Currency; inUse: Method | undefined }) {
  const transactions = useCommandQuery("transactions");
  return (
    <Card aria-labelledby="transactions-title">
      <CardHeader>
        <CardTitle id="transactions-title">Transactions</CardTitle>
        <CardDescription>Buys and sales in the order they apply, with the rates each was converted at</CardDescription>
      </CardHeader>
      <CardContent>
        {transactions.isPending && <p className="text-sm text-muted-foreground">Loading transactions…</p>}
        {transactions.isError && <QueryError what="the transactions" error={transactions.error} />}
        {transactions.data && <TransactionsTable transactions={transactions.data} currency={currency} method={inUse} />}
      </CardContent>
    </Card>
  );
}
