// An owner on a 360-px phone sets the store's reorder settings on the Inventory page (a bad value is
// refused inline, a good one is saved and shown in the fold's summary), and imports a products file
// that went stale: the stock changed after the download, so the row is named with the stock now
// and nothing is written, until the owner chooses to keep the file's stock. Screenshots in English
// and Hindi at 360 px go to the artifacts folder.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer, toastsGone } from '../lib/harness.mjs';

const OWNER = { typed: '97111 55668', e164: '+919711155668' };
const BUSINESS = 'Verma Provisions';
const DESCRIPTION = 'Verma Provisions, a kirana with atta, dal, rice and spices in Kanpur';

let server;
let browser;
let page;
let storeId = '';

async function api(path, init) {
  return page.evaluate(
    async ([p, i]) => {
      const response = await fetch(p, i);
      const text = await response.text();
      let body = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // the CSV export is not JSON
      }
      return { status: response.status, body };
    },
    [path, init || {}],
  );
}

async function assertNoSidewaysScroll(what) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.page <= widths.view, `${what}: page is ${widths.page}px wide on a ${widths.view}px screen`);
}

async function shot(name) {
  await toastsGone(page);
  console.log(`screenshot: ${await screenshot(page, name)}`);
}

before(async () => {
  server = await startServer('inventory_settings');
  browser = await launchBrowser();
  page = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, `webdpro should exit cleanly on SIGTERM; log: ${server?.logPath}`);
});

test('an owner with a generated store opens Inventory', async () => {
  await signIn(page, server, OWNER);
  await page.getByLabel('Business name').fill(BUSINESS);
  await page.getByRole('button', { name: 'Create my business' }).click();
  await page.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
  const made = await api('/api/stores', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ description: DESCRIPTION, language: 'en' }) });
  assert.ok(made.status === 201 || made.status === 202 || made.status === 200, JSON.stringify(made));
  storeId = made.body.store_id;
  const deadline = Date.now() + 60000;
  for (;;) {
    const store = await api(`/api/stores/${storeId}`);
    if (store.body && store.body.status === 'DRAFT') break;
    assert.ok(Date.now() < deadline, `the store was not generated in time: ${JSON.stringify(store.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await page.goto(`${server.url}/app/#/inventory`);
  await page.getByRole('heading', { level: 1, name: 'Inventory' }).waitFor();
  await page.locator('.inventory-item').first().waitFor();
});

test('the reorder settings: a bad value is refused inline, a good one is saved', async () => {
  const fold = page.locator('#inventory-settings');
  assert.match(await fold.locator('summary').textContent(), /Delivery in 3 days, next order in 7 days/);
  await fold.locator('summary').click();
  const lead = page.getByLabel('Days your supplier takes to deliver');
  await lead.fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#inventory-lead-time-error', { hasText: 'Enter whole days from 1 to 60.' }).waitFor();
  assert.equal((await api(`/api/stores/${storeId}/inventory/settings`)).body.lead_time_days, 3, 'nothing saved');
  await assertNoSidewaysScroll('settings with an error');
  await shot('60-inventory-settings-error');

  await lead.fill('12');
  await page.getByLabel('Days until you order again').fill('14');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Saved. Suggested orders now cover 26 days.').waitFor();
  const saved = await api(`/api/stores/${storeId}/inventory/settings`);
  assert.deepEqual(saved.body, { lead_time_days: 12, review_days: 14 });
  await page.locator('#inventory-settings summary', { hasText: 'Delivery in 12 days, next order in 14 days' }).waitFor();
  await page.locator('#inventory-settings summary').click();
  await page.locator('#inventory-settings-form').waitFor();
  const hitBox = await page.locator('#inventory-settings summary').boundingBox();
  assert.ok(hitBox.height >= 40, `the fold's summary is a ${hitBox.height}px tap target`);
  await assertNoSidewaysScroll('settings');
  await shot('61-inventory-settings');
});

