// Portfolio: the add form, the holdings table with live values, the totals.

import type { Backend } from "../lib/backend/index.js";
import { $, cell, el, fillBody, onSubmit, showError } from "../lib/dom.js";
import { money, quantity, signClass } from "../lib/format.js";

export function portfolioView(api: Backend): { refresh(): Promise<void> } {
  const form = $("#holding-form") as HTMLFormElement;
  const error = $("#holding-error");
  const table = $("#holdings") as HTMLTableElement;

  async function refresh(): Promise<void> {
    const v = await api.portfolio();
    const rows = v.holdings.map((h) => {
      const del = el("button", { type: "button", className: "link", textContent: "Delete", title: `Delete holding ${h.id}` });
      del.addEventListener("click", async () => {
        if (!confirm(`Delete ${h.amount} ${h.symbol}?`)) return;
        try {
          await api.removeHolding(h.id);
          await refresh();
        } catch (e) {
          showError(form, error, e);
        }
      });
      const row = el(
        "tr",
        {},
        cell(h.symbol),
        cell(quantity(h.amount), "num"),
        cell(`${quantity(h.price_buy)} ${h.base_currency}`, "num"),
        cell(quantity(h.current_price), "num"),
        cell(money(h.value_usd), "num"),
        cell(money(h.pnl_usd), `num ${signClass(h.pnl_usd)}`),
        cell(h.pnl_pct == null ? "—" : `${h.pnl_pct} %`, `num ${signClass(h.pnl_pct)}`),
        cell(h.purchase_date ?? ""),
        cell(h.source ?? ""),
        el("td", {}, del),
      );
      row.dataset.id = String(h.id);
      return row;
    });
    fillBody(table, rows, "No holdings yet: add one above.");
    $("#total-value").textContent = money(v.total_value_usd);
    const pnl = $("#total-pnl");
    pnl.textContent = money(v.total_pnl_usd);
    pnl.className = `num ${signClass(v.total_pnl_usd)}`;
  }

  onSubmit(
    form,
    $("#add-holding") as HTMLButtonElement,
    error,
    (f) =>
      api.addHolding({
        symbol: f.symbol,
        amount: f.amount,
        price: f.price,
        currency: f.currency,
        date: f.date || null,
        commission: f.commission || null,
        source: f.source || null,
      }),
    refresh,
  );

  return { refresh };
}
