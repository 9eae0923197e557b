import { Button } from "@/components/ui/button";
import type { ChartInterval } from "@/lib/backend";
import { INTERVALS } from "./chart-data";

/** 1m / 1h / 1d as toggle buttons (Tab to reach, Enter or Space to pick). */
export function IntervalSwitch({ value, onChange }: { value: ChartInterval; onChange(i: ChartInterval): void }) {
  return (
    <div className="flex flex-col gap-1.5">
      <span id="chart-interval-label" className="text-xs font-medium leading-none text-muted-foreground">
        Interval
      </span>
      <div role="group" aria-labelledby="chart-interval-label" className="inline-flex rounded-md border border-input p-0.5">
        {INTERVALS.map((i) => (
          <Button
            key={i}
            size="sm"
            variant={i === value ? "default" : "ghost"}
            className="h-7"
            data-testid={`chart-interval-${i}`}
            aria-pressed={i === value}
            onClick={() => onChange(i)}
          >
            {i}
          </Button>
        ))}
      </div>
    </div>
  );
}
