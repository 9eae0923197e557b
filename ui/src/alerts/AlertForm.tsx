import { AddRecordCard } from "@/components/record-form";
import { useFormErrors } from "@/lib/form-errors";
import { useAddAlert } from "@/lib/queries";
import { AlertFields } from "./AlertFields";
import { ALERT_GRID, EMPTY_ALERT, readAlertInput } from "./alert-input";
import { HistoryTestControls, HistoryTestResult, useHistoryTest } from "./HistoryTest";
import { ALERT_FORM_FIELDS } from "./replay";

/** Adds an alert, or tests it on history first; the backend's errors show at their field, the input is kept. */
export function AlertForm() {
  const add = useAddAlert();
  const errors = useFormErrors(ALERT_FORM_FIELDS);
  const test = useHistoryTest(errors);
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
      actions={<HistoryTestControls test={test} errors={errors} />}
      footer={<HistoryTestResult test={test} />}
    >
      <AlertFields values={EMPTY_ALERT} errors={errors} />
    </AddRecordCard>
  );
}
