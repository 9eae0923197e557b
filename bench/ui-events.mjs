// UI benchmark: price event to updated DOM, and the bundle's gzip size.
//
// In Debian's headless Chromium on the built UI (ui/dist) with the browser
// mock: on the Dashboard, each of N price events (a new BTC price) is emitted
// the way the backend's events arrive, and the time until the Tracked prices
// table shows the new price is measured in the page (performance.now() before
// the emit, a MutationObserver for the text). Prints p50/p99/max.
//
//   npm --prefix ui run build && node bench/ui-events.mjs   (N=1000)

import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, launch } from "../ui/tests/harness.mjs";

const N = Number(process.env.N ?? 1000);
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "ui", "dist");

const { server, base } = await startServer();
const browser = await launch();
try {
  const page = await (await browser.newContext({ locale: "en-US" })).newPage();
  await page.goto(base);
  // Track BTC: the mock lists a tracked price once a holding exists.
  await page.click("a#nav-portfolio");
  await page.fill("#holding-form [name=symbol]", "BTC");
  await page.fill("#holding-form [name=amount]", "0.5");
  await page.fill("#holding-form [name=price]", "30000");
  await page.click("#add-holding");
  await page.locator("#holdings tbody tr").first().waitFor();
  await page.click("a#nav-dashboard");
  await page.locator("#tracked-prices").getByText("BTC").waitFor();
  const times = await page.evaluate(async (n) => {
    const table = document.querySelector("#tracked-prices");
    const out = [];
    for (let i = 0; i < n; i++) {
      const whole = 90000 + i;
      const cents = String(i % 100).padStart(2, "0");
      const price = `${whole}.${cents}`;
      const shown = `${Math.floor(whole / 1000)},${String(whole % 1000).padStart(3, "0")}.${cents}`;
      const done = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          if (table.textContent.includes(shown)) {
            obs.disconnect();
            resolve(performance.now());
          }
        });
        obs.observe(table, { subtree: true, childList: true, characterData: true });
      });
      const t0 = performance.now();
      window.__mock.emitPrices({ BTC: price });
      out.push((await done) - t0);
      // The backend sends at most 4 price events a second; do not pile up.
      await new Promise((r) => setTimeout(r, 5));
    }
    return out;
  }, N);
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
  console.log(`price event → DOM over ${N} events: p50 ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms, max ${times.at(-1).toFixed(2)} ms`);
} finally {
  await browser.close();
  server.close();
}

let raw = 0;
let gz = 0;
for (const f of readdirSync(join(root, "assets"))) {
  const body = readFileSync(join(root, "assets", f));
  raw += body.length;
  gz += gzipSync(body, { level: 9 }).length;
}
console.log(`bundle (ui/dist/assets): ${(raw / 1024).toFixed(1)} KiB, gzip ${(gz / 1024).toFixed(1)} KiB`);
