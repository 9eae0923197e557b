// Browser tests of the built UI (ui/dist) on the fixture-serving mock backend,
// in Debian's headless Chromium driven by playwright-core.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launch, openPage, startServer } from "./harness.mjs";

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

async function addAlert(page, v) {
  const form = page.locator("#alert-form");
  await form.locator("[name=symbol]").fill(v.symbol);
  await form.locator("[name=alert_type]").selectOption(v.alert_type);
  await form.locator("[name=threshold]").fill(v.threshold);
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

  // Alt+N shortcuts.
  await page.keyboard.press("Alt+3");
  await heading(page, "Alerts").waitFor();
  await page.keyboard.press("Alt+4");
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
  await page.keyboard.press("Alt+2");

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
  assert.match(await eth.innerText(), /ETH\s+below\s+\$2,000\.00/);
  assert.match(await eth.innerText(), /Active/);

  // Threshold errors land under the threshold input.
  await addAlert(page, { symbol: "BTC", alert_type: "above", threshold: "0" });
  await page.locator("#alert-form [data-error-for=threshold]").getByText("threshold must be > 0").waitFor();
  assert.equal(await page.getAttribute("#alert-form [name=threshold]", "aria-invalid"), "true");

  // Disable, then enable again.
  await eth.getByRole("button", { name: "Disable" }).click();
  await eth.getByText("Off", { exact: true }).waitFor();
  await eth.getByRole("button", { name: "Enable" }).click();
  await eth.getByText("Active", { exact: true }).waitFor();

  // The backend fires the BTC alert: it turns off and shows in the history, live.
  await page.evaluate(() => window.__mock.fireAlert());
  const fired = page.locator("#alert-history tbody tr[data-id]");
  await fired.getByText("take profit").waitFor();
  assert.match(await fired.innerText(), /BTC\s+above\s+\$100,000\.00\s+\$100,500\.50/);
  assert.match(await fired.innerText(), /Nov 24, 2026/);
  await btc.getByText("Off", { exact: true }).waitFor();
  assert.equal(await page.locator("#alert-history").getByText("No alert has fired yet.").count(), 0);

  // The dashboard lists it among the recent alerts.
  await page.keyboard.press("Alt+1");
  await page.locator("#recent-alerts tbody tr[data-id]", { hasText: "take profit" }).waitFor();
  await page.keyboard.press("Alt+3");

  // Edit an alert inline.
  await btc.getByRole("button", { name: "Edit" }).click();
  const form = page.locator("#alerts-table form[data-edit-id]");
  await form.locator("[name=threshold]").fill("120000");
  await form.getByRole("button", { name: "Save" }).click();
  await page.locator("#alerts-table tr[data-id]", { hasText: "$120,000.00" }).waitFor();

  // Delete after confirming.
  await eth.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete", exact: true }).click();
  await eth.waitFor({ state: "detached" });
  assert.equal(await page.locator("#alerts-table tbody tr[data-id]").count(), 1);
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
  await page.keyboard.press("Alt+5");
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

test("settings: Alt+5, save, errors under their field, connection tests, token never prefilled", async () => {
  const { page, context, errors } = await openPage(browser, base);
  await page.keyboard.press("Alt+5");
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
  await page.keyboard.press("Alt+5");
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

test("open_alert (a clicked notification) opens the Alerts page with the alert highlighted", async () => {
  const { page, context, errors } = await openPage(browser, base, "#/alerts");
  await addAlert(page, { symbol: "ETH", alert_type: "below", threshold: "2000", message: "buy the dip" });
  await addAlert(page, { symbol: "BTC", alert_type: "above", threshold: "100000", message: "take profit" });
  await page.locator("#alerts-table tr[data-id]", { hasText: "take profit" }).waitFor();
  const fired = await page.evaluate(() => window.__mock.fireAlert());
  await page.locator("#alert-history tbody tr[data-id]").waitFor();

  for (const from of ["Alt+1", "Alt+5"]) {
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
  await page.keyboard.press("Alt+3");
  await heading(page, "Alerts").waitFor();
  assert.equal(await page.locator("[data-highlighted=true]").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
