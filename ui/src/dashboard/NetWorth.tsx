import { trendClass } from "@/components/trend";
import type { Valuation } from "@/lib/backend";
import { money, percent } from "@/lib/format";
import { cn } from "@/lib/utils";

export function NetWorth({ valuation }: { valuation: Valuation }) {
  return (
    <div className="flex flex-col gap-2">
      <p id="net-worth" className="text-3xl font-semibold tracking-tight tabular-nums">
        {money(valuation.total_value_usd)}
      </p>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted-foreground" title="Over the exchange's rolling 24 hours">
          Change today
        </dt>
        <dd id="net-worth-today" className={cn("text-right tabular-nums", trendClass(valuation.day_change_usd))}>
          {money(valuation.day_change_usd, "USD", { signed: true })}
          {valuation.day_change_pct != null && ` (${percent(valuation.day_change_pct, { signed: true })})`}
        </dd>
        <dt className="text-muted-foreground">Total P&amp;L</dt>
        <dd id="net-worth-pnl" className={cn("text-right tabular-nums", trendClass(valuation.total_pnl_usd))}>
          {money(valuation.total_pnl_usd, "USD", { signed: true })}
        </dd>
        <dt className="text-muted-foreground">Cost</dt>
        <dd className="text-right tabular-nums">{money(valuation.total_cost_usd)}</dd>
        <dt className="text-muted-foreground">Holdings</dt>
        <dd className="text-right tabular-nums">{valuation.holdings.length}</dd>
      </dl>
      {valuation.unpriced > 0 && (
        <p className="text-xs text-muted-foreground">{valuation.unpriced} holding(s) without a price are not counted.</p>
      )}
    </div>
  );
}
