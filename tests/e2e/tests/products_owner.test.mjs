// An owner on a 360-px phone looks after the products of a generated store: adds one priced 45.50
// (4550 paise through the API), edits it, restocks it and sees the stock history; adds a photo (a big
// one is shrunk on the phone before upload);
// imports a CSV with a bad row (the row error is shown, nothing is imported), fixes it and imports;
// pages through a long list with "Load more"; opens Inventory and sees an alert for a product below
// its threshold and restocks it there. No page scrolls sideways at
// 360 px; screenshots at 360 and 1280 px go to the artifacts folder.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer, toastsGone } from '../lib/harness.mjs';

const OWNER = { typed: '97111 55667', e164: '+919711155667' };
const BUSINESS = 'Gupta Bakery';
const DESCRIPTION = 'Gupta Bakery, fresh bread, cakes and biscuits in Lucknow';
const PRODUCT = 'Atta Cookies 200 g';
// A 2×2 red PNG: small enough to inline, a real picture for the server to decode.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGO4Wc4GRAwQCgAowgVZMRJGKQAAAABJRU5ErkJggg==',
  'base64',
);

/** The API answers a product as itself; the contract also allows {product}. */
const productOf = (body) => (body && body.product) || body;

/** A PNG of coloured noise (does not compress): big enough that the page shrinks it before upload. */
function noisePng(side) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(body));
    return Buffer.concat([head, body, tail]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = crypto.randomBytes((side * 3 + 1) * side);
  for (let row = 0; row < side; row++) {
    raw[row * (side * 3 + 1)] = 0; // filter type "none"
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

let server;
let browser;
let page;
let storeId = '';
let productId = '';

async function api(path, init) {
  return page.evaluate(
    async ([p, i]) => {
      const response = await fetch(p, i);
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    [path, init || {}],
  );
}

/** The page is no wider than the phone: nothing makes the owner scroll sideways. */
async function assertNoSidewaysScroll(what) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.page <= widths.view, `${what}: page is ${widths.page}px wide on a ${widths.view}px screen`);
}

async function shot(name) {
  await toastsGone(page);
  console.log(`screenshot: ${await screenshot(page, name)}`);
}

before(async () => {
  server = await startServer('products_owner');
  browser = await launchBrowser();
  page = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, `webdpro should exit cleanly on SIGTERM; log: ${server?.logPath}`);
});

