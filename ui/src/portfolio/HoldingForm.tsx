import { Plus } from "lucide-react";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { useFormErrors } from "@/lib/form-errors";
import { useAddHolding } from "@/lib/queries";
import { HoldingFields } from "./HoldingFields";
import { EMPTY_HOLDING, HOLDING_FIELDS, readHoldingInput } from "./holding-input";

/** Adds a holding; the backend's errors show at their field, the input is kept. */
export function HoldingForm() {
  const add = useAddHolding();
  const errors = useFormErrors(HOLDING_FIELDS);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    errors.clear();
    try {
      await add.mutateAsync(readHoldingInput(form));
      form.reset();
    } catch (err) {
      errors.show(err);
    }
  }

  return (
    <Card aria-labelledby="holding-form-title">
      <CardHeader>
        <CardTitle id="holding-form-title">Add a holding</CardTitle>
      </CardHeader>
      <CardContent>
        <form id="holding-form" noValidate autoComplete="off" onSubmit={onSubmit} className="grid grid-cols-2 items-start gap-3 sm:grid-cols-4 xl:grid-cols-8">
          <HoldingFields values={EMPTY_HOLDING} errors={errors} />
          <div className="flex flex-col gap-1.5">
            <span aria-hidden="true" className="text-xs leading-none">
              &nbsp;
            </span>
            <Button type="submit" id="add-holding" disabled={add.isPending}>
              <Plus aria-hidden="true" />
              Add holding
            </Button>
          </div>
          <FormError message={errors.formError} className="col-span-full" />
        </form>
      </CardContent>
    </Card>
  );
}
