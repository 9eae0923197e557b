// Browser tests of the built UI (ui/dist) on the fixture-serving mock backend,
// in Debian's headless Chromium driven by playwright-core.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { launch, openPage, startServer } from "./harness.mjs";

/** The figures the core computed (the mock serves them as they are). */
const fixtures = JSON.parse(readFileSync(new URL("../src/lib/backend/fixtures.json", import.meta.url), "utf8"));
const ledger = fixtures.ledger;

/** A decimal string as the UI shows money in the en-US test context (exact: Intl formats the string). */
const money = (d, currency, signed = false) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: signed ? "exceptZero" : "auto" }).format(d);

let server;
let browser;
let base;

before(async () => {
  ({ server, base } = await startServer());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

const heading = (page, name) => page.getByRole("heading", { level: 1, name, exact: true });

async function addHolding(page, v) {
  const form = page.locator("#holding-form");
  await form.locator("[name=symbol]").fill(v.symbol);
  await form.locator("[name=amount]").fill(v.amount);
  await form.locator("[name=price]").fill(v.price);
  await form.locator("[name=currency]").selectOption(v.currency ?? "USD");
  await form.locator("[name=date]").fill(v.date ?? "");
  await form.locator("[name=commission]").fill(v.commission ?? "");
  await form.locator("[name=source]").fill(v.source ?? "");
  await page.click("#add-holding");
}

/** Fills the alert form; the condition and frequency first, as they decide which fields show. */
async function addAlert(page, v) {
  const form = page.locator("#alert-form");
  await form.locator("[name=symbol]").fill(v.symbol);
  await form.locator("[name=alert_type]").selectOption(v.alert_type);
  await form.locator("[name=repeat]").selectOption(v.repeat ?? "once");
  await form.locator("[name=threshold]").fill(v.threshold);
  for (const name of ["upper", "within", "rearm_band", "cooldown"]) {
    if (v[name] !== undefined) await form.locator(`[name=${name}]`).fill(v[name]);
  }
  await form.locator("[name=message]").fill(v.message ?? "");
  await page.click("#add-alert");
}

test("every page renders and is reachable by keyboard", async () => {
  const { page, context, errors } = await openPage(browser, base);
  await heading(page, "Dashboard").waitFor();
  await page.locator("#feed").getByText("database: mock").waitFor();
  await page.locator("#feed").getByText("cache: in-process").waitFor();

  // The first Tab stop is the skip link.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to content");

  // Tab to the Portfolio link, with a visible focus ring, and press Enter.
  for (let i = 0; i < 10; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === "nav-portfolio") break;
    await page.keyboard.press("Tab");
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), "nav-portfolio");
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).boxShadow);
  assert.notEqual(ring, "none", "focused nav link shows a focus ring");
  await page.keyboard.press("Enter");
  await heading(page, "Portfolio").waitFor();
  assert.match(page.url(), /#\/portfolio$/);
  assert.equal(await page.getAttribute("#nav-portfolio", "aria-current"), "page");

  // Alt+N shortcuts, in sidebar order.
  const order = ["Dashboard", "Markets", "Chart", "Portfolio", "Alerts", "Performance", "Settings"];
  const links = await page.locator("nav[aria-label=Main] a").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("aria-keyshortcuts")]));
  assert.deepEqual(
    links,
    order.map((name, i) => [`${name}Alt+${i + 1}`, `Alt+${i + 1}`]),
  );
  for (const [i, name] of order.entries()) {
    await page.keyboard.press(`Alt+${i + 1}`);
    await heading(page, name).waitFor();
    assert.equal(await page.getAttribute(`#nav-${name.toLowerCase()}`, "aria-current"), "page", `${name} is the current page`);
  }
  // The Chart entry opens the first watched asset (nothing was charted before).
  await page.keyboard.press("Alt+3");
  await heading(page, "Chart").waitFor();
  await page.waitForURL(/#\/chart\/BNB$/);
  await page.keyboard.press("Alt+6");
  await heading(page, "Performance").waitFor();
  for (const id of ["perf-last-poll", "perf-db-p50", "perf-db-p99", "perf-cache-hit-rate"]) {
    assert.equal(await page.textContent(`#${id}`), "—", `${id} is empty in the mock`);
  }
  await page.keyboard.press("Alt+1");
  await heading(page, "Dashboard").waitFor();

  // A reload keeps the route (hash routing).
  await page.goto(base + "#/alerts");
  await heading(page, "Alerts").waitFor();
  await page.reload();
  await heading(page, "Alerts").waitFor();

  assert.equal(await page.evaluate(() => typeof window.__cryptodeskFirstPaint), "number");
  assert.deepEqual(errors, []);
  await context.close();
});

test("adds a holding, shows its value and totals, deletes it after confirming", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/portfolio");
  await page.getByText("No holdings yet").waitFor();
  await addHolding(page, { symbol: "BTC", amount: "0.5", price: "30000" });
  const row = page.locator("#holdings tbody tr[data-id]");
  await row.getByText("BTC", { exact: true }).waitFor();
  const text = await row.innerText();
  assert.match(text, /96,842\.15/);
  assert.match(text, /48,421\.08/);
  assert.match(text, /30,000\.00/);
  assert.equal(await page.textContent("#total-value"), "$48,421.08");
  assert.equal(await page.textContent("#total-pnl"), "+$33,421.08");
  assert.equal(await page.inputValue("#holding-form [name=symbol]"), "", "the form resets after adding");

  // The dashboard shows the same portfolio.
  await page.keyboard.press("Alt+1");
  await page.locator("#net-worth", { hasText: "$48,421.08" }).waitFor();
  await page.locator("#allocation li[data-symbol=BTC]", { hasText: "100%" }).waitFor();
  // The day's change, as the core computed it: 0.5 × (96,842.15 − 96,148.16).
  assert.equal(await page.textContent("#net-worth-today"), "+$347.00 (+0.72%)");
  await page.keyboard.press("Alt+4");

  // Cancel keeps it; Delete removes it.
  await page.locator("#holdings tr[data-id] button[data-action=delete]").click();
  const dialog = page.getByRole("alertdialog");
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
  assert.equal(await page.locator("#holdings tbody tr[data-id]").count(), 1);
  await page.locator("#holdings tr[data-id]").getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByText("No holdings yet").waitFor();
  assert.equal(await page.textContent("#total-value"), "$0.00");
  assert.deepEqual(errors, []);
  await context.close();
});

