import { useCallback, useState } from "react";
import { toDisplayError } from "./backend";

export interface FormErrors {
  /** The message for one field, if the backend named it. */
  fieldError(name: string): string | null;
  /** A message with no field of this form (shown once, at form level). */
  formError: string | null;
  /** Shows a thrown value: at its field when the form has that field, else at form level. */
  show(e: unknown): void;
  clear(): void;
}

/** Error state for a form whose fields are `fields` (the backend's `field` names). */
export function useFormErrors(fields: readonly string[]): FormErrors {
  const [state, setState] = useState<{ field: string | null; message: string } | null>(null);
  const show = useCallback(
    (e: unknown) => {
      const d = toDisplayError(e);
      setState({ field: d.field !== null && fields.includes(d.field) ? d.field : null, message: d.message });
    },
    [fields],
  );
  const clear = useCallback(() => setState(null), []);
  return {
    fieldError: (name) => (state && state.field === name ? state.message : null),
    formError: state && state.field === null ? state.message : null,
    show,
    clear,
  };
}
