// The owner's Sales & insights page on a 360-px phone and at desktop width: a store seeded with
// products, four orders (two cash on delivery, one of them cancelled, and two UPI orders not paid),
// so that sales are ₹0 with ₹40 pending: the Today card does not count unpaid orders as sales, the
// page shows the figures, its charts as inline SVG, the ranges, the CSV links, and reads in
// Hindi. Screenshots go to the artifacts folder (and to ANALYTICS_SHOTS when set).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer, toastsGone } from '../lib/harness.mjs';

const OWNER = { typed: '97111 44321', e164: '+919711144321' };
const BUSINESS = 'Gupta General Store';
const STORE = `sto_01${'0'.repeat(20)}sh0p`;
const ATTA = `prd_01${'0'.repeat(20)}atta`;
const DAL = `prd_01${'0'.repeat(20)}tvr0`;

let server;
let browser;
let page;

async function api(p, init) {
  return page.evaluate(
    async ([url, i]) => {
      const response = await fetch(url, i);
      const text = await response.text();
      let body = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // CSV
      }
      return { status: response.status, body, type: response.headers.get('content-type') };
    },
    [p, init || {}],
  );
}

async function shot(name) {
  await toastsGone(page);
  const file = await screenshot(page, name);
  console.log(`screenshot: ${file}`);
  if (process.env.ANALYTICS_SHOTS) {
    fs.mkdirSync(process.env.ANALYTICS_SHOTS, { recursive: true });
    fs.copyFileSync(file, path.join(process.env.ANALYTICS_SHOTS, path.basename(file)));
    await page.screenshot({ path: path.join(process.env.ANALYTICS_SHOTS, `${name}-full.png`), fullPage: true });
  }
}

async function assertNoSidewaysScroll(what) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.page <= widths.view, `${what}: page is ${widths.page}px wide on a ${widths.view}px screen`);
}

function sql(statements) {
  execFileSync('sqlite3', [path.join(server.dataDir, 'webdpro.db')], { input: `PRAGMA busy_timeout = 10000;\n${statements}` });
}

async function place(product, units, method, phone, key) {
  const body = {
    items: [{ product_id: product, quantity: units }],
    payment_method: method,
    customer: { name: 'Meena', phone, address: '4 Station Road, Indore', pincode: '452001' },
  };
  const placed = await api('/s/gupta-general/api/orders', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  return placed.body.order_id;
}

before(async () => {
  server = await startServer('insights');
  browser = await launchBrowser();
  page = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, `webdpro should exit cleanly on SIGTERM; log: ${server?.logPath}`);
});

