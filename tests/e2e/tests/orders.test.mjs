// Orders end to end on a 360-px phone: an owner publishes a store; a signed-in shopper (another
// phone) orders through the storefront API; the owner finds it under "New", a second order appears
// on its own, the owner packs → sends → delivers the first (WhatsApp and tracking at hand), cancels
// one with a reason, is told clearly when an order changed behind their back; the dashboard shows
// today's sales; Settings takes a GSTIN (a wrong check character is refused); the shopper sees the
// order under "My orders"; a business buyer adds a GSTIN at the storefront checkout (with and without JS). Screenshots at 360 px and 1280 px go to the artifacts folder.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer, toastsGone } from '../lib/harness.mjs';

const OWNER = { typed: '97111 55667', e164: '+919711155667' };
const SHOPPER = { typed: '98222 33445', e164: '+919822233445' };
const BUSINESS = 'Gupta Bakery';
const DESCRIPTION = 'Gupta Bakery, fresh bread, cakes and biscuits in Lucknow';
const VALID_GSTIN = '27AAPFU0939F1ZV';
const WRONG_CHECK = '27AAPFU0939F1ZW';

let server;
let browser;
let owner;
let shopper;
let store;
let productIds = [];
const placed = {};

/** Calls the API from inside `page` (its cookies, its origin) and resolves {status, body}. */
function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let json = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = { raw: text.slice(0, 200) };
      }
      return { status: response.status, body: json };
    },
    { method, path, body },
  );
}

function checkout(name, phone, key) {
  return {
    items: [
      { product_id: productIds[0], quantity: 2 },
      { product_id: productIds[1], quantity: 1 },
    ],
    customer: { name, phone, address: '14 Hazratganj Road, near the clock tower', pincode: '226001' },
    payment_method: 'COD',
  };
}

