import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FormErrors } from "@/lib/form-errors";
import { ALERT_KINDS, type AlertFormValues } from "./alert-input";

export function AlertFields({ values, errors }: { values: AlertFormValues; errors: FormErrors }) {
  return (
    <>
      <Field name="symbol" label="Asset" error={errors.fieldError("symbol")}>
        {(p) => <Input {...p} defaultValue={values.symbol} placeholder="BTC" autoComplete="off" spellCheck={false} required />}
      </Field>
      <Field name="alert_type" label="When price is" error={errors.fieldError("alert_type")}>
        {(p) => (
          <Select {...p} defaultValue={values.alert_type}>
            {ALERT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field name="threshold" label="Threshold (USD)" error={errors.fieldError("threshold")}>
        {(p) => <Input {...p} defaultValue={values.threshold} placeholder="100000" inputMode="decimal" autoComplete="off" required />}
      </Field>
      <Field name="message" label="Message" error={errors.fieldError("message")} className="sm:col-span-2">
        {(p) => <Input {...p} defaultValue={values.message} placeholder="optional" maxLength={500} autoComplete="off" />}
      </Field>
    </>
  );
}
