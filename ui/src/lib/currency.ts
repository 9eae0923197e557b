// The three currencies every figure comes in, and how to pick them out of the
// core's shapes (`value_usd`/`value_eur`/`value_czk`, or `Total3`). Picking
// only: no figure is ever converted or computed here.

import type { Currency, Total3 } from "./backend";

export const CURRENCIES: readonly Currency[] = ["USD", "EUR", "CZK"];

/** One figure in each currency; null where the core does not know it. */
export type Tri = Record<Currency, string | null>;

/** A record with `<prefix>_usd`, `<prefix>_eur` and `<prefix>_czk`. */
export type Suffixed<P extends string> = Record<`${P}_usd` | `${P}_eur` | `${P}_czk`, string | null>;

/** The figures `<prefix>_usd/_eur/_czk` of a row, e.g. `tri(holding, "value")`. */
export function tri<P extends string>(row: Suffixed<P>, prefix: P): Tri {
  return { USD: row[`${prefix}_usd`], EUR: row[`${prefix}_eur`], CZK: row[`${prefix}_czk`] };
}

/** A `Total3` keyed by currency. */
export function fromTotal(t: Total3): Tri {
  return { USD: t.usd, EUR: t.eur, CZK: t.czk };
}

/** The two currencies other than `c`, in the usual order. */
export function otherCurrencies(c: Currency): Currency[] {
  return CURRENCIES.filter((x) => x !== c);
}

/** Whether `s` names one of the three currencies. */
export function isCurrency(s: unknown): s is Currency {
  return typeof s === "string" && (CURRENCIES as readonly string[]).includes(s);
}
