import { AddRecordCard } from "@/components/record-form";
import { useFormErrors } from "@/lib/form-errors";
import { useAddHolding } from "@/lib/queries";
import { EMPTY_HOLDING, HOLDING_ERROR_FIELDS, readHoldingInput, TRADE_GRID } from "./holding-input";
import { TradeFields } from "./TradeFields";

/** Adds a holding; the backend's errors show at their field, the input is kept. */
export function HoldingForm() {
  const add = useAddHolding();
  const errors = useFormErrors(HOLDING_ERROR_FIELDS);
  return (
    <AddRecordCard
      id="holding-form"
      title="Add a holding"
      submitId="add-holding"
      submitLabel="Add holding"
      gridClassName={TRADE_GRID}
      pending={add.isPending}
      errors={errors}
      save={(form) => add.mutateAsync(readHoldingInput(form))}
    >
      <TradeFields values={EMPTY_HOLDING} errors={errors} priceLabel="Buy price" />
    </AddRecordCard>
  );
}
