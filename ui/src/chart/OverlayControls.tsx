import { useEffect, useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import { MAX_PERIOD, OVERLAY_LABELS, OVERLAYS, parsePeriod, type Overlay } from "./chart-data";
import { OVERLAY_COLORS } from "./chart-theme";

interface PeriodProps {
  overlay: Overlay;
  value: number;
  /** The backend's message for this period, if it refused it. */
  error: string | null;
  onCommit(n: number): void;
}

/** A period field: applied on Enter or when leaving it, refused (and explained) unless a whole number from 1 to 1000. */
function PeriodInput({ overlay, value, error, onCommit }: PeriodProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setText(String(value));
    setInvalid(false);
  }, [value]);
  const commit = () => {
    const n = parsePeriod(text);
    setInvalid(n === null);
    if (n !== null && n !== value) onCommit(n);
  };
  const message = invalid ? `Whole number from 1 to ${MAX_PERIOD}` : error;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="sr-only">
        {OVERLAY_LABELS[overlay]} period
      </label>
      <Input
        id={id}
        name={overlay}
        data-testid={`period-${overlay}`}
        inputMode="numeric"
        className="h-8 w-16 text-xs"
        value={text}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
      />
      {message && (
        <p id={`${id}-error`} data-error-for={overlay} className="max-w-40 text-xs font-medium text-destructive">
          {message}
        </p>
      )}
    </div>
  );
}

interface OverlayControlsProps {
  on: Record<Overlay, boolean>;
  periods: Record<Overlay, number>;
  /** A refusal of the chart request that names a period. */
  errors: Partial<Record<Overlay, string>>;
  onToggle(o: Overlay): void;
  onPeriod(o: Overlay, n: number): void;
}

/** SMA, EMA, Bollinger bands and the RSI pane: each switched on or off, each with its period. */
export function OverlayControls({ on, periods, errors, onToggle, onPeriod }: OverlayControlsProps) {
  return (
    <fieldset className="flex flex-wrap items-start gap-x-4 gap-y-2">
      <legend className="mb-1.5 text-xs font-medium leading-none text-muted-foreground">Indicators</legend>
      {OVERLAYS.map((o) => (
        <div key={o} className="flex items-start gap-1.5">
          <button
            type="button"
            data-testid={`overlay-${o}`}
            aria-pressed={on[o]}
            onClick={() => onToggle(o)}
            className={cn(
              "inline-flex h-8 items-center gap-1.5 rounded-md border border-input px-2.5 text-xs font-medium transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
              on[o] ? "bg-accent text-accent-foreground" : "text-muted-foreground",
            )}
          >
            <span aria-hidden="true" className={cn("size-2.5 rounded-full", !on[o] && "opacity-30")} style={{ backgroundColor: OVERLAY_COLORS[o] }} />
            {OVERLAY_LABELS[o]}
          </button>
          <PeriodInput overlay={o} value={periods[o]} error={errors[o] ?? null} onCommit={(n) => onPeriod(o, n)} />
        </div>
      ))}
    </fieldset>
  );
}
