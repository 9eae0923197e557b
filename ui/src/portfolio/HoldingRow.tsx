import { useNotices } from "@/app/notices";
import { InCurrencies } from "@/components/InCurrencies";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { TableCell, TableRow } from "@/components/ui/table";
import { errorMessage, type Currency, type ValuedHolding } from "@/lib/backend";
import { tri } from "@/lib/currency";
import { calendarDate, quantity, unitPrice } from "@/lib/format";
import { useRemoveHolding } from "@/lib/queries";
import { ProvisionalBadge } from "./ProvisionalBadge";

/** One buy: what is left of it, and its value, cost and P&L in the display currency (the other two beside). */
export function HoldingRow({ h, currency, onEdit }: { h: ValuedHolding; currency: Currency; onEdit: () => void }) {
  const remove = useRemoveHolding();
  const confirm = useConfirm();
  const { notify } = useNotices();
  async function onDelete() {
    const ok = await confirm({
      title: "Delete this holding?",
      description: `${quantity(h.amount)} ${h.symbol} bought at ${unitPrice(h.price_buy, h.base_currency)} will be removed from the portfolio.`,
      confirmLabel: "Delete",
      destructive: true,
    });
    if (!ok) return;
    remove.mutate(h.id, { onError: (e) => notify("Could not delete the holding", errorMessage(e)) });
  }
  return (
    <TableRow data-id={h.id} data-testid={`holding-row-${h.id}`}>
      <TableCell className="font-medium">{h.symbol}</TableCell>
      <TableCell className="num">{quantity(h.amount)}</TableCell>
      <TableCell className="num" data-testid="remaining">
        {quantity(h.remaining)}
      </TableCell>
      <TableCell className="num">{unitPrice(h.price_buy, h.base_currency)}</TableCell>
      <TableCell className="num">{unitPrice(h.current_price)}</TableCell>
      <TableCell className="num">
        <InCurrencies values={tri(h, "value")} currency={currency} testid="value" />
      </TableCell>
      <TableCell className="num">
        <InCurrencies values={tri(h, "cost")} currency={currency} testid="cost" />
      </TableCell>
      <TableCell className="num">
        <InCurrencies values={tri(h, "pnl")} currency={currency} signed testid="pnl" />
      </TableCell>
      <TableCell className="num">
        <InCurrencies values={tri(h, "pnl_pct")} currency={currency} kind="percent" signed testid="pnl-pct" />
      </TableCell>
      <TableCell className="whitespace-nowrap">
        {calendarDate(h.purchase_date)}
        <ProvisionalBadge rates={h.purchase_rates} />
      </TableCell>
      <TableCell>{h.source ?? "—"}</TableCell>
      <TableCell className="text-right whitespace-nowrap">
        <Button variant="ghost" size="sm" data-action="edit" onClick={onEdit}>
          Edit
        </Button>
        <Button variant="ghost" size="sm" data-action="delete" className="text-destructive" disabled={remove.isPending} onClick={onDelete}>
          Delete
        </Button>
      </TableCell>
    </TableRow>
  );
}
