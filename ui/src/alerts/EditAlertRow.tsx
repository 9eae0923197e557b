import { useEffect, useRef, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { Alert } from "@/lib/backend";
import { useFormErrors } from "@/lib/form-errors";
import { useUpdateAlert } from "@/lib/queries";
import { AlertFields } from "./AlertFields";
import { ALERT_FIELDS, alertFormValues, readAlertInput } from "./alert-input";

export function EditAlertRow({ alert, colSpan, onDone }: { alert: Alert; colSpan: number; onDone: () => void }) {
  const update = useUpdateAlert();
  const errors = useFormErrors(ALERT_FIELDS);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector("input")?.focus(), []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    errors.clear();
    try {
      await update.mutateAsync({ id: alert.id, input: readAlertInput(e.currentTarget) });
      onDone();
    } catch (err) {
      errors.show(err);
    }
  }

  return (
    <tr data-id={alert.id} className="border-b border-border bg-muted/40">
      <td colSpan={colSpan} className="p-3">
        <form
          ref={form}
          data-edit-id={alert.id}
          aria-label={`Edit ${alert.symbol} alert`}
          noValidate
          autoComplete="off"
          onSubmit={onSubmit}
          onKeyDown={(e) => e.key === "Escape" && onDone()}
          className="grid grid-cols-2 items-start gap-3 sm:grid-cols-6"
        >
          <AlertFields values={alertFormValues(alert)} errors={errors} />
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
