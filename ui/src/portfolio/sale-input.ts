import type { SaleInput } from "@/lib/backend";
import { formReader, fxRateItems, NO_RATE_PAID, readRatesPaid, type RatePaidValues } from "./trade-input";

/** The sale form's field names; they are also the backend's `field` names in errors. */
export const SALE_FIELDS = ["symbol", "amount", "price", "currency", "date", "commission", "source"] as const;
/** The backend's `field` names the sale form shows errors at (`fx_rate`: at the rates paid). */
export const SALE_ERROR_FIELDS = [...SALE_FIELDS, "fx_rate"] as const;

export type SaleFormValues = Record<(typeof SALE_FIELDS)[number], string> & RatePaidValues;

export const EMPTY_SALE: SaleFormValues = { symbol: "", amount: "", price: "", currency: "USD", date: "", commission: "", source: "", ...NO_RATE_PAID };

/** What the backend gets: text as typed; blank optional fields become null (a blank date is today), blank rates are left out. */
export function readSaleInput(form: HTMLFormElement): SaleInput {
  const { text, optional } = formReader(form);
  return {
    symbol: text("symbol"),
    amount: text("amount"),
    price: text("price"),
    currency: text("currency"),
    date: optional("date"),
    commission: optional("commission"),
    source: optional("source"),
    fx_rate: fxRateItems(readRatesPaid(form)),
  };
}
