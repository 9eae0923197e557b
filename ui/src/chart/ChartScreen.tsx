import { useEffect, useMemo, useState } from "react";
import { PageHeader } from "@/app/PageHeader";
import { QueryError } from "@/components/QueryError";
import { Card, CardContent } from "@/components/ui/card";
import { toDisplayError, type ChartInterval } from "@/lib/backend";
import { useChart, useCommandQuery } from "@/lib/queries";
import { alertLines, chartAlerts, chartRequest, OVERLAYS, type Overlay } from "./chart-data";
import { readPrefs, savePrefs, type ChartPrefs } from "./chart-prefs";
import { AlertLegend } from "./AlertLegend";
import { BackfillPanel } from "./BackfillPanel";
import { ChartEmpty } from "./ChartEmpty";
import { ChartView } from "./ChartView";
import { IntervalSwitch } from "./IntervalSwitch";
import { OverlayControls } from "./OverlayControls";
import { SymbolPicker } from "./SymbolPicker";

/** The chart of one asset: interval, indicators, alert lines and backfill. */
export function ChartScreen({ symbol }: { symbol: string }) {
  const [prefs, setPrefs] = useState<ChartPrefs>(readPrefs);
  useEffect(() => savePrefs({ ...prefs, symbol }), [prefs, symbol]);
  const chart = useChart(chartRequest(symbol, prefs.interval, prefs.periods));
  const alerts = useCommandQuery("alerts");
  const lines = useMemo(() => alertLines(alerts.data ?? [], symbol), [alerts.data, symbol]);
  const legend = useMemo(() => chartAlerts(alerts.data ?? [], symbol), [alerts.data, symbol]);

  const failure = chart.isError ? toDisplayError(chart.error) : null;
  const periodErrors: Partial<Record<Overlay, string>> = {};
  const failedOn = OVERLAYS.find((o) => o === failure?.field);
  if (failure && failedOn) periodErrors[failedOn] = failure.message;

  const pickInterval = (interval: ChartInterval) => setPrefs((p) => ({ ...p, interval }));
  const toggle = (o: Overlay) => setPrefs((p) => ({ ...p, overlays: { ...p.overlays, [o]: !p.overlays[o] } }));
  const setPeriod = (o: Overlay, n: number) => setPrefs((p) => ({ ...p, periods: { ...p.periods, [o]: n } }));

  const data = chart.data;
  const candles = data?.candles.length ?? 0;
  return (
    <>
      <PageHeader title="Chart" description={`${symbol} in USDT, from the candles stored on this computer.`}>
        <SymbolPicker symbol={symbol} />
      </PageHeader>
      <div className="flex flex-col gap-4">
        <Card aria-label="Chart settings">
          <CardContent className="flex flex-wrap items-start gap-x-6 gap-y-3 pt-4">
            <IntervalSwitch value={prefs.interval} onChange={pickInterval} />
            <OverlayControls on={prefs.overlays} periods={prefs.periods} errors={periodErrors} onToggle={toggle} onPeriod={setPeriod} />
          </CardContent>
        </Card>
        {(chart.isPending || (chart.isPlaceholderData && candles === 0)) && <p className="text-sm text-muted-foreground">Loading the chart…</p>}
        {failure && !failedOn && <QueryError what="the chart" error={chart.error} />}
        {data && candles === 0 && !chart.isPlaceholderData && <ChartEmpty key={`${symbol}/${prefs.interval}`} symbol={symbol} interval={prefs.interval} />}
        {data && candles > 0 && (
          <Card aria-label={`${symbol} chart`}>
            <CardContent className="flex flex-col gap-3 pt-4" aria-busy={chart.isFetching}>
              {data.derived_from && (
                <p data-testid="chart-derived" className="text-xs text-muted-foreground">
                  {data.interval} candles rolled up from {data.derived_from} candles (none stored at {data.interval}).
                </p>
              )}
              <ChartView chart={data} overlays={prefs.overlays} periods={prefs.periods} alerts={lines} />
              <AlertLegend alerts={legend} />
              <p className="text-[10px] text-muted-foreground">Charting by TradingView Lightweight Charts™.</p>
            </CardContent>
          </Card>
        )}
        {data && candles > 0 && (
          <Card aria-label="Backfill">
            <CardContent className="pt-4">
              <BackfillPanel key={`${symbol}/${prefs.interval}`} symbol={symbol} interval={prefs.interval} />
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
