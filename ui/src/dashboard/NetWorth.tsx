import { InCurrencies } from "@/components/InCurrencies";
import { trendClass } from "@/components/trend";
import type { Currency, Valuation } from "@/lib/backend";
import { fromTotal, otherCurrencies } from "@/lib/currency";
import { money, percent } from "@/lib/format";
import { cn } from "@/lib/utils";

/** Net worth and the day's change in the display currency, the other two beside them. */
export function NetWorth({ valuation, currency = "USD" }: { valuation: Valuation; currency?: Currency }) {
  const value = fromTotal(valuation.total_value);
  const change = fromTotal(valuation.day_change);
  return (
    <div className="flex flex-col gap-2" data-currency={currency}>
      <p id="net-worth" data-testid={`net-worth-${currency}`} className="text-3xl font-semibold tracking-tight tabular-nums">
        {money(value[currency], currency)}
      </p>
      <p id="net-worth-others" className="flex gap-3 text-sm text-muted-foreground tabular-nums">
        {otherCurrencies(currency).map((c) => (
          <span key={c} data-testid={`net-worth-${c}`}>
            {money(value[c], c)}
          </span>
        ))}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
        <dt className="text-muted-foreground" title="Over the exchange's rolling 24 hours, at today's rates">
          Change today
        </dt>
        <dd className="text-right">
          <span id="net-worth-today" data-testid={`net-worth-today-${currency}`} className={cn("tabular-nums", trendClass(change[currency]))}>
            {money(change[currency], currency, { signed: true })}
            {valuation.day_change_pct != null && ` (${percent(valuation.day_change_pct, { signed: true })})`}
          </span>
          <span className="block text-xs text-muted-foreground tabular-nums">
            {otherCurrencies(currency).map((c, i) => (
              <span key={c} data-testid={`net-worth-today-${c}`}>
                {i > 0 && " · "}
                {money(change[c], c, { signed: true })}
              </span>
            ))}
          </span>
        </dd>
        <dt className="text-muted-foreground">Total P&amp;L</dt>
        <dd className="text-right">
          <InCurrencies id="net-worth-pnl" values={fromTotal(valuation.total_pnl)} currency={currency} signed testid="net-worth-pnl" />
        </dd>
        <dt className="text-muted-foreground">Cost</dt>
        <dd className="text-right">
          <InCurrencies values={fromTotal(valuation.total_cost)} currency={currency} testid="net-worth-cost" />
        </dd>
        <dt className="text-muted-foreground">Holdings</dt>
        <dd className="text-right tabular-nums">{valuation.holdings.length}</dd>
      </dl>
      {valuation.unpriced > 0 && (
        <p className="text-xs text-muted-foreground">{valuation.unpriced} holding(s) without a price are not counted.</p>
      )}
    </div>
  );
}
