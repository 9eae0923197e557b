// TanStack Query hooks over the Backend. Query keys are the command names.
// Data stays fresh through backend events (see live.ts), never timers: every
// query is `staleTime: Infinity` with no interval or focus refetching.

import { QueryClient, useMutation, useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import type {
  Alert,
  AlertId,
  AlertInput,
  Args,
  AssetSymbol,
  Chart,
  ChartRequest,
  Command,
  FeedStatus,
  HoldingId,
  HoldingInput,
  ListedAsset,
  Method,
  ReplayRequest,
  Result,
  SaleId,
  SaleInput,
  Summary,
  Valuation,
  Settings,
  SettingsInput,
  Source,
} from "./backend";
import { useBackend } from "./backend-context";

/** Commands that take no arguments, i.e. the read-only queries. */
export type QueryCommand = { [K in Command]: keyof Args<K> extends never ? K : never }[Command];

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        gcTime: Infinity,
        refetchInterval: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry: false,
      },
      mutations: { retry: false },
    },
  });
}

/** The query key of an argument-less command. */
export const queryKey = <K extends QueryCommand>(cmd: K): [K] => [cmd];

export function useCommandQuery<K extends QueryCommand>(cmd: K): UseQueryResult<Result<K>> {
  const backend = useBackend();
  return useQuery({
    queryKey: queryKey(cmd),
    queryFn: () => backend.call(cmd, {} as Args<K>),
  });
}

/** Replaces one alert in the cached list (or prepends it, newest first like the store). */
function putAlert(list: Alert[] | undefined, alert: Alert): Alert[] | undefined {
  if (!list) return list;
  return list.some((a) => a.id === alert.id) ? list.map((a) => (a.id === alert.id ? alert : a)) : [alert, ...list];
}

// Holding mutations: the backend answers with the stored row and pushes the
// new valuation as a `portfolio` event, which live.ts writes to the cache.

export function useAddHolding() {
  const backend = useBackend();
  return useMutation({ mutationFn: (input: HoldingInput) => backend.call("add_holding", { input }) });
}

export function useUpdateHolding() {
  const backend = useBackend();
  return useMutation({ mutationFn: ({ id, input }: { id: HoldingId; input: HoldingInput }) => backend.call("update_holding", { id, input }) });
}

export function useRemoveHolding() {
  const backend = useBackend();
  return useMutation({ mutationFn: (id: HoldingId) => backend.call("remove_holding", { id }) });
}

// The portfolio under a chosen cost-basis method, its summary, and the
// transactions list. The `portfolio` event carries the valuation under the
// method in use; these are asked again whenever it comes (see live.ts), and
// after a sale is recorded or removed.

/** What a change of buys or sales makes out of date (besides `portfolio`, which its event replaces). */
export function invalidateLedger(qc: QueryClient): void {
  for (const key of ["portfolio_with", "portfolio_summary", "transactions"]) {
    void qc.invalidateQueries({ queryKey: [key] });
  }
}

/** The valuation under `method`; nothing is asked while it is null (the method in use: see `portfolio`). */
export function usePortfolioWith(method: Method | null): UseQueryResult<Valuation> {
  const backend = useBackend();
  return useQuery({
    queryKey: ["portfolio_with", { method }],
    queryFn: () => backend.call("portfolio_with", { method: method! }),
    enabled: method !== null,
  });
}

/** Per asset and in total, under `method` (asked once the method is known). */
export function usePortfolioSummary(method: Method | undefined): UseQueryResult<Summary> {
  const backend = useBackend();
  return useQuery({
    queryKey: ["portfolio_summary", { method }],
    queryFn: () => backend.call("portfolio_summary", { method: method! }),
    enabled: method !== undefined,
  });
}

export function useSell() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SaleInput) => backend.call("sell", { input }),
    onSuccess: () => invalidateLedger(qc),
  });
}

export function useRemoveSale() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: SaleId) => backend.call("remove_sale", { id }),
    onSuccess: () => invalidateLedger(qc),
  });
}

// Import and export of transactions. A dry run changes nothing; a commit that
// stored rows makes the ledger out of date (the core also pushes `portfolio`).

export interface ImportRequest {
  text: string;
  source: Source | null;
  dryRun: boolean;
  skipInvalid: boolean;
}

export function useImportTransactions() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportRequest) => backend.call("import_transactions", request),
    onSuccess: (report) => {
      if (!report.committed) return;
      void qc.invalidateQueries({ queryKey: queryKey("portfolio") });
      invalidateLedger(qc);
    },
  });
}

export function useExportTransactions() {
  const backend = useBackend();
  return useMutation({ mutationFn: () => backend.call("export_transactions", {}) });
}

// Alert mutations write their result into the ["alerts"] cache directly.

