import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ChartInterval } from "@/lib/backend";
import { BackfillPanel } from "./BackfillPanel";

/** No candles stored for the asset at this interval (nor finer ones to roll up): offer a backfill instead of an empty canvas. */
export function ChartEmpty({ symbol, interval }: { symbol: string; interval: ChartInterval }) {
  return (
    <Card data-testid="chart-empty" aria-labelledby="chart-empty-title">
      <CardHeader>
        <CardTitle id="chart-empty-title" className="text-base">
          No {symbol} history stored at {interval} yet
        </CardTitle>
        <CardDescription className="max-w-2xl text-sm">
          The collector stores a 1-minute candle for every watched asset at each price poll, and hourly and daily charts are rolled
          up from finer candles when needed. To chart the past, fetch it from the exchange with a backfill.
        </CardDescription>
      </CardHeader>
      <CardContent className="pt-2">
        <BackfillPanel symbol={symbol} interval={interval} prominent />
      </CardContent>
    </Card>
  );
}
