import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ChartInterval } from "@/lib/backend";
import { useBackend } from "@/lib/backend-context";
import { invalidateCandles } from "@/lib/queries";
import { backfillFailed, backfillFinished, backfillProgressed, backfillStarted } from "./backfill-state";

/**
 * Starts a backfill. Its state lives in backfill-state (not in the calling
 * component), so it survives leaving the page; progress arrives over the
 * call's own channel.
 */
export function useStartBackfill(): (symbol: string, interval: ChartInterval, days: number) => void {
  const backend = useBackend();
  const qc = useQueryClient();
  return useCallback(
    (symbol, interval, days) => {
      backfillStarted(symbol, interval);
      backend.call("backfill", { symbol, interval, days, onProgress: backfillProgressed }).then(
        (summary) => {
          backfillFinished(summary);
          // Also done on `backfill_done`; here too in case events are not heard.
          invalidateCandles(qc);
        },
        (e: unknown) => backfillFailed(symbol, interval, e),
      );
    },
    [backend, qc],
  );
}
