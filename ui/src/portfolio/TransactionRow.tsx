import { useNotices } from "@/app/notices";
import { InCurrencies } from "@/components/InCurrencies";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { TableCell, TableRow } from "@/components/ui/table";
import { errorMessage, type Currency, type Transaction } from "@/lib/backend";
import { tri } from "@/lib/currency";
import { calendarDate, money, quantity, unitPrice } from "@/lib/format";
import { useRemoveSale } from "@/lib/queries";
import { RatesUsed } from "./RatesUsed";

/** Deletes a sale after confirming. */
function DeleteSale({ t }: { t: Transaction }) {
  const remove = useRemoveSale();
  const confirm = useConfirm();
  const { notify } = useNotices();
  async function onDelete() {
    const ok = await confirm({
      title: "Delete this sale?",
      description: `The sale of ${quantity(t.amount)} ${t.symbol} at ${unitPrice(t.price, t.currency)} on ${calendarDate(t.date)} will be removed; its units count as held again.`,
      confirmLabel: "Delete",
      destructive: true,
    });
    if (!ok) return;
    remove.mutate(t.id, { onError: (e) => notify("Could not delete the sale", errorMessage(e)) });
  }
  return (
    <Button variant="ghost" size="sm" data-action="delete" className="text-destructive" disabled={remove.isPending} onClick={onDelete}>
      Delete
    </Button>
  );
}

/** One buy or sale: what, when, at which rates, and for a sale the P&L it realised. */
export function TransactionRow({ t, currency }: { t: Transaction; currency: Currency }) {
  const sell = t.kind === "sell";
  return (
    <TableRow data-testid={`tx-row-${t.kind}-${t.id}`} data-kind={t.kind} data-id={t.id}>
      <TableCell className="whitespace-nowrap">{calendarDate(t.date)}</TableCell>
      <TableCell>
        <Badge variant={sell ? "secondary" : "outline"}>{sell ? "Sell" : "Buy"}</Badge>
      </TableCell>
      <TableCell className="font-medium">{t.symbol}</TableCell>
      <TableCell className="num">{quantity(t.amount)}</TableCell>
      <TableCell className="num">{unitPrice(t.price, t.currency)}</TableCell>
      <TableCell className="num">{money(t.commission, t.currency)}</TableCell>
      <TableCell>
        <RatesUsed t={t} />
      </TableCell>
      <TableCell className="num">
        {sell ? <InCurrencies values={tri(t, "realized_pnl")} currency={currency} signed testid={`tx-realized-${t.id}`} /> : null}
      </TableCell>
      <TableCell>{t.source ?? "—"}</TableCell>
      <TableCell className="text-right">{sell && <DeleteSale t={t} />}</TableCell>
    </TableRow>
  );
}
