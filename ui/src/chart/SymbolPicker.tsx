import { useLocation } from "wouter";
import { Select } from "@/components/ui/select";
import { useCommandQuery } from "@/lib/queries";
import { chartPath } from "./chart-path";

/** The watched assets (and the one shown, watched or not); picking one opens its chart. */
export function SymbolPicker({ symbol }: { symbol: string }) {
  const prices = useCommandQuery("tracked_prices");
  const [, navigate] = useLocation();
  const watched = prices.data?.map((p) => p.symbol) ?? [];
  const options = watched.includes(symbol) ? watched : [symbol, ...watched];
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="chart-symbol" className="text-xs font-medium text-muted-foreground">
        Asset
      </label>
      <Select id="chart-symbol" data-testid="chart-symbol" className="h-8 w-32" value={symbol} onChange={(e) => navigate(chartPath(e.target.value))}>
        {options.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </Select>
    </div>
  );
}
