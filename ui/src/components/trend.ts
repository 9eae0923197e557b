import { trend } from "@/lib/format";

/** Text colour for a P&L decimal: green for gains, red for losses. */
export function trendClass(d: string | null | undefined): string | undefined {
  const t = trend(d);
  return t === "gain" ? "text-gain" : t === "loss" ? "text-destructive" : undefined;
}