test('an owner with orders, none paid yet: the Today card shows no sales, only money pending', async () => {
  await signIn(page, server, OWNER);
  await page.getByLabel('Business name').fill(BUSINESS);
  await page.getByRole('button', { name: 'Create my business' }).click();
  await page.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
  const me = await api('/api/me');
  const tenant = me.body.tenant.id;
  sql(`INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, created_at, updated_at)
       VALUES ('${tenant}', '${STORE}', 'gupta-general', 'PUBLISHED', 'a kirana', '${BUSINESS}', 1, 1);
       INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, stock_quantity, low_stock_threshold, gst_rate_bp, created_at, updated_at)
       VALUES ('${tenant}', '${ATTA}', '${STORE}', 'Atta 5 kg', 1000, 50, 5, 500, 1, 1),
              ('${tenant}', '${DAL}', '${STORE}', 'Toor dal 1 kg', 1000, 6, 5, 500, 1, 1);`);
  const upi = await api('/api/tenant/payment-settings', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ upi_vpa: 'gupta@okaxis', upi_payee_name: 'Gupta General' }),
  });
  assert.equal(upi.status, 200, JSON.stringify(upi.body));
  const methods = await api(`/api/stores/${STORE}/checkout-settings`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ methods: { upi: true, cod: true } }),
  });
  assert.equal(methods.status, 200, JSON.stringify(methods.body));
  await place(ATTA, 2, 'COD', '98100 00001', 'i-1');
  const cancelled = await place(ATTA, 1, 'COD', '98100 00002', 'i-2');
  assert.equal((await api(`/api/orders/${cancelled}/status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'CANCELLED' }) })).status, 200);
  await place(DAL, 1, 'UPI', '98100 00001', 'i-3');
  await place(DAL, 1, 'UPI', '98100 00003', 'i-4');
  // The sums follow the orders a moment after each commit.
  const deadline = Date.now() + 15000;
  for (;;) {
    const d = await api('/api/tenant/dashboard?range=today');
    if (d.body.totals.orders === 3 && d.body.totals.cancelled_orders === 1) break;
    assert.ok(Date.now() < deadline, JSON.stringify(d.body.totals));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await page.goto(`${server.url}/app/#/dashboard`);
  await page.reload();  // the dashboard was drawn before the orders
  const card = page.locator('section.today');
  await card.waitFor();
  const paid = card.locator('.stat').nth(1);
  assert.match(await paid.textContent(), /^Paid sales today\s*₹0/);
  assert.match(await card.locator('#pending-today').textContent(), /₹40 pending/);
  assert.equal(await card.locator('svg.chart rect').count(), 7);
  await card.scrollIntoViewIfNeeded();
  await shot('insights-01-today-card-360');
});

test('Sales & insights: figures, charts, ranges and CSV links on a phone', async () => {
  await page.locator('#see-insights').click();
  await page.getByRole('heading', { level: 1, name: 'Sales & insights' }).waitFor();
  const stats = page.locator('.today__stats .stat');
  assert.match(await stats.nth(0).textContent(), /^Sales \(paid\)\s*₹0\s*0 paid orders$/);
  assert.match(await stats.nth(1).textContent(), /^Pending\s*₹40\s*3 not paid yet$/);
  assert.match(await stats.nth(2).textContent(), /^Orders\s*3\s*1 cancelled/);
  const chart = page.locator('svg.chart').first();
  assert.match(await chart.getAttribute('aria-label'), /₹0 \(\+₹40 pending\)/);
  assert.equal(await page.locator('svg.chart--methods rect').count(), 2);
  assert.match(await page.locator('.insights').textContent(), /Toor dal 1 kg\s*2 sold · ₹20/);
  assert.match(await page.locator('.insights').textContent(), /Low stock\s*Toor dal 1 kg\s*4 left/);
  assert.match(await page.locator('.insights').textContent(), /To collect \(1 open\)₹20/);
  assert.match(await page.locator('#csv-orders').getAttribute('href'), /^\/api\/tenant\/dashboard\/orders\.csv\?range=7d$/);
  const csv = await api(await page.locator('#csv-sales').getAttribute('href'));
  assert.equal(csv.status, 200);
  assert.match(csv.body, /,3,0,0\.00,3,40\.00,1,0\.00\r\n$/);
  await assertNoSidewaysScroll('insights 7d');
  await shot('insights-02-7d-360');
  await page.locator('.filters__tab[data-range="30d"]').click();
  await page.waitForURL(/range=30d/);
  await page.locator('.insights__span').filter({ hasText: '–' }).waitFor();
  await assertNoSidewaysScroll('insights 30d');
  await page.locator('.filters__tab[data-range="custom"]').click();
  await page.locator('#insights-from').fill('2026-12-05');
  await page.locator('#insights-to').fill('2026-12-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /first day must not be after the last day|dates of the range/);
  assert.deepEqual(page.problems, []);
});

test('in Hindi at 360 px and in English at desktop width', async () => {
  await page.goto(`${server.url}/app/#/insights?range=7d`);
  await page.getByRole('heading', { level: 1, name: 'Sales & insights' }).waitFor();
  await page.evaluate(() => localStorage.setItem('webdpro.lang', 'hi'));
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'बिक्री और जानकारी' }).waitFor();
  await assertNoSidewaysScroll('insights in Hindi');
  await shot('insights-03-7d-360-hi');
  await page.evaluate(() => localStorage.setItem('webdpro.lang', 'en'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Sales & insights' }).waitFor();
  await shot('insights-04-7d-1280');
  assert.deepEqual(page.problems, []);
});
