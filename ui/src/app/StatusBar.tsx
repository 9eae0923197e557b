import { RefreshCw } from "lucide-react";
import { pausedText } from "@/alerts/AlertsPause";
import { Button } from "@/components/ui/button";
import { errorMessage, type FeedStatus } from "@/lib/backend";
import { timeOfDay } from "@/lib/format";
import { useCommandQuery, useRefreshPrices } from "@/lib/queries";
import { cn } from "@/lib/utils";
import { useNotices } from "./notices";

/** The feed's state in words: last update time, or what went wrong. */
export function feedSummary(f: FeedStatus): string {
  if (f.last_error) return `Prices stale: ${f.last_error}`;
  if (f.last_success_at) return `Prices updated ${timeOfDay(f.last_success_at)}${f.stale ? " (stale)" : ""}`;
  return "Waiting for the first prices…";
}

export function StatusBar() {
  const feed = useCommandQuery("feed_status");
  const refresh = useRefreshPrices();
  const { notify } = useNotices();
  const f = feed.data;
  return (
    <footer
      aria-label="Status"
      className="sticky bottom-0 z-10 flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-border bg-background/95 px-4 py-2 text-xs backdrop-blur"
    >
      <div id="feed" role="status" aria-live="polite" className={cn("flex min-w-0 flex-1 flex-wrap gap-x-3", f?.stale && "text-destructive")}>
        {feed.isPending && <span>Connecting to the core…</span>}
        {feed.isError && <span className="text-destructive">Feed status unavailable: {errorMessage(feed.error)}</span>}
        {f && (
          <>
            <span>{feedSummary(f)}</span>
            {f.unknown_symbols.length > 0 && <span>not listed: {f.unknown_symbols.join(", ")}</span>}
            {f.alerts_paused_until && <span className="font-medium text-amber-700 dark:text-amber-300">{pausedText(f.alerts_paused_until)}</span>}
            <span className="text-muted-foreground">database: {f.database}</span>
            <span className="text-muted-foreground">cache: {f.cache}</span>
          </>
        )}
      </div>
      <Button
        id="refresh"
        variant="outline"
        size="sm"
        disabled={refresh.isPending}
        title="Poll prices now"
        onClick={() => refresh.mutate(undefined, { onError: (e) => notify("Refresh failed", errorMessage(e)) })}
      >
        <RefreshCw aria-hidden="true" className={cn(refresh.isPending && "animate-spin")} />
        Refresh prices
      </Button>
    </footer>
  );
}
