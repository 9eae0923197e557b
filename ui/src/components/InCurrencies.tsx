import { Fragment } from "react";
import type { Currency } from "@/lib/backend";
import { otherCurrencies, type Tri } from "@/lib/currency";
import { money, percent } from "@/lib/format";
import { cn } from "@/lib/utils";
import { trendClass } from "./trend";

interface InCurrenciesProps {
  /** The figure in each currency (decimal strings from the core; null: unknown). */
  values: Tri;
  /** The one shown large; the other two follow, smaller. */
  currency: Currency;
  /** Money (default) or a percentage in each currency. */
  kind?: "money" | "percent";
  /** P&L: a sign and gain/loss colours. */
  signed?: boolean;
  /** `id` of the main figure. */
  id?: string;
  /** Each figure gets `data-testid="<testid>-<CUR>"`. */
  testid?: string;
  /** Stacked (table cells, default) or on one line. */
  layout?: "stack" | "inline";
  className?: string;
}

/** A figure in the display currency with the other two beside it (stacked under it in tables), smaller and muted. */
export function InCurrencies({ values, currency, kind = "money", signed = false, id, testid, layout = "stack", className }: InCurrenciesProps) {
  const show = (c: Currency) => (kind === "percent" ? percent(values[c], { signed }) : money(values[c], c, { signed }));
  const tid = (c: Currency) => (testid ? `${testid}-${c}` : undefined);
  const Outer = layout === "stack" ? "div" : "span";
  return (
    <Outer className={cn("tabular-nums", layout === "inline" && "inline-flex flex-wrap items-baseline gap-x-2", className)}>
      <span id={id} data-testid={tid(currency)} data-currency={currency} className={cn(signed && trendClass(values[currency]))}>
        {show(currency)}
      </span>
      <span className={cn("text-xs font-normal whitespace-nowrap text-muted-foreground", layout === "stack" && "block")}>
        {otherCurrencies(currency).map((c, i) => (
          <Fragment key={c}>
            {layout === "inline" && i > 0 && <span aria-hidden="true"> · </span>}
            <span data-testid={tid(c)} data-currency={c} className={cn(layout === "stack" && "block")}>
              {show(c)}
            </span>
          </Fragment>
        ))}
      </span>
    </Outer>
  );
}
