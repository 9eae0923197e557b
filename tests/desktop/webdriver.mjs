// Desktop test: drives the real Cryptodesk window through WebDriver
// (tauri-driver + WebKitWebDriver) under Xvfb, on a private D-Bus with a
// fake tray host and a fake notification server. Plain fetch, no client
// library.
//
// env: APP (the app binary), FAKE_EXCHANGE (control URL of the fake
// exchange), NOTIFICATIONS_LOG (the fake notification server's JSON lines),
// CONFIG_FILE (where saved settings must land), EXPECT_ABOUT (the About
// line the build must show), SCREENSHOTS (a folder for
// one PNG per page).

import { readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
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
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
}

/** One WebDriver session: the app started by tauri-driver. */
async function session() {
  const created = await waitFor("a WebDriver session", () =>
    wd("POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: app } } },
    }),
  );
  const s = (p) => `/session/${created.sessionId}${p}`;
  const exec = (script, ...args) => wd("POST", s("/execute/sync"), { script, args });
  const text = (selector) =>
    exec("const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", selector);
  const find = async (selector) => (await wd("POST", s("/element"), { using: "css selector", value: selector }))[ELEMENT];
  const t = {
    exec,
    text,
    async type(selector, value) {
      const id = await find(selector);
      await wd("POST", s(`/element/${id}/clear`), {});
      await wd("POST", s(`/element/${id}/value`), { text: value });
    },
    /** Sets a <select> the way a user's choice does (WebKitWebDriver cannot click options). */
    select: (selector, value) =>
      exec(
        `const e = document.querySelector(arguments[0]);
         const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set;
         set.call(e, arguments[1]);
         e.dispatchEvent(new Event("change", { bubbles: true }));`,
        selector,
        value,
      ),
    async click(selector) {
      // Centre it first, so the fixed status bar never covers it.
      await exec("document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' });", selector);
      await wd("POST", s(`/element/${await find(selector)}/click`), {});
    },
    waitText: (selector, needle, timeoutMs) =>
      waitFor(`${JSON.stringify(needle)} in ${selector}`, async () => (await text(selector)).includes(needle), timeoutMs),
    waitGone: (selector, needle) =>
      waitFor(`${JSON.stringify(needle)} to leave ${selector}`, async () => !(await text(selector)).includes(needle)),
    async page(name, heading) {
      await t.click(`a#nav-${name}`);
      await t.waitText("h1", heading);
    },
    async screenshot(name) {
      if (!process.env.SCREENSHOTS) return;
      // Let fonts and transitions settle.
      await new Promise((r) => setTimeout(r, 400));
      const png = await wd("GET", s("/screenshot"));
      writeFileSync(join(process.env.SCREENSHOTS, `${name}.png`), Buffer.from(png, "base64"));
    },
    setRect: (r) => wd("POST", s("/window/rect"), r),
    rect: () => wd("GET", s("/window/rect")),
    end: () => wd("DELETE", s("")).catch(() => {}),
  };
  return t;
}

