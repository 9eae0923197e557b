// Entry point: wires the feature views to the backend and its events.

import { backend, type FeedStatus } from "./lib/backend/index.js";
import { $ } from "./lib/dom.js";
import { localTime } from "./lib/format.js";
import { alertsView } from "./alerts/view.js";
import { portfolioView } from "./portfolio/view.js";

const api = backend();
const portfolio = portfolioView(api);
const alerts = alertsView(api);

function showFeed(f: FeedStatus): void {
  const box = $("#feed");
  const parts: string[] = [];
  if (f.last_error) parts.push(`Prices stale: ${f.last_error}`);
  else if (f.last_success_at) parts.push(`Prices updated ${localTime(f.last_success_at)}`);
  else parts.push("Waiting for the first prices…");
  if (f.unknown_symbols.length) parts.push(`not listed: ${f.unknown_symbols.join(", ")}`);
  parts.push(`database: ${f.database}`, `cache: ${f.cache}`);
  box.textContent = parts.join(" · ");
  box.classList.toggle("stale", f.stale);
}

let pending: number | undefined;
/** Coalesces bursts of events into one refresh. */
function scheduleRefresh(): void {
  if (pending !== undefined) return;
  pending = window.setTimeout(async () => {
    pending = undefined;
    await Promise.all([portfolio.refresh(), alerts.refresh()]).catch((e) => console.error(e));
  }, 100);
}

api.onEvent((e) => {
  if (e.kind === "feed") showFeed(e);
  else scheduleRefresh();
});

$("#refresh").addEventListener("click", async () => {
  try {
    await api.refreshPrices();
  } catch (e) {
    console.error(e);
  }
  scheduleRefresh();
  showFeed(await api.feedStatus());
});

await Promise.all([portfolio.refresh(), alerts.refresh(), api.feedStatus().then(showFeed)]);
