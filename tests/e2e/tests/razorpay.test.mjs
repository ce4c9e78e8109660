// Razorpay Standard Checkout end to end on a 360-px phone, against a stand-in Razorpay on loopback
// (its Orders API, a Checkout script and the "pay" step, which signs the answer with the key secret
// as Razorpay does): the owner saves their Razorpay keys on "Payments and checkout" and switches
// Razorpay on; a shopper orders, pays in (stand-in) Checkout from the order page, and the page says
// the order is paid after the server checked the signature. The owner then cancels it: the order
// page says the payment goes back through Razorpay, the refund is sent from the outbox (the
// stand-in's refunds API), and both the owner's order page and the shopper's order page show the
// refund in progress. Screenshots go to the artifacts folder.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer, toastsGone } from '../lib/harness.mjs';

const OWNER = { typed: '97111 66554', e164: '+919711166554' };
const BUSINESS = 'Rao Provisions';
const DESCRIPTION = 'Rao Provisions, rice, dal, oil and daily groceries in Mysuru';
const KEY_ID = 'rzp_test_RaoShop12345';
const KEY_SECRET = 'rao-key-secret-000111';

let fake;
let fakeUrl = '';
const orders = new Map(); // razorpay order id → amount
const payments = new Map(); // pay_ id → amount
const refunds = []; // { id, payment_id, amount, key }
let server;
let browser;
let owner;
let shopper;
let store;

/** The stand-in Razorpay: POST /v1/orders (Basic auth), /checkout.js, POST /pay (CORS). */
function startFake() {
  return new Promise((resolve) => {
    fake = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type' };
        if (req.method === 'OPTIONS') {
          res.writeHead(204, cors).end();
          return;
        }
        if (req.method === 'POST' && req.url === '/v1/orders') {
          const expected = `Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}`;
          if (req.headers.authorization !== expected) {
            res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":{"code":"BAD_REQUEST_ERROR","description":"Authentication failed"}}');
            return;
          }
          const asked = JSON.parse(body);
          const id = `order_E2e${orders.size + 1}Xy`;
          orders.set(id, asked.amount);
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id, entity: 'order', amount: asked.amount, currency: 'INR', receipt: asked.receipt, status: 'created' }));
          return;
        }
        if (req.method === 'GET' && req.url === '/checkout.js') {
          // Opens a small sheet with the amount and a Pay button, like Checkout's modal.
          const script = `window.Razorpay = function (o) {
  this.on = function () {};
  this.open = function () {
    var sheet = document.createElement('div');
    sheet.setAttribute('role', 'dialog');
    sheet.setAttribute('aria-label', 'Razorpay Checkout (stand-in)');
    sheet.style.cssText = 'position:fixed;left:0;right:0;bottom:0;padding:24px;background:#fff;border-top:4px solid #3395ff;font:16px sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.2)';
    var title = document.createElement('p');
    title.textContent = o.name + ': Rs ' + (o.amount / 100).toFixed(2) + ' (' + o.order_id + ')';
    var pay = document.createElement('button');
    pay.textContent = 'Pay (stand-in)';
    pay.style.cssText = 'font-size:18px;padding:12px 24px';
    pay.onclick = function () {
      fetch('${fakeUrl}/pay', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ order_id: o.order_id }) })
        .then(function (r) { return r.json(); })
        .then(function (answer) { sheet.remove(); o.handler(answer); });
    };
    sheet.appendChild(title);
    sheet.appendChild(pay);
    document.body.appendChild(sheet);
  };
};`;
          res.writeHead(200, { 'Content-Type': 'application/javascript', ...cors }).end(script);
          return;
        }
        if (req.method === 'POST' && req.url === '/pay') {
          const { order_id: orderId } = JSON.parse(body);
          const paymentId = `pay_E2e${crypto.randomBytes(4).toString('hex')}`;
          payments.set(paymentId, orders.get(orderId));
          const signature = crypto.createHmac('sha256', KEY_SECRET).update(`${orderId}|${paymentId}`).digest('hex');
          res.writeHead(200, { 'Content-Type': 'application/json', ...cors }).end(
            JSON.stringify({ razorpay_order_id: orderId, razorpay_payment_id: paymentId, razorpay_signature: signature }),
          );
          return;
        }
        const refund = req.url.match(/^\/v1\/payments\/(pay_\w+)\/refunds?$/);
        if (refund && payments.has(refund[1])) {
          // POST …/refund with X-Refund-Idempotency (the same key is the same refund); GET …/refunds.
          const key = req.headers['x-refund-idempotency'] || '';
          let made = refunds.find((r) => r.key && r.key === key);
          if (req.method === 'POST' && !made) {
            const asked = JSON.parse(body || '{}');
            made = { id: `rfnd_E2e${refunds.length + 1}`, payment_id: refund[1], amount: asked.amount, key, notes: asked.notes || {} };
            refunds.push(made);
          }
          const json = (r) => ({ id: r.id, entity: 'refund', amount: r.amount, currency: 'INR', payment_id: r.payment_id, notes: r.notes, status: 'pending' });
          const answer = req.method === 'POST' ? json(made) : { entity: 'collection', count: refunds.length, items: refunds.filter((r) => r.payment_id === refund[1]).map(json) };
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
          return;
        }
        res.writeHead(404).end();
      });
    });
    fake.listen(0, '127.0.0.1', () => {
      fakeUrl = `http://127.0.0.1:${fake.address().port}`;
      resolve();
    });
  });
}