export function useAddAlert() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AlertInput) => backend.call("add_alert", { input }),
    onSuccess: (alert) => qc.setQueryData<Alert[]>(queryKey("alerts"), (list) => putAlert(list, alert)),
  });
}

export function useUpdateAlert() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: AlertId; input: AlertInput }) => backend.call("update_alert", { id, input }),
    onSuccess: (alert) => qc.setQueryData<Alert[]>(queryKey("alerts"), (list) => putAlert(list, alert)),
  });
}

export function useSetAlertActive() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: AlertId; active: boolean }) => backend.call("set_alert_active", { id, active }),
    onSuccess: (alert) => qc.setQueryData<Alert[]>(queryKey("alerts"), (list) => putAlert(list, alert)),
  });
}

/** Snoozes an alert for `minutes` (0 ends its snooze). */
export function useSnoozeAlert() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, minutes }: { id: AlertId; minutes: number }) => backend.call("snooze_alert", { id, minutes }),
    onSuccess: (alert) => qc.setQueryData<Alert[]>(queryKey("alerts"), (list) => putAlert(list, alert)),
  });
}

export function useRemoveAlert() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: AlertId) => backend.call("remove_alert", { id }),
    onSuccess: (_: null, id: AlertId) => qc.setQueryData<Alert[]>(queryKey("alerts"), (list) => list?.filter((a) => a.id !== id)),
  });
}

/** Replays a rule over the stored history of its asset (the form's "Test on history"): nothing is stored or cached. */
export function useReplayAlert() {
  const backend = useBackend();
  return useMutation({ mutationFn: (request: ReplayRequest) => backend.call("replay_alert", { request }) });
}

export function useRefreshPrices() {
  const backend = useBackend();
  return useMutation({ mutationFn: () => backend.call("refresh_prices", {}) });
}

// Settings and alert pausing write their result into the cache directly
// (the backend also pushes `settings` / `feed` events with the same values).

export function useSaveSettings() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SettingsInput) => backend.call("save_settings", { input }),
    onSuccess: (s) => qc.setQueryData<Settings>(queryKey("settings"), s),
  });
}

export function usePauseAlerts() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (minutes: number) => backend.call("pause_alerts", { minutes }),
    onSuccess: (f) => qc.setQueryData<FeedStatus>(queryKey("feed_status"), f),
  });
}

export function useResumeAlerts() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => backend.call("resume_alerts", {}),
    onSuccess: (f) => qc.setQueryData<FeedStatus>(queryKey("feed_status"), f),
  });
}

export function useTestConnection(cmd: "test_database" | "test_redis") {
  const backend = useBackend();
  return useMutation({ mutationFn: (url: string) => backend.call(cmd, { url }) });
}

export function useSendTestNotification() {
  const backend = useBackend();
  return useMutation({ mutationFn: () => backend.call("send_test_notification", {}) });
}

// Markets and charts. Queries with arguments are keyed [command, args].

/** What stored candles feed: the Markets statistics and every chart. */
export function invalidateCandles(qc: QueryClient): void {
  void qc.invalidateQueries({ queryKey: queryKey("market_stats") });
  void qc.invalidateQueries({ queryKey: ["chart"] });
}

/** What tracking an asset changes: what is watched and tracked, and so the statistics and search results. */
export function invalidateMarkets(qc: QueryClient): void {
  for (const key of ["market_stats", "tracked_symbols", "tracked_prices", "search_symbols"]) {
    void qc.invalidateQueries({ queryKey: [key] });
  }
}

/** Candles and indicators; changing the interval or a period keeps the asset's last chart until the new one arrives. */
export function useChart(request: ChartRequest): UseQueryResult<Chart> {
  const backend = useBackend();
  return useQuery({
    queryKey: ["chart", request],
    queryFn: () => backend.call("chart", { request }),
    // Thousands of candles per interval and period: forget the ones no longer shown.
    gcTime: 5 * 60_000,
    placeholderData: (previous: Chart | undefined) => (previous?.symbol === request.symbol ? previous : undefined),
  });
}

/** The exchange's assets starting with `query` (nothing is asked for an empty query). */
export function useSearchSymbols(query: string): UseQueryResult<ListedAsset[]> {
  const backend = useBackend();
  const q = query.trim();
  return useQuery({
    queryKey: ["search_symbols", q],
    queryFn: () => backend.call("search_symbols", { query: q }),
    enabled: q !== "",
    // Every typed prefix is a query: forget the ones no longer shown.
    gcTime: 60_000,
  });
}

// Tracking: the backend also sends `markets_changed`, which live.ts applies the same way.

export function useTrackSymbol() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (symbol: AssetSymbol) => backend.call("track_symbol", { symbol }),
    onSuccess: () => invalidateMarkets(qc),
  });
}

export function useUntrackSymbol() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (symbol: AssetSymbol) => backend.call("untrack_symbol", { symbol }),
    onSuccess: () => invalidateMarkets(qc),
  });
}
