// Which alert the user asked to see (by clicking its OS notification or its
// tray entry): the Alerts page marks its rows with `data-highlighted="true"`
// and scrolls to them. A tiny external store, so live.ts can set it from
// outside React.

import { useSyncExternalStore } from "react";
import type { AlertId } from "@/lib/backend";

export interface Highlight {
  alertId: AlertId;
  /** Increases with every request, so asking twice for one alert scrolls again. */
  seq: number;
}

let current: Highlight | null = null;
let seq = 0;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

export function highlightAlert(alertId: AlertId): void {
  current = { alertId, seq: ++seq };
  changed();
}

export function clearHighlight(): void {
  if (current === null) return;
  current = null;
  changed();
}

export function highlightedAlert(): Highlight | null {
  return current;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useHighlightedAlert(): Highlight | null {
  return useSyncExternalStore(subscribe, highlightedAlert, highlightedAlert);
}
