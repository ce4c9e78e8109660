// Live tracking on a 360-px phone against the real API: an owner's store at a known place, a cash
// order placed with the customer's location, given to a rider who picks it up; fixes the rider's
// phone posts move the rider on the customer's map and the ETA falls, over the live stream; the
// owner's live map shows the rider and an order waiting for one; after delivery the rider's cash
// screen and the owner's cash ledger show the cash collected. Screenshots go to the artifacts.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer, toastsGone } from '../lib/harness.mjs';

const OWNER = { typed: '97111 66991', e164: '+919711166991' };
const RIDER = { typed: '91234 22991', e164: '+919123422991', name: 'Sunil Yadav' };
const BUSINESS = 'Gupta General Store';
const DESCRIPTION = 'Gupta General Store, groceries and daily needs in Jaipur';
const STORE = { lat: 26.9124, lng: 75.7873 };
const HOME = { lat: 26.9304, lng: 75.7873 }; // 2 km north

let server;
let browser;
let owner;
let rider;
let customer;
let store;
let productId;
let order;
let deliveryId;

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

async function placeOrder(key, location) {
  const customerBody = { name: 'Meena', phone: '9876500022', address: '14 Station Road, near the post office', pincode: '302006' };
  if (location) {
    customerBody.location = location;
  }
  const response = await fetch(`${server.url}/s/${store.slug}/api/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ items: [{ product_id: productId, quantity: 1 }], customer: customerBody, payment_method: 'COD' }),
  });
  const placed = await response.json();
  assert.equal(response.status, 201, JSON.stringify(placed));
  return placed;
}

before(async () => {
  server = await startServer('live_tracking');
  browser = await launchBrowser();
  owner = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an owner with a located store gives a cash order with the customer’s location to a rider', async () => {
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
  const located = await api(owner, 'PATCH', `/api/stores/${storeId}`, { latitude: STORE.lat, longitude: STORE.lng });
  assert.equal(located.status, 200, JSON.stringify(located));
  const published = await api(owner, 'POST', `/api/stores/${storeId}/publish`, {});
  assert.equal(published.status, 200, JSON.stringify(published));
  store = published.body.store || published.body;
  const products = (await api(owner, 'GET', `/api/stores/${storeId}/products?active=true`)).body.products;
  productId = products.find((p) => p.stock > 1).product_id;

  const invited = await api(owner, 'POST', '/api/agents', { phone: RIDER.typed, name: RIDER.name });
  assert.equal(invited.status, 201, JSON.stringify(invited));
  order = await placeOrder('live-1', HOME);
  await placeOrder('live-2', null); // waits for a rider on the owner's live map
  const assigned = await api(owner, 'POST', `/api/orders/${order.order_id}/assign`, { agent_user_id: invited.body.agent.user_id });
  assert.equal(assigned.status, 200, JSON.stringify(assigned));
  deliveryId = assigned.body.delivery_id;

  rider = await newPhonePage(browser);
  await signIn(rider, server, RIDER);
  await rider.waitForURL(/#\/deliveries$/);
  const picked = await api(rider, 'POST', `/api/agent/deliveries/${deliveryId}/picked-up`, {});
  assert.equal(picked.status, 200, JSON.stringify(picked));
});

test('the customer’s page on a phone shows the rider move and the ETA fall as fixes arrive', async () => {
  customer = await newPhonePage(browser);
  await customer.goto(`${server.url}${order.tracking_url}`);
  const live = customer.locator('[data-live]');
  await live.waitFor();
  assert.match(await customer.locator('[data-order-status]').textContent(), /Sunil is on the way/);
  assert.match(await customer.locator('[data-payment]').textContent(), /cash on delivery/);
  assert.equal(await customer.locator('[data-call]').getAttribute('href'), `tel:${RIDER.e164}`);
  assert.match(await customer.locator('[data-call]').textContent(), /Call Sunil/);

  const start = Date.now() - 120000;
  const seen = [];
  for (let i = 0; i < 6; i++) {
    // 150 m every 15 s (36 km/h) from the store towards the customer.
    const fix = { lat: STORE.lat + (i * 0.15) / 111.2, lng: STORE.lng, at: start + i * 15000, accuracy_m: 6 };
    const sent = await api(rider, 'POST', '/api/agent/location', { delivery_id: deliveryId, fixes: [fix] });
    assert.equal(sent.status, 200, JSON.stringify(sent));
    // The stream brings the new position: the rider's pin moves on the map.
    const pin = customer.locator('[data-pin=rider]');
    await customer.waitForFunction(
      (before) => {
        const p = document.querySelector('[data-pin=rider]');
        const eta = document.querySelector('[data-eta]');
        return p && eta && eta.getAttribute('data-eta-s') && (!before || p.getAttribute('data-y') !== before.y);
      },
      seen[seen.length - 1] || null,
      { timeout: 5000 },
    );
    seen.push({
      y: await pin.getAttribute('data-y'),
      eta: Number(await customer.locator('[data-eta]').getAttribute('data-eta-s')),
    });
    if (i === 2) {
      await live.scrollIntoViewIfNeeded();
      console.log(`screenshot: ${await screenshot(customer, '40-tracking-live-map')}`);
    }
  }
  for (let i = 1; i < seen.length; i++) {
    assert.ok(seen[i].eta < seen[i - 1].eta, `the ETA falls: ${JSON.stringify(seen)}`);
  }
  // The destination is north (up): the rider's pin rises on the map.
  assert.ok(Number(seen.at(-1).y) < Number(seen[0].y), `the rider moves towards the customer: ${JSON.stringify(seen)}`);
  assert.match(await customer.locator('[data-eta]').textContent(), /Arriving in about \d+ min/);
  assert.equal(await customer.locator('[data-map] [data-pin=home]').count(), 1);
  assert.equal(await customer.locator('[data-map] [data-pin=store]').count(), 1);
  await live.scrollIntoViewIfNeeded();
  console.log(`screenshot: ${await screenshot(customer, '41-tracking-eta-fallen')}`);
  assert.deepEqual(customer.problems, []);

  // Without JavaScript the page still says where the order is (the server fills it in), and the
  // same page with a wrong token says nothing of the order.
  const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
  const noScript = await plain.newPage();
  await noScript.goto(`${server.url}${order.tracking_url}`);
  // (Playwright's text locators skip <noscript>: the markup is read instead.)
  const markup = await noScript.content();
  assert.match(markup, /<li class="done">Out for delivery<\/li><li>Delivered<\/li>/);
  assert.match(markup, /Sunil from the shop brings your order\./);
  assert.ok(markup.includes(`<a class="btn" href="tel:${RIDER.e164}">Call Sunil</a>`));
  assert.equal(await noScript.locator('[data-steps]').isHidden(), true, 'the static steps stay out of the way');
  console.log(`screenshot: ${await screenshot(noScript, '45-tracking-without-javascript')}`);
  const wrongToken = await (await fetch(`${server.url}${order.tracking_url.replace(/t=[0-9a-f]+/, 't=' + 'a'.repeat(32))}`)).text();
  assert.doesNotMatch(wrongToken, /Call Sunil/);
  await plain.close();
});

test('the owner’s live map shows the rider out and the order waiting for one', async () => {
  await owner.goto(`${server.url}/app/#/live`);
  await owner.getByRole('heading', { level: 1, name: 'Live map' }).waitFor();
  await owner.locator('#live-map [data-pin=rider]').waitFor();
  assert.equal(await owner.locator('#live-map [data-pin=store]').count(), 1);
  assert.match(await owner.locator('#live-riders').textContent(), /Sunil Yadav/);
  assert.match(await owner.locator('#live-riders').textContent(), /on the way/);
  assert.match(await owner.locator('#live-waiting').textContent(), /Meena/);
  console.log(`screenshot: ${await screenshot(owner, '42-owner-live-map')}`);
  assert.deepEqual(owner.problems, []);
});

