import { AddRecordCard } from "@/components/record-form";
import { useFormErrors } from "@/lib/form-errors";
import { useAddHolding } from "@/lib/queries";
import { HoldingFields } from "./HoldingFields";
import { EMPTY_HOLDING, HOLDING_FIELDS, HOLDING_GRID, readHoldingInput } from "./holding-input";

/** Adds a holding; the backend's errors show at their field, the input is kept. */
export function HoldingForm() {
  const add = useAddHolding();
  const errors = useFormErrors(HOLDING_FIELDS);
  return (
    <AddRecordCard
      id="holding-form"
      title="Add a holding"
      submitId="add-holding"
      submitLabel="Add holding"
      gridClassName={HOLDING_GRID}
      pending={add.isPending}
      errors={errors}
      save={(form) => add.mutateAsync(readHoldingInput(form))}
    >
      <HoldingFields values={EMPTY_HOLDING} errors={errors} />
    </AddRecordCard>
  );
}