test('a new owner with a generated store opens the Products tab and sees the list', async () => {
  await signIn(page, server, OWNER);
  await page.getByLabel('Business name').fill(BUSINESS);
  await page.getByRole('button', { name: 'Create my business' }).click();
  await page.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
  const made = await api('/api/stores', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ description: DESCRIPTION, language: 'en' }) });
  assert.ok(made.status === 201 || made.status === 202 || made.status === 200, JSON.stringify(made));
  storeId = made.body.store_id;
  // Generation with the built-in writer takes a few seconds (longer on a loaded machine): ask until
  // the store is a DRAFT, so that its catalog has been seeded.
  const deadline = Date.now() + 60000;
  for (;;) {
    const store = await api(`/api/stores/${storeId}`);
    if (store.body && store.body.status === 'DRAFT') break;
    assert.ok(Date.now() < deadline, `the store was not generated in time: ${JSON.stringify(store.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Products' }).click();
  await page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
  await page.locator('#product-list .product-row').first().waitFor();
  assert.ok((await page.locator('#product-list .product-row').count()) > 0, 'the generated products are listed');
  await assertNoSidewaysScroll('product list');
  await shot('40-products-list');
});

test('search and category chips filter the list', async () => {
  const first = (await page.locator('#product-list .product-row__link').first().textContent()).trim();
  await page.getByLabel('Search products').fill(first.slice(0, 5));
  await page.waitForFunction(() => document.querySelector('#product-list').getAttribute('aria-busy') === 'false' && document.querySelector('.list-status').textContent === '');
  await page.locator('#product-list .product-row__link', { hasText: first }).first().waitFor();
  await page.getByLabel('Search products').fill('');
  const chips = page.locator('.filter-chips .filter-chip');
  if ((await chips.count()) > 1) {
    const name = (await chips.nth(1).textContent()).trim();
    await chips.nth(1).click();
    await page.waitForFunction((n) => document.querySelector(`.filter-chip[aria-pressed="true"]`)?.textContent === n, name);
    await page.getByRole('button', { name: 'All', exact: true }).click();
  }
});

test('adding a product: a bad price is refused inline, 45.50 becomes 4550 paise', async () => {
  await page.getByRole('link', { name: 'Add product' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Add a product' }).waitFor();
  await page.getByLabel('Name').fill(PRODUCT);
  await page.getByLabel('Price').fill('45.505');
  await page.getByLabel('Unit').fill('pack');
  await page.getByRole('button', { name: 'Add product' }).click();
  assert.match(await page.locator('#product-price-error').textContent(), /2 digits after the point/);
  assert.equal(await page.getByLabel('Price').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Price').scrollIntoViewIfNeeded();
  await assertNoSidewaysScroll('product form');
  await shot('41-product-new-error');

  await page.getByLabel('Price').fill('45.50');
  await page.getByLabel('MRP').fill('50');
  await page.getByLabel('Category').fill('Biscuits');
  await page.getByLabel('GST rate').selectOption({ label: '5%' });
  await page.getByLabel('Stock now').fill('12');
  await page.getByLabel('Low-stock alert at').fill('5');
  await page.getByRole('button', { name: 'Add product' }).click();
  await page.waitForURL(/#\/products\/prd_[^/?]+$/);
  await page.getByRole('heading', { level: 1, name: PRODUCT }).waitFor();
  productId = decodeURIComponent(page.url().split('#/products/')[1]);
  const { body } = await api(`/api/stores/${storeId}/products/${productId}`);
  assert.equal(productOf(body).price_paise, 4550);
  assert.equal(productOf(body).mrp_paise, 5000);
  assert.equal(productOf(body).gst_rate_bp, 500);
  assert.equal(productOf(body).stock, 12);
  assert.equal(productOf(body).category, 'Biscuits');
  assert.equal(await page.getByLabel('Price').inputValue(), '45.50');
});

test('editing: an MRP below the price is refused by the server next to the field; a new price is saved', async () => {
  // 40 < 45.50: the page checks this itself, so the server answer is exercised with a PATCH directly.
  const refused = await api(`/api/stores/${storeId}/products/${productId}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mrp_paise: 100 }) });
  assert.equal(refused.status, 400);
  assert.ok(refused.body.error.fields.some((f) => f.field === 'mrp_paise'));

  await page.getByLabel('MRP').fill('40');
  await page.getByRole('button', { name: 'Save changes' }).click();
  assert.match(await page.locator('#product-mrp-error').textContent(), /cannot be less than the price/);
  await page.getByLabel('MRP').fill('');
  await page.getByLabel('Price').fill('47.25');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Saved.').waitFor();
  const { body } = await api(`/api/stores/${storeId}/products/${productId}`);
  assert.equal(productOf(body).price_paise, 4725);
  assert.equal(productOf(body).mrp_paise, null);
});

test('restocking and a damage show up in the stock history', async () => {
  const panel = page.locator('form.stock-panel');
  await panel.scrollIntoViewIfNeeded();
  await panel.getByLabel('How many came in?').fill('8');
  await panel.getByLabel('Note').fill('Bill 42');
  await panel.getByRole('button', { name: 'Update stock' }).click();
  await page.locator('#stock-now', { hasText: '20' }).waitFor();
  await page.locator('#ledger .ledger-row', { hasText: 'Bill 42' }).waitFor();
  assert.match(await page.locator('#ledger .ledger-row').first().textContent(), /New stock came.*\+8.*Stock 20/);

  await panel.getByText('Damaged or lost').click();
  await panel.getByLabel('How many to take off?').fill('50');
  await panel.getByRole('button', { name: 'Update stock' }).click();
  assert.match(await page.locator('#stock-quantity-error').textContent(), /Only 20 in stock/);
  await panel.getByLabel('How many to take off?').fill('2');
  await panel.getByRole('button', { name: 'Update stock' }).click();
  await page.locator('#stock-now', { hasText: '18' }).waitFor();
  await page.locator('#ledger .ledger-row', { hasText: '−2' }).waitFor();
  const { body } = await api(`/api/stores/${storeId}/products/${productId}/ledger`);
  assert.deepEqual(body.entries.slice(0, 2).map((e) => [e.delta, e.reason]), [[-2, 'DAMAGE'], [8, 'RESTOCK']]);
  await page.locator('#ledger-title').scrollIntoViewIfNeeded();
  await assertNoSidewaysScroll('product page');
  await shot('42-product-stock-ledger');
});

