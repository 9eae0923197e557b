import type { Chart } from "@/lib/backend";
import { chartNumber, dateTime, isoFromSeconds, unitPrice, volume } from "@/lib/format";
import { OVERLAY_LABELS, type Overlay } from "./chart-data";
import { OVERLAY_COLORS } from "./chart-theme";

function Item({ term, value, color, testid }: { term: string; value: string; color?: string; testid?: string }) {
  return (
    <div className="flex gap-1">
      <dt className="text-muted-foreground" style={color ? { color } : undefined}>
        {term}
      </dt>
      <dd data-testid={testid}>{value}</dd>
    </div>
  );
}

/** The candle under the crosshair (else the newest) as text: its prices exactly as stored, and the overlays' values. */
export function ChartLegend({ chart, index, overlays, periods }: { chart: Chart; index: number; overlays: Record<Overlay, boolean>; periods: Record<Overlay, number> }) {
  const c = chart.candles[index];
  if (!c) return null;
  const ind = chart.indicators;
  const iso = isoFromSeconds(c.time);
  const value = (o: "sma" | "ema") => chartNumber(ind[o][index]);
  return (
    <dl data-testid="chart-legend" aria-label="Candle" className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-xs tabular-nums">
      <div>
        <dt className="sr-only">Time</dt>
        <dd>
          <time dateTime={iso}>{dateTime(iso)}</time>
        </dd>
      </div>
      <Item term="O" value={unitPrice(c.open)} testid="legend-open" />
      <Item term="H" value={unitPrice(c.high)} testid="legend-high" />
      <Item term="L" value={unitPrice(c.low)} testid="legend-low" />
      <Item term="C" value={unitPrice(c.close)} testid="legend-close" />
      <Item term="Vol" value={volume(c.volume)} />
      {overlays.sma && <Item term={`${OVERLAY_LABELS.sma} ${periods.sma}`} value={value("sma")} color={OVERLAY_COLORS.sma} />}
      {overlays.ema && <Item term={`${OVERLAY_LABELS.ema} ${periods.ema}`} value={value("ema")} color={OVERLAY_COLORS.ema} />}
      {overlays.bollinger && (
        <Item
          term={`BB ${periods.bollinger}`}
          value={`${chartNumber(ind.bollinger_lower[index])} – ${chartNumber(ind.bollinger_upper[index])}`}
          color={OVERLAY_COLORS.bollinger}
        />
      )}
      {overlays.rsi && <Item term={`${OVERLAY_LABELS.rsi} ${periods.rsi}`} value={chartNumber(ind.rsi[index], { digits: 2 })} color={OVERLAY_COLORS.rsi} />}
    </dl>
  );
}
