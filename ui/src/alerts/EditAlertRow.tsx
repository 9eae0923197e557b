import { EditRecordRow } from "@/components/record-form";
import type { Alert } from "@/lib/backend";
import { useFormErrors } from "@/lib/form-errors";
import { useUpdateAlert } from "@/lib/queries";
import { AlertFields } from "./AlertFields";
import { ALERT_GRID, alertFormValues, readAlertInput } from "./alert-input";
import { HistoryTestControls, HistoryTestResult, useHistoryTest } from "./HistoryTest";
import { ALERT_FORM_FIELDS } from "./replay";

/** An alerts row turned into a form; Save calls update_alert (which re-arms it), Test on history replays the edited rule. */
export function EditAlertRow({ alert, colSpan, onDone }: { alert: Alert; colSpan: number; onDone: () => void }) {
  const update = useUpdateAlert();
  const errors = useFormErrors(ALERT_FORM_FIELDS);
  const test = useHistoryTest(errors);
  return (
    <EditRecordRow
      id={alert.id}
      label={`Edit ${alert.symbol} alert`}
      colSpan={colSpan}
      gridClassName={ALERT_GRID}
      pending={update.isPending}
      errors={errors}
      save={(form) => update.mutateAsync({ id: alert.id, input: readAlertInput(form) })}
      onDone={onDone}
      actions={<HistoryTestControls test={test} errors={errors} size="sm" />}
      footer={<HistoryTestResult test={test} />}
    >
      <AlertFields values={alertFormValues(alert)} errors={errors} />
    </EditRecordRow>
  );
}
