import { Link } from "wouter";
import { cn } from "@/lib/utils";
import type { AlertTone, ChartAlert } from "./chart-data";

const TONE_CLASS: Record<AlertTone, string> = { up: "text-gain", down: "text-destructive", neutral: "text-muted-foreground" };

/** The active alerts of the asset as text (the canvas cannot be read by tests or screen readers); a move has no line. */
export function AlertLegend({ alerts }: { alerts: readonly ChartAlert[] }) {
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
        </li>
      ))}
    </ul>
  );
}
