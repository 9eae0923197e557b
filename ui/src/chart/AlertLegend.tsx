import { Link } from "wouter";
import { cn } from "@/lib/utils";
import type { AlertLine } from "./chart-data";

/** The alert lines drawn on the chart, as text (the canvas cannot be read by tests or screen readers). */
export function AlertLegend({ lines }: { lines: readonly AlertLine[] }) {
  if (lines.length === 0) {
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
      {lines.map((l) => (
        <li
          key={l.id}
          data-testid="alert-line"
          data-alert-id={l.id}
          data-kind={l.kind}
          data-threshold={l.threshold}
          className={cn("inline-flex items-center gap-1.5 rounded-full border border-border px-2 py-0.5", l.kind === "above" ? "text-gain" : "text-destructive")}
        >
          <span aria-hidden="true" className="w-4 border-t-2 border-dashed border-current" />
          <span className="font-medium">{l.label}</span>
          {l.message && <span className="text-muted-foreground">· {l.message}</span>}
        </li>
      ))}
    </ul>
  );
}
