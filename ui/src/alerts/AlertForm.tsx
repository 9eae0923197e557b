import { Plus } from "lucide-react";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { useFormErrors } from "@/lib/form-errors";
import { useAddAlert } from "@/lib/queries";
import { AlertFields } from "./AlertFields";
import { ALERT_FIELDS, EMPTY_ALERT, readAlertInput } from "./alert-input";

export function AlertForm() {
  const add = useAddAlert();
  const errors = useFormErrors(ALERT_FIELDS);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    errors.clear();
    try {
      await add.mutateAsync(readAlertInput(form));
      form.reset();
    } catch (err) {
      errors.show(err);
    }
  }

  return (
    <Card aria-labelledby="alert-form-title">
      <CardHeader>
        <CardTitle id="alert-form-title">New price alert</CardTitle>
      </CardHeader>
      <CardContent>
        <form id="alert-form" noValidate autoComplete="off" onSubmit={onSubmit} className="grid grid-cols-2 items-start gap-3 sm:grid-cols-6">
          <AlertFields values={EMPTY_ALERT} errors={errors} />
          <div className="flex flex-col gap-1.5">
            <span aria-hidden="true" className="text-xs leading-none">
              &nbsp;
            </span>
            <Button type="submit" id="add-alert" disabled={add.isPending}>
              <Plus aria-hidden="true" />
              Add alert
            </Button>
          </div>
          <FormError message={errors.formError} className="col-span-full" />
        </form>
      </CardContent>
    </Card>
  );
}
