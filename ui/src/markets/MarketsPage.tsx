import { PageHeader } from "@/app/PageHeader";
import { QueryError } from "@/components/QueryError";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useCommandQuery } from "@/lib/queries";
import { marketRows } from "./market-rows";
import { MarketsEmpty } from "./MarketsEmpty";
import { MarketsTable } from "./MarketsTable";
import { SymbolSearch } from "./SymbolSearch";

/** Statistics refresh once each poll's candles (or a backfill's) are stored, and when an asset is tracked or untracked (live.ts). */
function WatchedAssets() {
  const stats = useCommandQuery("market_stats");
  const prices = useCommandQuery("tracked_prices");
  const tracked = useCommandQuery("tracked_symbols");
  if (stats.isPending || prices.isPending || tracked.isPending) return <p className="text-sm text-muted-foreground">Loading…</p>;
  const failed = [
    stats.isError && <QueryError key="stats" what="the market statistics" error={stats.error} />,
    prices.isError && <QueryError key="prices" what="the watched assets" error={prices.error} />,
    tracked.isError && <QueryError key="tracked" what="the tracked assets" error={tracked.error} />,
  ].filter(Boolean);
  const rows = marketRows(stats.data ?? [], prices.data ?? [], tracked.data ?? []);
  return (
    <div className="flex flex-col gap-3">
      {failed}
      {rows.length === 0 && failed.length === 0 ? <MarketsEmpty /> : <MarketsTable rows={rows} />}
    </div>
  );
}

export function MarketsPage() {
  return (
    <>
      <PageHeader title="Markets" description="Every watched asset, from its stored 1-minute candles; updated after each price poll." />
      <div className="flex flex-col gap-5">
        <SymbolSearch />
        <Card aria-labelledby="markets-title">
          <CardHeader>
            <CardTitle id="markets-title">Watched assets</CardTitle>
            <CardDescription>Changes compare the latest close with the closes 24 hours and 7 days before it. Open a row for its chart.</CardDescription>
          </CardHeader>
          <CardContent>
            <WatchedAssets />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
