/** The Chart page's route: `/chart/BTC` (the asset in the path; `/chart` opens the last or first watched one). */
export const CHART_ROUTE = "/chart/:symbol?";

export function chartPath(symbol: string): string {
  return `/chart/${encodeURIComponent(symbol)}`;
}
