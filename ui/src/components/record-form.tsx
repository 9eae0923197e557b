// The two shapes every record form takes (holdings, alerts): an "add" card
// whose form resets after a save, and a table row turned into an edit form.
// Both show the backend's errors at their field through `useFormErrors`.

import { Plus } from "lucide-react";
import { useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import type { FormErrors } from "@/lib/form-errors";
import { cn } from "@/lib/utils";

/** An onSubmit that clears the errors, runs `action` on the form and shows what it throws. */
export function submitWith(errors: FormErrors, action: (form: HTMLFormElement) => Promise<void>) {
  return async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    errors.clear();
    try {
      await action(form);
    } catch (err) {
      errors.show(err);
    }
  };
}

interface AddRecordCardProps {
  /** The form's id; the title gets `<id>-title`. */
  id: string;
  title: string;
  submitId: string;
  submitLabel: string;
  gridClassName: string;
  pending: boolean;
  errors: FormErrors;
  /** Saves the form's record; the form resets when it resolves. */
  save: (form: HTMLFormElement) => Promise<unknown>;
  /** More controls beside the submit button (then they all take a row of their own). */
  actions?: ReactNode;
  /** Shown under the form's row of buttons and its error. */
  footer?: ReactNode;
  children: ReactNode;
}

/** A card with the form that adds a record. */
export function AddRecordCard({ id, title, submitId, submitLabel, gridClassName, pending, errors, save, actions, footer, children }: AddRecordCardProps) {
  const onSubmit = submitWith(errors, async (form) => {
    await save(form);
    form.reset();
  });
  const submit = (
    <Button type="submit" id={submitId} data-testid={submitId} disabled={pending}>
      <Plus aria-hidden="true" />
      {submitLabel}
    </Button>
  );
  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        <form id={id} data-testid={id} noValidate autoComplete="off" onSubmit={onSubmit} className={gridClassName}>
          {children}
          {actions ? (
            <div className="col-span-full flex flex-wrap items-end gap-3">
              {submit}
              {actions}
            </div>
          ) : (
            <div className="flex flex-col gap-1.5">
              <span aria-hidden="true" className="text-xs leading-none">
                &nbsp;
              </span>
              {submit}
            </div>
          )}
          <FormError message={errors.formError} className="col-span-full" />
          {footer}
        </form>
      </CardContent>
    </Card>
  );
}

interface EditRecordRowProps {
  id: number;
  label: string;
  colSpan: number;
  gridClassName: string;
  pending: boolean;
  errors: FormErrors;
  /** Saves the form's record; the row closes when it resolves. */
  save: (form: HTMLFormElement) => Promise<unknown>;
  onDone: () => void;
  /** More controls beside Save and Cancel (then they all take a row of their own). */
  actions?: ReactNode;
  /** Shown under the form's row of buttons and its error. */
  footer?: ReactNode;
  children: ReactNode;
}

/** A table row turned into a form: Save, or Escape / Cancel to leave. */
export function EditRecordRow({ id, label, colSpan, gridClassName, pending, errors, save, onDone, actions, footer, children }: EditRecordRowProps) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector("input")?.focus(), []);
  const onSubmit = submitWith(errors, async (f) => {
    await save(f);
    onDone();
  });
  return (
    <tr data-id={id} className="border-b border-border bg-muted/40">
      <td colSpan={colSpan} className="p-3">
        <form
          ref={form}
          data-edit-id={id}
          aria-label={label}
          noValidate
          autoComplete="off"
          onSubmit={onSubmit}
          onKeyDown={(e) => e.key === "Escape" && onDone()}
          className={gridClassName}
        >
          {children}
          <div className={cn("flex items-end gap-2 self-end", actions && "col-span-full flex-wrap gap-3")}>
            <Button type="submit" size="sm" disabled={pending}>
              Save
            </Button>
            <Button variant="outline" size="sm" onClick={onDone}>
              Cancel
            </Button>
            {actions}
          </div>
          <FormError message={errors.formError} className="col-span-full" />
          {footer}
        </form>
      </td>
    </tr>
  );
}
