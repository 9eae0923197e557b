// The one place that listens to backend events and applies their payloads
// to the query cache, so the UI never polls.

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { navigate as hashNavigate } from "wouter/use-hash-location";
import { highlightAlert } from "@/alerts/highlight";
import { applyTheme, cacheTheme } from "@/app/theme";
import { backfillFinished } from "@/chart/backfill-state";
import type { Alert, AlertEvent, Event, FeedStatus, Settings, TrackedPrice, Valuation } from "./backend";
import { useBackend } from "./backend-context";
import { invalidateCandles, invalidateLedger, invalidateMarkets, queryKey } from "./queries";
import { throttle } from "./throttle";

/**
 * Every ingest (each poll's candles, a backfill's pages, an import, a newly
 * tracked asset) sends `history_changed` once the candles are stored and the
 * derived views refreshed; the statistics and charts are asked again at most
 * this often.
 */
export const CANDLE_REFETCH_MS = 500;

const candleRefetchers = new WeakMap<QueryClient, () => void>();

/** Asks for the statistics and charts again, throttled per query client. */
function refetchCandles(qc: QueryClient): void {
  let refetch = candleRefetchers.get(qc);
  if (!refetch) {
    refetch = throttle(() => invalidateCandles(qc), CANDLE_REFETCH_MS);
    candleRefetchers.set(qc, refetch);
  }
  refetch();
}

/** Route changes an event asks for. */
export type Navigate = (to: string) => void;

/** wouter's hash navigation; no new history entry when already there. */
const goTo: Navigate = (to) => hashNavigate(to, { replace: window.location.hash.replace(/^#/, "") === to });

/** Applies one backend event to the cache (and, for `open_alert`, opens the Alerts page). */
export function applyEvent(qc: QueryClient, e: Event, navigate: Navigate = goTo): void {
  switch (e.kind) {
    case "portfolio": {
      const { kind: _kind, ...valuation } = e;
      const before = qc.getQueryData<Valuation>(queryKey("portfolio"));
      qc.setQueryData<Valuation>(queryKey("portfolio"), valuation);
      // Buys or sales changed: the other methods' views, the summary and the list too.
      invalidateLedger(qc);
      // Holding a new asset (or none of one any more) changes what is watched.
      if (before && symbolsOf(before) !== symbolsOf(valuation)) {
        void qc.invalidateQueries({ queryKey: queryKey("tracked_prices") });
      }
      return;
    }
    case "prices": {
      // Every polled asset is watched: update the known ones, add new ones.
      qc.setQueryData<TrackedPrice[]>(queryKey("tracked_prices"), (list) => {
        if (!list) return list;
        const known = new Set(list.map((p) => p.symbol));
        const updated = list.map((p) => (Object.hasOwn(e.prices, p.symbol) ? { ...p, price: e.prices[p.symbol], at: e.at } : p));
        const added = Object.entries(e.prices)
          .filter(([symbol]) => !known.has(symbol))
          .map(([symbol, price]) => ({ symbol, price, at: e.at }));
        return added.length ? [...updated, ...added].sort((a, b) => a.symbol.localeCompare(b.symbol)) : updated;
      });
      // Sent before the poll's candles are stored: the statistics and charts
      // wait for `history_changed`.
      return;
    }
    case "history_changed": {
      // Candles stored and the views and statistics refreshed.
      refetchCandles(qc);
      return;
    }
    case "alert_fired": {
      const { kind: _kind, ...fired } = e;
      // A "once" rule ends with its fire; an "every" rule stays armed.
      qc.setQueryData<Alert[]>(queryKey("alerts"), (list) =>
        list?.map((a) => (a.id === fired.alert_id ? { ...a, is_active: a.is_active && a.repeat === "every", last_fired_at: fired.triggered_at } : a)),
      );
      qc.setQueryData<AlertEvent[]>(queryKey("alert_history"), (list) => {
        if (!list) return list;
        const rest = fired.id !== 0 ? list.filter((h) => h.id !== fired.id) : list;
        return [fired, ...rest];
      });
      return;
    }
    case "feed": {
      const { kind: _kind, ...status } = e;
      qc.setQueryData<FeedStatus>(queryKey("feed_status"), status);
      void qc.invalidateQueries({ queryKey: queryKey("performance") });
      return;
    }
    case "alerts_changed": {
      void qc.invalidateQueries({ queryKey: queryKey("alerts") });
      // An alert on a new asset (or the last one on an asset gone) changes what is watched.
      void qc.invalidateQueries({ queryKey: queryKey("tracked_prices") });
      return;
    }
    case "settings": {
      // Saved, and the service restarted on them (maybe on another database
      // or cache): everything else is read again.
      const { kind: _kind, ...settings } = e;
      qc.setQueryData<Settings>(queryKey("settings"), settings);
      applyTheme(settings.theme);
      cacheTheme(settings.theme);
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "settings" });
      return;
    }
    case "resync": {
      // Events were missed: read everything again.
      void qc.invalidateQueries();
      return;
    }
    case "open_alert": {
      highlightAlert(e.alert_id);
      navigate("/alerts");
      return;
    }
    case "markets_changed": {
      invalidateMarkets(qc);
      return;
    }
    case "backfill_done": {
      const { kind: _kind, ...summary } = e;
      backfillFinished(summary);
      // A 1-minute backfill also sent `history_changed`; an hourly or daily
      // one does not, and its chart is read again here.
      invalidateCandles(qc);
      return;
    }
  }
}

/** The assets a valuation holds, as one comparable key. */
function symbolsOf(v: Valuation): string {
  return [...new Set(v.holdings.map((h) => h.symbol))].sort().join(",");
}

/** Subscribes to backend events for as long as the calling component is mounted. */
export function useLiveUpdates(onError: (e: unknown) => void): void {
  const backend = useBackend();
  const qc = useQueryClient();
  useEffect(() => backend.onEvent((e) => applyEvent(qc, e), onError), [backend, qc, onError]);
}
