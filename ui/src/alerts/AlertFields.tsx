import { useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FormErrors } from "@/lib/form-errors";
import { REPEATS, shownFields, type AlertFormValues } from "./alert-input";
import { isChannel, isMove, KIND_GROUPS } from "./alert-rule";

/** What the threshold field is, by kind: a price, a channel's low, or a move's percent. */
function thresholdField(kind: string): { label: string; placeholder: string } {
  if (isChannel(kind)) return { label: "Low (USD)", placeholder: "1800" };
  if (isMove(kind)) return { label: "Percent", placeholder: "5" };
  return { label: "Price (USD)", placeholder: "100000" };
}

/**
 * The fields of an alert: the condition picks which ones show (a channel's
 * high, a move's window), the frequency whether the re-arm band and cooldown
 * do. Hidden fields are not on the form, so they are not sent.
 */
export function AlertFields({ values, errors }: { values: AlertFormValues; errors: FormErrors }) {
  const [kind, setKind] = useState(values.alert_type);
  const [repeat, setRepeat] = useState(values.repeat);
  const kindSelect = useRef<HTMLSelectElement>(null);
  // The add form resets after a save: back to the initial condition and frequency.
  useEffect(() => {
    const form = kindSelect.current?.form;
    if (!form) return;
    const onReset = () => {
      setKind(values.alert_type);
      setRepeat(values.repeat);
    };
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, [values.alert_type, values.repeat]);
  const shown = shownFields(kind, repeat);
  const threshold = thresholdField(kind);
  return (
    <>
      <Field name="symbol" label="Asset" error={errors.fieldError("symbol")}>
        {(p) => <Input {...p} defaultValue={values.symbol} placeholder="BTC" autoComplete="off" spellCheck={false} required />}
      </Field>
      <Field name="alert_type" label="Condition" error={errors.fieldError("alert_type")} className="col-span-2">
        {(p) => (
          <Select {...p} ref={kindSelect} value={kind} onChange={(e) => setKind(e.target.value)}>
            {KIND_GROUPS.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.kinds.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {k.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        )}
      </Field>
      <Field name="threshold" label={threshold.label} error={errors.fieldError("threshold")}>
        {(p) => <Input {...p} defaultValue={values.threshold} placeholder={threshold.placeholder} inputMode="decimal" autoComplete="off" required />}
      </Field>
      {shown.upper && (
        <Field name="upper" label="High (USD)" error={errors.fieldError("upper")}>
          {(p) => <Input {...p} defaultValue={values.upper} placeholder="2200" inputMode="decimal" autoComplete="off" required />}
        </Field>
      )}
      {shown.within && (
        <Field name="within" label="Within" error={errors.fieldError("within")} hint="90s, 15m, 1h, 2d">
          {(p) => <Input {...p} defaultValue={values.within} placeholder="1h" autoComplete="off" spellCheck={false} required />}
        </Field>
      )}
      <Field name="repeat" label="Frequency" error={errors.fieldError("repeat")}>
        {(p) => (
          <Select {...p} value={repeat} onChange={(e) => setRepeat(e.target.value)}>
            {REPEATS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {shown.rearm_band && (
        <Field name="rearm_band" label="Re-arm band (%)" error={errors.fieldError("rearm_band")} hint="How far back before it fires again">
          {(p) => <Input {...p} defaultValue={values.rearm_band} placeholder="0" inputMode="decimal" autoComplete="off" />}
        </Field>
      )}
      {shown.cooldown && (
        <Field name="cooldown" label="Cooldown" error={errors.fieldError("cooldown")} hint="Quiet time after a fire: 15m, 1h">
          {(p) => <Input {...p} defaultValue={values.cooldown} placeholder="15m" autoComplete="off" spellCheck={false} />}
        </Field>
      )}
      <Field name="expires" label="Expires" error={errors.fieldError("expires")} hint="Optional: nothing fires from then on" className="col-span-2 sm:col-span-1 lg:col-span-2">
        {(p) => <Input {...p} type="datetime-local" defaultValue={values.expires} />}
      </Field>
      <Field name="message" label="Message" error={errors.fieldError("message")} className="col-span-2">
        {(p) => <Input {...p} defaultValue={values.message} placeholder="optional" maxLength={500} autoComplete="off" />}
      </Field>
    </>
  );
}
