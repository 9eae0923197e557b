import { useEffect, useRef, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ValuedHolding } from "@/lib/backend";
import { useFormErrors } from "@/lib/form-errors";
import { useUpdateHolding } from "@/lib/queries";
import { HoldingFields } from "./HoldingFields";
import { HOLDING_FIELDS, holdingFormValues, readHoldingInput } from "./holding-input";

/** A holdings row turned into a form; Save calls update_holding, Escape or Cancel leaves. */
export function EditHoldingRow({ holding, colSpan, onDone }: { holding: ValuedHolding; colSpan: number; onDone: () => void }) {
  const update = useUpdateHolding();
  const errors = useFormErrors(HOLDING_FIELDS);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector("input")?.focus(), []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    errors.clear();
    try {
      await update.mutateAsync({ id: holding.id, input: readHoldingInput(e.currentTarget) });
      onDone();
    } catch (err) {
      errors.show(err);
    }
  }

  return (
    <tr data-id={holding.id} className="border-b border-border bg-muted/40">
      <td colSpan={colSpan} className="p-3">
        <form
          ref={form}
          data-edit-id={holding.id}
          aria-label={`Edit ${holding.symbol} holding`}
          noValidate
          autoComplete="off"
          onSubmit={onSubmit}
          onKeyDown={(e) => e.key === "Escape" && onDone()}
          className="grid grid-cols-2 items-start gap-3 sm:grid-cols-4 xl:grid-cols-8"
        >
          <HoldingFields values={holdingFormValues(holding)} errors={errors} />
          <div className="flex items-end gap-2 self-end">
            <Button type="submit" size="sm" disabled={update.isPending}>
              Save
            </Button>
            <Button variant="outline" size="sm" onClick={onDone}>
              Cancel
            </Button>
          </div>
          <FormError message={errors.formError} className="col-span-full" />
        </form>
      </td>
    </tr>
  );
}
