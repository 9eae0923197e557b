import { BellPlus } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { useLocation } from "wouter";
import { prefillAt, setAlertPrefill } from "@/alerts/alert-prefill";
import { PageHeader } from "@/app/PageHeader";
import { QueryError } from "@/components/QueryError";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { toDisplayError, type Alert, type ChartInterval } from "@/lib/backend";
import { useChart, useCommandQuery } from "@/lib/queries";
import { alertLines, CANDLE_SECONDS, chartAlerts, chartRequest, OVERLAYS, type Overlay } from "./chart-data";
import { replayMarkers } from "./chart-replay";
import { readPrefs, savePrefs, type ChartPrefs } from "./chart-prefs";
import { AlertLegend } from "./AlertLegend";
import { BackfillPanel } from "./BackfillPanel";
import { ChartEmpty } from "./ChartEmpty";
import { ChartView } from "./ChartView";
import { IntervalSwitch } from "./IntervalSwitch";
import { OverlayControls } from "./OverlayControls";
import { ReplayCaption } from "./ReplayCaption";
import { SymbolPicker } from "./SymbolPicker";
import { useChartReplay } from "./use-chart-replay";

const NO_ALERTS: readonly Alert[] = [];

/** The chart of one asset: interval, indicators, alert lines (with their replayed fires), alerts from a price, and backfill. */
export function ChartScreen({ symbol }: { symbol: string }) {
  const [, navigate] = useLocation();
  const [prefs, setPrefs] = useState<ChartPrefs>(readPrefs);
  useEffect(() => savePrefs({ ...prefs, symbol }), [prefs, symbol]);
  const chart = useChart(chartRequest(symbol, prefs.interval, prefs.periods));
  const alerts = useCommandQuery("alerts");
  const lines = useMemo(() => alertLines(alerts.data ?? [], symbol), [alerts.data, symbol]);
  const legend = useMemo(() => chartAlerts(alerts.data ?? [], symbol), [alerts.data, symbol]);
  const replay = useChartReplay(alerts.data ?? NO_ALERTS, prefs.interval);

  const failure = chart.isError ? toDisplayError(chart.error) : null;
  const periodErrors: Partial<Record<Overlay, string>> = {};
  const failedOn = OVERLAYS.find((o) => o === failure?.field);
  if (failure && failedOn) periodErrors[failedOn] = failure.message;

  const pickInterval = (interval: ChartInterval) => setPrefs((p) => ({ ...p, interval }));
  const toggle = (o: Overlay) => setPrefs((p) => ({ ...p, overlays: { ...p.overlays, [o]: !p.overlays[o] } }));
  const setPeriod = (o: Overlay, n: number) => setPrefs((p) => ({ ...p, periods: { ...p.periods, [o]: n } }));

  const data = chart.data;
  const candles = data?.candles.length ?? 0;
  const lastClose = data?.candles.at(-1)?.close ?? null;
  const report = replay.report;
  const markers = useMemo(() => (data && report ? replayMarkers(data.candles, CANDLE_SECONDS[data.interval], report) : []), [data, report]);

  /** Opens the Alerts page with its add form set to a level alert on this asset at `price`. */
  const alertAt = (price: string) => {
    const prefill = lastClose === null ? null : prefillAt(symbol, price, lastClose);
    if (!prefill) return;
    setAlertPrefill(prefill);
    navigate("/alerts");
  };
  const replayAlert = (id: number) => {
    const alert = alerts.data?.find((a) => a.id === id);
    if (alert) replay.toggle(alert);
  };
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
            <div className="flex flex-col gap-1.5">
              <span aria-hidden="true" className="text-xs leading-none">
                &nbsp;
              </span>
              <Button
                variant="outline"
                size="sm"
                data-testid="alert-at-last"
                disabled={lastClose === null}
                title="A new alert on this asset at its last close (or click the chart at a price)"
                onClick={() => lastClose !== null && alertAt(lastClose)}
              >
                <BellPlus aria-hidden="true" />
                Alert at last price
              </Button>
            </div>
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
              <ChartView chart={data} overlays={prefs.overlays} periods={prefs.periods} alerts={lines} markers={markers} onAlertAt={alertAt} />
              <AlertLegend alerts={legend} replayed={replay.alertId} onReplay={replayAlert} />
              <ReplayCaption replay={replay} alert={legend.find((a) => a.id === replay.alertId)} drawn={markers.length} />
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
