import type { Holding, HoldingInput } from "@/lib/backend";
import { isDecimal, signOf } from "@/lib/decimal";
import { formReader, fxRateItems, NO_RATE_PAID, readRatesPaid, type RatePaidValues } from "./trade-input";

export { CURRENCIES } from "./trade-input";

/** The form's field names; they are also the backend's `field` names in errors. */
export const HOLDING_FIELDS = ["symbol", "amount", "price", "currency", "date", "commission", "source"] as const;
/** The backend's `field` names the holding forms show errors at (`fx_rate`: at the rates paid). */
export const HOLDING_ERROR_FIELDS = [...HOLDING_FIELDS, "fx_rate"] as const;

export type HoldingFormValues = Record<(typeof HOLDING_FIELDS)[number], string> & RatePaidValues;

export const EMPTY_HOLDING: HoldingFormValues = {
  symbol: "",
  amount: "",
  price: "",
  currency: "USD",
  date: "",
  commission: "",
  source: "",
  ...NO_RATE_PAID,
};

/** What the backend gets: text as typed; blank optional fields become null, blank rates are left out. */
export function readHoldingInput(form: HTMLFormElement): HoldingInput {
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

/** A stored holding as form values, for editing it. A zero commission shows as blank. */
export function holdingFormValues(h: Holding): HoldingFormValues {
  const noFee = isDecimal(h.commission) && signOf(h.commission) === 0;
  return {
    symbol: h.symbol,
    amount: h.amount,
    price: h.price_buy,
    currency: h.base_currency,
    date: h.purchase_date ?? "",
    commission: noFee ? "" : h.commission,
    source: h.source ?? "",
    fx_eur: h.fx_rate_eur ?? "",
    fx_czk: h.fx_rate_czk ?? "",
  };
}

/** Grid of the buy and sale forms (add cards and edit row); the rates paid span two columns. */
export const TRADE_GRID = "grid grid-cols-2 items-start gap-3 sm:grid-cols-4 xl:grid-cols-5";
