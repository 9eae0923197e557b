import { History } from "lucide-react";
import { Link } from "wouter";
import type { AlertId } from "@/lib/backend";
import { cn } from "@/lib/utils";
import type { AlertTone, ChartAlert } from "./chart-data";

const TONE_CLASS: Record<AlertTone, string> = { up: "text-gain", down: "text-destructive", neutral: "text-muted-foreground" };

interface AlertLegendProps {
  alerts: readonly ChartAlert[];
  /** The alert whose replayed fires are shown (or being replayed). */
  replayed?: AlertId | null;
  /** Shows how often an alert would have fired (or hides it when it is the one shown). */
  onReplay?(id: AlertId): void;
}

/**
 * The active alerts of the asset as text (the canvas cannot be read by tests
 * or screen readers); a move has no line. Each one can show its replayed
 * fires on the candles.
 */
export function AlertLegend({ alerts, replayed = null, onReplay }: AlertLegendProps) {
  if (alerts.length === 0) {
    return (
      <p data-testid="alert-lines-empty" className="text-xs text-muted-foreground">
        No active alert on this asset.{" "}
        <Link href="/alerts" className="underline underline-offset-2">
          Add one
        </Link>{" "}
        to see its threshold here.
      </p>
    );
  }
  return (
    <ul aria-label="Alert lines" data-testid="alert-lines" className="flex flex-wrap gap-2 text-xs">
      {alerts.map((a) => (
        <li
          key={a.id}
          data-testid="alert-line"
          data-alert-id={a.id}
          data-kind={a.kind}
          data-threshold={a.threshold}
          data-drawn={a.drawn}
          className={cn("inline-flex items-center gap-1.5 rounded-full border border-border px-2 py-0.5", TONE_CLASS[a.tone])}
        >
          {a.drawn && <span aria-hidden="true" className="w-4 border-t-2 border-dashed border-current" />}
          <span className="font-medium">{a.label}</span>
          {!a.drawn && <span className="text-muted-foreground">(a move: no line)</span>}
          {a.message && <span className="text-muted-foreground">· {a.message}</span>}
          {onReplay && (
            <button
              type="button"
              data-testid="replay-alert"
              aria-pressed={replayed === a.id}
              aria-label={`Show how often ${a.label} would have fired`}
              title="Show how often it would have fired in the last 365 days"
              onClick={() => onReplay(a.id)}
              className={cn(
                "-mr-1 inline-flex size-5 items-center justify-center rounded-full text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                replayed === a.id && "bg-accent text-accent-foreground",
              )}
            >
              <History aria-hidden="true" className="size-3.5" />
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
