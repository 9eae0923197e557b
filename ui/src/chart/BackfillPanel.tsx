import { DatabaseBackup } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ChartInterval } from "@/lib/backend";
import { cn } from "@/lib/utils";
import { DEFAULT_RANGE, MAX_BACKFILL_DAYS, RANGE_CHOICES, rangeDays, type RangeChoice } from "./backfill-range";
import { runningBackfill, useBackfillRun, useBackfillRuns } from "./backfill-state";
import { BackfillProgressBar, BackfillSummaryView } from "./BackfillStatus";
import { useStartBackfill } from "./use-backfill";

interface BackfillPanelProps {
  symbol: string;
  interval: ChartInterval;
  /** The empty chart's call to action: a large button. */
  prominent?: boolean;
}

/** Picks a range and backfills it; shows the run's progress, then its summary. One run at a time. */
export function BackfillPanel({ symbol, interval, prominent = false }: BackfillPanelProps) {
  const id = useId();
  const run = useBackfillRun(symbol, interval);
  const other = runningBackfill(useBackfillRuns());
  const start = useStartBackfill();
  const [choice, setChoice] = useState<RangeChoice>(DEFAULT_RANGE[interval]);
  const [custom, setCustom] = useState("90");
  const days = rangeDays(choice, custom);
  const busy = other !== null;
  const refusal = run?.status === "failed" ? run.error : null;
  const daysError = choice === "custom" && days === null ? `Whole days from 1 to ${MAX_BACKFILL_DAYS}` : refusal?.field === "days" ? refusal.message : null;
  return (
    <section aria-label="Backfill" data-testid="backfill-panel" className="flex flex-col gap-3">
      <form
        className="flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (days !== null && !busy) start(symbol, interval, days);
        }}
      >
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-range`} className="text-xs font-medium leading-none text-muted-foreground">
            History to fetch
          </label>
          <Select id={`${id}-range`} data-testid="backfill-range" className="h-9 w-32" value={choice} onChange={(e) => setChoice(e.target.value as RangeChoice)}>
            {RANGE_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </div>
        {choice === "custom" && (
          <div className="flex flex-col gap-1.5">
            <label htmlFor={`${id}-days`} className="text-xs font-medium leading-none text-muted-foreground">
              Days
            </label>
            <Input
              id={`${id}-days`}
              name="days"
              data-testid="backfill-days"
              inputMode="numeric"
              className="h-9 w-24"
              value={custom}
              aria-invalid={daysError ? true : undefined}
              aria-describedby={daysError ? `${id}-days-error` : undefined}
              onChange={(e) => setCustom(e.target.value)}
            />
          </div>
        )}
        <Button type="submit" data-testid="backfill-button" size={prominent ? "lg" : "default"} disabled={busy || days === null} className={cn(prominent && "text-base")}>
          <DatabaseBackup aria-hidden="true" />
          {run?.status === "running" ? "Backfilling…" : `Backfill ${symbol} ${interval}`}
        </Button>
        {daysError && (
          <p id={`${id}-days-error`} data-error-for="days" className="w-full text-xs font-medium text-destructive">
            {daysError}
          </p>
        )}
      </form>
      {other && (other.symbol !== symbol || other.interval !== interval) && (
        <p className="text-xs text-muted-foreground" data-testid="backfill-busy">
          A backfill of {other.symbol} {other.interval} is running; one runs at a time.
        </p>
      )}
      {run?.status === "running" && <BackfillProgressBar progress={run.progress} />}
      {run?.status === "done" && run.summary && <BackfillSummaryView summary={run.summary} />}
      {refusal && refusal.field !== "days" && (
        <div data-testid="backfill-error">
          <FormError message={`Backfill failed: ${refusal.message}`} />
        </div>
      )}
    </section>
  );
}