test('a photo is uploaded from the file picker and shown; removing it brings back the drawing', async () => {
  const probe = await api(`/api/stores/${storeId}/products/${productId}/photo`, { method: 'DELETE' });
  if (probe.status === 404 || probe.status === 405) {
    console.log('PENDING: photo routes not in this build');
    return;
  }
  await page.locator('#photo-title').scrollIntoViewIfNeeded();
  await page.locator('#product-photo').setInputFiles({ name: 'cookies.png', mimeType: 'image/png', buffer: PNG });
  // A local preview (blob:) shows at once; the server's picture replaces it when the upload is done.
  await page.locator('img.photo__img:not([src^="blob:"])').waitFor();
  const { body } = await api(`/api/stores/${storeId}/products/${productId}`);
  assert.ok(productOf(body).image, 'the product has an image now');
  assert.equal(await page.locator('img.photo__img').getAttribute('src'), productOf(body).image);
  const loaded = await page.locator('img.photo__img').evaluate((img) => img.decode().then(() => img.naturalWidth > 0, () => false));
  assert.ok(loaded, 'the returned image loads in the browser');
  await shot('43-product-photo');

  // A big camera-like picture is shrunk on the phone (a JPEG under the original's size) and still accepted.
  const big = noisePng(700);
  assert.ok(big.length > 1000000, `${big.length} bytes`);
  await page.evaluate(() => {
    window.__sent = [];
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function record(body) {
      if (body instanceof Blob) window.__sent.push({ size: body.size, type: body.type });
      return send.call(this, body);
    };
  });
  const before = productOf(body).image;
  await page.locator('#product-photo-file').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: big });
  await page.waitForFunction((old) => { const img = document.querySelector('img.photo__img'); return img && !img.src.startsWith('blob:') && !img.src.endsWith(old); }, before);
  const sent = await page.evaluate(() => window.__sent);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].type, 'image/jpeg');
  assert.ok(sent[0].size > 0 && sent[0].size < big.length / 2, `uploaded ${sent[0].size} bytes of ${big.length}`);

  await page.locator('#product-photo').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
  await page.locator('#product-photo-error').waitFor();
  assert.notEqual((await page.locator('#product-photo-error').textContent()).trim(), '');

  await page.getByRole('button', { name: 'Remove photo' }).click();
  await page.locator('.photo__empty').waitFor();
});

test('importing a CSV with a bad row shows the row error and imports nothing; the fixed file imports', async () => {
  await page.goto(`${server.url}/app/#/products/import`);
  await page.getByRole('heading', { level: 1, name: 'Import and export' }).waitFor();
  assert.match(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href'), /\/products\.csv$/);
  const before = (await api(`/api/stores/${storeId}/products?limit=100`)).body.products.length;
  const probe = await api(`/api/stores/${storeId}/products/import?dry_run=1`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: 'name,price\nProbe,1.00\n' });
  if (probe.status === 404 || probe.status === 405) {
    console.log('PENDING: CSV import route not in this build');
    return;
  }
  const bad = 'name,price,unit,stock\nRusk 300 g,35.00,pack,10\nFruit Cake,abc,piece,4\n';
  await page.locator('#import-file').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.locator('#import-errors').waitFor();
  const cells = await page.locator('#import-errors tbody tr').first().locator('td').allTextContents();
  assert.equal(cells[0], '3', `the bad row is line 3 of the file: ${cells.join(' | ')}`);
  assert.equal(cells[1], 'price');
  assert.match(await page.locator('.import__result .alert--error').textContent(), /Nothing was imported/);
  assert.equal((await api(`/api/stores/${storeId}/products?limit=100`)).body.products.length, before, 'nothing imported');
  await assertNoSidewaysScroll('import errors');
  await page.locator('#import-errors tbody tr').last().scrollIntoViewIfNeeded();
  console.log(`import problems: ${(await page.locator('#import-errors tbody').textContent())}`);
  await shot('44-import-errors');

  const good = 'name,price,unit,stock\nRusk 300 g,35.00,pack,10\nFruit Cake,120.50,piece,4\n';
  await page.locator('#import-file').setInputFiles({ name: 'products-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.locator('#import-preview', { hasText: '2 new' }).waitFor();
  await page.getByRole('button', { name: 'Import now' }).click();
  await page.locator('#import-done', { hasText: '2 new' }).waitFor();
  const products = (await api(`/api/stores/${storeId}/products?limit=100`)).body.products;
  assert.equal(products.length, before + 2);
  assert.equal(products.find((p) => p.name === 'Fruit Cake').price_paise, 12050);
  await shot('45-import-done');
});

test('a long list comes 30 at a time with "Load more"', async () => {
  const rows = Array.from({ length: 24 }, (_, i) => `Namkeen Mix ${String(i + 1).padStart(2, '0')},${20 + i}.00,pack,50`);
  const imported = await api(`/api/stores/${storeId}/products/import`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: `name,price,unit,stock\n${rows.join('\n')}\n` });
  if (imported.status === 404 || imported.status === 405) {
    console.log('PENDING: CSV import route not in this build');
    return;
  }
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  const total = (await api(`/api/stores/${storeId}/products?limit=100`)).body.products.length;
  assert.ok(total > 30, `${total} products`);
  await page.goto(`${server.url}/app/#/products`);
  await page.locator('#product-list .product-row').first().waitFor();
  assert.equal(await page.locator('#product-list .product-row').count(), 30);
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('#product-list .product-row').length === n, total);
  assert.equal(await page.getByRole('button', { name: 'Load more' }).isHidden(), true);
  const ids = await page.locator('#product-list .product-row').evaluateAll((els) => els.map((e) => e.dataset.productId));
  assert.equal(new Set(ids).size, total, 'no product twice');
});

