/** Nothing is watched yet: where the statistics come from and how to get some. */
export function MarketsEmpty() {
  return (
    <div data-testid="markets-empty" className="flex flex-col gap-2 rounded-md border border-dashed border-border p-6 text-sm">
      <p className="font-medium">No asset is watched yet.</p>
      <p className="text-muted-foreground">
        Search above and track an asset. The statistics here come from stored 1-minute candles: the collector writes one for every
        watched asset at each price poll, and a backfill (on the asset's Chart page) fills in older history.
      </p>
    </div>
  );
}
