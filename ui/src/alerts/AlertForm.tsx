import { useEffect, useState } from "react";
import { AddRecordCard } from "@/components/record-form";
import { useFormErrors } from "@/lib/form-errors";
import { useAddAlert } from "@/lib/queries";
import { AlertFields } from "./AlertFields";
import { ALERT_GRID, EMPTY_ALERT, readAlertInput } from "./alert-input";
import { clearAlertPrefill, peekAlertPrefill, prefillValues } from "./alert-prefill";
import { HistoryTestControls, HistoryTestResult, useHistoryTest } from "./HistoryTest";
import { ALERT_FORM_FIELDS } from "./replay";

/**
 * Adds an alert, or tests it on history first; the backend's errors show at
 * their field, the input is kept. It starts with the rule the Chart page left
 * ("Alert at this price"), if any, until that is saved.
 */
export function AlertForm() {
  const add = useAddAlert();
  const errors = useFormErrors(ALERT_FORM_FIELDS);
  const test = useHistoryTest(errors);
  const [prefill, setPrefill] = useState(peekAlertPrefill);
  // Taken: coming back to the page later starts blank.
  useEffect(() => {
    if (prefill) clearAlertPrefill(prefill);
  }, [prefill]);
  return (
    <AddRecordCard
      id="alert-form"
      title="New price alert"
      submitId="add-alert"
      submitLabel="Add alert"
      gridClassName={ALERT_GRID}
      pending={add.isPending}
      errors={errors}
      save={async (form) => {
        await add.mutateAsync(readAlertInput(form));
        // The form resets to blank, not to the chart's rule.
        setPrefill(null);
      }}
      actions={<HistoryTestControls test={test} errors={errors} />}
      footer={<HistoryTestResult test={test} />}
    >
      {prefill && (
        <p data-testid="alert-prefill-note" className="col-span-full text-sm text-muted-foreground">
          From {prefill.source}: check the condition and the price, then add it.
        </p>
      )}
      <AlertFields key={prefill ? "prefill" : "blank"} values={prefill ? prefillValues(prefill) : EMPTY_ALERT} errors={errors} />
    </AddRecordCard>
  );
}
