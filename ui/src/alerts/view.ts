// Alerts: the add form, the active alerts, the history.

import type { Backend } from "../lib/backend/index.js";
import { $, cell, el, fillBody, onSubmit, showError } from "../lib/dom.js";
import { localTime, quantity } from "../lib/format.js";

export function alertsView(api: Backend): { refresh(): Promise<void> } {
  const form = $("#alert-form") as HTMLFormElement;
  const error = $("#alert-error");

  async function refresh(): Promise<void> {
    const [active, history] = await Promise.all([api.alerts(), api.alertHistory()]);
    const rows = active.map((a) => {
      const del = el("button", { type: "button", className: "link", textContent: "Delete", title: `Delete alert ${a.id}` });
      del.addEventListener("click", async () => {
        try {
          await api.removeAlert(a.id);
          await refresh();
        } catch (e) {
          showError(form, error, e);
        }
      });
      return el("tr", {}, cell(a.symbol), cell(a.alert_type), cell(quantity(a.threshold_price), "num"), cell(a.message ?? ""), el("td", {}, del));
    });
    fillBody($("#active-alerts") as HTMLTableElement, rows, "No active alerts.");
    const past = history.map((h) =>
      el("tr", {}, cell(localTime(h.triggered_at)), cell(h.symbol), cell(h.alert_type), cell(quantity(h.threshold_price), "num"), cell(quantity(h.triggered_price), "num"), cell(h.message ?? "")),
    );
    fillBody($("#alert-history") as HTMLTableElement, past, "No alert has fired yet.");
  }

  onSubmit(
    form,
    $("#add-alert") as HTMLButtonElement,
    error,
    (f) =>
      api.addAlert({
        symbol: f.symbol,
        alert_type: f.alert_type === "below" ? "below" : "above",
        threshold: f.threshold,
        message: f.message || null,
      }),
    refresh,
  );

  return { refresh };
}
