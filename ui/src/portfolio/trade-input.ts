// What the buy and sale forms share: reading their text as typed, and the
// optional "rate paid" fields, sent as the core's `fx_rate` items.

export { CURRENCIES } from "@/lib/currency";

/** The form names of the rates paid (EUR and CZK per 1 USD); errors about them name `fx_rate`. */
export const RATE_PAID_FIELDS = ["fx_eur", "fx_czk"] as const;
export type RatePaidValues = Record<(typeof RATE_PAID_FIELDS)[number], string>;
export const NO_RATE_PAID: RatePaidValues = { fx_eur: "", fx_czk: "" };

/** A form's fields as typed: `text` ("" when missing), `optional` (null when blank). */
export function formReader(form: HTMLFormElement) {
  const data = new FormData(form);
  const text = (name: string) => {
    const v = data.get(name);
    return typeof v === "string" ? v : "";
  };
  const optional = (name: string) => (text(name).trim() === "" ? null : text(name));
  return { text, optional };
}

/** The core's `fx_rate` items (`EUR=0.9214`) for the rates typed; blank ones are left out. */
export function fxRateItems(rates: RatePaidValues): string[] {
  const items: string[] = [];
  if (rates.fx_eur.trim() !== "") items.push(`EUR=${rates.fx_eur.trim()}`);
  if (rates.fx_czk.trim() !== "") items.push(`CZK=${rates.fx_czk.trim()}`);
  return items;
}

/** The rates paid typed in a form. */
export function readRatesPaid(form: HTMLFormElement): RatePaidValues {
  const { text } = formReader(form);
  return { fx_eur: text("fx_eur"), fx_czk: text("fx_czk") };
}
