import { useState } from "react";
import type { SeriesMarker, UTCTimestamp } from "lightweight-charts";
import type { Chart } from "@/lib/backend";
import { candleAt, type AlertLine, type Overlay } from "./chart-data";
import { ChartCanvas } from "./ChartCanvas";
import { ChartLegend } from "./ChartLegend";

interface ChartViewProps {
  chart: Chart;
  overlays: Record<Overlay, boolean>;
  periods: Record<Overlay, number>;
  alerts: readonly AlertLine[];
  /** Markers on the candles (an alert's replayed fires). */
  markers?: readonly SeriesMarker<UTCTimestamp>[];
  /** Starts an alert at a price picked on the chart. */
  onAlertAt?(price: string): void;
}

/** The canvas with the hovered candle's figures above it. */
export function ChartView({ chart, overlays, periods, alerts, markers, onAlertAt }: ChartViewProps) {
  const [hover, setHover] = useState<number | null>(null);
  const index = candleAt(chart, hover);
  return (
    <div className="flex flex-col gap-2">
      {index !== null && <ChartLegend chart={chart} index={index} overlays={overlays} periods={periods} />}
      <ChartCanvas chart={chart} overlays={overlays} rsiPeriod={periods.rsi} alerts={alerts} markers={markers} onHover={setHover} onAlertAt={onAlertAt} />
    </div>
  );
}
