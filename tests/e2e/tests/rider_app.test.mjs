// The rider's app on a 360-px phone against the real API: an owner with a published store assigns a
// cash order to their rider; the rider sees it with the address and the cash to collect, marks it
// picked up, is refused with a wrong code, delivers with the code the customer's order page shows,
// and the order page then says it was delivered. Screenshots go to the artifacts folder.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer, toastsGone } from '../lib/harness.mjs';

const OWNER = { typed: '97111 66778', e164: '+919711166778' };
const RIDER = { typed: '91234 11223', e164: '+919123411223', name: 'Sunil Yadav' };
const BUSINESS = 'Verma Dairy';
const DESCRIPTION = 'Verma Dairy, milk, paneer and curd in Jaipur';

let server;
let browser;
let owner;
let rider;
let store;
let productId;
let order;

function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      let json = null;
      try {
        json = await response.json();
      } catch {
        json = null;
      }
      return { status: response.status, body: json };
    },
    { method, path, body },
  );
}

before(async () => {
  server = await startServer('rider_app');
  browser = await launchBrowser();
  owner = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an owner with a published store assigns a cash order to their rider', async () => {
  await signIn(owner, server, OWNER);
  await owner.getByLabel('Business name').fill(BUSINESS);
  await owner.getByRole('button', { name: 'Create my business' }).click();
  await owner.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
  const made = await api(owner, 'POST', '/api/stores', { description: DESCRIPTION, language: 'en' });
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
  const published = await api(owner, 'POST', `/api/stores/${storeId}/publish`, {});
  assert.equal(published.status, 200, JSON.stringify(published));
  store = published.body.store || published.body;
  const products = (await api(owner, 'GET', `/api/stores/${storeId}/products?active=true`)).body.products;
  const inStock = products.find((p) => p.stock > 0);
  assert.ok(inStock, 'a product in stock');
  productId = inStock.product_id;

  const invited = await api(owner, 'POST', '/api/agents', { phone: RIDER.typed, name: RIDER.name });
  assert.equal(invited.status, 201, JSON.stringify(invited));
  const response = await fetch(`${server.url}/s/${store.slug}/api/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'rider-app-1' },
    body: JSON.stringify({
      items: [{ product_id: productId, quantity: 1 }],
      customer: { name: 'Meena', phone: '9876500011', address: '22 MI Road, near the fountain', pincode: '302001' },
      payment_method: 'COD',
    }),
  });
  order = await response.json();
  assert.equal(response.status, 201, JSON.stringify(order));
  const assigned = await api(owner, 'POST', `/api/orders/${order.order_id}/assign`, {
    agent_user_id: invited.body.agent.user_id,
  });
  assert.equal(assigned.status, 200, JSON.stringify(assigned));
});

test('the rider picks the order up, is refused a wrong code and delivers with the right one', async () => {
  rider = await newPhonePage(browser);
  await signIn(rider, server, RIDER);
  await rider.waitForURL(/#\/deliveries$/);
  await rider.getByRole('heading', { level: 1, name: 'My deliveries' }).waitFor();
  const card = rider.locator('li.card', { hasText: 'Meena' });
  await card.waitFor();
  assert.match(await card.textContent(), /22 MI Road/);
  assert.match(await card.textContent(), /Collect ₹/);
  await rider.getByLabel('On duty: the shop can give me deliveries').check();
  await toastsGone(rider);
  console.log(`screenshot: ${await screenshot(rider, '30-rider-delivery')}`);

  // The phone shares where it is while the rider carries the order.
  await rider.context().grantPermissions(['geolocation'], { origin: server.url });
  await rider.context().setGeolocation({ latitude: 26.9155, longitude: 75.8069, accuracy: 8 });
  await card.getByRole('button', { name: 'Picked up' }).click();
  await rider.getByLabel('Customer’s code').waitFor();
  const trackingApi = `${server.url}${order.tracking_url.replace('order.html?id=' + order.order_id + '&', `api/orders/${order.order_id}/tracking?`)}`;
  let position = null;
  for (let i = 0; i < 40 && !position; i++) {
    await new Promise((r) => setTimeout(r, 500));
    position = (await (await fetch(trackingApi)).json()).delivery?.position;
  }
  assert.ok(position, `the rider's position reached the tracking view (${trackingApi})`);
  assert.equal(position.lat, 26.9155);

  // The customer's order page shows the code and who brings the order.
  const customer = await newPhonePage(browser);
  await customer.goto(`${server.url}${order.tracking_url}`);
  const codeBox = customer.locator('[data-delivery-code]');
  await codeBox.waitFor();
  const code = /(\d{4})/.exec(await codeBox.textContent())[1];
  assert.match(await customer.locator('[data-order-status]').textContent(), /Sunil is on the way/);
  console.log(`screenshot: ${await screenshot(customer, '31-tracking-out-for-delivery')}`);

  const wrong = code === '0000' ? '1111' : '0000';
  await rider.getByLabel('Customer’s code').fill(wrong);
  await rider.getByRole('button', { name: 'Delivered', exact: true }).click();
  await rider.getByText('This is not the customer’s code. Ask them to read it again from their order page.').waitFor();
  console.log(`screenshot: ${await screenshot(rider, '32-rider-wrong-code')}`);

  await rider.getByLabel('Customer’s code').fill(code);
  await rider.getByRole('button', { name: 'Delivered', exact: true }).click();
  await rider.getByText(/Delivered to Meena/).waitFor();
  console.log(`screenshot: ${await screenshot(rider, '33-rider-done')}`);

  // The same page in Hindi.
  await rider.getByRole('button', { name: 'हिंदी' }).click();
  await rider.getByRole('heading', { level: 1, name: 'मेरी डिलीवरी' }).waitFor();
  console.log(`screenshot: ${await screenshot(rider, '34-rider-hindi')}`);

  await customer.reload();
  await customer.getByText('Your order was delivered. Thank you!').waitFor();
  assert.equal(await codeBox.isHidden(), true);
  assert.deepEqual(rider.problems, []);
});