test('Inventory shows an alert for a product set below its threshold', async () => {
  const low = await api(`/api/stores/${storeId}/products/${productId}/stock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ delta: -15, reason: 'CORRECTION', note: 'counted' }) });
  assert.equal(low.status, 200, JSON.stringify(low.body));
  assert.equal(productOf(low.body).stock, 3);
  await page.goto(`${server.url}/app/#/products`);
  await page.getByLabel('Search products').fill('Atta Cookies');
  const row = page.locator(`#product-list .product-row[data-product-id="${productId}"]`);
  await row.waitFor();
  assert.equal(await row.locator('.badge[data-level]').getAttribute('data-level'), 'LOW');
  assert.match(await row.textContent(), /3 left/);
  const probe = await api(`/api/stores/${storeId}/inventory`);
  await page.goto(`${server.url}/app/#/inventory`);
  await page.getByRole('heading', { level: 1, name: 'Inventory' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main menu' });
  assert.equal(await nav.getByRole('link', { name: 'Products' }).getAttribute('aria-current'), 'page');
  if (probe.status === 404 || probe.status === 405) {
    console.log('PENDING: inventory route not in this build');
    return;
  }
  const alert = page.locator(`.inventory-alert[data-product-id="${productId}"]`);
  await alert.waitFor();
  assert.match(await alert.textContent(), new RegExp(`Low.*Only 3 packs of ${PRODUCT} left`));
  const card = page.locator(`.inventory-item[data-product-id="${productId}"]`);
  assert.equal(await card.locator('svg.spark').count(), 1);
  assert.equal(await card.getAttribute('data-status'), 'LOW');
  await assertNoSidewaysScroll('inventory');
  await shot('46-inventory');

  await card.getByRole('button', { name: 'Restock' }).click();
  await card.getByLabel(`How many ${PRODUCT} came in?`).fill('30');
  await card.getByRole('button', { name: 'Add to stock' }).click();
  await page.getByText(`Added 30 to ${PRODUCT}.`).waitFor();
  const { body } = await api(`/api/stores/${storeId}/products/${productId}`);
  assert.equal(productOf(body).stock, 33);
  await page.locator(`.inventory-item[data-product-id="${productId}"][data-status="OK"]`).waitFor();
});

test('the pages in Hindi and on a wide screen', async () => {
  await page.getByRole('button', { name: 'हिंदी' }).click();
  await page.goto(`${server.url}/app/#/products`);
  await page.getByRole('heading', { level: 1, name: 'सामान' }).waitFor();
  await page.locator('#product-list .product-row').first().waitFor();
  await assertNoSidewaysScroll('product list in Hindi');
  await shot('47-products-hindi');
  await page.goto(`${server.url}/app/#/products/${productId}`);
  await page.getByRole('heading', { level: 2, name: 'स्टॉक बदलें' }).waitFor();
  await assertNoSidewaysScroll('product page in Hindi');
  await shot('48-product-hindi');
  await page.getByRole('button', { name: 'English' }).click();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.url}/app/#/products`);
  await page.locator('#product-list .product-row').first().waitFor();
  await shot('49-products-wide');
  await page.goto(`${server.url}/app/#/inventory`);
  await page.getByRole('heading', { level: 1, name: 'Inventory' }).waitFor();
  await shot('50-inventory-wide');
  await page.setViewportSize({ width: 360, height: 800 });
});

test('nothing on the way broke a rule of the page (CSP, script errors)', () => {
  assert.deepEqual(page.problems, []);
});
