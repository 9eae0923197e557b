import { useId, type ReactNode } from "react";
import { cn } from "@/lib/utils";

interface CheckboxFieldProps {
  /** The control's `name`, also the backend's `field` for errors. */
  name: string;
  label: ReactNode;
  checked: boolean;
  onCheckedChange(checked: boolean): void;
  error?: string | null;
  hint?: ReactNode;
  disabled?: boolean;
  id?: string;
  className?: string;
  /** The checkbox's `data-testid`. */
  testid?: string;
}

/** A native checkbox with its label beside it and its error right under it. */
export function CheckboxField({ name, label, checked, onCheckedChange, error, hint, disabled, id, className, testid }: CheckboxFieldProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const describedBy = [error ? errorId : null, hint && !error ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("flex min-w-0 flex-col gap-1", className)}>
      <label htmlFor={inputId} className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          id={inputId}
          name={name}
          data-testid={testid}
          checked={checked}
          disabled={disabled}
          onChange={(e) => onCheckedChange(e.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="size-4 shrink-0 rounded border-input accent-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-50"
        />
        {label}
      </label>
      {hint && !error && (
        <p id={hintId} className="pl-6 text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} data-error-for={name} className="pl-6 text-xs font-medium text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
