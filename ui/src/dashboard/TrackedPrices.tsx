import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TrackedPrice } from "@/lib/backend";
import { timeOfDay, unitPrice } from "@/lib/format";

export function TrackedPrices({ prices }: { prices: TrackedPrice[] }) {
  return (
    <Table id="tracked-prices" aria-label="Tracked prices">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Asset</TableHead>
          <TableHead scope="col" className="text-right">
            Price (USD)
          </TableHead>
          <TableHead scope="col" className="text-right">
            As of
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {prices.length === 0 && <TableEmpty colSpan={3}>No symbol is tracked yet.</TableEmpty>}
        {prices.map((p) => (
          <TableRow key={p.symbol} data-symbol={p.symbol}>
            <TableCell className="font-medium">{p.symbol}</TableCell>
            <TableCell className="num">{unitPrice(p.price)}</TableCell>
            <TableCell className="text-right text-muted-foreground">{p.at ? <time dateTime={p.at}>{timeOfDay(p.at)}</time> : "—"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
