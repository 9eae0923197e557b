import { BellPlus, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import type {
  AutoscaleInfo,
  IChartApi,
  ISeriesApi,
  ISeriesMarkersPluginApi,
  LineStyle,
  LineWidth,
  MouseEventParams,
  SeriesMarker,
  Time,
  UTCTimestamp,
} from "lightweight-charts";
import { QueryError } from "@/components/QueryError";
import { Button } from "@/components/ui/button";
import type { Chart, ChartInterval } from "@/lib/backend";
import { unitPrice } from "@/lib/format";
import { drawnOverlays, minMove, priceDecimals, priceText, seriesData, type AlertLine, type Overlay } from "./chart-data";
import { canDrawCharts, useChartLibrary } from "./chart-library";
import { chartOptions, priceFormat, withNearbyLines } from "./chart-options";
import { OVERLAY_COLORS, useChartColors } from "./chart-theme";

/** Candles in view when an asset or interval is first drawn (the rest is a scroll away). */
const VISIBLE_CANDLES = 150;
/** The price pane's and the RSI pane's shares of the height. */
const PRICE_STRETCH = 3;
const RSI_STRETCH = 1;
const RSI_GUIDES = [70, 30];

type Line = ISeriesApi<"Line", Time>;

/** The library objects of one drawn chart (mutable: the RSI series and the alert lines come and go). */
interface Api {
  chart: IChartApi;
  candles: ISeriesApi<"Candlestick", Time>;
  volume: ISeriesApi<"Histogram", Time>;
  lines: { sma: Line; ema: Line; bollingerUpper: Line; bollingerMiddle: Line; bollingerLower: Line };
  /** The RSI pane's series; its only price lines are the guides. */
  rsi: Line | null;
  /** Markers on the candles: the replayed fires of an alert. */
  markers: ISeriesMarkersPluginApi<Time>;
  /** The asset and interval whose data was set last. */
  shown: { symbol: string; interval: ChartInterval } | null;
  removed: boolean;
}

/**
 * What is on the canvas, read back from the library's series (not from the
 * query), mirrored as data-* attributes for tests: the canvas itself cannot
 * be inspected.
 */
interface Drawn {
  symbol: string;
  interval: ChartInterval | null;
  candles: number;
  overlays: Overlay[];
  rsiPoints: number;
  /** The prices of the candle series' price lines (the alert thresholds). */
  priceLines: number[];
  /** The colours of the RSI guides. */
  rsiGuides: string[];
  /** The markers on the candles (an alert's replayed fires). */
  replayFires: number;
}

const NOTHING: Drawn = { symbol: "", interval: null, candles: 0, overlays: [], rsiPoints: 0, priceLines: [], rsiGuides: [], replayFires: 0 };

/** The points a series holds (as given to setData), none when it is absent or hidden. */
function points(series: { options(): { visible: boolean }; data(): readonly unknown[] } | null): number {
  return series && series.options().visible ? series.data().length : 0;
}

function readDrawn(api: Api): Drawn {
  const { lines } = api;
  const bollinger = Math.min(points(lines.bollingerUpper), points(lines.bollingerMiddle), points(lines.bollingerLower));
  return {
    symbol: api.shown?.symbol ?? "",
    interval: api.shown?.interval ?? null,
    candles: points(api.candles),
    overlays: drawnOverlays({ sma: points(lines.sma), ema: points(lines.ema), bollinger, rsi: points(api.rsi) }),
    rsiPoints: points(api.rsi),
    priceLines: api.candles.priceLines().map((l) => l.options().price),
    rsiGuides: (api.rsi?.priceLines() ?? []).map((l) => l.options().color),
    replayFires: api.markers.markers().length,
  };
}

const sameDrawn = (a: Drawn, b: Drawn) => JSON.stringify(a) === JSON.stringify(b);

/** `#rrggbb` with an alpha, for the volume bars; other colours as they are. */
const translucent = (color: string) => (/^#[0-9a-f]{6}$/i.test(color) ? `${color}66` : color);

interface ChartCanvasProps {
  chart: Chart;
  overlays: Record<Overlay, boolean>;
  /** The RSI period, for the pane's label. */
  rsiPeriod: number;
  alerts: readonly AlertLine[];
  /** Markers to put on the candles (an alert's replayed fires); none when empty. */
  markers?: readonly SeriesMarker<UTCTimestamp>[];
  /** The logical index of the candle under the crosshair, or null when it leaves. */
  onHover(index: number | null): void;
  /** Starts an alert at a price picked on the chart (a decimal string with the axis' decimals). */
  onAlertAt?(price: string): void;
}

/** A price picked by a click on the price pane, where it was clicked (px from the canvas' top left). */
interface Pick {
  price: string;
  left: number;
  top: number;
}

/** The room the "Alert at" popover needs from the click to the canvas' right and bottom edges. */
const PICK_WIDTH = 230;
const PICK_HEIGHT = 44;

const NO_MARKERS: readonly SeriesMarker<UTCTimestamp>[] = [];

/**
 * Candles, volume, overlays, the RSI pane, alert lines and markers, drawn by
 * lightweight-charts. A click on the price pane offers an alert at that price.
 */
export function ChartCanvas({ chart, overlays, rsiPeriod, alerts, markers = NO_MARKERS, onHover, onAlertAt }: ChartCanvasProps) {
  const box = useRef<HTMLDivElement>(null);
  const { lib, error } = useChartLibrary();
  const colors = useChartColors();
  const [api, setApi] = useState<Api | null>(null);
  const [drawn, setDrawn] = useState<Drawn>(NOTHING);
  const [rsiTop, setRsiTop] = useState<number | null>(null);
  const hover = useRef(onHover);
  const alertPrices = useRef<number[]>([]);
  const viewKey = useRef<string | null>(null);
  const decimals = useRef(priceDecimals(chart));
  const [pick, setPick] = useState<Pick | null>(null);

  /** Mirrors what the library now holds (after every change to it). */
  const sync = (a: Api) => {
    if (a.removed) return;
    const next = readDrawn(a);
    setDrawn((prev) => (sameDrawn(prev, next) ? prev : next));
  };

  useEffect(() => {
    hover.current = onHover;
  }, [onHover]);

  useEffect(() => {
    decimals.current = priceDecimals(chart);
  }, [chart]);

  // The chart and its fixed series, once the library is loaded.
  useEffect(() => {
    const el = box.current;
    if (!lib || !el) return;
    const c = lib.createChart(el, { autoSize: true });
    const line = (color: string, style: LineStyle = lib.LineStyle.Solid, lineWidth: LineWidth = 2) =>
      c.addSeries(lib.LineSeries, { color, lineWidth, lineStyle: style, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false });
    const candles = c.addSeries(lib.CandlestickSeries, {
      borderVisible: false,
      autoscaleInfoProvider: (original: () => AutoscaleInfo | null) => withNearbyLines(original(), alertPrices.current),
    });
    candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.28 } });
    const volume = c.addSeries(lib.HistogramSeries, { priceScaleId: "volume", priceFormat: { type: "volume" }, lastValueVisible: false, priceLineVisible: false });
    volume.priceScale().applyOptions({ scaleMargins: { top: 0.78, bottom: 0 } });
    const lines = {
      sma: line(OVERLAY_COLORS.sma),
      ema: line(OVERLAY_COLORS.ema),
      bollingerUpper: line(OVERLAY_COLORS.bollinger, lib.LineStyle.Dashed, 1),
      bollingerMiddle: line(OVERLAY_COLORS.bollinger, lib.LineStyle.Solid, 1),
      bollingerLower: line(OVERLAY_COLORS.bollinger, lib.LineStyle.Dashed, 1),
    };
    c.subscribeCrosshairMove((p) => hover.current(p.logical === undefined ? null : Math.round(p.logical)));
    // A click on the price pane picks the price under it (to the axis' decimals); elsewhere, it drops the pick.
    c.subscribeClick((p: MouseEventParams<Time>) => {
      const price = p.point && (p.paneIndex ?? 0) === 0 ? priceText(candles.coordinateToPrice(p.point.y), decimals.current) : null;
      if (!p.point || price === null) return setPick(null);
      const left = Math.max(0, Math.min(p.point.x + 8, el.clientWidth - PICK_WIDTH));
      const top = Math.max(0, Math.min(p.point.y + 8, el.clientHeight - PICK_HEIGHT));
      setPick({ price, left, top });
    });
    const markers = lib.createSeriesMarkers(candles, []);
    const created: Api = { chart: c, candles, volume, lines, rsi: null, markers, shown: null, removed: false };
    setApi(created);
    return () => {
      created.removed = true;
      viewKey.current = null;
      setApi(null);
      setDrawn(NOTHING);
      setPick(null);
      c.remove();
    };
  }, [lib]);

  // Theme, interval and price step.
  useEffect(() => {
    if (!api || !lib) return;
    api.chart.applyOptions(chartOptions(lib, colors, chart.interval));
    const format = priceFormat(minMove(chart));
    api.candles.applyOptions({ upColor: colors.up, downColor: colors.down, wickUpColor: colors.up, wickDownColor: colors.down, priceFormat: format });
    Object.values(api.lines).forEach((l) => l.applyOptions({ priceFormat: format }));
    api.rsi?.priceLines().forEach((guide) => guide.applyOptions({ color: colors.muted }));
    sync(api);
  }, [api, lib, colors, chart]);

  // The data, the overlays that are on, and the RSI pane.
  useEffect(() => {
    if (!api || !lib) return;
    const d = seriesData(chart, { up: translucent(colors.up), down: translucent(colors.down) });
    api.candles.setData(d.candles);
    api.volume.setData(d.volume);
    api.lines.sma.setData(overlays.sma ? d.sma : []);
    api.lines.ema.setData(overlays.ema ? d.ema : []);
    api.lines.bollingerUpper.setData(overlays.bollinger ? d.bollingerUpper : []);
    api.lines.bollingerMiddle.setData(overlays.bollinger ? d.bollingerMiddle : []);
    api.lines.bollingerLower.setData(overlays.bollinger ? d.bollingerLower : []);
    const showRsi = overlays.rsi && d.rsi.length > 0;
    if (showRsi && !api.rsi) {
      const rsi = api.chart.addSeries(
        lib.LineSeries,
        {
          color: OVERLAY_COLORS.rsi,
          lineWidth: 2,
          priceLineVisible: false,
          priceFormat: { type: "custom", minMove: 0.01, formatter: (n: number) => n.toFixed(0) },
          autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 100 } }),
        },
        1,
      );
      for (const price of RSI_GUIDES) {
        rsi.createPriceLine({ price, color: colors.muted, lineWidth: 1, lineStyle: lib.LineStyle.Dashed, axisLabelVisible: true, title: "" });
      }
      const [pricePane, rsiPane] = api.chart.panes();
      pricePane?.setStretchFactor(PRICE_STRETCH);
      rsiPane?.setStretchFactor(RSI_STRETCH);
      api.rsi = rsi;
    } else if (!showRsi && api.rsi) {
      api.chart.removeSeries(api.rsi);
      api.rsi = null;
    }
    api.rsi?.setData(d.rsi);
    api.shown = { symbol: chart.symbol, interval: chart.interval };
    const key = `${chart.symbol}/${chart.interval}`;
    if (viewKey.current !== key) {
      viewKey.current = key;
      const n = d.candles.length;
      api.chart.timeScale().setVisibleLogicalRange({ from: Math.max(0, n - VISIBLE_CANDLES) - 0.5, to: n + 1 });
    }
    sync(api);
  }, [api, lib, chart, overlays, colors]);

  // Alert levels (a channel's low and high) as labelled price lines.
  useEffect(() => {
    if (!api || !lib) return;
    alertPrices.current = alerts.map((a) => a.price);
    const created = alerts.map((a) =>
      api.candles.createPriceLine({
        price: a.price,
        color: a.tone === "up" ? colors.up : a.tone === "down" ? colors.down : colors.muted,
        lineWidth: 1,
        lineStyle: lib.LineStyle.LargeDashed,
        axisLabelVisible: true,
        title: a.label,
      }),
    );
    sync(api);
    return () => {
      if (api.removed) return;
      created.forEach((l) => api.candles.removePriceLine(l));
      sync(api);
    };
  }, [api, lib, alerts, colors]);

  // The replayed fires of an alert, as markers on the candles (none when cleared).
  useEffect(() => {
    if (!api) return;
    api.markers.setMarkers([...markers]);
    sync(api);
  }, [api, markers]);

  // A pick is about the asset and interval it was made on.
  useEffect(() => setPick(null), [chart.symbol, chart.interval]);

  // Escape drops the pick.
  useEffect(() => {
    if (pick === null) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setPick(null);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [pick]);

  // Where the RSI pane starts, for its label; again after every resize.
  useEffect(() => {
    const el = box.current;
    if (!api || !el || drawn.rsiPoints === 0) return;
    const measure = () => {
      if (api.removed) return;
      const panes = api.chart.panes();
      setRsiTop(panes.length > 1 ? panes[0].getHeight() + 1 : null);
    };
    const frame = requestAnimationFrame(measure);
    const observer = new ResizeObserver(() => requestAnimationFrame(measure));
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [api, drawn]);

  if (!canDrawCharts()) {
    return (
      <div data-testid="chart-canvas" data-candles="0" className="rounded-md border border-dashed p-6 text-sm text-muted-foreground">
        This browser cannot draw charts.
      </div>
    );
  }
  return (
    <div className="relative">
      <div
        ref={box}
        data-testid="chart-canvas"
        data-symbol={drawn.symbol}
        data-interval={drawn.interval ?? undefined}
        data-candles={drawn.candles}
        data-overlays={drawn.overlays.join(",")}
        data-price-lines={drawn.priceLines.join(",")}
        data-replay-fires={drawn.replayFires}
        role="img"
        aria-label={`${chart.symbol} ${chart.interval} candlestick chart with volume, ${drawn.candles} candles`}
        className="isolate h-[30rem] w-full overflow-hidden rounded-md"
      />
      {error !== null && <QueryError what="the chart library" error={error} />}
      {pick !== null && onAlertAt && (
        <div
          data-testid="chart-price-pick"
          data-price={pick.price}
          style={{ left: pick.left, top: pick.top }}
          className="absolute z-20 flex items-center gap-0.5 rounded-md border border-border bg-card p-1 shadow-md"
        >
          <Button size="sm" variant="ghost" data-testid="alert-at-price" onClick={() => onAlertAt(pick.price)}>
            <BellPlus aria-hidden="true" />
            Alert at {unitPrice(pick.price)}
          </Button>
          <Button size="icon" variant="ghost" className="size-8" aria-label="Close" title="Close (Esc)" onClick={() => setPick(null)}>
            <X aria-hidden="true" />
          </Button>
        </div>
      )}
      {drawn.rsiPoints > 0 && (
        <div
          data-testid="rsi-pane"
          data-points={drawn.rsiPoints}
          data-guide-colors={JSON.stringify(drawn.rsiGuides)}
          style={rsiTop === null ? { bottom: "3rem" } : { top: rsiTop + 4 }}
          className="pointer-events-none absolute left-2 z-10 rounded bg-card/80 px-1.5 py-0.5 text-xs text-muted-foreground"
        >
          <span style={{ color: OVERLAY_COLORS.rsi }} className="font-medium">
            RSI {rsiPeriod}
          </span>{" "}
          · guides at 30 and 70
        </div>
      )}
    </div>
  );
}
