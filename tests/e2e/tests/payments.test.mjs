// Payments end to end on a 360-px phone: an owner publishes a store, adds their UPI ID and a
// delivery charge on "Payments and checkout" and switches UPI on; a shopper adds a product, sees
// the delivery charge and the total before ordering, pays by UPI (the "Pay with a UPI app" button
// carries the upi://pay link) and sends the UTR; the owner finds the payment waiting, confirms it,
// and the shopper's order page says it is paid. Screenshots of each step go to the artifacts folder.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer, toastsGone } from '../lib/harness.mjs';

const OWNER = { typed: '97111 77889', e164: '+919711177889' };
const BUSINESS = 'Joshi Kirana';
const DESCRIPTION = 'Joshi Kirana, atta, rice, dal and daily groceries in Nagpur';

let server;
let browser;
let owner;
let shopper;
let store;
let orderPage = '';

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
  server = await startServer('payments');
  browser = await launchBrowser();
  owner = await newPhonePage(browser);
  shopper = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
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

test('the owner adds a UPI ID and a delivery charge, and switches UPI on', async () => {
  await owner.goto(`${server.url}/app/#/settings`);
  await owner.getByRole('link', { name: /Payments and checkout/ }).click();
  await owner.getByRole('heading', { level: 1, name: 'Payments and checkout' }).waitFor();
  // UPI cannot be ticked before there is a UPI ID.
  assert.equal(await owner.getByLabel(/UPI to your UPI ID/).count(), 0);
  await owner.getByLabel('Your UPI ID').fill('joshi.kirana@okaxis');
  await owner.getByLabel('Name on your account').fill('Joshi Kirana');
  await screenshot(owner, 'pay-01-owner-upi-id');
  await owner.locator('#upi-settings').getByRole('button', { name: 'Save' }).click();
  await owner.getByLabel(/UPI to your UPI ID/).check();
  await owner.getByLabel('Delivery charge per order').fill('30');
  await owner.getByLabel('Free delivery on orders of').fill('1000');
  await owner.locator('#checkout-settings').getByRole('button', { name: 'Save' }).click();
  await owner.getByText('Saved. Your store shows the change now.').first().waitFor();
  await screenshot(owner, 'pay-02-owner-checkout');
  const checkout = await api(owner, 'GET', `/api/stores/${store.store_id}/checkout-settings`);
  assert.equal(checkout.body.methods.upi, true, JSON.stringify(checkout.body));
  assert.equal(checkout.body.delivery_fee_paise, 3000);
  await toastsGone(owner);
});

test('the shopper sees the delivery charge and pays by UPI', async () => {
  await shopper.goto(`${server.url}/s/${store.slug}/`);
  await shopper.locator('[data-add]:not([disabled])').first().click();
  await shopper.goto(`${server.url}/s/${store.slug}/checkout.html`);
  const delivery = await shopper.locator('[data-cart-delivery]').textContent();
  assert.match(delivery, /₹\s?30/);
  const subtotal = await shopper.locator('[data-cart-subtotal]').textContent();
  const total = await shopper.locator('[data-cart-total]').textContent();
  assert.notEqual(subtotal, total, 'the total includes the delivery charge');
  assert.equal(await shopper.locator('input[value=RAZORPAY]').count(), 0, 'card payments are not offered');
  await shopper.locator('#f-name').fill('Kavita Rao');
  await shopper.locator('#f-phone').fill('9876501234');
  await shopper.locator('#f-address').fill('22 Civil Lines, near the water tank');
  await shopper.locator('#f-pincode').fill('440001');
  assert.equal(await shopper.locator('input[value=UPI]').isChecked(), true);
  await screenshot(shopper, 'pay-03-checkout');
  await shopper.getByRole('button', { name: 'Place order' }).click();
  const pay = shopper.getByRole('link', { name: 'Pay with a UPI app' });
  await pay.waitFor();
  const link = await pay.getAttribute('href');
  assert.match(link, /^upi:\/\/pay\?pa=joshi\.kirana@okaxis&pn=Joshi%20Kirana&am=\d+\.\d\d&cu=INR&tn=Order%20ord_\w+&tr=ord_\w+$/);
  orderPage = shopper.url();
  await screenshot(shopper, 'pay-04-pay-now');
  await shopper.locator('#u-utr').fill('12345');
  await shopper.getByRole('button', { name: 'Send UTR' }).click();
  await shopper.getByText('Enter the 12-digit UTR from your UPI app.').waitFor();
  await shopper.locator('#u-utr').fill('4123 4567 8901');
  await shopper.getByRole('button', { name: 'Send UTR' }).click();
  await shopper.getByText(/The shop is checking your payment \(UTR 412345678901\)/).waitFor();
  await screenshot(shopper, 'pay-05-utr-sent');
});

test('the owner confirms the payment and the shopper sees it paid', async () => {
  // The owner's tab is still on this page: load it afresh, as the owner would, to see the new payment.
  await owner.goto(`${server.url}/app/#/payments`);
  await owner.reload();
  const waiting = owner.locator('#upi-waiting');
  await waiting.getByText('412345678901').waitFor();
  await screenshot(owner, 'pay-06-owner-waiting');
  await waiting.getByRole('button', { name: 'Received', exact: true }).click();
  await waiting.getByText('No payments are waiting.').waitFor();
  await shopper.goto(orderPage);
  await shopper.getByText('Payment received. Your order is confirmed.').waitFor();
  assert.equal(await shopper.getByRole('link', { name: 'Pay with a UPI app' }).isVisible(), false);
  await screenshot(shopper, 'pay-07-paid');
});
