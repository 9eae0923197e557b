import { Pause, Play } from "lucide-react";
import { useNotices } from "@/app/notices";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/backend";
import { hoursMinutes } from "@/lib/format";
import { useCommandQuery, usePauseAlerts, useResumeAlerts } from "@/lib/queries";

export const PAUSE_MINUTES = 60;

/** "Alerts paused until 10:30 AM", or null when they are not paused. */
export function pausedText(until: string | null | undefined): string | null {
  return until ? `Alerts paused until ${hoursMinutes(until)}` : null;
}

/** The Alerts page's pause banner and Pause/Resume buttons (state from feed_status). */
export function AlertsPause() {
  const feed = useCommandQuery("feed_status");
  const pause = usePauseAlerts();
  const resume = useResumeAlerts();
  const { notify } = useNotices();
  const paused = pausedText(feed.data?.alerts_paused_until);
  const busy = pause.isPending || resume.isPending;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {paused && (
        <p id="alerts-paused" role="status" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-1.5 text-sm font-medium text-amber-700 dark:text-amber-300">
          {paused}
        </p>
      )}
      {paused ? (
        <Button
          id="resume-alerts"
          variant="outline"
          size="sm"
          disabled={busy}
          onClick={() => resume.mutate(undefined, { onError: (e) => notify("Could not resume the alerts", errorMessage(e)) })}
        >
          <Play aria-hidden="true" />
          Resume
        </Button>
      ) : (
        <Button
          id="pause-alerts"
          variant="outline"
          size="sm"
          disabled={busy || !feed.data}
          title="Alerts are not checked while paused"
          onClick={() => pause.mutate(PAUSE_MINUTES, { onError: (e) => notify("Could not pause the alerts", errorMessage(e)) })}
        >
          <Pause aria-hidden="true" />
          Pause for 1 hour
        </Button>
      )}
    </div>
  );
}
