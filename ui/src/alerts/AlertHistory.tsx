import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AlertEvent } from "@/lib/backend";
import { dateTime, EMPTY, unitPrice } from "@/lib/format";
import { cn } from "@/lib/utils";
import { eventRule } from "./alert-rule";

/** Marks the row(s) of the alert the user opened from a notification. */
export const HIGHLIGHT_ROW = "bg-primary/10 outline-2 -outline-offset-2 outline-primary";

/** Fired alerts, newest first. `limit` shows only the latest ones; rows of alert `highlighted` are marked. */
export function AlertHistory({ events, id, limit, highlighted = null }: { events: AlertEvent[]; id: string; limit?: number; highlighted?: number | null }) {
  const shown = limit === undefined ? events : events.slice(0, limit);
  return (
    <Table id={id} aria-label="Fired alerts">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Time</TableHead>
          <TableHead scope="col">Asset</TableHead>
          <TableHead scope="col">Rule</TableHead>
          <TableHead scope="col" className="text-right">
            Price
          </TableHead>
          <TableHead scope="col">Message</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {shown.length === 0 && <TableEmpty colSpan={5}>No alert has fired yet.</TableEmpty>}
        {shown.map((e) => (
          <TableRow
            key={`${e.id}-${e.alert_id}-${e.triggered_at}`}
            data-id={e.id}
            data-alert-id={e.alert_id}
            data-highlighted={e.alert_id === highlighted ? "true" : undefined}
            className={cn(e.alert_id === highlighted && HIGHLIGHT_ROW)}
          >
            <TableCell className="whitespace-nowrap">
              <time dateTime={e.triggered_at}>{dateTime(e.triggered_at)}</time>
            </TableCell>
            <TableCell className="font-medium">{e.symbol}</TableCell>
            <TableCell data-rule>{eventRule(e)}</TableCell>
            <TableCell className="num">{unitPrice(e.triggered_price)}</TableCell>
            <TableCell>{e.message ?? EMPTY}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
