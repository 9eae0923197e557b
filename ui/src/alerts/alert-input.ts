import type { Alert, AlertInput, AlertKind } from "@/lib/backend";

/** The form's field names; they are also the backend's `field` names in errors. */
export const ALERT_FIELDS = ["symbol", "alert_type", "threshold", "message"] as const;
export const ALERT_KINDS: readonly AlertKind[] = ["above", "below"];

export type AlertFormValues = Record<(typeof ALERT_FIELDS)[number], string>;

export const EMPTY_ALERT: AlertFormValues = { symbol: "", alert_type: "above", threshold: "", message: "" };

/** What the backend gets: text as typed; a blank message becomes null. */
export function readAlertInput(form: HTMLFormElement): AlertInput {
  const data = new FormData(form);
  const text = (name: string) => {
    const v = data.get(name);
    return typeof v === "string" ? v : "";
  };
  return {
    symbol: text("symbol"),
    alert_type: text("alert_type"),
    threshold: text("threshold"),
    message: text("message").trim() === "" ? null : text("message"),
  };
}

export function alertFormValues(a: Alert): AlertFormValues {
  return { symbol: a.symbol, alert_type: a.alert_type, threshold: a.threshold_price, message: a.message ?? "" };
}

/** Grid of the alert forms (add card and edit row). */
export const ALERT_GRID = "grid grid-cols-2 items-start gap-3 sm:grid-cols-6";
