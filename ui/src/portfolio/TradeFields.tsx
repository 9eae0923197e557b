import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FormErrors } from "@/lib/form-errors";
import { RatePaidFields } from "./RatePaidFields";
import { CURRENCIES, type RatePaidValues } from "./trade-input";

export type TradeFormValues = Record<"symbol" | "amount" | "price" | "currency" | "date" | "commission" | "source", string> & RatePaidValues;

interface TradeFieldsProps {
  values: TradeFormValues;
  errors: FormErrors;
  /** "Buy price" or "Sell price". */
  priceLabel: string;
}

/** The fields of a buy or a sale (uncontrolled: they keep what was typed until the form resets). */
export function TradeFields({ values, errors, priceLabel }: TradeFieldsProps) {
  return (
    <>
      <Field name="symbol" label="Asset" error={errors.fieldError("symbol")}>
        {(p) => <Input {...p} defaultValue={values.symbol} placeholder="BTC" autoComplete="off" spellCheck={false} required />}
      </Field>
      <Field name="amount" label="Amount" error={errors.fieldError("amount")}>
        {(p) => <Input {...p} defaultValue={values.amount} placeholder="0.5" inputMode="decimal" autoComplete="off" required />}
      </Field>
      <Field name="price" label={priceLabel} error={errors.fieldError("price")}>
        {(p) => <Input {...p} defaultValue={values.price} placeholder="30000" inputMode="decimal" autoComplete="off" required />}
      </Field>
      <Field name="currency" label="Currency" error={errors.fieldError("currency")}>
        {(p) => (
          <Select {...p} defaultValue={values.currency}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field name="date" label="Date" error={errors.fieldError("date")}>
        {(p) => <Input {...p} type="date" defaultValue={values.date} />}
      </Field>
      <Field name="commission" label="Commission" error={errors.fieldError("commission")}>
        {(p) => <Input {...p} defaultValue={values.commission} placeholder="0" inputMode="decimal" autoComplete="off" />}
      </Field>
      <Field name="source" label="Source" error={errors.fieldError("source")}>
        {(p) => <Input {...p} defaultValue={values.source} placeholder="Binance" autoComplete="off" />}
      </Field>
      <RatePaidFields values={values} error={errors.fieldError("fx_rate")} />
    </>
  );
}
