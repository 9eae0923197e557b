import { TriangleAlert } from "lucide-react";
import type { BackfillProgress, BackfillSummary } from "@/lib/backend";
import { count, dateTime, measure } from "@/lib/format";
import { progressPercent } from "./backfill-state";

/** Stored of expected candles as a bar; indeterminate until the first page is stored. */
export function BackfillProgressBar({ progress }: { progress: BackfillProgress | null }) {
  const pct = progressPercent(progress);
  return (
    <div className="flex flex-col gap-1.5" data-testid="backfill-progress" data-stored={progress?.stored ?? 0} data-expected={progress?.expected ?? 0}>
      <div
        role="progressbar"
        aria-label="Backfill progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        className="h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className={pct === null ? "h-full w-1/3 animate-pulse rounded-full bg-primary/60" : "h-full rounded-full bg-primary transition-[width]"} style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
      <p className="text-xs text-muted-foreground" aria-live="polite">
        {progress
          ? `Page ${count(progress.page)}: ${count(progress.stored)} of about ${count(progress.expected)} candles stored (${pct ?? 0}%)${progress.last_open_time ? `, up to ${dateTime(progress.last_open_time)}` : ""}.`
          : "Starting the backfill…"}
      </p>
    </div>
  );
}

/** What a finished run did; a run that stopped early says why, as a warning. */
export function BackfillSummaryView({ summary }: { summary: BackfillSummary }) {
  return (
    <div data-testid="backfill-summary" data-stored={summary.stored} className="flex flex-col gap-1.5 text-sm">
      <p>
        Stored <strong>{count(summary.stored)}</strong> candles with {count(summary.requests)} request{summary.requests === 1 ? "" : "s"} in{" "}
        {measure(summary.seconds, "s")}.
      </p>
      {summary.notes.length > 0 && (
        <ul className="list-disc pl-5 text-xs text-muted-foreground" data-testid="backfill-notes">
          {summary.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {summary.stopped && (
        <p role="alert" data-testid="backfill-stopped" className="flex items-start gap-1.5 rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-xs text-amber-800 dark:text-amber-200">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-3.5 shrink-0" />
          <span>
            Stopped early: {summary.stopped}. What was stored stays; run the backfill again to continue.
          </span>
        </p>
      )}
    </div>
  );
}
