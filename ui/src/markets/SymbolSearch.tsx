import { Search } from "lucide-react";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toDisplayError, type ListedAsset } from "@/lib/backend";
import { useSearchSymbols, useTrackSymbol } from "@/lib/queries";
import { useDebounced } from "@/lib/use-debounced";

/** Typing pauses this long before the exchange is asked. */
const DEBOUNCE_MS = 250;

function Result({ asset, tracking, onTrack }: { asset: ListedAsset; tracking: boolean; onTrack: () => void }) {
  return (
    <li data-testid={`search-result-${asset.symbol}`} data-watched={asset.watched} className="flex items-center gap-3 py-2">
      <span className="w-16 font-medium">{asset.symbol}</span>
      <span className="text-xs text-muted-foreground">{asset.pair}</span>
      {!asset.tradable && (
        <Badge variant="destructive" title="The exchange does not trade this pair now">
          {asset.status}
        </Badge>
      )}
      <span className="ml-auto">
        {asset.watched ? (
          <Badge variant="success" data-testid={`watching-${asset.symbol}`}>
            Watching
          </Badge>
        ) : (
          <Button size="sm" variant="outline" data-testid={`track-${asset.symbol}`} disabled={tracking} onClick={onTrack}>
            {tracking ? "Tracking…" : "Track"}
          </Button>
        )}
      </span>
    </li>
  );
}

/** Searches the exchange's USDT pairs (debounced) and tracks one; errors show right under the box. */
export function SymbolSearch() {
  const [text, setText] = useState("");
  const query = useDebounced(text.trim(), DEBOUNCE_MS);
  const search = useSearchSymbols(query);
  const track = useTrackSymbol();
  const id = useId();
  const failure = search.isError ? toDisplayError(search.error) : track.isError ? toDisplayError(track.error) : null;
  const settling = text.trim() !== query || search.isFetching;
  const results = query !== "" && !search.isError ? search.data : undefined;
  const listed = results !== undefined && results.length > 0;
  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>Track an asset</CardTitle>
        <CardDescription>Search the exchange's assets priced in USDT; a tracked asset is polled and charted like the ones you hold.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-2">
        <div role="search" className="flex max-w-md flex-col gap-1.5">
          <Label htmlFor={`${id}-input`}>Ticker</Label>
          <div className="relative">
            <Search aria-hidden="true" className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground" />
            <Input
              id={`${id}-input`}
              type="search"
              data-testid="symbol-search"
              className="pl-8"
              placeholder="e.g. ADA"
              value={text}
              maxLength={20}
              autoComplete="off"
              spellCheck={false}
              aria-controls={listed ? `${id}-results` : undefined}
              aria-invalid={failure?.field === "query" ? true : undefined}
              aria-describedby={failure ? `${id}-error` : undefined}
              onChange={(e) => {
                setText(e.target.value);
                track.reset();
              }}
            />
          </div>
          {failure && (
            <p id={`${id}-error`} role="alert" data-testid="symbol-search-error" data-code={failure.code ?? undefined} className="text-xs font-medium text-destructive">
              {failure.message}
            </p>
          )}
        </div>
        <p aria-live="polite" className="min-h-4 text-xs text-muted-foreground" data-testid="search-status">
          {query !== "" && settling && "Searching…"}
          {!settling && results?.length === 0 && `No asset priced in USDT starts with “${query.toUpperCase()}”.`}
        </p>
        {listed && (
          <ul id={`${id}-results`} data-testid="search-results" aria-label="Search results" className="max-w-md divide-y divide-border text-sm">
            {results.map((a) => (
              <Result key={a.symbol} asset={a} tracking={track.isPending && track.variables === a.symbol} onTrack={() => track.mutate(a.symbol)} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
