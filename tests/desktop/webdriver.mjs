// Desktop smoke test: drives the real Cryptodesk window through WebDriver
// (tauri-driver + WebKitWebDriver) under Xvfb. Plain fetch, no client library.
//
// env: APP (absolute path of the app binary), FAKE_EXCHANGE (control URL of
// the fake exchange), SCREENSHOT (where to save a PNG of the window).

import { writeFileSync } from "node:fs";
import assert from "node:assert/strict";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const app = process.env.APP;
assert.ok(app, "APP must name the app binary");

async function wd(method, path, body) {
  const res = await fetch(DRIVER + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
  return json.value;
}

async function waitFor(what, fn, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
}

const session = await waitFor("a WebDriver session", () =>
  wd("POST", "/session", {
    capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: app } } },
  }),
);
const sid = session.sessionId;
const s = (p) => `/session/${sid}${p}`;
const text = (selector) =>
  wd("POST", s("/execute/sync"), { script: "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", args: [selector] });
const find = async (selector) => (await wd("POST", s("/element"), { using: "css selector", value: selector }))[ELEMENT];
async function type(selector, value) {
  const id = await find(selector);
  await wd("POST", s(`/element/${id}/clear`), {});
  await wd("POST", s(`/element/${id}/value`), { text: value });
}
const click = async (selector) => wd("POST", s(`/element/${await find(selector)}/click`), {});
const waitText = (selector, needle) =>
  waitFor(`${JSON.stringify(needle)} in ${selector}`, async () => (await text(selector)).includes(needle));

try {
  await waitText("body", "Portfolio");
  await waitText("#feed", "database: sqlite");

  // Bad input: a clear error naming the field, nothing listed.
  await type("#holding-form [name=symbol]", "BTC");
  await type("#holding-form [name=amount]", "-1");
  await type("#holding-form [name=price]", "30000");
  await click("#add-holding");
  await waitText("#holding-error", "amount must be > 0");
  assert.ok(!(await text("#holdings tbody")).includes("BTC"), "a refused holding is not listed");

  // A holding, listed with its live price, value and P&L in USD.
  await type("#holding-form [name=amount]", "0.5");
  await type("#holding-form [name=commission]", "2.5");
  await type("#holding-form [name=source]", "Binance");
  await click("#add-holding");
  await waitText("#holdings tbody", "BTC");
  await waitText("#holdings tbody", "96,842.15");
  await waitText("#holdings tbody", "48,421.08");
  await waitText("#holdings tbody", "33,418.58");
  await waitText("#total-value", "48,421.08");

  // Alerts: one that waits, one that fires on the next poll.
  await type("#alert-form [name=symbol]", "ETH");
  await wd("POST", s("/execute/sync"), { script: "document.querySelector('#alert-form [name=alert_type]').value = 'below';", args: [] });
  await type("#alert-form [name=threshold]", "2000");
  await type("#alert-form [name=message]", "buy the dip");
  await click("#add-alert");
  await waitText("#active-alerts tbody", "buy the dip");

  await type("#alert-form [name=symbol]", "BTC");
  await type("#alert-form [name=threshold]", "100000");
  await type("#alert-form [name=message]", "take profit");
  await click("#add-alert");
  await waitText("#active-alerts tbody", "take profit");
  await fetch(`${process.env.FAKE_EXCHANGE}/_control/price?symbol=BTCUSDT&price=100500.5`, { method: "POST" });
  await waitText("#alert-history tbody", "100,500.5");
  const active = await text("#active-alerts tbody");
  assert.ok(!active.includes("take profit"), "a fired alert leaves the active list");
  assert.ok(active.includes("buy the dip"));

  if (process.env.SCREENSHOT) {
    const png = await wd("GET", s("/screenshot"));
    writeFileSync(process.env.SCREENSHOT, Buffer.from(png, "base64"));
  }
  console.log("desktop smoke test passed");
} finally {
  await wd("DELETE", s("")).catch(() => {});
}