test('after delivery the rider’s cash screen and the owner’s ledger show the cash collected', async () => {
  const tracking = await (await fetch(`${server.url}/s/${store.slug}/api/orders/${order.order_id}/tracking?t=${order.tracking_url.split('t=')[1]}`)).json();
  const code = tracking.delivery.code;
  const mine = (await api(rider, 'GET', '/api/agent/deliveries')).body.deliveries.find((d) => d.delivery_id === deliveryId);
  const delivered = await api(rider, 'POST', `/api/agent/deliveries/${deliveryId}/delivered`, {
    code,
    cash_collected_paise: mine.cod_due_paise,
  });
  assert.equal(delivered.status, 200, JSON.stringify(delivered));
  const due = delivered.body.cash_collected_paise;
  assert.ok(due > 0);
  await customer.getByText('Your order was delivered. Thank you!').waitFor();
  assert.equal(await customer.locator('[data-live]').isHidden(), true);

  await rider.goto(`${server.url}/app/#/cash`);
  await rider.getByRole('heading', { level: 1, name: 'Cash' }).waitFor();
  const rupees = (p) => `₹${(p / 100).toLocaleString('en-IN', { maximumFractionDigits: 2 })}`;
  assert.equal((await rider.locator('#cash-in-hand').textContent()).replace(/\s/g, ''), rupees(due));
  assert.equal((await rider.locator('#cash-today').textContent()).replace(/\s/g, ''), rupees(due));
  await toastsGone(rider);
  console.log(`screenshot: ${await screenshot(rider, '43-rider-cash')}`);

  await owner.goto(`${server.url}/app/#/cash-ledger`);
  await owner.getByRole('heading', { level: 1, name: 'Cash ledger' }).waitFor();
  assert.equal((await owner.locator('#ledger-outstanding').textContent()).replace(/\s/g, ''), rupees(due));
  await owner.getByLabel('Amount handed in').fill(String(due / 100));
  await owner.getByRole('button', { name: 'Record cash handed in' }).click();
  await owner.getByText(/recorded/).first().waitFor();
  await owner.locator('#ledger-outstanding', { hasText: '₹0' }).waitFor();
  assert.match(await owner.locator('#ledger-days').textContent(), /Sunil Yadav/);
  await toastsGone(owner);
  console.log(`screenshot: ${await screenshot(owner, '44-owner-cash-ledger')}`);

  await owner.goto(`${server.url}/app/#/orders/${order.order_id}`);
  await owner.getByText('Collected by Sunil Yadav').first().waitFor();
  assert.deepEqual(rider.problems, []);
  assert.deepEqual(owner.problems, []);
});
