// The storefront cart in real Chromium at 360 px: generate a Hindi store with `webdpro generate`,
// serve it on loopback, add items, change a quantity, check the totals, and reach checkout, whose
// client-side validation must speak Hindi. Exit 77 (skipped, said loudly) without playwright-core
// (tests/e2e/node_modules) or Chromium, unless E2E_REQUIRED=1.
//
//   node tests/html/cart_flow.mjs path/to/webdpro
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
const skip = (why) => {
  console.error(`SKIPPED: ${why}`);
  process.exit(process.env.E2E_REQUIRED === '1' ? 1 : 77);
};
const binary = process.argv[2];
if (!binary) {
  console.error('usage: node cart_flow.mjs WEBDPRO_BINARY');
  process.exit(2);
}
const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromiumPath) skip('chromium not found (scripts/setup.sh --test installs it)');
let chromium;
try {
  ({ chromium } = await import(join(here, '../e2e/node_modules/playwright-core/index.mjs')));
} catch {
  skip('playwright-core not installed (cd tests/e2e && npm ci)');
}

const dir = mkdtempSync(join(tmpdir(), 'webdpro-cart-'));
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json' };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '') || 'index.html';
  if (req.method !== 'GET' || path.includes('..') || !existsSync(join(dir, path))) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(path)] || 'application/octet-stream' });
  res.end(readFileSync(join(dir, path)));
});
let browser;
try {
  execFileSync(binary, ['generate', 'शर्मा किराना स्टोर, जयपुर, फ़ोन 9829012345', '--language', 'hi', '--out', join(dir), '--force']);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto(base + 'index.html');
  const add = page.locator('button.add:not([disabled])');
  const first = Number(await add.nth(0).getAttribute('data-price'));
  const second = Number(await add.nth(1).getAttribute('data-price'));
  const productId = await add.nth(0).getAttribute('data-add');
  await add.nth(0).click();
  await add.nth(0).click();
  await add.nth(1).click();
  assert.equal(await page.locator('[data-cart-count]').first().textContent(), '3');

  await page.locator('a.cartlink').click();
  await page.waitForURL(/cart\.html$/);
  assert.equal(await page.locator('[data-cart-lines] li').count(), 2);
  const rupees = (paise) => new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' }).format(paise / 100);
  assert.equal(await page.locator('[data-cart-subtotal]').first().textContent(), rupees(2 * first + second));
  await page.locator('[data-cart-lines] li').nth(1).locator('[data-q="-1"]').click();
  assert.equal(await page.locator('[data-cart-lines] li').count(), 1);
  assert.equal(await page.locator('[data-cart-subtotal]').first().textContent(), rupees(2 * first));

  await page.getByRole('link', { name: 'चेकआउट करें' }).click();
  await page.waitForURL(/checkout\.html$/);
  assert.equal(await page.locator('[data-sum-lines] li').count(), 1);
  await page.locator('#f-phone').fill('12345');
  await page.locator('button[type=submit]').click();
  assert.equal(await page.locator('#e-name').textContent(), 'कृपया यह जानकारी भरें।');
  assert.equal(await page.locator('#e-phone').textContent(), 'सही 10 अंकों का मोबाइल नंबर डालें।');
  assert.equal(await page.locator('#f-name').evaluate((el) => el === document.activeElement), true);

  // Placing the order: the body the order API takes, posted to api/orders beside the store root
  // with an Idempotency-Key, then the confirmation page with the new order's id.
  let posted;
  await page.route('**/api/orders', async (route) => {
    posted = { url: route.request().url(), headers: route.request().headers(), body: route.request().postDataJSON() };
    await route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify({ order_id: 'ord_test' }) });
  });
  await page.locator('#f-name').fill('Asha');
  await page.locator('#f-phone').fill('9829012345');
  await page.locator('#f-address').fill('12 MI Road');
  await page.locator('#f-pincode').fill('302001');
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/order\.html\?id=ord_test&new=1$/);
  assert.equal(posted.url, base + 'api/orders');
  assert.ok(posted.headers['idempotency-key']);
  assert.deepEqual(posted.body, {
    items: [{ product_id: productId, quantity: 2 }],
    customer: { name: 'Asha', phone: '+919829012345', address: '12 MI Road', pincode: '302001' },
    payment_method: 'COD',
  });
  assert.equal(await page.locator('[data-cart-count]').first().isHidden(), true);
  assert.deepEqual(errors, []);
  console.log('cart flow: add, badge, quantities, totals, Hindi checkout validation and the order POST work at 360 px');
  console.log('1 passed, 0 failed');
} finally {
  await browser?.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
