// TanStack Query hooks over the Backend. Query keys are the command names.
// Data stays fresh through backend events (see live.ts), never timers: every
// query is `staleTime: Infinity` with no interval or focus refetching.

import { QueryClient, useMutation, useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import type { Alert, AlertId, AlertInput, Args, Command, FeedStatus, HoldingId, HoldingInput, Result, Settings, SettingsInput } from "./backend";
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

export function useRemoveAlert() {
  const backend = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: AlertId) => backend.call("remove_alert", { id }),
    onSuccess: (_: null, id: AlertId) => qc.setQueryData<Alert[]>(queryKey("alerts"), (list) => list?.filter((a) => a.id !== id)),
  });
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
