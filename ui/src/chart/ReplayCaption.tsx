import { errorMessage } from "@/lib/backend";
import type { ChartAlert } from "./chart-data";
import { REPLAY_COLOR, replayCaption } from "./chart-replay";
import type { ChartReplay } from "./use-chart-replay";

/** What the replay of an alert found, under the legend: announced when it changes. */
export function ReplayCaption({ replay, alert, drawn }: { replay: ChartReplay; alert: ChartAlert | undefined; drawn: number }) {
  const { request, report, pending, error } = replay;
  const label = alert?.label ?? "the alert";
  return (
    <div role="status" aria-live="polite" aria-busy={pending || undefined} data-testid="chart-replay" className="text-xs empty:hidden">
      {pending && request && (
        <p className="text-muted-foreground">
          Replaying {label} on {request.interval} candles of the last {request.days} days…
        </p>
      )}
      {!pending && request && report && (
        <p data-testid="chart-replay-caption" data-alert-id={replay.alertId ?? undefined} data-fires={report.fires.length} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: REPLAY_COLOR }} />
          <span>
            <span className="font-medium">{label}</span> · {replayCaption(report, request, drawn)}
          </span>
        </p>
      )}
      {!pending && error !== null && (
        <p data-testid="chart-replay-error" className="font-medium text-destructive">
          Could not replay {label}: {errorMessage(error)}
        </p>
      )}
    </div>
  );
}
