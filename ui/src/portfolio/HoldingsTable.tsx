import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useState } from "react";
import { useNotices } from "@/app/notices";
import { Button } from "@/components/ui/button";
import { trendClass } from "@/components/trend";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Table, TableBody, TableCell, TableEmpty, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { errorMessage, type Valuation, type ValuedHolding } from "@/lib/backend";
import { calendarDate, money, percent, quantity, unitPrice } from "@/lib/format";
import { useRemoveHolding } from "@/lib/queries";
import { cn } from "@/lib/utils";
import { EditHoldingRow } from "./EditHoldingRow";
import { sortHoldings, type Sort, type SortKey } from "./sort";

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: "symbol", label: "Asset" },
  { key: "amount", label: "Amount", numeric: true },
  { key: "price_buy", label: "Buy price", numeric: true },
  { key: "current_price", label: "Price (USD)", numeric: true },
  { key: "value_usd", label: "Value (USD)", numeric: true },
  { key: "pnl_usd", label: "P&L (USD)", numeric: true },
  { key: "pnl_pct", label: "P&L %", numeric: true },
  { key: "purchase_date", label: "Date" },
  { key: "source", label: "Source" },
];
const COLSPAN = COLUMNS.length + 1;

function SortHeader({ column, sort, onSort }: { column: (typeof COLUMNS)[number]; sort: Sort | null; onSort: (key: SortKey) => void }) {
  const active = sort?.key === column.key;
  const Icon = !active ? ArrowUpDown : sort.dir === "ascending" ? ArrowUp : ArrowDown;
  return (
    <TableHead aria-sort={active ? sort.dir : undefined} className={cn(column.numeric && "text-right")}>
      <button
        type="button"
        onClick={() => onSort(column.key)}
        className={cn(
          "inline-flex items-center gap-1 rounded px-1 py-0.5 hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
          active && "text-foreground",
        )}
      >
        {column.label}
        <Icon aria-hidden="true" className={cn("size-3", !active && "opacity-40")} />
      </button>
    </TableHead>
  );
}

function HoldingRow({ h, onEdit }: { h: ValuedHolding; onEdit: () => void }) {
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
    <TableRow data-id={h.id}>
      <TableCell className="font-medium">{h.symbol}</TableCell>
      <TableCell className="num">{quantity(h.amount)}</TableCell>
      <TableCell className="num">{unitPrice(h.price_buy, h.base_currency)}</TableCell>
      <TableCell className="num">{unitPrice(h.current_price)}</TableCell>
      <TableCell className="num">{money(h.value_usd)}</TableCell>
      <TableCell className={cn("num", trendClass(h.pnl_usd))}>{money(h.pnl_usd, "USD", { signed: true })}</TableCell>
      <TableCell className={cn("num", trendClass(h.pnl_pct))}>{percent(h.pnl_pct, { signed: true })}</TableCell>
      <TableCell>{calendarDate(h.purchase_date)}</TableCell>
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

export function HoldingsTable({ valuation }: { valuation: Valuation }) {
  const [sort, setSort] = useState<Sort | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const onSort = (key: SortKey) =>
    setSort((s) => (s?.key !== key ? { key, dir: "ascending" } : s.dir === "ascending" ? { key, dir: "descending" } : null));
  const rows = sortHoldings(valuation.holdings, sort);
  return (
    <Table id="holdings" aria-label="Holdings">
      <TableHeader>
        <TableRow>
          {COLUMNS.map((c) => (
            <SortHeader key={c.key} column={c} sort={sort} onSort={onSort} />
          ))}
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 && <TableEmpty colSpan={COLSPAN}>No holdings yet: add one above.</TableEmpty>}
        {rows.map((h) =>
          editing === h.id ? (
            <EditHoldingRow key={h.id} holding={h} colSpan={COLSPAN} onDone={() => setEditing(null)} />
          ) : (
            <HoldingRow key={h.id} h={h} onEdit={() => setEditing(h.id)} />
          ),
        )}
      </TableBody>
      <TableFooter>
        <TableRow>
          <TableHead scope="row" className="text-foreground">
            Total
          </TableHead>
          <TableCell colSpan={3} className="text-xs text-muted-foreground">
            {valuation.unpriced > 0 && `${valuation.unpriced} without a price (not counted)`}
          </TableCell>
          <TableCell id="total-value" className="num">
            {money(valuation.total_value_usd)}
          </TableCell>
          <TableCell id="total-pnl" className={cn("num", trendClass(valuation.total_pnl_usd))}>
            {money(valuation.total_pnl_usd, "USD", { signed: true })}
          </TableCell>
          <TableCell colSpan={4} />
        </TableRow>
      </TableFooter>
    </Table>
  );
}
