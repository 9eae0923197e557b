import { useEffect, useState } from "react";
import type { Alert, AlertId, ChartInterval, ReplayReport, ReplayRequest } from "@/lib/backend";
import { useReplayAlert } from "@/lib/queries";
import { chartReplayRequest, replayKey } from "./chart-replay";

/** The replay of one of the charted asset's active alerts, while it still stands for what is charted. */
export interface ChartReplay {
  /** The alert replayed (or being replayed); null for none. */
  alertId: AlertId | null;
  pending: boolean;
  request: ReplayRequest | undefined;
  report: ReplayReport | undefined;
  error: unknown;
  /** Replays `alert`, or forgets its replay when it is the one shown. */
  toggle(alert: Alert): void;
}

interface Target {
  id: AlertId;
  /** The rule as it was replayed (an edit of the alert changes it). */
  key: string;
  interval: ChartInterval;
}

/**
 * Replays at most one alert at a time. The replay is forgotten (and one
 * under way ignored) when the chart's interval changes or the alert changes,
 * is switched off or removed; a new asset is a new Chart page.
 */
export function useChartReplay(alerts: readonly Alert[], interval: ChartInterval): ChartReplay {
  const replay = useReplayAlert();
  const { mutate, reset } = replay;
  const [target, setTarget] = useState<Target | null>(null);
  const alert = target === null ? undefined : alerts.find((a) => a.id === target.id && a.is_active);
  const current = target !== null && alert !== undefined && target.interval === interval && replayKey(alert) === target.key;
  useEffect(() => {
    if (target !== null && !current) {
      setTarget(null);
      reset();
    }
  }, [target, current, reset]);
  return {
    alertId: current ? target.id : null,
    pending: current && replay.isPending,
    request: current ? replay.variables : undefined,
    report: current ? replay.data : undefined,
    error: current ? replay.error : null,
    toggle(a) {
      if (target?.id === a.id) {
        setTarget(null);
        reset();
        return;
      }
      setTarget({ id: a.id, key: replayKey(a), interval });
      mutate(chartReplayRequest(a, interval));
    },
  };
}
