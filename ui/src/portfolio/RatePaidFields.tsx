import { useId } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { RatePaidValues } from "./trade-input";

/**
 * The optional rates actually paid (units of EUR and of CZK per 1 USD); when
 * given they replace the fetched rates for this one trade. The backend names
 * them both `fx_rate`: its error shows under the pair.
 */
export function RatePaidFields({ values, error }: { values: RatePaidValues; error: string | null }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const control = (name: keyof RatePaidValues, currency: string, placeholder: string) => (
    <div className="flex min-w-0 flex-1 flex-col gap-1">
      <Label htmlFor={`${id}-${name}`} className="sr-only">
        {currency} per USD paid
      </Label>
      <div className="flex items-center gap-1.5">
        <Input
          id={`${id}-${name}`}
          name={name}
          defaultValue={values[name]}
          placeholder={placeholder}
          inputMode="decimal"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : hintId}
        />
        <span aria-hidden="true" className="text-xs text-muted-foreground">
          {currency}
        </span>
      </div>
    </div>
  );
  return (
    <fieldset className="col-span-2 flex min-w-0 flex-col gap-1.5">
      <legend className="mb-1.5 text-xs font-medium leading-none text-muted-foreground">Rate paid per 1 USD (optional)</legend>
      <div className="flex gap-2">
        {control("fx_eur", "EUR", "0.9214")}
        {control("fx_czk", "CZK", "23.41")}
      </div>
      {error ? (
        <p id={errorId} data-error-for="fx_rate" data-testid="field-error-fx_rate" className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : (
        <p id={hintId} className="text-xs text-muted-foreground">
          Blank: the rates of the day are used.
        </p>
      )}
    </fieldset>
  );
}
