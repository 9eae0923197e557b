// The Tauri implementation: the only module that talks to the Rust shell.
// It uses the global `window.__TAURI__` (app.withGlobalTauri), so the UI
// needs no bundler.

import type { Alert, AlertEvent, AlertInput, Backend, BackendEvent, FeedStatus, Holding, HoldingInput, Valuation } from "./types.js";

interface TauriGlobal {
  core: { invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T> };
  event: { listen<T>(name: string, cb: (e: { payload: T }) => void): Promise<() => void> };
}

declare global {
  interface Window {
    __TAURI__?: TauriGlobal;
  }
}

export function tauriAvailable(): boolean {
  return typeof window !== "undefined" && window.__TAURI__ !== undefined;
}

export function tauriBackend(): Backend {
  const t = window.__TAURI__ as TauriGlobal;
  const invoke = t.core.invoke;
  return {
    portfolio: () => invoke<Valuation>("portfolio"),
    addHolding: (input: HoldingInput) => invoke<Holding>("add_holding", { input }),
    removeHolding: (id: number) => invoke<void>("remove_holding", { id }),
    alerts: () => invoke<Alert[]>("alerts"),
    addAlert: (input: AlertInput) => invoke<Alert>("add_alert", { input }),
    removeAlert: (id: number) => invoke<void>("remove_alert", { id }),
    alertHistory: () => invoke<AlertEvent[]>("alert_history"),
    feedStatus: () => invoke<FeedStatus>("feed_status"),
    refreshPrices: () => invoke<void>("refresh_prices"),
    onEvent: (handler: (e: BackendEvent) => void) => {
      void t.event.listen<BackendEvent>("cryptodesk://event", (e) => handler(e.payload));
    },
  };
}
