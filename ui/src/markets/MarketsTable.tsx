import type { MouseEvent } from "react";
import { Link, useLocation } from "wouter";
import { useNotices } from "@/app/notices";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { chartPath } from "@/chart/chart-path";
import { errorMessage } from "@/lib/backend";
import { dateTime, unitPrice, volume } from "@/lib/format";
import { useUntrackSymbol } from "@/lib/queries";
import { cn } from "@/lib/utils";
import { changeClass, changeText, changeTrend, changeWord, type MarketRow } from "./market-rows";

const STAT_COLUMNS = 6;

/** A signed change, coloured; screen readers also hear "up" or "down". */
function Change({ pct, testid }: { pct: string | null; testid: string }) {
  const word = changeWord(pct);
  return (
    <TableCell data-testid={testid} data-trend={changeTrend(pct)} className={cn("num", changeClass(pct))}>
      {changeText(pct)}
      {word && <span className="sr-only"> {word}</span>}
    </TableCell>
  );
}

function Row({ row }: { row: MarketRow }) {
  const [, navigate] = useLocation();
  const untrack = useUntrackSymbol();
  const { notify } = useNotices();
  const { symbol, stat } = row;
  // The whole row opens the chart; the link and the button inside it do their own thing.
  const onClick = (e: MouseEvent<HTMLTableRowElement>) => {
    if (e.target instanceof Element && e.target.closest("a, button")) return;
    navigate(chartPath(symbol));
  };
  return (
    <TableRow data-testid={`market-row-${symbol}`} data-symbol={symbol} data-tracked={row.tracked} className="cursor-pointer" onClick={onClick}>
      <TableCell className="font-medium">
        <Link href={chartPath(symbol)} className="rounded outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring" title={`Open the ${symbol} chart`}>
          {symbol}
        </Link>
      </TableCell>
      <TableCell data-testid="market-price" className="num">
        {unitPrice(row.price)}
      </TableCell>
      {stat ? (
        <>
          <Change pct={stat.change_24h_pct} testid="market-change-24h" />
          <Change pct={stat.change_7d_pct} testid="market-change-7d" />
          <TableCell className="num">{unitPrice(stat.high_24h)}</TableCell>
          <TableCell className="num">{unitPrice(stat.low_24h)}</TableCell>
          <TableCell className="num">{volume(stat.volume_24h)}</TableCell>
          <TableCell className="whitespace-nowrap text-muted-foreground">
            <time dateTime={stat.last_updated}>{dateTime(stat.last_updated)}</time>
          </TableCell>
        </>
      ) : (
        <TableCell colSpan={STAT_COLUMNS} data-testid="market-no-candles" className="text-xs text-muted-foreground">
          No 1-minute candles stored yet: the collector stores one at each price poll. Open the chart to backfill history.
        </TableCell>
      )}
      <TableCell className="text-right whitespace-nowrap">
        {row.tracked ? (
          <Button
            variant="ghost"
            size="sm"
            data-testid={`untrack-${symbol}`}
            disabled={untrack.isPending}
            title={`Stop tracking ${symbol} (it stays watched while you hold it or have an alert on it)`}
            onClick={() => untrack.mutate(symbol, { onError: (e) => notify(`Could not untrack ${symbol}`, errorMessage(e)) })}
          >
            Untrack
          </Button>
        ) : (
          <span className="px-3 text-xs text-muted-foreground" title="Watched because you hold it or have an alert on it">
            held or alerted
          </span>
        )}
      </TableCell>
    </TableRow>
  );
}

/** The watched assets with their statistics; a row opens the asset's chart. */
export function MarketsTable({ rows }: { rows: MarketRow[] }) {
  return (
    <Table data-testid="markets-table" id="markets-table" aria-label="Markets">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Asset</TableHead>
          <TableHead scope="col" className="text-right">
            Price (USD)
          </TableHead>
          <TableHead scope="col" className="text-right">
            24 h
          </TableHead>
          <TableHead scope="col" className="text-right">
            7 d
          </TableHead>
          <TableHead scope="col" className="text-right">
            24 h high
          </TableHead>
          <TableHead scope="col" className="text-right">
            24 h low
          </TableHead>
          <TableHead scope="col" className="text-right">
            24 h volume
          </TableHead>
          <TableHead scope="col">Updated</TableHead>
          <TableHead scope="col">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <Row key={r.symbol} row={r} />
        ))}
      </TableBody>
    </Table>
  );
}