function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    { method, path, body },
  );
}

before(async () => {
  await startFake();
  server = await startServer('razorpay', {
    env: { WEBDPRO_PAYMENTS_RAZORPAY_API_BASE: fakeUrl, WEBDPRO_PAYMENTS_RAZORPAY_CHECKOUT_SCRIPT: `${fakeUrl}/checkout.js` },
  });
  browser = await launchBrowser();
  owner = await newPhonePage(browser);
  shopper = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  fake?.close();
  assert.equal(code, 0, `webdpro should exit cleanly on SIGTERM; log: ${server?.logPath}`);
});

test('an owner with a published store', async () => {
  await signIn(owner, server, OWNER);
  await owner.getByLabel('Business name').fill(BUSINESS);
  await owner.getByRole('button', { name: 'Create my business' }).click();
  await owner.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
  const made = await api(owner, 'POST', '/api/stores', { description: DESCRIPTION, language: 'en' });
  assert.ok([200, 201, 202].includes(made.status), JSON.stringify(made));
  const deadline = Date.now() + 90000;
  for (;;) {
    const answer = await api(owner, 'GET', `/api/stores/${made.body.store_id}`);
    store = answer.body.store || answer.body;
    if (store.status !== 'GENERATING' || Date.now() > deadline) {
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const published = await api(owner, 'POST', `/api/stores/${made.body.store_id}/publish`, {});
  assert.equal(published.status, 200, JSON.stringify(published));
  store = published.body.store || published.body;
});

test('the owner saves Razorpay keys and switches Razorpay on', async () => {
  await owner.goto(`${server.url}/app/#/payments`);
  await owner.getByRole('heading', { level: 1, name: 'Payments and checkout' }).waitFor();
  const card = owner.locator('#razorpay-settings');
  const webhookUrl = await card.locator('[data-rzp-webhook-url]').textContent();
  assert.match(webhookUrl, /\/api\/webhooks\/razorpay\/ten_\w+$/);
  await card.getByLabel('Key id').fill(KEY_ID);
  await card.getByLabel('Key secret').fill(KEY_SECRET);
  await card.getByLabel('Webhook secret').fill('rao-webhook-secret-01');
  await screenshot(owner, 'rzp-01-owner-keys');
  await card.getByRole('button', { name: 'Save' }).click();
  await owner.locator('#razorpay-settings [data-rzp-saved]').waitFor();
  const saved = await api(owner, 'GET', '/api/tenant/payment-settings');
  assert.equal(saved.body.razorpay.key_secret_set, true);
  assert.equal(JSON.stringify(saved.body).includes(KEY_SECRET), false, 'the secret never comes back');
  await toastsGone(owner);
  await owner.locator('#checkout-settings').getByLabel(/^Razorpay \(cards/).check();
  await owner.locator('#checkout-settings').getByRole('button', { name: 'Save' }).click();
  await owner.getByText('Saved. Your store shows the change now.').first().waitFor();
  await screenshot(owner, 'rzp-02-owner-checkout');
  const checkout = await api(owner, 'GET', `/api/stores/${store.store_id}/checkout-settings`);
  assert.equal(checkout.body.methods.razorpay, true, JSON.stringify(checkout.body));
  assert.deepEqual(owner.problems, []);
});

test('the shopper pays with Razorpay and the order is paid', async () => {
  await shopper.goto(`${server.url}/s/${store.slug}/`);
  await shopper.locator('[data-add]:not([disabled])').first().click();
  await shopper.goto(`${server.url}/s/${store.slug}/checkout.html`);
  await shopper.locator('input[value=RAZORPAY]').check();
  await shopper.locator('#f-name').fill('Kavya Rao');
  await shopper.locator('#f-phone').fill('9876501299');
  await shopper.locator('#f-address').fill('4 Temple Road, Mysuru');
  await shopper.locator('#f-pincode').fill('570001');
  await screenshot(shopper, 'rzp-03-checkout');
  await shopper.getByRole('button', { name: 'Place order' }).click();
  const payNow = shopper.getByRole('button', { name: 'Pay now' });
  await payNow.waitFor();
  const banner = shopper.locator('[data-order-placed] strong').first();
  assert.equal(await banner.textContent(), 'Your order is reserved. Pay now to confirm it.');
  await screenshot(shopper, 'rzp-04-pay-now');
  await payNow.click();
  const sheet = shopper.getByRole('dialog', { name: 'Razorpay Checkout (stand-in)' });
  await sheet.waitFor();
  await screenshot(shopper, 'rzp-05-checkout-open');
  await sheet.getByRole('button', { name: 'Pay (stand-in)' }).click();
  await shopper.locator('[data-rzp-state]').getByText('Payment received. Your order is confirmed.').waitFor();
  assert.equal(await payNow.isVisible(), false);
  assert.equal(await banner.textContent(), 'Thank you for your order!', 'the banner no longer asks to pay');
  await screenshot(shopper, 'rzp-06-paid');
  assert.equal(orders.size, 1, 'one Razorpay order for one order');
  assert.deepEqual(shopper.problems, []);
  const id = new URL(shopper.url()).searchParams.get('id');
  const seen = await api(owner, 'GET', `/api/orders/${id}`);
  assert.equal(seen.status, 200, JSON.stringify(seen.body));
  assert.equal(seen.body.order.status, 'CONFIRMED', JSON.stringify(seen.body));
  assert.equal(seen.body.order.payment_status, 'PAID');
});

test('the owner cancels the paid order and the payment goes back through Razorpay', async () => {
  const id = new URL(shopper.url()).searchParams.get('id');
  await owner.goto(`${server.url}/app/#/orders/${id}`);
  await owner.getByText(/Cancelling it refunds ₹[\d.,]+ to the customer through Razorpay/).waitFor();
  await owner.getByRole('button', { name: 'Cancel order' }).first().click();
  const dialog = owner.getByRole('dialog');
  await dialog.locator('textarea').fill('Out of stock');
  await dialog.getByRole('button', { name: 'Cancel order' }).click();
  const card = owner.locator('#order-refunds');
  await card.getByText(/Refund of ₹[\d.,]+ in progress through Razorpay/).waitFor({ timeout: 15000 });
  // Sent from the outbox a moment after the cancellation, never inside the owner's request.
  for (const deadline = Date.now() + 10000; refunds.length === 0 && Date.now() < deadline; ) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(refunds.length, 1, 'one refund at Razorpay');
  const seen = await api(owner, 'GET', `/api/orders/${id}`);
  assert.equal(refunds[0].amount, seen.body.order.totals.total_paise);
  assert.match(refunds[0].key, /^rfd_/);
  await toastsGone(owner);
  await card.scrollIntoViewIfNeeded();
  await screenshot(owner, 'rzp-07-owner-refund');
  assert.deepEqual(owner.problems, []);

  // The payments page lists it with the business's other refunds.
  await owner.goto(`${server.url}/app/#/payments`);
  const listed = owner.locator('#refunds');
  await listed.getByText(/Refund of ₹[\d.,]+ in progress through Razorpay/).waitFor();
  assert.equal(await listed.locator('.refund').count(), 1);
  await listed.scrollIntoViewIfNeeded();
  await screenshot(owner, 'rzp-08-owner-refunds-list');
  assert.deepEqual(owner.problems, []);

  await shopper.reload();
  await shopper.locator('[data-refund]').getByText(/A refund of ₹[\d.,]+ is in progress/).waitFor({ timeout: 15000 });
  await shopper.locator('[data-refund]').scrollIntoViewIfNeeded();
  await screenshot(shopper, 'rzp-09-shopper-refund');
  assert.deepEqual(shopper.problems, []);
});
