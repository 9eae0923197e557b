import { Link, Redirect, useParams } from "wouter";
import { PageHeader } from "@/app/PageHeader";
import { QueryError } from "@/components/QueryError";
import { useCommandQuery } from "@/lib/queries";
import { chartPath } from "./chart-path";
import { defaultSymbol, readPrefs } from "./chart-prefs";
import { ChartScreen } from "./ChartScreen";

/** `/chart` without an asset: opens the last charted one while it is watched, else the first watched one. */
function ChartLanding() {
  const prices = useCommandQuery("tracked_prices");
  const target = prices.data ? defaultSymbol(prices.data.map((p) => p.symbol), readPrefs().symbol) : null;
  if (target) return <Redirect to={chartPath(target)} replace />;
  return (
    <>
      <PageHeader title="Chart" description="Candles, indicators and alert lines of a watched asset." />
      {prices.isPending && <p className="text-sm text-muted-foreground">Loading…</p>}
      {prices.isError && <QueryError what="the watched assets" error={prices.error} />}
      {prices.data && (
        <p data-testid="chart-no-symbols" className="text-sm text-muted-foreground">
          Nothing is watched yet: track an asset on the{" "}
          <Link href="/markets" className="underline underline-offset-2">
            Markets
          </Link>{" "}
          page, hold it, or set an alert on it.
        </p>
      )}
    </>
  );
}

/** `/chart/BTC`: the chart of BTC (a lower-case ticker is corrected in the URL). */
export function ChartPage() {
  const { symbol } = useParams<{ symbol?: string }>();
  if (!symbol) return <ChartLanding />;
  const upper = symbol.toUpperCase();
  if (upper !== symbol) return <Redirect to={chartPath(upper)} replace />;
  return <ChartScreen key={symbol} symbol={symbol} />;
}
