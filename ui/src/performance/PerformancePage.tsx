import { PageHeader } from "@/app/PageHeader";
import { QueryError } from "@/components/QueryError";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { PerfReport } from "@/lib/backend";
import { count, measure } from "@/lib/format";
import { useCommandQuery } from "@/lib/queries";

function Metric({ id, title, value, detail }: { id: string; title: string; value: string; detail?: string }) {
  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        {detail && <CardDescription>{detail}</CardDescription>}
      </CardHeader>
      <CardContent>
        <p id={id} className="text-2xl font-semibold tabular-nums">
          {value}
        </p>
      </CardContent>
    </Card>
  );
}

function Metrics({ p }: { p: PerfReport }) {
  return (
    <div className="grid gap-5 sm:grid-cols-2 xl:grid-cols-4">
      <Metric id="perf-last-poll" title="Last poll" value={measure(p.last_poll_ms, "ms")} detail="Request, cache, alerts and store" />
      <Metric
        id="perf-cache-hit-rate"
        title="Price-cache hit rate"
        value={measure(p.cache_hit_rate_pct, "%")}
        detail={`${count(p.cache_hits)} hits / ${count(p.cache_misses)} misses`}
      />
      <Metric id="perf-db-p50" title="Database call p50" value={measure(p.db_p50_ms, "ms", { digits: 2 })} detail={`${count(p.db_calls)} calls timed`} />
      <Metric id="perf-db-p99" title="Database call p99" value={measure(p.db_p99_ms, "ms", { digits: 2 })} detail="≈ 12 % bucket resolution" />
    </div>
  );
}

/** Refreshed when a `feed` event arrives (live.ts invalidates it), never by a timer. */
export function PerformancePage() {
  const perf = useCommandQuery("performance");
  return (
    <>
      <PageHeader title="Performance" description="Where the time goes, since the app started. Updated after each price poll." />
      {perf.isPending && <p className="text-sm text-muted-foreground">Loading…</p>}
      {perf.isError && <QueryError what="the performance figures" error={perf.error} />}
      {perf.data && <Metrics p={perf.data} />}
    </>
  );
}
