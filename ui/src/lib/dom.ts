// Small DOM helpers shared by the feature views.

import { isBackendError } from "./backend/index.js";

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

export function cell(text: string, className = ""): HTMLTableCellElement {
  return el("td", { textContent: text, className });
}

/** Replaces a table body's rows, with a placeholder row when empty. */
export function fillBody(table: HTMLTableElement, rows: HTMLTableRowElement[], empty: string): void {
  const body = table.tBodies[0];
  const cols = table.tHead?.rows[0]?.cells.length ?? 1;
  if (rows.length === 0) {
    body.replaceChildren(el("tr", { className: "empty" }, el("td", { colSpan: cols, textContent: empty })));
  } else {
    body.replaceChildren(...rows);
  }
}

/** Reads a form's fields as trimmed strings. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(form).forEach((v, k) => (out[k] = String(v).trim()));
  return out;
}

/** Shows an error under a form and marks the offending field. */
export function showError(form: HTMLFormElement, box: HTMLElement, e: unknown): void {
  form.querySelectorAll("[aria-invalid]").forEach((x) => x.removeAttribute("aria-invalid"));
  if (isBackendError(e)) {
    box.textContent = e.message;
    const field = e.field === "threshold" ? "threshold" : e.field;
    if (field) form.querySelector(`[name="${field}"]`)?.setAttribute("aria-invalid", "true");
  } else {
    box.textContent = e instanceof Error ? e.message : String(e);
  }
}

export function clearError(form: HTMLFormElement, box: HTMLElement): void {
  box.textContent = "";
  form.querySelectorAll("[aria-invalid]").forEach((x) => x.removeAttribute("aria-invalid"));
}

export function $(selector: string): HTMLElement {
  const e = document.querySelector<HTMLElement>(selector);
  if (!e) throw new Error(`missing element ${selector}`);
  return e;
}

/**
 * Wires a form: on submit, disables its button, runs `save` with the form's
 * values, then clears the error, resets the form and runs `after`; on
 * failure shows the error next to the offending field and keeps the input.
 */
export function onSubmit(form: HTMLFormElement, button: HTMLButtonElement, error: HTMLElement, save: (values: Record<string, string>) => Promise<unknown>, after: () => Promise<void>): void {
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    button.disabled = true;
    try {
      await save(formValues(form));
      clearError(form, error);
      form.reset();
      await after();
    } catch (e) {
      showError(form, error, e);
    } finally {
      button.disabled = false;
    }
  });
}
