// "Alert at this price" from the Chart page: the chart leaves the rule it
// suggests here and opens the Alerts page, whose add form starts with it
// (once: the form takes it and it is gone). A tiny module store, like
// highlight.ts; no URL parameter (hash routes carry none).

import { compareDecimal, isDecimal } from "@/lib/decimal";
import { EMPTY_ALERT, type AlertFormValues } from "./alert-input";

/** What the chart suggests: a level on the charted asset. */
export interface AlertPrefill {
  symbol: string;
  alert_type: "above" | "below";
  /** A decimal string ("96842.15"), as the chart's price axis shows it. */
  threshold: string;
  /** Where it came from, for the form's note: "the BTC chart". */
  source: string;
}

/**
 * A level alert on `symbol` at `price`: "above" when the price is above the
 * last close (it fires when the price rises to it), else "below" (at or
 * under the last close, it fires when the price falls to it). Decimal
 * strings are compared, never converted; null unless both are decimals.
 */
export function prefillAt(symbol: string, price: string, lastClose: string): AlertPrefill | null {
  if (!isDecimal(price) || !isDecimal(lastClose)) return null;
  return {
    symbol,
    alert_type: compareDecimal(price, lastClose) > 0 ? "above" : "below",
    threshold: price,
    source: `the ${symbol} chart`,
  };
}

/** The add form's values for a prefill: the rest as a blank form has it. */
export function prefillValues(p: AlertPrefill): AlertFormValues {
  return { ...EMPTY_ALERT, symbol: p.symbol, alert_type: p.alert_type, threshold: p.threshold };
}

let pending: AlertPrefill | null = null;

/** Leaves a rule for the Alerts page's add form (the next one it opens with). */
export function setAlertPrefill(p: AlertPrefill): void {
  pending = p;
}

/** The rule left for the add form, if any (read without taking it: renders may run twice). */
export function peekAlertPrefill(): AlertPrefill | null {
  return pending;
}

/** Forgets `p` once the form has taken it (a newer one stays). */
export function clearAlertPrefill(p: AlertPrefill): void {
  if (pending === p) pending = null;
}
