import { EditRecordRow } from "@/components/record-form";
import type { ValuedHolding } from "@/lib/backend";
import { useFormErrors } from "@/lib/form-errors";
import { useUpdateHolding } from "@/lib/queries";
import { HOLDING_ERROR_FIELDS, holdingFormValues, readHoldingInput, TRADE_GRID } from "./holding-input";
import { TradeFields } from "./TradeFields";

/** A holdings row turned into a form; Save calls update_holding, Escape or Cancel leaves. */
export function EditHoldingRow({ holding, colSpan, onDone }: { holding: ValuedHolding; colSpan: number; onDone: () => void }) {
  const update = useUpdateHolding();
  const errors = useFormErrors(HOLDING_ERROR_FIELDS);
  return (
    <EditRecordRow
      id={holding.id}
      label={`Edit ${holding.symbol} holding`}
      colSpan={colSpan}
      gridClassName={TRADE_GRID}
      pending={update.isPending}
      errors={errors}
      save={(form) => update.mutateAsync({ id: holding.id, input: readHoldingInput(form) })}
      onDone={onDone}
    >
      <TradeFields values={holdingFormValues(holding)} errors={errors} priceLabel="Buy price" />
    </EditRecordRow>
  );
}