test('a stale products file: the changed stock is named, then kept on request', async () => {
  const exported = await api(`/api/stores/${storeId}/products.csv`);
  assert.equal(exported.status, 200);
  assert.match(exported.body.split('\r\n')[0], /,exported_stock$/);
  // The file as the owner saved it after editing one product's stock (just the columns needed).
  const productId = (await api(`/api/stores/${storeId}/products?limit=1`)).body.products[0].product_id;
  const restocked = await api(`/api/stores/${storeId}/products/${productId}/stock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ delta: 10, reason: 'RESTOCK' }) });
  assert.equal(restocked.status, 200, JSON.stringify(restocked.body));
  const product = restocked.body.product || restocked.body;
  const exportedStock = product.stock;
  const name = `"${product.name.replaceAll('"', '""')}"`;
  const price = (product.price_paise / 100).toFixed(2);
  const stale = `product_id,name,price,stock,exported_stock\r\n${productId},${name},${price},${exportedStock + 40},${exportedStock}\r\n`;
  // A sale after the download (an owner's correction stands in for an order here).
  const sold = await api(`/api/stores/${storeId}/products/${productId}/stock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ delta: -1, reason: 'CORRECTION', note: 'sold at the counter' }) });
  assert.equal(sold.status, 200, JSON.stringify(sold.body));

  await page.goto(`${server.url}/app/#/products/import`);
  await page.getByRole('heading', { level: 1, name: 'Import and export' }).waitFor();
  await page.locator('#import-file').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(stale) });
  await page.locator('#import-errors').waitFor();
  const cells = await page.locator('#import-errors tbody tr').first().locator('td').allTextContents();
  assert.equal(cells[0], '2');
  assert.equal(cells[1], 'stock');
  assert.match(cells[2], new RegExp(`Stock changed since you downloaded this file.*it is ${exportedStock - 1} now`));
  await assertNoSidewaysScroll('stale import');
  await shot('62-import-stale-stock');

  await page.getByRole('button', { name: 'Use the stock in my file anyway' }).click();
  await page.locator('#import-overwrite-note').waitFor();
  await page.getByRole('button', { name: 'Import now' }).click();
  await page.locator('#import-done').waitFor();
  const now = await api(`/api/stores/${storeId}/products/${productId}`);
  assert.equal(now.body.stock, exportedStock + 40);
});

test('a product first sold today says so, instead of "no sales"', async () => {
  const published = await api(`/api/stores/${storeId}/publish`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(published.status, 200, JSON.stringify(published.body));
  const products = (await api(`/api/stores/${storeId}/products?active=true`)).body.products;
  const product = products[0];
  if (product.stock < 9) {
    const added = await api(`/api/stores/${storeId}/products/${product.product_id}/stock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ delta: 20, reason: 'RESTOCK' }) });
    assert.equal(added.status, 200, JSON.stringify(added.body));
  }
  const order = {
    items: [{ product_id: product.product_id, quantity: 9 }],
    customer: { name: 'Asha', phone: '9876543210', address: '4 Mall Road, Kanpur', pincode: '208001' },
    payment_method: 'COD',
  };
  const placed = await api(`/s/${published.body.slug}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'sold-today' }, body: JSON.stringify(order) });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));

  await page.goto(`${server.url}/app/#/inventory`);
  const card = page.locator(`.inventory-item[data-product-id="${product.product_id}"]`);
  await card.waitFor();
  const facts = await card.locator('.inventory-item__facts').textContent();
  assert.doesNotMatch(facts, /No sales/, facts);
  assert.match(facts, /Sold 9 [^;]*today; a forecast needs about 2 weeks of sales/, facts);
  assert.match(await card.locator('svg.spark').getAttribute('aria-label'), /^Sold 9 in the last 28 days/);
  await card.scrollIntoViewIfNeeded();
  await assertNoSidewaysScroll('a product sold today');
  await shot('64-inventory-sold-today');
});

test('the same pages in Hindi', async () => {
  await page.goto(`${server.url}/app/#/inventory`);
  await page.getByRole('button', { name: 'हिंदी' }).click();
  await page.locator('#inventory-settings summary', { hasText: 'डिलीवरी 12 दिन में' }).waitFor();
  await page.locator('#inventory-settings summary').click();
  await page.getByLabel('सप्लायर कितने दिन में माल देता है').waitFor();
  await assertNoSidewaysScroll('settings in Hindi');
  await shot('63-inventory-settings-hindi');
  await page.getByRole('button', { name: 'English' }).click();
});

test('nothing on the way broke a rule of the page (CSP, script errors)', () => {
  assert.deepEqual(page.problems, []);
});
