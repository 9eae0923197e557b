import type { Holding, HoldingInput } from "@/lib/backend";
import { isDecimal, signOf } from "@/lib/decimal";

/** The form's field names; they are also the backend's `field` names in errors. */
export const HOLDING_FIELDS = ["symbol", "amount", "price", "currency", "date", "commission", "source"] as const;
export const CURRENCIES = ["USD", "EUR", "CZK"] as const;

export type HoldingFormValues = Record<(typeof HOLDING_FIELDS)[number], string>;

export const EMPTY_HOLDING: HoldingFormValues = { symbol: "", amount: "", price: "", currency: "USD", date: "", commission: "", source: "" };

/** What the backend gets: text as typed; blank optional fields become null. */
export function readHoldingInput(form: HTMLFormElement): HoldingInput {
  const data = new FormData(form);
  const text = (name: string) => {
    const v = data.get(name);
    return typeof v === "string" ? v : "";
  };
  const optional = (name: string) => (text(name).trim() === "" ? null : text(name));
  return {
    symbol: text("symbol"),
    amount: text("amount"),
    price: text("price"),
    currency: text("currency"),
    date: optional("date"),
    commission: optional("commission"),
    source: optional("source"),
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
  };
}

/** Grid of the holding forms (add card and edit row). */
export const HOLDING_GRID = "grid grid-cols-2 items-start gap-3 sm:grid-cols-4 xl:grid-cols-8";
