// The chart's colours: the app's theme variables (so it follows light and
// dark mode) plus fixed overlay colours that read well on both.

import { useEffect, useState } from "react";
import type { Overlay } from "./chart-data";

export interface ChartColors {
  background: string;
  text: string;
  muted: string;
  grid: string;
  up: string;
  down: string;
}

export const OVERLAY_COLORS: Record<Overlay, string> = { sma: "#d97706", ema: "#2563eb", bollinger: "#9333ea", rsi: "#0891b2" };

const FALLBACK: ChartColors = { background: "#ffffff", text: "#0a0a0b", muted: "#5b5b66", grid: "#e4e4e7", up: "#15803d", down: "#c81e1e" };

export function readChartColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: v("--card", FALLBACK.background),
    text: v("--foreground", FALLBACK.text),
    muted: v("--muted-foreground", FALLBACK.muted),
    grid: v("--border", FALLBACK.grid),
    up: v("--gain", FALLBACK.up),
    down: v("--destructive", FALLBACK.down),
  };
}

const same = (a: ChartColors, b: ChartColors) => (Object.keys(a) as (keyof ChartColors)[]).every((k) => a[k] === b[k]);

/** The colours, read again whenever <html>'s class (the theme) changes. */
export function useChartColors(): ChartColors {
  const [colors, setColors] = useState(readChartColors);
  useEffect(() => {
    const observer = new MutationObserver(() => {
      const next = readChartColors();
      setColors((prev) => (same(prev, next) ? prev : next));
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return colors;
}
