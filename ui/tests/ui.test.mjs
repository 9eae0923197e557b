// Browser tests of the UI in real headless Chromium (Debian's package),
// driven by Playwright, on the in-memory backend.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
let server, browser, base;

before(async () => {
  server = createServer(async (req, res) => {
    const path = join(dist, req.url === "/" ? "index.html" : decodeURIComponent(req.url.split("?")[0]));
    try {
      const body = await readFile(path);
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function page() {
  const p = await browser.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(e));
  p.on("dialog", (d) => d.accept());
  await p.goto(base);
  await p.getByText("No holdings yet").waitFor();
  return { p, errors };
}

test("adds, lists and deletes a holding with its value", async () => {
  const { p, errors } = await page();
  await p.fill("#holding-form [name=symbol]", "btc");
  await p.fill("#holding-form [name=amount]", "0.5");
  await p.fill("#holding-form [name=price]", "30000");
  await p.click("#add-holding");
  const row = p.locator("#holdings tbody tr").first();
  await row.getByText("BTC").waitFor();
  assert.match(await row.innerText(), /96,842\.15/);
  assert.match(await row.innerText(), /48,421\.08/);
  assert.equal(await p.inputValue("#holding-form [name=symbol]"), "", "the form resets after adding");
  await row.getByRole("button", { name: "Delete" }).click();
  await p.getByText("No holdings yet").waitFor();
  assert.deepEqual(errors, []);
});

test("shows the error next to the field and keeps the input", async () => {
  const { p } = await page();
  await p.fill("#holding-form [name=symbol]", "BTC");
  await p.fill("#holding-form [name=amount]", "0");
  await p.fill("#holding-form [name=price]", "30000");
  await p.click("#add-holding");
  await p.getByText("amount must be > 0").waitFor();
  assert.equal(await p.getAttribute("#holding-form [name=amount]", "aria-invalid"), "true");
  assert.equal(await p.inputValue("#holding-form [name=amount]"), "0");
  await p.fill("#holding-form [name=symbol]", "NOPE");
  await p.fill("#holding-form [name=amount]", "1");
  await p.click("#add-holding");
  await p.getByText("does not list NOPEUSDT").waitFor();
  assert.equal(await p.getAttribute("#holding-form [name=symbol]", "aria-invalid"), "true");
  assert.equal(await p.getAttribute("#holding-form [name=amount]", "aria-invalid"), null);
});

test("adds an alert and lists it as active", async () => {
  const { p } = await page();
  await p.fill("#alert-form [name=symbol]", "eth");
  await p.selectOption("#alert-form [name=alert_type]", "below");
  await p.fill("#alert-form [name=threshold]", "2000");
  await p.fill("#alert-form [name=message]", "buy the dip");
  await p.click("#add-alert");
  const row = p.locator("#active-alerts tbody tr").first();
  await row.getByText("buy the dip").waitFor();
  assert.match(await row.innerText(), /ETH\s+below\s+2,000/);
  await p.getByText("No alert has fired yet.").waitFor();
});

test("decimal formatting never goes through floats", async () => {
  const { groupDigits, roundDecimal, money } = await import("../dist/lib/format.js");
  assert.equal(groupDigits("999999999999.99999999"), "999,999,999,999.99999999");
  assert.equal(roundDecimal("48421.075", 2), "48421.08");
  assert.equal(roundDecimal("0.005", 2), "0.01");
  assert.equal(roundDecimal("-0.004", 2), "0.00");
  assert.equal(roundDecimal("9.999", 2), "10.00");
  assert.equal(roundDecimal("12", 2), "12.00");
  assert.equal(money("999999999999.99999999"), "1,000,000,000,000.00");
  assert.equal(money(null), "—");
});