test("edits a holding inline", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/portfolio");
  await addHolding(page, { symbol: "btc", amount: "0.5", price: "30000", date: "2024-01-15", commission: "2.5", source: "Binance" });
  const row = page.locator("#holdings tbody tr[data-id]");
  await row.getByText("48,421.08").waitFor();
  assert.equal(await page.textContent("#total-pnl"), "+$33,418.58");
  const id = await row.getAttribute("data-id");

  await row.getByRole("button", { name: "Edit" }).click();
  const form = page.locator(`form[data-edit-id="${id}"]`);
  await form.waitFor();
  assert.equal(await form.locator("[name=amount]").inputValue(), "0.5");
  assert.equal(await form.locator("[name=date]").inputValue(), "2024-01-15");
  // The fixture was computed for the input as first typed ("btc").
  await form.locator("[name=symbol]").fill("btc");
  await form.locator("[name=amount]").fill("0.75");
  await form.getByRole("button", { name: "Save" }).click();
  await form.waitFor({ state: "detached" });
  const updated = page.locator(`#holdings tr[data-id="${id}"]`);
  await updated.getByText("72,631.61").waitFor();
  assert.match(await updated.innerText(), /0\.75/);
  assert.equal(await page.textContent("#total-value"), "$72,631.61");

  // Cancel leaves the row as it was.
  await updated.getByRole("button", { name: "Edit" }).click();
  await form.locator("[name=amount]").fill("9");
  await form.getByRole("button", { name: "Cancel" }).click();
  await updated.getByText("72,631.61").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("shows backend errors under the right input and keeps the input", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/portfolio");
  await addHolding(page, { symbol: "BTC", amount: "0", price: "30000" });
  const amountError = page.locator("#holding-form [data-error-for=amount]");
  await amountError.getByText("amount must be > 0").waitFor();
  const amount = page.locator("#holding-form [name=amount]");
  assert.equal(await amount.getAttribute("aria-invalid"), "true");
  const describedBy = await amount.getAttribute("aria-describedby");
  assert.equal(describedBy, await amountError.getAttribute("id"));
  assert.equal(await amount.inputValue(), "0");
  assert.equal(await page.inputValue("#holding-form [name=symbol]"), "BTC");

  await page.fill("#holding-form [name=symbol]", "NOPE");
  await page.fill("#holding-form [name=amount]", "1");
  await page.click("#add-holding");
  await page.locator("#holding-form [data-error-for=symbol]").getByText("does not list NOPEUSDT").waitFor();
  assert.equal(await page.getAttribute("#holding-form [name=symbol]", "aria-invalid"), "true");
  assert.equal(await amount.getAttribute("aria-invalid"), null);
  assert.equal(await page.locator("#holding-form [data-error-for=amount]").count(), 0);

  // An error with no field shows once, at form level.
  await page.fill("#holding-form [name=symbol]", "DOGE");
  await page.click("#add-holding");
  await page.locator("#holding-form [role=alert]").getByText("no fixture for this input").waitFor();
  assert.equal(await page.locator("#holding-form [aria-invalid=true]").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Opens the Portfolio page on the ledger fixture: three buys and its first `sales` sales (all by default). */
async function openLedger(sales) {
  const opened = await openPage(browser, base, "#/portfolio");
  await opened.page.getByText("No holdings yet").waitFor();
  await opened.page.evaluate((n) => window.__mock.seedLedger(n), sales);
  await opened.page.getByTestId("tx-row-buy-3").waitFor();
  return opened;
}

const text = (page, testid) => page.getByTestId(testid).textContent();

async function sell(page, v) {
  const form = page.getByTestId("sell-form");
  await form.locator("[name=symbol]").fill(v.symbol);
  await form.locator("[name=amount]").fill(v.amount);
  await form.locator("[name=price]").fill(v.price);
  await form.locator("[name=currency]").selectOption(v.currency ?? "USD");
  await form.locator("[name=date]").fill(v.date ?? "");
  await form.locator("[name=commission]").fill(v.commission ?? "");
  await form.locator("[name=source]").fill(v.source ?? "");
  await page.getByTestId("sell-submit").click();
}

test("the currency toggle shows the totals in EUR with USD and CZK beside, on the Portfolio and the Dashboard", async () => {
  const { page, context, errors } = await openLedger();
  const v = ledger.by_method.fifo.valuation;
  const totals = page.getByTestId("totals-row");
  await totals.getByText(money(v.total_value.usd, "USD")).waitFor();
  // All three currencies in the totals row, USD (the settings' currency) first.
  assert.equal(await page.textContent("#total-value"), money(v.total_value.usd, "USD"));
  assert.equal(await text(page, "total-value-EUR"), money(v.total_value.eur, "EUR"));
  assert.equal(await text(page, "total-value-CZK"), money(v.total_value.czk, "CZK"));
  assert.equal(await text(page, "total-pnl-CZK"), money(v.total_pnl.czk, "CZK", true));
  assert.equal(await page.getAttribute('[data-testid="currency-toggle-USD"]', "aria-pressed"), "true");

  await page.getByTestId("currency-toggle-EUR").click();
  await page.locator("#total-value", { hasText: money(v.total_value.eur, "EUR") }).waitFor();
  assert.equal(await page.textContent("#total-value"), money(v.total_value.eur, "EUR"));
  assert.equal(await page.textContent("#total-cost"), money(v.total_cost.eur, "EUR"));
  assert.equal(await page.textContent("#total-pnl"), money(v.total_pnl.eur, "EUR", true));
  assert.equal(await text(page, "total-value-USD"), money(v.total_value.usd, "USD"));
  assert.equal(await page.getAttribute('[data-testid="currency-toggle-EUR"]', "aria-pressed"), "true");
  assert.match(await page.locator("#holdings thead").innerText(), /Value \(EUR\)/);
  // Each buy: what FIFO left of it, its value in EUR.
  const eth = page.getByTestId(`holding-row-${v.holdings[2].id}`);
  assert.equal(await eth.getByTestId("remaining").textContent(), "1.5");
  assert.equal(await eth.getByTestId("value-EUR").textContent(), money(v.holdings[2].value_eur, "EUR"));
  assert.equal(await text(page, "summary-total-realized-EUR"), money(ledger.by_method.fifo.summary.total.realized_pnl_eur, "EUR", true));

  // The dashboard follows the toggle: net worth and today's change in EUR, USD and CZK beside.
  await page.keyboard.press("Alt+1");
  await page.locator("#net-worth", { hasText: money(v.total_value.eur, "EUR") }).waitFor();
  assert.equal(await text(page, "net-worth-USD"), money(v.total_value.usd, "USD"));
  assert.equal(await text(page, "net-worth-CZK"), money(v.total_value.czk, "CZK"));
  assert.equal(await page.textContent("#net-worth-today"), `${money(v.day_change.eur, "EUR", true)} (+${v.day_change_pct}%)`);
  assert.equal(await text(page, "net-worth-today-CZK"), ` · ${money(v.day_change.czk, "CZK", true)}`);
  await page.getByTestId("currency-toggle-CZK").click();
  await page.locator("#net-worth", { hasText: money(v.total_value.czk, "CZK") }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the cost-basis method switches the holdings and the summary to that method's figures", async () => {
  const { page, context, errors } = await openLedger();
  const select = page.getByTestId("method-select");
  assert.equal(await select.inputValue(), "fifo");
  const fifo = ledger.by_method.fifo.summary.assets.find((a) => a.symbol === "BTC");
  const realized = page.getByTestId("summary-BTC-realized-USD");
  assert.equal(await realized.textContent(), money(fifo.realized_pnl_usd, "USD", true));
  assert.equal(await text(page, "summary-BTC-cost-USD"), money(fifo.cost_usd, "USD"));
  assert.equal(await text(page, "summary-BTC-held"), fifo.amount);

  for (const method of ["hifo", "average", "lifo"]) {
    await select.selectOption(method);
    const s = ledger.by_method[method].summary;
    const btc = s.assets.find((a) => a.symbol === "BTC");
    await page.locator(`[data-testid=summary-table][data-method=${method}]`).waitFor();
    assert.equal(await realized.textContent(), money(btc.realized_pnl_usd, "USD", true), `${method}: BTC realized`);
    assert.equal(await text(page, "summary-BTC-cost-USD"), money(btc.cost_usd, "USD"), `${method}: BTC cost`);
    assert.equal(await text(page, "summary-BTC-unrealized-EUR"), money(btc.unrealized_pnl_eur, "EUR", true), `${method}: BTC unrealized in EUR`);
    assert.equal(await text(page, "summary-total-realized-USD"), money(s.total.realized_pnl_usd, "USD", true), `${method}: total realized`);
    // The holdings follow: what the method leaves of each buy.
    await page.locator(`#holdings[data-method=${method}]`).waitFor();
    const v = ledger.by_method[method].valuation;
    const remaining = await page.locator("#holdings tbody tr[data-id]").evaluateAll((rows) => rows.map((r) => r.querySelector("[data-testid=remaining]").textContent));
    assert.deepEqual(remaining, v.holdings.map((h) => h.remaining), `${method}: remaining`);
  }
  // HIFO and LIFO differ from FIFO here.
  assert.notEqual(ledger.by_method.hifo.summary.total.realized_pnl_usd, ledger.by_method.fifo.summary.total.realized_pnl_usd);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a sale that oversells shows the amount error; a valid sale is listed with its realized P&L and can be deleted", async () => {
  const { page, context, errors } = await openLedger(1);
  const form = page.getByTestId("sell-form");
  await page.getByTestId("tx-row-sell-1").waitFor();
  assert.equal(await page.getByTestId("tx-row-sell-2").count(), 0);

  await sell(page, { symbol: "BTC", amount: "5", price: "90000", date: "2025-03-01" });
  const amountError = form.getByTestId("field-error-amount");
  await amountError.waitFor();
  assert.equal(await amountError.textContent(), ledger.oversell.message);
  assert.equal(await form.locator("[name=amount]").getAttribute("aria-invalid"), "true");
  assert.equal(await form.locator("[name=amount]").inputValue(), "5");

  const eth = ledger.sales[1].input;
  await sell(page, { symbol: eth.symbol, amount: eth.amount, price: eth.price, currency: eth.currency, date: eth.date });
  const row = page.getByTestId("tx-row-sell-2");
  await row.waitFor();
  assert.equal(await form.locator("[name=symbol]").inputValue(), "", "the form resets after a sale");
  assert.equal(await form.getByTestId("field-error-amount").count(), 0);
  const tx = ledger.by_method.fifo.transactions.find((t) => t.kind === "sell" && t.id === 2);
  assert.equal(await row.getByTestId("tx-realized-2-USD").textContent(), money(tx.realized_pnl_usd, "USD", true));
  assert.match(await row.innerText(), /Apr 1, 2025\s+Sell\s+ETH\s+0\.5\s+CZK\s80,000\.00/);
  assert.match(await row.innerText(), /0\.862 EUR · 20\.94 CZK/);
  assert.equal(await row.getByText("provisional").count(), 0);
  // Buys and sales in the order they apply.
  const order = await page.locator("[data-testid=transactions-table] tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.testid));
  assert.deepEqual(order, ["tx-row-buy-1", "tx-row-buy-2", "tx-row-buy-3", "tx-row-sell-1", "tx-row-sell-2"]);
  // With every sale recorded the holdings are valued again.
  await page.locator("#total-value", { hasText: money(ledger.by_method.fifo.valuation.total_value.usd, "USD") }).waitFor();

  await row.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete", exact: true }).click();
  await row.waitFor({ state: "detached" });
  await page.getByTestId("tx-row-sell-1").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("stale FX rates are flagged on the Portfolio and the Dashboard", async () => {
  const { page, context, errors } = await openLedger();
  await page.getByTestId("fx-rates").getByText("1 USD = 0.862 EUR · 20.94 CZK").waitFor();
  assert.equal(await page.getByTestId("fx-stale").count(), 0);
  await page.evaluate(() => window.__mock.staleRates());
  await page.getByTestId("fx-stale").waitFor();
  await page.keyboard.press("Alt+1");
  await page.getByTestId("fx-stale").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("manages alerts and shows a fired alert live", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/alerts");
  await page.locator("#alert-history").getByText("No alert has fired yet.").waitFor();

  await addAlert(page, { symbol: "eth", alert_type: "below", threshold: "2000", message: "buy the dip" });
  await page.locator("#alerts-table tr[data-id]", { hasText: "buy the dip" }).waitFor();
  await addAlert(page, { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" });
  const btc = page.locator("#alerts-table tr[data-id]", { hasText: "take profit" });
  await btc.waitFor();
  assert.equal(await page.inputValue("#alert-form [name=symbol]"), "");
  const eth = page.locator("#alerts-table tr[data-id]", { hasText: "buy the dip" });
  assert.match(await eth.innerText(), /ETH\s+below 2,000\s+once/);
  assert.match(await eth.innerText(), /Active/);

  // Threshold errors land under the threshold input.
  await addAlert(page, { symbol: "BTC", alert_type: "above", threshold: "0" });
  await page.locator("#alert-form [data-error-for=threshold]").getByText("threshold must be > 0").waitFor();
  assert.equal(await page.getAttribute("#alert-form [name=threshold]", "aria-invalid"), "true");

  // Disable, then enable again.
  await eth.getByRole("button", { name: "Disable" }).click();
  await eth.getByText("Disabled", { exact: true }).waitFor();
  await eth.getByRole("button", { name: "Enable" }).click();
  await eth.getByText("Active", { exact: true }).waitFor();

  // The backend fires the BTC alert: it turns off and shows in the history, live.
  await page.evaluate(() => window.__mock.fireAlert());
  const fired = page.locator("#alert-history tbody tr[data-id]");
  await fired.getByText("take profit").waitFor();
  assert.match(await fired.innerText(), /BTC\s+above 100000\s+\$100,500\.50/);
  assert.match(await fired.innerText(), /Nov 24, 2026/);
  await btc.getByText("Fired", { exact: true }).waitFor();
  assert.equal(await page.locator("#alert-history").getByText("No alert has fired yet.").count(), 0);

  // The dashboard lists it among the recent alerts.
  await page.keyboard.press("Alt+1");
  await page.locator("#recent-alerts tbody tr[data-id]", { hasText: "take profit" }).waitFor();
  await page.keyboard.press("Alt+5");

  // Edit an alert inline.
  await btc.getByRole("button", { name: "Edit" }).click();
  const form = page.locator("#alerts-table form[data-edit-id]");
  await form.locator("[name=threshold]").fill("120000");
  await form.getByRole("button", { name: "Save" }).click();
  // Saved and armed again, as the core does.
  await page.locator("#alerts-table tr[data-id]", { hasText: "above 120,000" }).getByText("Active", { exact: true }).waitFor();

  // Delete after confirming.
  await eth.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete", exact: true }).click();
  await eth.waitFor({ state: "detached" });
  assert.equal(await page.locator("#alerts-table tbody tr[data-id]").count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("alerts: an every-time channel with a cooldown, shown in words and edited as it was made", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/alerts");
  const form = page.locator("#alert-form");
  // The fields follow the condition and the frequency.
  await form.locator("[name=alert_type]").selectOption("enters");
  await form.getByLabel("Low (USD)").waitFor();
  await form.getByLabel("High (USD)").waitFor();
  assert.equal(await form.locator("[name=cooldown]").count(), 0);
  await form.locator("[name=repeat]").selectOption("every");
  await form.getByLabel("Re-arm band (%)").waitFor();
  await form.getByLabel("Cooldown").waitFor();

  await addAlert(page, { symbol: "ETH", alert_type: "enters", repeat: "every", threshold: "1800", upper: "2200", cooldown: "1h" });
  const row = page.locator("#alerts-table tr[data-id]", { hasText: "enters 1,800–2,200" });
  await row.waitFor();
  assert.equal(await row.locator("[data-rule]").innerText(), "enters 1,800–2,200");
  assert.equal(await row.locator("[data-frequency]").innerText(), "every, cooldown 1h");
  await row.getByText("Active", { exact: true }).waitFor();
  // The form starts over: a price level, once.
  await form.getByLabel("Price (USD)").waitFor();
  assert.equal(await form.locator("[name=upper]").count(), 0);
  assert.equal(await page.inputValue("#alert-form [name=repeat]"), "once");

  // A move: percent and window, no line to draw.
  await addAlert(page, { symbol: "BTC", alert_type: "moves-down", threshold: "5", within: "1h", message: "falling fast" });
  const move = page.locator("#alerts-table tr[data-id]", { hasText: "falling fast" });
  await move.waitFor();
  assert.equal(await move.locator("[data-rule]").innerText(), "moves-down 5% within 1h");
  assert.equal(await move.locator("[data-frequency]").innerText(), "once");

  // Editing pre-fills every field; saved unchanged, it stays the same rule.
  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.locator("#alerts-table form[data-edit-id]");
  assert.equal(await edit.locator("[name=alert_type]").inputValue(), "enters");
  assert.equal(await edit.locator("[name=threshold]").inputValue(), "1800");
  assert.equal(await edit.locator("[name=upper]").inputValue(), "2200");
  assert.equal(await edit.locator("[name=repeat]").inputValue(), "every");
  assert.equal(await edit.locator("[name=rearm_band]").inputValue(), "");
  assert.equal(await edit.locator("[name=cooldown]").inputValue(), "1h");
  assert.equal(await edit.locator("[name=expires]").inputValue(), "");
  await edit.getByRole("button", { name: "Save" }).click();
  await edit.waitFor({ state: "detached" });
  assert.equal(await row.locator("[data-frequency]").innerText(), "every, cooldown 1h");

  // On the chart: the channel's low and high; the move draws none.
  await page.goto(base + "#/chart/ETH");
  await drawnChart(page);
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-canvas"]')?.dataset.priceLines === "2200,1800");
  await byTestId(page, "alert-line").getByText("enters 1,800–2,200").waitFor();
  await byTestId(page, "chart-symbol").selectOption("BTC");
  const moveLine = byTestId(page, "alert-line");
  await moveLine.getByText("moves-down 5% within 1h").waitFor();
  assert.equal(await moveLine.getAttribute("data-drawn"), "false");
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="chart-canvas"]');
    return el?.dataset.symbol === "BTC" && Number(el.dataset.candles) > 0 && el.dataset.priceLines === "";
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test("alerts: a channel whose High is not above its Low is refused under High", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/alerts");
  await addAlert(page, { symbol: "BTC", alert_type: "enters", threshold: "90000", upper: "80000" });
  const error = page.locator("#alert-form [data-error-for=upper]");
  await error.getByText("upper LOW must be below HIGH (got 90000 ≥ 80000)").waitFor();
  assert.equal(await page.getAttribute("#alert-form [name=upper]", "aria-invalid"), "true");
  assert.equal(await page.getAttribute("#alert-form [name=threshold]", "aria-invalid"), null);
  // The error is the High field's, and what was typed stays.
  assert.equal(await page.locator("#alert-form [name=upper]").getAttribute("aria-describedby"), await error.getAttribute("id"));
  assert.equal(await page.inputValue("#alert-form [name=upper]"), "80000");
  assert.equal(await page.locator("#alerts-table tbody tr[data-id]").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("alerts: Test on history replays the form's rule with the core's report, by keyboard too", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/alerts");
  const crossing = fixtures.replay.cases.find((c) => c.request.input.alert_type === "crosses" && c.request.input.repeat === "every");
  assert.equal(crossing.report.fires.length, 7);
  const form = page.locator("#alert-form");
  await form.locator("[name=symbol]").fill("BTC");
  await form.locator("[name=alert_type]").selectOption("crosses");
  await form.locator("[name=repeat]").selectOption("every");
  await form.locator("[name=threshold]").fill("100000");
  assert.equal(await form.getByLabel("Candles").inputValue(), "1h");
  assert.equal(await form.getByLabel("Period").inputValue(), "365");

  // From Add alert, the next Tab stop is Test on history.
  await page.focus("#add-alert");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Test on history");
  await page.keyboard.press("Enter");
  const result = page.getByTestId("replay-result");
  await result.getByText(`Would have fired 7 times in the last 365 days (${crossing.report.candles} candles)`).waitFor();
  // The latest five fires, newest first, in local time (UTC here) with the core's prices.
  const fires = result.getByTestId("replay-fires").locator("li");
  assert.equal(await fires.count(), 5);
  const last = crossing.report.fires.at(-1);
  assert.equal(await fires.first().getAttribute("data-time"), last.time);
  assert.equal(await fires.first().innerText(), `Nov 20, 2026, 7:00 AM at ${money(last.price, "USD")}`);
  // Nothing was saved; the focus stays on the button.
  assert.equal(await page.locator("#alerts-table tbody tr[data-id]").count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Test on history");

  // Another period answers for it; a change to the rule hides the result.
  await form.getByLabel("Period").selectOption("30");
  await result.getByText("Would have fired").waitFor({ state: "detached" });
  await page.getByTestId("test-history").click();
  await result.getByText("Would have fired 7 times in the last 30 days").waitFor();
  await form.locator("[name=threshold]").fill("0");
  await result.getByText("Would have fired").waitFor({ state: "detached" });

  // Refused as a save would be (the fixture's refusal of "above 0"): under the field.
  await form.locator("[name=alert_type]").selectOption("above");
  await form.locator("[name=repeat]").selectOption("once");
  await page.getByTestId("test-history").click();
  await form.locator("[data-error-for=threshold]").getByText("threshold must be > 0 (got 0)").waitFor();
  assert.equal(await form.locator("[name=threshold]").getAttribute("aria-invalid"), "true");
  // A rule the mock has no replay for says so.
  await form.locator("[name=threshold]").fill("100001");
  await page.getByTestId("test-history").click();
  await form.getByRole("alert").getByText("the browser mock has no replay for this rule").waitFor();
  assert.equal(await form.locator("[data-error-for=threshold]").count(), 0);

  // The same rule, once, while editing a saved alert.
  await addAlert(page, { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" });
  const row = page.locator("#alerts-table tr[data-id]", { hasText: "take profit" });
  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.locator("#alerts-table form[data-edit-id]");
  await edit.locator("[name=threshold]").fill("105000");
  await edit.locator("[name=message]").fill("");
  await edit.getByRole("button", { name: "Test on history" }).click();
  await edit.getByTestId("replay-result").getByText("Would have fired once in the last 365 days (48 candles)").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("refresh updates the feed, and a failed refresh is shown to the user", async () => {
  const { page, context, errors } = await openPage(browser, base);
  await page.locator("#tracked-prices tr[data-symbol=BTC]", { hasText: "$96,842.15" }).waitFor();
  await page.click("#refresh");
  await page.locator("#feed").getByText("Prices updated").waitFor();

  await page.evaluate(() => window.__mock.failNextRefresh("exchange unreachable"));
  await page.click("#refresh");
  await page.getByRole("alert").filter({ hasText: "Refresh failed" }).getByText("exchange unreachable").waitFor();
  await page.locator("#feed").getByText("Prices stale: exchange unreachable").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("dark mode puts `dark` on <html>, darkens the page and is saved in the settings", async () => {
  const { page, context, errors } = await openPage(browser, base);
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByLabel("Theme").selectOption({ label: "Dark" });
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains("dark")), true);
  const luminance = () =>
    page.evaluate(() => {
      const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    });
  assert.ok((await luminance()) < 0.2, "the body background is dark");

  // The choice went through save_settings: the Settings form shows it.
  await page.keyboard.press("Alt+7");
  await heading(page, "Settings").waitFor();
  const formTheme = page.locator("#settings-form [name=theme]");
  assert.equal(await formTheme.inputValue(), "dark");
  await page.getByLabel("Theme", { exact: true }).selectOption({ label: "Light" });
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains("dark")), false);
  assert.ok((await luminance()) > 0.8, "the body background is light");
  await page.waitForFunction(() => document.querySelector("#settings-form [name=theme]")?.value === "light");

  // Saving the form's scheme applies it too (through the `settings` event).
  await formTheme.selectOption("dark");
  await page.click("#save-settings");
  await page.locator("#settings-saved").getByText("Saved").waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains("dark")), true);
  assert.equal(await page.inputValue("#theme"), "dark");
  assert.equal(await page.evaluate(() => localStorage.getItem("cryptodesk.theme")), "dark", "cached for the first paint");

  // After a reload the saved settings win over the cache (the mock starts again from "system").
  await page.reload();
  await heading(page, "Settings").waitFor();
  await page.waitForFunction(() => !document.documentElement.classList.contains("dark"));
  assert.equal(await page.inputValue("#theme"), "system");
  assert.deepEqual(errors, []);
  await context.close();
});

test("settings: Alt+7, save, errors under their field, connection tests, token never prefilled", async () => {
  const { page, context, errors } = await openPage(browser, base);
  await page.keyboard.press("Alt+7");
  await heading(page, "Settings").waitFor();
  assert.match(page.url(), /#\/settings$/);
  assert.equal(await page.getAttribute("#nav-settings", "aria-current"), "page");
  const form = page.locator("#settings-form");
  assert.match(await page.textContent("#secret-store"), /memory only/);
  assert.match(await page.textContent("#config-file"), /config\.env$/);
  assert.equal(await form.locator("[name=database_url]").getAttribute("placeholder"), "/home/user/.local/share/cryptodesk/cryptodesk.db");
  await form.getByText("Empty: SQLite in the data folder").waitFor();
  const token = form.locator("[name=telegram_bot_token]");
  assert.equal(await token.getAttribute("type"), "password");
  assert.equal(await token.inputValue(), "");

  // Save a change: "Saved", and the values survive leaving the page.
  await form.locator("[name=display_currency]").selectOption("EUR");
  await form.locator("[name=poll_seconds]").fill("15");
  await token.fill("123:abc");
  await page.click("#save-settings");
  await page.locator("#settings-saved").getByText("Saved").waitFor();
  assert.equal(await token.inputValue(), "", "the token is not kept in the form");
  assert.equal(await token.getAttribute("placeholder"), "stored in the keyring");
  await form.getByLabel("Remove token").waitFor();
  await page.keyboard.press("Alt+1");
  await heading(page, "Dashboard").waitFor();
  await page.keyboard.press("Alt+7");
  await heading(page, "Settings").waitFor();
  assert.equal(await form.locator("[name=display_currency]").inputValue(), "EUR");
  assert.equal(await form.locator("[name=poll_seconds]").inputValue(), "15");
  assert.equal(await token.inputValue(), "", "never prefilled");
  assert.equal(await token.getAttribute("placeholder"), "stored in the keyring");

  // A refusal lands under its field; editing hides "Saved".
  await form.locator("[name=display_currency]").selectOption("USD");
  await form.locator("[name=poll_seconds]").fill("0");
  assert.equal(await page.textContent("#settings-saved"), "");
  await page.click("#save-settings");
  await form.locator("[data-error-for=poll_seconds]").getByText("from 1 to 3600").waitFor();
  assert.equal(await form.locator("[name=poll_seconds]").getAttribute("aria-invalid"), "true");
  assert.equal(await page.textContent("#settings-saved"), "");

  // Connection tests use the typed (unsaved) URL.
  const db = form.locator("[name=database_url]");
  await db.fill("sqlite:///tmp/x.db");
  await page.click("#test-database");
  await form.locator("[data-result-for=database_url]").getByText("SQLite 3 (mock) · 0.1 ms").waitFor();
  await db.fill("postgres://unreachable@h/db");
  assert.equal(await form.locator("[data-result-for=database_url]").textContent(), "", "editing clears the result");
  await page.click("#test-database");
  await form.locator("[data-error-for=database_url]").getByText("database unreachable").waitFor();
  assert.equal(await db.getAttribute("aria-invalid"), "true");
  await form.locator("[name=redis_url]").fill("redis://unreachable:6379");
  await page.click("#test-redis");
  await form.locator("[data-error-for=redis_url]").getByText("redis unreachable").waitFor();
  await form.locator("[name=redis_url]").fill("redis://localhost:6379");
  await page.click("#test-redis");
  await form.locator("[data-result-for=redis_url]").getByText("Redis (mock)").waitFor();

  // Saving an unreachable database is refused under the field.
  await form.locator("[name=poll_seconds]").fill("10");
  await page.click("#save-settings");
  await form.locator("[data-error-for=database_url]").getByText("database unreachable").waitFor();

  await page.click("#test-notification");
  await form.locator("[data-result-for=notifications]").getByText("Test notification sent").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("pausing and resuming alerts shows in the header and the status bar", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/alerts");
  await page.click("#pause-alerts");
  await page.locator("#alerts-paused").getByText(/^Alerts paused until \d{1,2}:\d{2}/).waitFor();
  await page.locator("#feed").getByText("Alerts paused until").waitFor();
  await page.click("#resume-alerts");
  await page.locator("#alerts-paused").waitFor({ state: "detached" });
  await page.locator("#pause-alerts").waitFor();
  assert.equal(await page.locator("#feed").getByText("Alerts paused").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("snoozing an alert for an hour shows until when; Unsnooze makes it active again", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/alerts");
  await addAlert(page, { symbol: "eth", alert_type: "below", threshold: "2000", message: "buy the dip" });
  const eth = page.locator("#alerts-table tr[data-id]", { hasText: "buy the dip" });
  await eth.waitFor();
  await addAlert(page, { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" });
  const btc = page.locator("#alerts-table tr[data-id]", { hasText: "take profit" });
  await btc.getByText("Active", { exact: true }).waitFor();

  const before = Date.now();
  await btc.locator("button[data-action=snooze]").getByText("Snooze 1h", { exact: true }).click();
  await btc.locator("[data-status]").getByText(/^Snoozed until /).waitFor();
  assert.equal(await btc.getAttribute("data-state"), "snoozed");
  assert.equal(await btc.getAttribute("data-active"), "true");
  // The badge's time is an hour from now, in the page's time zone (UTC, en-US):
  // the clock time, with the date too when that is tomorrow.
  const until = Date.parse(await btc.locator("[data-status] time").getAttribute("datetime"));
  assert.ok(until >= before + 60 * 60_000 && until <= Date.now() + 60 * 60_000, `snoozed until ${new Date(until).toISOString()}`);
  const today = new Date(until).toISOString().slice(0, 10) === new Date().toISOString().slice(0, 10);
  const style = today ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" };
  const shown = new Intl.DateTimeFormat("en-US", { ...style, timeZone: "UTC" }).format(until);
  const spaces = (s) => s.replace(/[\u202f\u00a0]/g, " ");
  assert.equal(spaces(await btc.locator("[data-status]").innerText()), `Snoozed until ${spaces(shown)}`);
  // Still armed (Disable, not Enable); the other alert is untouched.
  await btc.getByRole("button", { name: "Disable" }).waitFor();
  await eth.getByText("Active", { exact: true }).waitFor();
  assert.equal(await eth.locator("button[data-action=snooze]").innerText(), "Snooze 1h");

  await btc.locator("button[data-action=snooze]").getByText("Unsnooze", { exact: true }).click();
  await btc.locator("[data-status]").getByText("Active", { exact: true }).waitFor();
  assert.equal(await btc.getAttribute("data-state"), "active");
  assert.equal(await btc.getByText("Snoozed until").count(), 0);
  assert.equal(await btc.locator("button[data-action=snooze]").innerText(), "Snooze 1h");
  assert.deepEqual(errors, []);
  await context.close();
});

test("open_alert (a clicked notification) opens the Alerts page with the alert highlighted", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/alerts");
  await addAlert(page, { symbol: "ETH", alert_type: "below", threshold: "2000", message: "buy the dip" });
  await addAlert(page, { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" });
  await page.locator("#alerts-table tr[data-id]", { hasText: "take profit" }).waitFor();
  const fired = await page.evaluate(() => window.__mock.fireAlert());
  await page.locator("#alert-history tbody tr[data-id]").waitFor();

  for (const from of ["Alt+1", "Alt+7"]) {
    await page.keyboard.press(from);
    await heading(page, from === "Alt+1" ? "Dashboard" : "Settings").waitFor();
    await page.evaluate((id) => window.__mock.openAlert(id), fired.alert_id);
    await heading(page, "Alerts").waitFor();
    assert.match(page.url(), /#\/alerts$/);
    const marked = page.locator("[data-highlighted=true]");
    await page.locator(`#alert-history tr[data-alert-id="${fired.alert_id}"][data-highlighted=true]`).waitFor();
    await page.locator(`#alerts-table tr[data-id="${fired.alert_id}"][data-highlighted=true]`).waitFor();
    assert.equal(await marked.count(), 2);
    assert.equal(await page.locator("#alerts-table tr[data-highlighted=true]", { hasText: "take profit" }).count(), 1);
  }

  // Leaving the page clears the mark.
  await page.keyboard.press("Alt+1");
  await page.keyboard.press("Alt+5");
  await heading(page, "Alerts").waitFor();
  assert.equal(await page.locator("[data-highlighted=true]").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

// Markets and Chart. The mock's market data is a seeded walk that ends at the
// fixtures' prices (BTC $96,842.15 at 2026-11-24 09:30 UTC).

const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);
const chartCanvas = (page) => byTestId(page, "chart-canvas");

/** Waits until the chart has drawn candles (of `interval`, when given) and returns its data-* attributes. */
async function drawnChart(page, interval) {
  await page.waitForFunction(
    (want) => {
      const el = document.querySelector('[data-testid="chart-canvas"]');
      return Number(el?.getAttribute("data-candles")) > 0 && (!want || el?.getAttribute("data-interval") === want);
    },
    interval,
  );
  return chartCanvas(page).evaluate((el) => ({ ...el.dataset }));
}

const lastChartRequest = (page) => page.evaluate(() => window.__mock.chartRequests().at(-1));

test("markets: lists the statistics, updates them live, and a row opens its chart", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/markets");
  await heading(page, "Markets").waitFor();
  const rows = page.locator("[data-testid=markets-table] tbody tr");
  await byTestId(page, "market-row-BTC").waitFor();
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.symbol)), ["BNB", "BTC", "ETH", "SOL"]);
  const btc = byTestId(page, "market-row-BTC");
  assert.equal(await btc.locator("[data-testid=market-price]").textContent(), "$96,842.15");
  assert.match(await btc.innerText(), /Nov 24, 2026, 9:30 AM/);
  // Changes carry their sign, their colour and, for screen readers, their direction in words.
  const changes = page.locator("[data-testid^=market-change-]");
  assert.equal(await changes.count(), 4 * 2, "24 h and 7 d changes of the four assets");
  for (const cell of await changes.all()) {
    const [text, trend, color] = await cell.evaluate((el) => [el.textContent, el.dataset.trend, getComputedStyle(el).color]);
    const [, sign, word] = text.match(/^([+-])\d+(?:\.\d+)?% (up|down)$/) ?? assert.fail(`a signed percentage and its direction: ${text}`);
    assert.equal(word, sign === "+" ? "up" : "down");
    assert.equal(await cell.locator(".sr-only").textContent(), ` ${word}`, "the word is for screen readers only");
    assert.equal(trend, word);
    const [r, g] = color.match(/\d+/g).map(Number);
    assert.ok(trend === "up" ? g > r : r > g, `${trend} is coloured (${color})`);
  }
  assert.equal(await btc.getAttribute("data-tracked"), "true");
  assert.equal(await byTestId(page, "untrack-BTC").count(), 1);

  // A poll stores a new 1-minute close: the table follows (on history_changed, once it is stored).
  const before = await page.evaluate(() => window.__mock.chartRequests().length);
  await page.evaluate(() => window.__mock.emitPrices({ BTC: "97000.5" }));
  await btc.locator("[data-testid=market-price]", { hasText: "$97,000.50" }).waitFor();
  assert.equal(await page.evaluate(() => window.__mock.chartRequests().length), before, "no chart is open");

  // A click on the row opens that asset's chart.
  await btc.locator("[data-testid=market-price]").click();
  await heading(page, "Chart").waitFor();
  assert.match(page.url(), /#\/chart\/BTC$/);
  assert.equal(await page.getAttribute("#nav-chart", "aria-current"), "page");
  assert.equal((await drawnChart(page)).symbol, "BTC");
  // The open chart follows the next poll too: its newest candle closes at the new price.
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.__mock.emitPrices({ BTC: "97100" }));
  await byTestId(page, "legend-close").getByText("$97,100.00", { exact: true }).waitFor();

  // So does the ticker link, by keyboard.
  await page.keyboard.press("Alt+2");
  await heading(page, "Markets").waitFor();
  await byTestId(page, "market-row-ETH").getByRole("link", { name: "ETH" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/#\/chart\/ETH$/);
  assert.equal((await drawnChart(page)).symbol, "ETH");
  assert.equal(await page.inputValue("[data-testid=chart-symbol]"), "ETH");
  assert.deepEqual(errors, []);
  await context.close();
});

test("markets: search tracks an asset, untrack removes it, errors show next to the box", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/markets");
  const search = byTestId(page, "symbol-search");
  // The box controls the results list only while there is one.
  assert.equal(await search.getAttribute("aria-controls"), null);
  await search.fill("b");
  await byTestId(page, "search-result-BTC").waitFor();
  assert.equal(await search.getAttribute("aria-controls"), await byTestId(page, "search-results").getAttribute("id"));
  assert.deepEqual(await page.locator("[data-testid^=search-result-]").evaluateAll((els) => els.map((e) => e.dataset.testid)), [
    "search-result-BCH",
    "search-result-BNB",
    "search-result-BTC",
  ]);
  await byTestId(page, "watching-BTC").getByText("Watching").waitFor();
  assert.equal(await byTestId(page, "track-BTC").count(), 0);

  await search.fill("ada");
  await byTestId(page, "track-ADA").click();
  await byTestId(page, "watching-ADA").waitFor();
  // Tracked now: a row without statistics until candles are stored.
  const ada = byTestId(page, "market-row-ADA");
  await ada.locator("[data-testid=market-no-candles]").getByText("No 1-minute candles stored yet").waitFor();
  assert.equal(await ada.getAttribute("data-tracked"), "true");

  // Errors: a refused query, an unreachable exchange, an asset not trading.
  await search.fill("BTC/USDT");
  const error = byTestId(page, "symbol-search-error");
  await error.getByText("query letters and digits only").waitFor();
  assert.equal(await search.getAttribute("aria-invalid"), "true");
  assert.equal(await byTestId(page, "search-results").count(), 0);
  assert.equal(await search.getAttribute("aria-controls"), null);
  assert.equal(await search.getAttribute("aria-describedby"), await error.getAttribute("id"));
  await page.evaluate(() => window.__mock.failNextSearch("the exchange did not answer"));
  await search.fill("X");
  await error.getByText("the exchange did not answer").waitFor();
  await search.fill("LUNA");
  await byTestId(page, "search-result-LUNA").getByText("BREAK").waitFor();
  await byTestId(page, "track-LUNA").click();
  await error.getByText("LUNAUSDT is not trading (status BREAK)").waitFor();
  await search.fill("");
  await error.waitFor({ state: "detached" });

  // Untrack: the row goes (nothing else watches ADA). With nothing watched, the page says where statistics come from.
  await byTestId(page, "untrack-ADA").click();
  await ada.waitFor({ state: "detached" });
  for (const symbol of ["BNB", "BTC", "ETH", "SOL"]) await byTestId(page, `untrack-${symbol}`).click();
  await byTestId(page, "markets-empty").getByText("stored 1-minute candles").waitFor();
  assert.match(await byTestId(page, "markets-empty").innerText(), /collector writes one for every watched asset at each price poll/);
  assert.match(await byTestId(page, "markets-empty").innerText(), /backfill/);
  assert.equal(await byTestId(page, "markets-table").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("chart: candles, interval switch, overlays with periods, RSI pane, by mouse and keyboard", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/chart/BTC");
  await heading(page, "Chart").waitFor();
  let drawn = await drawnChart(page, "1h");
  assert.equal(drawn.symbol, "BTC");
  assert.equal(drawn.candles, String(8 * 24 + 1));
  assert.equal(drawn.overlays, "sma,ema,rsi");
  assert.deepEqual(await lastChartRequest(page), { symbol: "BTC", interval: "1h", limit: 1000, sma: 20, ema: 50, bollinger: 20, rsi: 14 });
  await byTestId(page, "chart-derived").getByText("1h candles rolled up from 1m candles").waitFor();
  assert.equal(await byTestId(page, "chart-interval-1h").getAttribute("aria-pressed"), "true");
  // The newest candle's prices as text, exactly as stored.
  assert.equal(await byTestId(page, "legend-close").textContent(), "$96,842.15");
  const rsi = byTestId(page, "rsi-pane");
  await rsi.getByText("RSI 14").waitFor();
  assert.ok(Number(await rsi.getAttribute("data-points")) > 0);
  // The 30 and 70 guides are in the theme's muted colour, and follow a theme change.
  const guidesMuted = () =>
    page.waitForFunction(() => {
      const muted = getComputedStyle(document.documentElement).getPropertyValue("--muted-foreground").trim();
      const guides = JSON.parse(document.querySelector('[data-testid="rsi-pane"]')?.dataset.guideColors ?? "[]");
      return guides.length === 2 && guides.every((c) => c === muted) && muted;
    });
  const light = await (await guidesMuted()).jsonValue();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForFunction(() => document.documentElement.classList.contains("dark"));
  const dark = await (await guidesMuted()).jsonValue();
  assert.notEqual(dark, light);
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForFunction(() => !document.documentElement.classList.contains("dark"));

  // Interval switch: a new request, daily candles stored as such.
  await byTestId(page, "chart-interval-1d").click();
  drawn = await drawnChart(page, "1d");
  assert.equal(drawn.candles, "365");
  assert.equal((await lastChartRequest(page)).interval, "1d");
  assert.equal(await byTestId(page, "chart-derived").count(), 0);
  assert.equal(await byTestId(page, "chart-interval-1d").getAttribute("aria-pressed"), "true");
  assert.equal(await byTestId(page, "chart-interval-1h").getAttribute("aria-pressed"), "false");

  // By keyboard: Tab reaches the switch, Enter picks an interval.
  await byTestId(page, "chart-interval-1d").focus();
  await page.keyboard.press("Shift+Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "chart-interval-1h");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  drawn = await drawnChart(page, "1m");
  assert.equal(drawn.candles, "1440");
  assert.equal((await lastChartRequest(page)).limit, 1440);

  // Overlays on and off.
  await byTestId(page, "overlay-bollinger").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-canvas"]')?.dataset.overlays === "sma,ema,bollinger,rsi");
  assert.equal(await byTestId(page, "overlay-bollinger").getAttribute("aria-pressed"), "true");
  await byTestId(page, "overlay-sma").focus();
  await page.keyboard.press("Space");
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-canvas"]')?.dataset.overlays === "ema,bollinger,rsi");
  assert.equal(await byTestId(page, "overlay-sma").getAttribute("aria-pressed"), "false");
  await byTestId(page, "overlay-rsi").click();
  await rsi.waitFor({ state: "detached" });
  await byTestId(page, "overlay-rsi").click();
  await rsi.waitFor();

  // Periods: applied on Enter; refused outside 1 to 1000.
  await byTestId(page, "period-ema").fill("10");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.__mock.chartRequests().at(-1).ema === 10);
  await byTestId(page, "period-rsi").fill("0");
  await page.keyboard.press("Enter");
  await page.locator("[data-error-for=rsi]").getByText("Whole number from 1 to 1000").waitFor();
  assert.equal(await byTestId(page, "period-rsi").getAttribute("aria-invalid"), "true");
  assert.equal((await lastChartRequest(page)).rsi, 14, "an invalid period is not sent");

  // The choices are kept: the page comes back the same, and the sidebar entry reopens BTC.
  await page.keyboard.press("Alt+1");
  await heading(page, "Dashboard").waitFor();
  await page.keyboard.press("Alt+3");
  await page.waitForURL(/#\/chart\/BTC$/);
  drawn = await drawnChart(page, "1m");
  assert.equal(drawn.overlays, "ema,bollinger,rsi");
  assert.equal(await byTestId(page, "period-ema").inputValue(), "10");

  // The asset picker opens another chart.
  await byTestId(page, "chart-symbol").selectOption("SOL");
  await page.waitForURL(/#\/chart\/SOL$/);
  assert.equal((await drawnChart(page)).symbol, "SOL");
  assert.deepEqual(errors, []);
  await context.close();
});

test("chart: active alerts of the asset are drawn as labelled lines", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/alerts");
  await addAlert(page, { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" });
  await addAlert(page, { symbol: "eth", alert_type: "below", threshold: "2000", message: "buy the dip" });
  await page.locator("#alerts-table tr[data-id]", { hasText: "buy the dip" }).waitFor();

  await page.goto(base + "#/chart/BTC");
  await drawnChart(page);
  const line = byTestId(page, "alert-line");
  await line.first().waitFor();
  assert.equal(await line.count(), 1);
  assert.match(await line.innerText(), /above 100,000\s+· take profit/);
  assert.equal(await line.getAttribute("data-kind"), "above");
  assert.equal(await line.getAttribute("data-threshold"), "100000");
  // Drawn on the candles: the price lines the chart holds.
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-canvas"]')?.dataset.priceLines === "100000");

  // A disabled alert draws no line.
  await page.keyboard.press("Alt+5");
  await page.locator("#alerts-table tr[data-id]", { hasText: "take profit" }).getByRole("button", { name: "Disable" }).click();
  await page.locator("#alerts-table tr[data-id]", { hasText: "take profit" }).getByText("Disabled", { exact: true }).waitFor();
  await page.keyboard.press("Alt+3");
  await page.waitForURL(/#\/chart\/BTC$/);
  await byTestId(page, "alert-lines-empty").waitFor();
  await drawnChart(page);
  assert.equal(await chartCanvas(page).getAttribute("data-price-lines"), "");

  await byTestId(page, "chart-symbol").selectOption("ETH");
  await byTestId(page, "alert-line").getByText("below 2,000").waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-canvas"]')?.dataset.priceLines === "2000");
  assert.deepEqual(errors, []);
  await context.close();
});

/** The mock's add_alert fixture of the rule the replay fixture has for "crosses 100000, every time". */
const crossingAlertFixture = fixtures.alerts.find(
  (a) => a.input.symbol === "BTC" && a.input.alert_type === "crosses" && a.input.threshold === "100000" && a.input.repeat === "every" && a.input.message == null,
);

test(
  "chart: an alert's replayed fires are marked on the candles, with how often it would have fired",
  async () => {
    assert.ok(crossingAlertFixture, "fixtures.alerts has BTC crosses 100000 every (crates/service/tests/bindings.rs)");
    const { page, context, errors } = await openPage(browser, base, "#/alerts");
    const crossing = fixtures.replay.cases.find((c) => c.request.input.alert_type === "crosses" && c.request.input.repeat === "every");
    assert.deepEqual(crossing.request.input, { ...crossingAlertFixture.input, within: null, upper: null, cooldown: null, rearm_band: null, expires: null });
    await addAlert(page, { symbol: "BTC", alert_type: "crosses", repeat: "every", threshold: "100000" });
    await page.locator("#alerts-table tr[data-id]", { hasText: "crosses 100,000" }).waitFor();

    await page.goto(base + "#/chart/BTC");
    await drawnChart(page, "1h");
    assert.equal(await chartCanvas(page).getAttribute("data-replay-fires"), "0");
    const line = byTestId(page, "alert-line").filter({ hasText: "crosses 100,000" });
    const show = line.getByRole("button", { name: "Show how often crosses 100,000 would have fired" });
    // By keyboard: Tab reaches it, Enter replays.
    await show.focus();
    await page.keyboard.press("Enter");
    const caption = byTestId(page, "chart-replay-caption");
    await caption.getByText("Would have fired 7 times in the last 365 days").waitFor();
    assert.equal(await caption.getAttribute("data-fires"), "7");
    assert.equal(await show.getAttribute("aria-pressed"), "true");
    // Drawn: the markers the candle series holds.
    await page.waitForFunction(() => document.querySelector('[data-testid="chart-canvas"]')?.dataset.replayFires === "7");

    // Another interval: the markers and the caption are gone.
    await byTestId(page, "chart-interval-1d").click();
    await drawnChart(page, "1d");
    await page.waitForFunction(() => document.querySelector('[data-testid="chart-canvas"]')?.dataset.replayFires === "0");
    assert.equal(await caption.count(), 0);
    assert.equal(await show.getAttribute("aria-pressed"), "false");
    await byTestId(page, "chart-interval-1h").click();
    await drawnChart(page, "1h");
    await show.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="chart-canvas"]')?.dataset.replayFires === "7");
    // Pressed again: hidden.
    await show.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="chart-canvas"]')?.dataset.replayFires === "0");
    assert.equal(await caption.count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  },
);

test("chart: replaying an alert the mock has no replay for says so, and another asset starts without markers", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/alerts");
  await addAlert(page, { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" });
  await page.locator("#alerts-table tr[data-id]", { hasText: "take profit" }).waitFor();
  await page.goto(base + "#/chart/BTC");
  await drawnChart(page, "1h");
  await byTestId(page, "alert-line").getByRole("button", { name: "Show how often above 100,000 would have fired" }).click();
  await byTestId(page, "chart-replay-error").getByText("Could not replay above 100,000: the browser mock has no replay for this rule on 1h candles").waitFor();
  assert.equal(await chartCanvas(page).getAttribute("data-replay-fires"), "0");
  await byTestId(page, "chart-symbol").selectOption("ETH");
  await page.waitForURL(/#\/chart\/ETH$/);
  await drawnChart(page);
  assert.equal(await byTestId(page, "chart-replay-error").count(), 0);
  assert.equal(await chartCanvas(page).getAttribute("data-replay-fires"), "0");
  assert.deepEqual(errors, []);
  await context.close();
});

test("chart: Alert at last price, or at a price clicked on the candles, opens the Alerts form prefilled", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/chart/BTC");
  await drawnChart(page, "1h");
  const last = "96842.15";
  assert.equal(await byTestId(page, "legend-close").textContent(), money(last, "USD"));

  // By keyboard: the toolbar's button.
  await byTestId(page, "alert-at-last").focus();
  await page.keyboard.press("Enter");
  await heading(page, "Alerts").waitFor();
  await page.waitForURL(/#\/alerts$/);
  const form = page.locator("#alert-form");
  assert.equal(await form.locator("[name=symbol]").inputValue(), "BTC");
  assert.equal(await form.locator("[name=alert_type]").inputValue(), "below");
  assert.equal(await form.locator("[name=threshold]").inputValue(), last);
  assert.equal(await form.locator("[name=repeat]").inputValue(), "once");
  await byTestId(page, "alert-prefill-note").getByText("From the BTC chart").waitFor();
  // Taken once: the next visit starts blank.
  await page.keyboard.press("Alt+3");
  await drawnChart(page, "1h");
  await page.keyboard.press("Alt+5");
  await heading(page, "Alerts").waitFor();
  assert.equal(await form.locator("[name=symbol]").inputValue(), "");
  assert.equal(await byTestId(page, "alert-prefill-note").count(), 0);

  // By mouse: a click on the candles' pane offers an alert at the price there.
  await page.keyboard.press("Alt+3");
  await drawnChart(page, "1h");
  const box = await chartCanvas(page).boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + 10);
  const pick = byTestId(page, "chart-price-pick");
  await pick.waitFor();
  const high = await pick.getAttribute("data-price");
  assert.match(high, /^\d+\.\d{2}$/);
  assert.ok(Number(high) > Number(last), `${high} is near the top of the axis`);
  assert.equal(await pick.getByRole("button", { name: /^Alert at / }).innerText(), `Alert at ${money(high, "USD")}`);
  // Escape drops it; a click low on the pane picks a lower price.
  await page.keyboard.press("Escape");
  await pick.waitFor({ state: "detached" });
  // The library takes a second click within 500 ms for a double click (no click event).
  await page.waitForTimeout(600);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.6);
  await pick.waitFor();
  const low = await pick.getAttribute("data-price");
  assert.ok(Number(low) < Number(last), `${low} is under the last close`);
  await pick.getByRole("button", { name: /^Alert at / }).click();
  await heading(page, "Alerts").waitFor();
  assert.equal(await form.locator("[name=symbol]").inputValue(), "BTC");
  assert.equal(await form.locator("[name=alert_type]").inputValue(), "below");
  assert.equal(await form.locator("[name=threshold]").inputValue(), low);
  assert.deepEqual(errors, []);
  await context.close();
});

test("chart: no history → backfill with a progress bar → summary → candles drawn", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/markets");
  // Track ADA (no candles stored yet) and open its chart from its row.
  await byTestId(page, "symbol-search").fill("ADA");
  await byTestId(page, "track-ADA").click();
  await byTestId(page, "market-row-ADA").locator("[data-testid=market-no-candles]").click();
  await page.waitForURL(/#\/chart\/ADA$/);

  const empty = byTestId(page, "chart-empty");
  await empty.getByText("No ADA history stored at 1h yet").waitFor();
  assert.equal(await chartCanvas(page).count(), 0, "no empty canvas");
  await empty.locator("[data-testid=backfill-range]").selectOption("365");
  const button = byTestId(page, "backfill-button");
  await button.click();

  const progress = byTestId(page, "backfill-progress");
  await progress.waitFor();
  assert.ok(await button.isDisabled(), "one backfill at a time");
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="backfill-progress"]')?.dataset.stored) > 0);
  assert.equal(await progress.getAttribute("data-expected"), "8760");
  assert.ok(Number(await progress.getByRole("progressbar").getAttribute("aria-valuenow")) > 0);

  const summary = byTestId(page, "backfill-summary");
  await summary.waitFor();
  assert.match(await summary.innerText(), /Stored 8,760 candles with 9 requests in \d+(\.\d)? s\./);
  assert.equal(await byTestId(page, "backfill-stopped").count(), 0);
  const drawn = await drawnChart(page, "1h");
  assert.equal(drawn.candles, "1000", "the latest 1,000 of them");
  assert.equal(await empty.count(), 0);
  assert.ok(await button.isEnabled());

  // A run that stops early says why, as a warning; what it stored is charted.
  await byTestId(page, "chart-interval-1m").click();
  await byTestId(page, "chart-empty").waitFor();
  await page.evaluate(() => window.__mock.failNextBackfill("the exchange answered 429 Too Many Requests"));
  await byTestId(page, "backfill-range").selectOption("custom");
  await byTestId(page, "backfill-days").fill("0");
  await page.locator("[data-error-for=days]").getByText("Whole days from 1 to 3650").waitFor();
  assert.ok(await byTestId(page, "backfill-button").isDisabled());
  await byTestId(page, "backfill-days").fill("2");
  await byTestId(page, "backfill-button").click();
  await byTestId(page, "backfill-stopped").getByText("Stopped early: the exchange answered 429 Too Many Requests").waitFor();
  assert.equal(await byTestId(page, "backfill-summary").getAttribute("data-stored"), "1440");
  assert.equal((await drawnChart(page, "1m")).candles, "1440");

  // The Markets page now has ADA's statistics from its 1-minute candles.
  await page.keyboard.press("Alt+2");
  await byTestId(page, "market-row-ADA").locator("[data-testid=market-change-24h]").waitFor();
  assert.equal(await byTestId(page, "market-row-ADA").locator("[data-testid=market-price]").textContent(), "$0.6123");
  assert.deepEqual(errors, []);
  await context.close();
});

test("import: a file's dry run shows the rows and the per-row errors, the commit needs 'skip invalid'; export downloads the CSV", async () => {
  const imp = fixtures.import;
  const { page, context, errors } = await openPage(browser, base, "#/portfolio");
  const card = page.getByTestId("import-card");
  await card.waitFor();

  // Another file: the backend's file-level error is shown.
  await page.getByTestId("import-file").setInputFiles({ name: "other.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") });
  await card.getByRole("alert").filter({ hasText: "no fixture for this file" }).waitFor();
  assert.equal(await page.getByTestId("import-preview").count(), 0);

  await page.getByTestId("import-file").setInputFiles({ name: imp.file_name, mimeType: "text/csv", buffer: Buffer.from(imp.text) });
  await page.getByTestId("import-preview").waitFor();
  assert.equal(await card.getByRole("alert").count(), 0);
  const row = page.getByTestId("import-row-2");
  assert.match(await row.innerText(), /2\s+buy\s+2025-03-02\s+SOL\s+1\s+150 USD\s+0\.3 USD/i);
  assert.equal(await row.getByText("already imported").count(), 0);
  for (const e of imp.dry_run.errors) {
    const er = page.getByTestId(`import-error-${e.line}`);
    assert.match(await er.innerText(), new RegExp(`^${e.line}\\s+${e.column}\\s+`));
    assert.equal(await er.locator("td").nth(2).textContent(), e.reason);
  }
  assert.deepEqual(
    imp.dry_run.errors.map((e) => [e.line, e.column]),
    [
      [3, "pair"],
      [4, "price"],
      [5, "time"],
    ],
  );

  const commit = page.getByTestId("import-commit");
  assert.equal(await commit.textContent(), "Import 1 row");
  assert.equal(await commit.isDisabled(), true, "errors block the commit");
  await page.getByTestId("import-skip-invalid").check();
  assert.equal(await commit.isDisabled(), false);
  await commit.click();
  const result = page.getByTestId("import-result");
  await result.waitFor();
  assert.match(await result.textContent(), /^Stored 1 buy and 0 sales/);
  assert.equal(await commit.isDisabled(), true, "committed once");

  // The format select runs the dry run again: as Binance the file is refused.
  await page.getByTestId("import-format").selectOption("binance");
  await card.getByRole("alert").filter({ hasText: "no fixture for this file" }).waitFor();
  assert.equal(await page.getByTestId("import-result").count(), 0);
  await page.getByTestId("import-format").selectOption("kraken");
  await page.getByTestId("import-row-2").waitFor();

  // Export: the own CSV of the transactions (the ledger's three buys and its sales).
  await page.evaluate(() => window.__mock.seedLedger());
  await page.getByTestId("tx-row-buy-3").waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  assert.equal(download.suggestedFilename(), "cryptodesk-transactions.csv");
  const csv = await new Promise((resolve, reject) => {
    download.createReadStream().then((s) => {
      const chunks = [];
      s.on("data", (c) => chunks.push(c));
      s.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      s.on("error", reject);
    }, reject);
  });
  const lines = csv.trimEnd().split("\n");
  assert.equal(lines[0], "kind,date,symbol,amount,price,currency,commission,source,fx_rate_eur,fx_rate_czk,import_key");
  assert.equal(lines.length, 1 + ledger.by_method.fifo.transactions.length);
  assert.match(lines[1], /^buy,2024-01-15,BTC,0\.5,30000,USD,0,/);
  assert.deepEqual(errors, []);
  await context.close();
});
