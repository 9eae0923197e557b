import { AddRecordCard } from "@/components/record-form";
import { useFormErrors } from "@/lib/form-errors";
import { useAddAlert } from "@/lib/queries";
import { AlertFields } from "./AlertFields";
import { ALERT_FIELDS, ALERT_GRID, EMPTY_ALERT, readAlertInput } from "./alert-input";

/** Adds an alert; the backend's errors show at their field, the input is kept. */
export function AlertForm() {
  const add = useAddAlert();
  const errors = useFormErrors(ALERT_FIELDS);
  return (
    <AddRecordCard
      id="alert-form"
      title="New price alert"
      submitId="add-alert"
      submitLabel="Add alert"
      gridClassName={ALERT_GRID}
      pending={add.isPending}
      errors={errors}
      save={(form) => add.mutateAsync(readAlertInput(form))}
    >
      <AlertFields values={EMPTY_ALERT} errors={errors} />
    </AddRecordCard>
  );
}
