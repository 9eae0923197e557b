import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FormErrors } from "@/lib/form-errors";
import { CURRENCIES, type HoldingFormValues } from "./holding-input";

/** The holding fields (uncontrolled: they keep what was typed until the form resets). */
export function HoldingFields({ values, errors }: { values: HoldingFormValues; errors: FormErrors }) {
  return (
    <>
      <Field name="symbol" label="Asset" error={errors.fieldError("symbol")}>
        {(p) => <Input {...p} defaultValue={values.symbol} placeholder="BTC" autoComplete="off" spellCheck={false} required />}
      </Field>
      <Field name="amount" label="Amount" error={errors.fieldError("amount")}>
        {(p) => <Input {...p} defaultValue={values.amount} placeholder="0.5" inputMode="decimal" autoComplete="off" required />}
      </Field>
      <Field name="price" label="Buy price" error={errors.fieldError("price")}>
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
    </>
  );
}
