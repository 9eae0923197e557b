// The currency the Portfolio and Dashboard show figures in (the other two
// beside them). The toggle on either page changes it for both, for this
// session; it starts as the settings' `display_currency`, and saving another
// one there takes over again.

import { useCallback, useSyncExternalStore } from "react";
import type { Currency } from "./backend";
import { useCommandQuery } from "./queries";

/** A toggle choice and the settings' currency it was made over. */
export interface CurrencyChoice {
  currency: Currency;
  over: Currency;
}

/** The currency shown: the toggle's choice while the settings still say what they said then, else the settings'. */
export function effectiveCurrency(choice: CurrencyChoice | null, setting: Currency | undefined): Currency {
  const base = setting ?? "USD";
  return choice !== null && choice.over === base ? choice.currency : base;
}

let choice: CurrencyChoice | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function choose(next: CurrencyChoice | null): void {
  choice = next;
  listeners.forEach((l) => l());
}

/** Forgets the toggle's choice (tests). */
export function resetDisplayCurrency(): void {
  choose(null);
}

/** The currency to show figures in, and the toggle's setter. */
export function useDisplayCurrency(): [Currency, (c: Currency) => void] {
  const settings = useCommandQuery("settings");
  const current = useSyncExternalStore(subscribe, () => choice);
  const setting = settings.data?.display_currency;
  const set = useCallback((currency: Currency) => choose({ currency, over: setting ?? "USD" }), [setting]);
  return [effectiveCurrency(current, setting), set];
}
