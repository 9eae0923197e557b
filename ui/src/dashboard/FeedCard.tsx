import { feedSummary } from "@/app/StatusBar";
import { QueryError } from "@/components/QueryError";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { dateTime } from "@/lib/format";
import { useCommandQuery } from "@/lib/queries";

export function FeedCard() {
  const feed = useCommandQuery("feed_status");
  const f = feed.data;
  return (
    <Card aria-labelledby="feed-card-title" id="feed-card">
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle id="feed-card-title">Price feed</CardTitle>
        {f && <Badge variant={f.stale ? "destructive" : "success"}>{f.stale ? "Stale" : "Live"}</Badge>}
      </CardHeader>
      <CardContent>
        {feed.isError && <QueryError what="the feed status" error={feed.error} />}
        {f && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
            <dt className="text-muted-foreground">Status</dt>
            <dd>{feedSummary(f)}</dd>
            <dt className="text-muted-foreground">Last success</dt>
            <dd>{dateTime(f.last_success_at)}</dd>
            {f.unknown_symbols.length > 0 && (
              <>
                <dt className="text-muted-foreground">Not listed</dt>
                <dd>{f.unknown_symbols.join(", ")}</dd>
              </>
            )}
            <dt className="text-muted-foreground">Database</dt>
            <dd>{f.database}</dd>
            <dt className="text-muted-foreground">Cache</dt>
            <dd>{f.cache}</dd>
          </dl>
        )}
      </CardContent>
    </Card>
  );
}