const notifications = () =>
  existsSync(process.env.NOTIFICATIONS_LOG)
    ? readFileSync(process.env.NOTIFICATIONS_LOG, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
    : [];

/** The tray menu as the fake tray host reads it over dbusmenu. */
const trayLabels = () =>
  [...execFileSync("dbus-send", ["--session", "--print-reply", "--dest=org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher", "app.cryptodesk.FakeTray.MenuLabels"], { encoding: "utf8" }).matchAll(/string "(.*)"/g)].map((m) => m[1]);
const trayClick = (label) =>
  assert.match(
    execFileSync("dbus-send", ["--session", "--print-reply", "--dest=org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher", "app.cryptodesk.FakeTray.Click", `string:${label}`], { encoding: "utf8" }),
    /boolean true/,
    `tray entry ${label}`,
  );

const appProcesses = () => {
  try {
    return execFileSync("pgrep", ["-x", "cryptodesk-app"], { encoding: "utf8" }).split("\n").filter(Boolean).length;
  } catch {
    return 0;
  }
};

const PAGES = [
  ["dashboard", "Dashboard"],
  ["markets", "Markets"],
  ["chart", "Chart"],
  ["portfolio", "Portfolio"],
  ["alerts", "Alerts"],
  ["performance", "Performance"],
  ["settings", "Settings"],
];

// ---- first run ----
let t = await session();
try {
  await t.waitText("#feed", "database: sqlite");

  // Every page is reachable from the sidebar.
  for (const [name, heading] of PAGES) await t.page(name, heading);

  // Bad input: a clear error under the field, nothing listed.
  await t.page("portfolio", "Portfolio");
  await t.type("#holding-form [name=symbol]", "BTC");
  await t.type("#holding-form [name=amount]", "-1");
  await t.type("#holding-form [name=price]", "30000");
  await t.click("#add-holding");
  await t.waitText("#holding-form [data-error-for=amount]", "amount must be > 0");
  assert.ok(!(await t.text("#holdings tbody")).includes("BTC"), "a refused holding is not listed");

  // A holding, listed with its live price, value and P&L in USD.
  await t.type("#holding-form [name=amount]", "0.5");
  await t.type("#holding-form [name=commission]", "2.5");
  await t.type("#holding-form [name=source]", "Binance");
  await t.click("#add-holding");
  await t.waitText("#holdings tbody", "BTC");
  await t.waitText("#holdings tbody", "96,842.15");
  await t.waitText("#holdings tbody", "48,421.08");
  await t.waitText("#holdings tbody", "33,418.58");
  await t.waitText("#total-value", "48,421.08");

  // Edit in place: the row and the totals follow.
  await t.click("#holdings button[data-action=edit]");
  await t.type("form[data-edit-id] [name=amount]", "0.75");
  await t.click("form[data-edit-id] button[type=submit]");
  await t.waitText("#total-value", "72,631.61");
  await t.waitText("#holdings tbody", "0.75");

  // Alerts: one that waits, one that fires on the next poll.
  await t.page("alerts", "Alerts");
  await t.type("#alert-form [name=symbol]", "ETH");
  await t.select("#alert-form [name=alert_type]", "below");
  await t.type("#alert-form [name=threshold]", "2000");
  await t.type("#alert-form [name=message]", "buy the dip");
  await t.click("#add-alert");
  await t.waitText("#alerts-table tbody", "buy the dip");
  await t.select("#alert-form [name=alert_type]", "above");
  await t.type("#alert-form [name=symbol]", "BTC");
  await t.type("#alert-form [name=threshold]", "100000");
  await t.type("#alert-form [name=message]", "take profit");
  await t.click("#add-alert");
  await t.waitText("#alerts-table tbody", "take profit");

  // Switching an alert off and on again.
  await t.click("#alerts-table tbody tr:last-child button[data-action=toggle]");
  await t.waitText("#alerts-table tbody tr:last-child", "Disabled");
  await t.click("#alerts-table tbody tr:last-child button[data-action=toggle]");
  await t.waitText("#alerts-table tbody tr:last-child", "Active");

  // The price crosses: the alert fires once, as a native notification, and
  // moves into the history while the window watches.
  await fetch(`${process.env.FAKE_EXCHANGE}/_control/price?symbol=BTCUSDT&price=100500.5`, { method: "POST" });
  await t.waitText("#alert-history tbody", "100,500.5");
  await waitFor("the native notification", () => notifications().some((n) => n.summary === "BTC above 100000"));
  const shown = notifications().filter((n) => n.summary === "BTC above 100000");
  assert.equal(shown.length, 1, "the alert notifies once");
  assert.match(shown[0].body, /100500\.5 USD\. take profit/);
  assert.ok(shown[0].actions.includes("default"), "the notification can be clicked");
  await t.waitText("#alerts-table tbody", "Fired");

  // Clicking the notification opens the window on that alert.
  await t.page("dashboard", "Dashboard");
  await t.waitText("#recent-alerts", "BTC");
  execFileSync("dbus-send", [
    "--session",
    "--print-reply",
    "--dest=org.freedesktop.Notifications",
    "/org/freedesktop/Notifications",
    "org.freedesktop.Notifications.Click",
    `uint32:${shown[0].id}`,
  ]);
  await t.waitText("h1", "Alerts");
  await waitFor("the clicked alert highlighted", () => t.exec("return !!document.querySelector('[data-highlighted=true]')"));

  // The tray lists the fired alert; its entry opens it too.
  await waitFor("the fired alert in the tray menu", () => trayLabels().some((l) => l.startsWith("BTC above 100000")));
  assert.ok(trayLabels().includes("Open Cryptodesk") && trayLabels().includes("Quit"), trayLabels().join(" | "));
  // The first line tells the net worth and the feed state.
  await waitFor("the net worth in the tray", () => trayLabels().some((l) => l.startsWith("-Net worth $75,375.38 · prices live"))).catch((e) => {
    throw new Error(`${e.message}; the menu reads: ${trayLabels().join(" | ")}`);
  });
  await t.page("portfolio", "Portfolio");
  trayClick("BTC above 100000");
  await t.waitText("h1", "Alerts");
  // Pause for an hour from the tray, then resume.
  trayClick("Pause alerts for 1 hour");
  await t.waitText("#feed", "paused");
  await waitFor("Resume in the tray menu", () => trayLabels().includes("Resume alerts"));
  trayClick("Resume alerts");
  await t.waitGone("#feed", "paused");

  // Live figures on the dashboard and the performance page.
  await t.page("dashboard", "Dashboard");
  await t.waitText("#net-worth", "75,375.38");
  // Over the exchange's 24 h window BTC opened at 96,148.16: 0.75 × 4,352.34.
  await t.waitText("#net-worth-today", "+$3,264.26");
  await t.waitText("#tracked-prices", "ETH");
  await t.screenshot("dashboard");
  await t.page("portfolio", "Portfolio");
  await t.screenshot("portfolio");

  // A sale in the window: 0.25 of the 0.75 BTC bought at 30,000 USD (+2.5
  // fee) sold at 100,000 realises 25,000 − 22,502.5 / 3 = 17,499.17 USD,
  // shown in the summary and the transactions; an oversell is refused at
  // the amount field.
  await t.type("#sell-form [name=symbol]", "BTC");
  await t.type("#sell-form [name=amount]", "5");
  await t.type("#sell-form [name=price]", "100000");
  await t.click("#sell-submit");
  await t.waitText("#sell-form [data-error-for=amount]", "more than");
  await t.type("#sell-form [name=amount]", "0.25");
  await t.click("#sell-submit");
  await t.waitText("[data-testid=summary-BTC-realized-USD]", "17,499.17");
  await t.waitText("[data-testid=tx-row-sell-1]", "0.25");
  await t.page("alerts", "Alerts");
  await t.screenshot("alerts");
  await t.page("performance", "Performance");
  await waitFor("a measured poll", async () => !(await t.text("#perf-last-poll")).includes("—"));
  await t.screenshot("performance");

  // Markets: statistics of the watched assets from the 1-minute candles the
  // polls stored; search the exchange's pairs and track one more.
  await t.page("markets", "Markets");
  await waitFor("BTC's statistics", () => t.exec("return !!document.querySelector('[data-testid=market-row-BTC] [data-testid=market-price]')"));
  assert.match(await t.text("[data-testid=market-row-BTC]"), /100,500\.5/);
  await t.type("[data-testid=symbol-search]", "SO");
  await t.waitText("[data-testid=search-results]", "SOL");
  await t.click("[data-testid=track-SOL]");
  await t.waitText("[data-testid=markets-table]", "SOL");
  await waitFor("SOL's statistics after a poll", () => t.exec("return !!document.querySelector('[data-testid=market-row-SOL] [data-testid=market-change-24h]')"), 60000);
  await t.screenshot("markets");

  // Chart: BTC's hours, first rolled up from the polled minutes, then
  // backfilled from the exchange with a progress bar.
  const exchange = process.env.FAKE_EXCHANGE;
  await fetch(`${exchange}/_control/klines?symbol=BTCUSDT&interval=1h&count=2500&near=98000`, { method: "POST" });
  await t.click("[data-testid=market-row-BTC] a");
  await t.waitText("h1", "Chart");
  const chartAttr = (name) => t.exec(`return document.querySelector('[data-testid=chart-canvas]')?.getAttribute(arguments[0]) ?? null;`, name);
  await waitFor("BTC's hour chart", async () => (await chartAttr("data-symbol")) === "BTC" && (await chartAttr("data-interval")) === "1h" && Number(await chartAttr("data-candles")) >= 1);
  await t.waitText("[data-testid=chart-derived]", "1m");
  await t.select("[data-testid=backfill-range]", "365");
  // Progress travels over the command's own Tauri channel, one message per
  // stored page of 1000 (three pages here): note the most the progress bar
  // ever showed as stored.
  await t.exec(`window.__progressSeen = 0;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid=backfill-progress]');
      window.__progressSeen = Math.max(window.__progressSeen, Number(bar?.getAttribute('data-stored') ?? 0));
    }).observe(document.body, { subtree: true, childList: true, attributes: true });`);
  await t.click("[data-testid=backfill-button]");
  await waitFor("the backfill summary", () => t.exec("return Number(document.querySelector('[data-testid=backfill-summary]')?.getAttribute('data-stored') ?? -1) >= 2400"), 60000);
  assert.ok((await t.exec("return window.__progressSeen")) >= 1000, "the channel's progress reached the progress bar");
  await waitFor("the backfilled hours drawn", async () => Number(await chartAttr("data-candles")) >= 700, 30000);
  assert.ok(!(await t.exec("return !!document.querySelector('[data-testid=chart-derived]')")), "stored hours are not derived");
  // With history, the core's RSI is drawn in its pane, and the overlays.
  await waitFor("the RSI pane", () => t.exec("return Number(document.querySelector('[data-testid=rsi-pane]')?.getAttribute('data-points') ?? 0) > 600"));
  assert.match(await chartAttr("data-overlays"), /sma.*ema/);
  // Days are rolled up from the stored hours.
  await t.click("[data-testid=chart-interval-1d]");
  await waitFor("BTC's day chart", async () => (await chartAttr("data-interval")) === "1d" && Number(await chartAttr("data-candles")) >= 30);
  await t.click("[data-testid=chart-interval-1h]");
  await t.screenshot("chart");
  // ETH's armed alert is a price line on its chart.
  await t.select("[data-testid=chart-symbol]", "ETH");
  await waitFor("ETH's chart", async () => (await chartAttr("data-symbol")) === "ETH");
  await t.waitText("[data-testid=alert-lines]", "below 2,000");
  await waitFor("ETH's alert drawn as a price line", async () => ((await chartAttr("data-price-lines")) ?? "").split(",").includes("2000"));

  // The web process runs without GPU compositing (the app's lean default).
  const webProcesses = execFileSync("pgrep", ["-x", "WebKitWebProces"], { encoding: "utf8" }).split("\n").filter(Boolean);
  assert.ok(
    webProcesses.some((pid) => readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes("WEBKIT_DISABLE_COMPOSITING_MODE=1")),
    "WEBKIT_DISABLE_COMPOSITING_MODE=1 reaches the web process",
  );

  // A second launch starts no second app: it hands over and exits.
  assert.equal(appProcesses(), 1, "one app runs");
  const second = spawn(app, [], { stdio: "ignore" });
  const code = await new Promise((resolve) => second.on("exit", resolve));
  assert.equal(code, 0, "the second launch exits cleanly");
  assert.equal(appProcesses(), 1, "still one app");

  // Settings: saved to the config file, applied without a restart.
  await t.page("settings", "Settings");
  // The About line names this build: version and git commit.
  await t.waitText("[data-testid=about]", process.env.EXPECT_ABOUT ?? "Cryptodesk ");
  assert.match(await t.text("[data-testid=about]"), /^Cryptodesk \d+\.\d+\.\d+ \(commit [0-9a-f]{7,}\)$/);
  await t.screenshot("settings");
  await t.select("#settings-form [name=display_currency]", "EUR");
  await t.select("#settings-form [name=theme]", "dark");
  await t.type("#settings-form [name=poll_seconds]", "0");
  await t.click("#save-settings");
  await t.waitText("#settings-form [data-error-for=poll_seconds]", "poll_seconds must be");
  await t.type("#settings-form [name=poll_seconds]", "2");
  await t.click("#settings-form [name=start_at_login]");
  await t.click("#save-settings");
  await t.waitText("#settings-saved", "Saved");
  // Start at login: an OS login item that starts the app in the tray.
  const autostart = join(process.env.HOME, ".config", "autostart");
  await waitFor("the login item", () => existsSync(autostart) && readdirSync(autostart).some((f) => f.endsWith(".desktop")));
  const item = readFileSync(join(autostart, readdirSync(autostart).find((f) => f.endsWith(".desktop"))), "utf8");
  assert.match(item, /--minimized/, item);
  await waitFor("the dark theme", () => t.exec("return document.documentElement.classList.contains('dark')"));
  const file = readFileSync(process.env.CONFIG_FILE, "utf8");
  assert.match(file, /^CRYPTODESK_DISPLAY_CURRENCY=EUR$/m);
  assert.match(file, /^CRYPTODESK_THEME=dark$/m);
  // The restarted service still polls and serves.
  await t.page("portfolio", "Portfolio");
  await t.waitText("#holdings tbody", "BTC");

  // A size for the window to keep, then Quit from the tray: the app stops
  // its poller (run.sh checks the log) and exits.
  await t.setRect({ x: 60, y: 40, width: 1000, height: 700 });
  trayClick("Quit");
  await waitFor("the app to quit", () => appProcesses() === 0);
  console.log("desktop test, first run: passed");
} finally {
  await t.end();
}
await waitFor("the first app to exit", () => appProcesses() === 0);

// ---- second run: what was saved is still there ----
t = await session();
try {
  await t.waitText("#feed", "database: sqlite");
  await waitFor("the dark theme at start", () => t.exec("return document.documentElement.classList.contains('dark')"));
  await t.page("settings", "Settings");
  await waitFor("EUR as the display currency", () =>
    t.exec("return document.querySelector('#settings-form [name=display_currency]').value === 'EUR'"),
  );
  await t.page("portfolio", "Portfolio");
  await t.waitText("#holdings tbody", "BTC");
  await t.page("alerts", "Alerts");
  await t.waitText("#alert-history tbody", "100,500.5");
  const rect = await t.rect();
  const near = (a, b) => Math.abs(a - b) <= 40;
  assert.ok(near(rect.width, 1000) && near(rect.height, 700), `window size kept: ${JSON.stringify(rect)}`);
  assert.ok(near(rect.x, 60) && near(rect.y, 40), `window position kept: ${JSON.stringify(rect)}`);
  trayClick("Quit");
  await waitFor("the app to quit", () => appProcesses() === 0);
  console.log("desktop test, second run: passed");
} finally {
  await t.end();
}
