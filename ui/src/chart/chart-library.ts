// lightweight-charts is loaded on first use (its own chunk), so the app's
// first paint does not wait for it.

import { useEffect, useState } from "react";

export type ChartLibrary = typeof import("lightweight-charts");

let loading: Promise<ChartLibrary> | null = null;

function load(): Promise<ChartLibrary> {
  loading ??= import("lightweight-charts");
  return loading;
}

/** Whether this browser can draw the chart (it sizes itself with a ResizeObserver; test DOMs have none). */
export function canDrawCharts(): boolean {
  return typeof window !== "undefined" && typeof window.ResizeObserver === "function";
}

/** The library once loaded; the error if it could not be. */
export function useChartLibrary(): { lib: ChartLibrary | null; error: unknown } {
  const [state, setState] = useState<{ lib: ChartLibrary | null; error: unknown }>({ lib: null, error: null });
  useEffect(() => {
    if (!canDrawCharts()) return;
    let live = true;
    load().then(
      (lib) => live && setState({ lib, error: null }),
      (error: unknown) => live && setState({ lib: null, error }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