/** Places an order with no session at all (a shopper who never signed in). */
async function placeAnonymously(name, key) {
  const response = await fetch(`${server.url}/s/${store.slug}/api/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(checkout(name, '9876543210', key)),
  });
  const body = await response.json();
  assert.equal(response.status, 201, JSON.stringify(body));
  return body.order_id;
}

const short = (id) => `#${id.slice(-6).toUpperCase()}`;
const nav = () => owner.getByRole('navigation', { name: 'Main menu' });

before(async () => {
  server = await startServer('orders', { env: { WEBDPRO_AUTH_OTP_RESEND_COOLDOWN_S: '1' } });
  browser = await launchBrowser();
  owner = await newPhonePage(browser);
  shopper = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, `webdpro should exit cleanly on SIGTERM; log: ${server?.logPath}`);
});

test('an owner with a published store and stocked products', async () => {
  await signIn(owner, server, OWNER);
  await owner.getByLabel('Business name').fill(BUSINESS);
  await owner.getByRole('button', { name: 'Create my business' }).click();
  await owner.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();

  const made = await api(owner, 'POST', '/api/stores', { description: DESCRIPTION, language: 'en' });
  assert.ok(made.status === 201 || made.status === 202 || made.status === 200, JSON.stringify(made));
  const storeId = made.body.store_id;
  const deadline = Date.now() + 90000;
  for (;;) {
    const answer = await api(owner, 'GET', `/api/stores/${storeId}`);
    store = answer.body.store || answer.body;
    if (store.status !== 'GENERATING' || Date.now() > deadline) {
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(store.status, 'DRAFT', JSON.stringify(store));
  const published = await api(owner, 'POST', `/api/stores/${storeId}/publish`, {});
  assert.equal(published.status, 200, JSON.stringify(published));
  store = published.body.store || published.body;
  assert.ok(store.slug, JSON.stringify(store));

  const products = (await api(owner, 'GET', `/api/stores/${storeId}/products?active=true`)).body.products;
  assert.ok(products.length >= 2, `the generated store has products (${products.length})`);
  productIds = products.slice(0, 2).map((p) => p.product_id);
  for (const product of products.slice(0, 2)) {
    if (product.stock < 20) {
      let added = await api(owner, 'POST', `/api/stores/${storeId}/products/${product.product_id}/stock`, { delta: 50, reason: 'RESTOCK' });
      if (added.status === 400) {
        added = await api(owner, 'POST', `/api/stores/${storeId}/products/${product.product_id}/stock`, { delta: 50, reason: 'ADJUSTMENT' });
      }
      assert.equal(added.status, 200, JSON.stringify(added));
    }
  }
});

test('a signed-in shopper on another phone orders through the storefront API', async () => {
  await signIn(shopper, server, SHOPPER);
  const answer = await shopper.evaluate(
    async ({ slug, body }) => {
      const response = await fetch(`/s/${slug}/api/orders`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'shopper-1' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    { slug: store.slug, body: checkout('Meera Verma', SHOPPER.typed, 'shopper-1') },
  );
  assert.equal(answer.status, 201, JSON.stringify(answer));
  assert.equal(answer.body.status, 'CONFIRMED');
  placed.first = answer.body.order_id;
});

test('the owner sees the new order under "New" with its customer, total and payment', async () => {
  await nav().getByRole('link', { name: 'Orders' }).click();
  await owner.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
  const filters = owner.getByRole('navigation', { name: 'Show orders' });
  assert.equal(await filters.getByRole('link', { name: /^New/ }).getAttribute('aria-current'), 'page');
  const row = owner.locator(`.order-row[data-order-id="${placed.first}"]`);
  await row.waitFor();
  const text = await row.textContent();
  assert.ok(text.includes(short(placed.first)), text);
  assert.match(text, /Meera Verma/);
  assert.match(text, /Cash · To collect/);
  assert.match(text, /New/);
  assert.match(text, /₹/);
  await toastsGone(owner);
  console.log(`screenshot: ${await screenshot(owner, '60-orders-new')}`);
});

test('a new order appears on the open list by itself (refresh every 20 s)', async () => {
  placed.second = await placeAnonymously('Arjun Singh', 'walk-in-2');
  await owner.locator(`.order-row[data-order-id="${placed.second}"]`).waitFor({ timeout: 35000 });
  const ids = await owner.locator('.order-row').evaluateAll((rows) => rows.map((r) => r.dataset.orderId));
  assert.equal(ids[0], placed.second, 'the newest order is on top');
});

test('the owner opens the order: items with GST, customer contact, WhatsApp, then packs, sends and delivers it', async () => {
  await toastsGone(owner);
  await owner.locator(`.order-row[data-order-id="${placed.first}"] a`).click();
  await owner.getByRole('heading', { level: 1, name: `Order ${short(placed.first)}` }).waitFor();
  assert.equal(await owner.locator('.line').count(), 2);
  assert.match(await owner.locator('.line').first().textContent(), /GST \d+(\.\d+)?%/);
  assert.match(await owner.getByRole('link', { name: '98222 33445' }).or(owner.locator('a[href^="tel:"]').first()).getAttribute('href'), /^tel:/);
  const whatsapp = await owner.getByRole('link', { name: 'WhatsApp' }).getAttribute('href');
  assert.match(whatsapp, /^https:\/\/wa\.me\/91\d{10}\?text=/);

  const detail = (await api(owner, 'GET', `/api/orders/${placed.first}`)).body.order;
  if (detail.links && detail.allowed_transitions) {
    assert.equal(whatsapp, detail.links.whatsapp, 'the button opens the server\'s WhatsApp link');
    assert.deepEqual(detail.allowed_transitions, ['PACKED', 'CANCELLED']);
    await owner.getByRole('button', { name: 'Copy tracking link' }).waitFor();
  } else {
    console.log('PENDING (backend): order JSON has no links / allowed_transitions yet; the page used its fallbacks');
  }
  console.log(`screenshot: ${await screenshot(owner, '61-order-detail')}`);

  for (const [button, badge] of [
    ['Mark packed', 'Packed'],
    ['Out for delivery', 'Out for delivery'],
    ['Delivered', 'Delivered'],
  ]) {
    await owner.getByRole('button', { name: button, exact: true }).click();
    await owner.locator(`.page-header .badge[data-status]`, { hasText: badge }).waitFor();
  }
  assert.equal(await owner.getByRole('heading', { name: 'Next step' }).count(), 0, 'a delivered order has no next step');
  const final = (await api(owner, 'GET', `/api/orders/${placed.first}`)).body.order;
  assert.equal(final.status, 'DELIVERED');
  await toastsGone(owner);
  await owner.evaluate(() => window.scrollTo(0, 0));
  console.log(`screenshot: ${await screenshot(owner, '62-order-delivered')}`);
});

test('cancelling asks for a reason, and the reason is kept', async () => {
  await owner.goto(`${server.url}/app/#/orders/${placed.second}`);
  await owner.getByRole('heading', { level: 1, name: `Order ${short(placed.second)}` }).waitFor();
  await owner.getByRole('button', { name: 'Cancel order' }).click();
  const dialog = owner.getByRole('dialog', { name: 'Cancel this order?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel order' }).click();
  await dialog.locator('#cancel-reason-error').waitFor();
  console.log(`screenshot: ${await screenshot(owner, '63-order-cancel-dialog')}`);
  await dialog.getByRole('button', { name: 'Item out of stock' }).click();
  await dialog.getByRole('button', { name: 'Cancel order' }).click();
  await owner.locator('.page-header .badge[data-status="CANCELLED"]').waitFor();
  await owner.getByText('Cancelled: Item out of stock').waitFor();
  const order = (await api(owner, 'GET', `/api/orders/${placed.second}`)).body.order;
  assert.equal(order.status, 'CANCELLED');
  assert.equal(order.cancel_reason, 'Item out of stock');
});

test('an order changed elsewhere (409) is explained and shown fresh', async () => {
  placed.third = await placeAnonymously('Kavita Rao', 'walk-in-3');
  await owner.goto(`${server.url}/app/#/orders/${placed.third}`);
  await owner.getByRole('button', { name: 'Mark packed' }).waitFor();
  // Another phone packs it meanwhile.
  assert.equal((await api(owner, 'POST', `/api/orders/${placed.third}/status`, { status: 'PACKED' })).status, 200);
  await owner.getByRole('button', { name: 'Mark packed' }).click();
  const alert = owner.getByRole('alert').filter({ hasText: 'changed elsewhere' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /now “Packed”/);
  await owner.getByRole('button', { name: 'Out for delivery' }).waitFor();
  console.log(`screenshot: ${await screenshot(owner, '64-order-conflict')}`);
});

test('the dashboard shows today\'s sales and the open orders; "Add products" is ticked', async () => {
  await owner.goto(`${server.url}/app/#/dashboard`);
  await owner.getByRole('heading', { name: 'Get your shop online' }).waitFor();
  const done = await owner.locator('.checklist__item--done').allTextContents();
  assert.ok(done.some((text) => /Check products and prices/.test(text)), done.join(' | '));
  const sales = await api(owner, 'GET', '/api/tenant/sales?days=7');
  if (sales.status !== 200) {
    console.log(`PENDING (backend): GET /api/tenant/sales answered ${sales.status}; the dashboard shows the empty state`);
    await owner.getByText('No orders yet').waitFor();
    return;
  }
  const card = owner.locator('section.today');
  await card.waitFor();
  // Three orders today, one of them cancelled (the server may leave it out of the count).
  const count = sales.body.today.orders;
  assert.ok(count === 2 || count === 3, JSON.stringify(sales.body.today));
  assert.match(await card.locator('.stat').first().textContent(), new RegExp(`Orders today\\s*${count}$`));
  assert.ok(sales.body.today.revenue_paise > 0, JSON.stringify(sales.body.today));
  assert.equal(await card.locator('svg.chart rect').count(), 7);
  assert.match(await card.locator('svg.chart').getAttribute('aria-label'), /^Sales in the last 7 days: /);
  const packed = card.locator('.open-orders__link[data-status="PACKED"]');
  assert.match(await packed.textContent(), /^1/);
  await toastsGone(owner);
  await card.scrollIntoViewIfNeeded();
  console.log(`screenshot: ${await screenshot(owner, '65-dashboard-today')}`);
  await packed.click();
  await owner.waitForURL(/#\/orders\?status=PACKED$/);
  await owner.locator(`.order-row[data-order-id="${placed.third}"]`).waitFor();
});

test('Settings → GST: a short GSTIN and a wrong check character are refused, a good one is saved', async () => {
  await owner.goto(`${server.url}/app/#/settings`);
  const input = owner.getByLabel('GSTIN', { exact: true });
  await input.fill('27aapfu0939');
  await owner.getByRole('button', { name: 'Save GSTIN' }).click();
  assert.match(await owner.locator('#gstin-error').textContent(), /15 characters; this has 11/);
  await input.fill(WRONG_CHECK);
  await owner.getByRole('button', { name: 'Save GSTIN' }).click();
  await owner.locator('#gstin-error', { hasText: /check character/i }).waitFor();
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  await input.fill(VALID_GSTIN.toLowerCase());
  assert.equal(await input.inputValue(), VALID_GSTIN, 'typed letters become capitals');
  await owner.getByRole('button', { name: 'Save GSTIN' }).click();
  await owner.locator('.gst__uses', { hasText: 'Maharashtra (27)' }).waitFor();
  assert.match(await owner.locator('.gst__rule').textContent(), /CGST \+ SGST/);
  await owner.locator('#gst-title').scrollIntoViewIfNeeded();
  await toastsGone(owner);
  console.log(`screenshot: ${await screenshot(owner, '66-settings-gst')}`);

  // Opened again later, the card never claims the saved GSTIN is missing.
  await owner.reload();
  await owner.locator('.gst__rule').waitFor();
  await owner.waitForTimeout(500); // the current GSTIN is read after the card is drawn
  const uses = await owner.locator('.gst__uses').textContent();
  assert.ok(!uses.includes('Not added'), uses);
  if ((await api(owner, 'GET', '/api/tenant/gstin')).status === 200) {
    assert.ok(uses.includes(VALID_GSTIN), uses);
  } else {
    console.log('PENDING (backend): no GET /api/tenant/gstin, so Settings cannot show the saved GSTIN after a reload');
  }
});

test('with a GSTIN the delivered order links its GST invoice, which opens with the owner\'s session', async () => {
  const detail = (await api(owner, 'GET', `/api/orders/${placed.first}`)).body.order;
  if (detail.invoice_available === undefined) {
    console.log('PENDING (backend): order JSON has no invoice_available yet; the invoice link stays hidden');
    return;
  }
  await owner.goto(`${server.url}/app/#/orders/${placed.first}`);
  const link = owner.getByRole('link', { name: 'GST invoice' });
  assert.equal(await link.getAttribute('href'), `/api/orders/${placed.first}/invoice`);
  assert.equal(await link.getAttribute('target'), '_blank');
  await owner.getByRole('button', { name: 'Copy tracking link' }).scrollIntoViewIfNeeded();
  console.log(`screenshot: ${await screenshot(owner, '66b-order-tracking-invoice')}`);
  const [tab] = await Promise.all([owner.waitForEvent('popup'), link.click()]);
  await tab.waitForLoadState();
  assert.match(await tab.content(), new RegExp(VALID_GSTIN));
  await tab.close();
});

test('the owner\'s pages at 1280 px and in Hindi', async () => {
  await owner.setViewportSize({ width: 1280, height: 900 });
  await owner.goto(`${server.url}/app/#/orders?status=all`);
  await owner.locator(`.order-row[data-order-id="${placed.first}"]`).waitFor();
  console.log(`screenshot: ${await screenshot(owner, '67-orders-1280')}`);
  await owner.goto(`${server.url}/app/#/orders/${placed.third}`);
  await owner.getByRole('button', { name: 'Out for delivery' }).waitFor();
  console.log(`screenshot: ${await screenshot(owner, '68-order-1280')}`);
  await owner.goto(`${server.url}/app/#/dashboard`);
  await owner.getByRole('heading', { name: 'Get your shop online' }).waitFor();
  console.log(`screenshot: ${await screenshot(owner, '69-dashboard-1280')}`);
  await owner.setViewportSize({ width: 360, height: 800 });

  await owner.goto(`${server.url}/app/#/orders?status=all`);
  await owner.getByRole('button', { name: 'हिंदी' }).click();
  const filters = owner.getByRole('navigation', { name: 'ऑर्डर दिखाएँ' });
  await filters.getByRole('link', { name: 'सभी' }).waitFor();
  await owner.locator('.order-row .badge', { hasText: 'डिलीवर हुआ' }).waitFor();
  console.log(`screenshot: ${await screenshot(owner, '70-orders-hindi')}`);
  await owner.getByRole('button', { name: 'English' }).click();
});

test('the shopper sees the order under "My orders" with the shop and a Track link', async () => {
  await shopper.goto(`${server.url}/app/#/my-orders`);
  await shopper.getByRole('heading', { level: 1, name: 'My orders' }).waitFor();
  const mine = await api(shopper, 'GET', '/api/me/orders');
  if (mine.status !== 200) {
    console.log(`PENDING (backend): GET /api/me/orders answered ${mine.status}; the page shows the empty state`);
    await shopper.getByText('No orders yet').waitFor();
    return;
  }
  const card = shopper.locator(`.my-order[data-order-id="${placed.first}"]`);
  await card.waitFor();
  const text = await card.textContent();
  assert.ok(text.includes(store.business_name || BUSINESS) || /Gupta/.test(text), text);
  assert.match(text, /Delivered/);
  assert.match(text, /₹/);
  const track = card.getByRole('link', { name: /Track order/ });
  const href = await track.getAttribute('href');
  assert.match(href, new RegExp(`^/s/${store.slug}/order\\.html\\?id=${placed.first}&t=`));
  assert.equal(await shopper.locator('.my-order').count(), 1, 'only the shopper\'s own order, not the walk-ins');
  console.log(`screenshot: ${await screenshot(shopper, '71-my-orders')}`);
  const tracking = await shopper.goto(`${server.url}${href}`);
  assert.equal(tracking.status(), 200);
});

test('a shopper who signs in again lands on their orders; starting a business is only offered', async () => {
  const again = await newPhonePage(browser);
  await signIn(again, server, SHOPPER);
  await again.getByRole('heading', { level: 1, name: 'My orders' }).waitFor();
  assert.match(again.url(), /#\/my-orders$/);
  assert.equal(await again.getByLabel('Business name').count(), 0, 'no "Name your business" form');
  await again.locator(`.my-order[data-order-id="${placed.first}"]`).waitFor();
  const offer = again.getByRole('link', { name: 'Name your business' });
  assert.equal(await offer.getAttribute('href'), '#/welcome');
  console.log(`screenshot: ${await screenshot(again, '71b-shopper-signs-in')}`);
  assert.deepEqual(again.problems, []);
  await again.context().close();
});

test('a business buyer adds a GSTIN at the storefront checkout: folded away at first, a typo caught on the phone, the server still the judge', async () => {
  const buyer = await newPhonePage(browser);
  await buyer.goto(`${server.url}/s/${store.slug}/`);
  await buyer.locator('[data-add]:not([disabled])').first().click();
  await buyer.goto(`${server.url}/s/${store.slug}/checkout.html`);
  const box = buyer.locator('details[data-gstin-box]');
  const gstin = buyer.getByLabel('GSTIN (optional)');
  assert.equal(await box.getAttribute('open'), null, 'the GSTIN field is folded away by default');
  assert.equal(await gstin.isVisible(), false);
  await buyer.getByLabel('Full name').fill('Rohit Traders');
  await buyer.getByLabel('Mobile number').fill('9811122233');
  await buyer.getByLabel('Address').fill('22 Aminabad Market, Lucknow');
  await buyer.getByLabel('PIN code').fill('226018');
  await buyer.getByText('Buying for a business? Add GSTIN').click();
  await gstin.waitFor();
  console.log(`screenshot: ${await screenshot(buyer, '72-checkout-gstin-open')}`);

  const posted = [];
  buyer.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/orders')) {
      posted.push(JSON.parse(request.postData() || '{}'));
    }
  });
  await gstin.pressSequentially(WRONG_CHECK.toLowerCase());
  assert.equal(await gstin.inputValue(), WRONG_CHECK, 'letters become capitals as they are typed');
  await buyer.getByRole('button', { name: 'Place order' }).click();
  await buyer.locator('#e-gstin', { hasText: /last character does not match/ }).waitFor();
  assert.equal(await gstin.getAttribute('aria-invalid'), 'true');
  await gstin.fill('27AAPFU0939F1Z');
  await gstin.blur();
  await buyer.locator('#e-gstin', { hasText: /15 letters and digits/ }).waitFor();
  assert.equal(posted.length, 0, 'a GSTIN the phone can tell is wrong never leaves it');
  console.log(`screenshot: ${await screenshot(buyer, '73-checkout-gstin-wrong')}`);

  // The server stays the judge: whatever it refuses is shown beside the field it names.
  await gstin.fill(VALID_GSTIN);
  await buyer.route('**/api/orders', (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({
        error: { code: 'INVALID_ARGUMENT', message: 'The order has invalid fields.', fields: [{ field: 'customer.gstin', message: 'This GSTIN is not registered.' }] },
      }),
    }),
  );
  await buyer.getByRole('button', { name: 'Place order' }).click();
  await buyer.locator('#e-gstin', { hasText: 'This GSTIN is not registered.' }).waitFor();
  assert.equal(await gstin.getAttribute('aria-invalid'), 'true');
  await buyer.unroute('**/api/orders');

  await buyer.getByRole('button', { name: 'Place order' }).click();
  await buyer.waitForURL(/order\.html\?id=ord_[a-z0-9]+&t=[^&]+&new=1$/);
  const id = new URL(buyer.url()).searchParams.get('id');
  // The customer is told the same short reference the owner's list shows, and it fits the phone.
  const confirmation = buyer.locator('[data-order-placed]');
  await confirmation.waitFor();
  assert.equal((await buyer.locator('[data-order-id]').textContent()).trim(), short(id));
  assert.equal(await buyer.locator('#o-id').inputValue(), short(id));
  assert.ok(await buyer.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing runs past the edge at 360 px');
  console.log(`screenshot: ${await screenshot(buyer, '74a-order-placed')}`);
  assert.equal(posted.at(-1).customer.gstin, VALID_GSTIN);
  const order = (await api(owner, 'GET', `/api/orders/${id}`)).body.order;
  assert.equal(order.customer.gstin, VALID_GSTIN, JSON.stringify(order.customer));

  // And the server refuses on its own what the phone would have caught.
  const refused = await buyer.evaluate(
    async ({ body }) => {
      const response = await fetch('api/orders', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'gstin-typo' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    { body: { ...posted.at(-1), customer: { ...posted.at(-1).customer, gstin: WRONG_CHECK } } },
  );
  assert.equal(refused.status, 400, JSON.stringify(refused));
  assert.ok(refused.body.error.fields.some((f) => f.field === 'customer.gstin'), JSON.stringify(refused.body));

  await owner.goto(`${server.url}/app/#/orders/${id}`);
  const row = owner.locator('.kv__row', { hasText: 'GSTIN' });
  assert.match(await row.textContent(), new RegExp(VALID_GSTIN));
  await row.scrollIntoViewIfNeeded();
  console.log(`screenshot: ${await screenshot(owner, '74-order-buyer-gstin')}`);
  assert.deepEqual(buyer.problems, []);
  await buyer.context().close();
});

test('with JavaScript off the checkout says so, and the GSTIN box still opens', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(`${server.url}/s/${store.slug}/checkout.html`);
  // Playwright's text matching skips <noscript>, so find the note by its place and read it.
  const note = plain.locator('main noscript > p.note');
  await note.waitFor();
  assert.match(await note.textContent(), /The cart needs JavaScript/);
  assert.equal(await plain.getByLabel('GSTIN (optional)').isVisible(), false);
  await plain.getByText('Buying for a business? Add GSTIN').click();
  assert.equal(await plain.getByLabel('GSTIN (optional)').isVisible(), true);
  await context.close();
});

test('nothing on the way broke a rule of the page (CSP, script errors)', () => {
  assert.deepEqual(owner.problems, []);
  assert.deepEqual(shopper.problems, []);
});
