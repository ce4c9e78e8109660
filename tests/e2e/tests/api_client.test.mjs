// The API client module (web/js/api.js) in a real page against the real server: typed errors with
// request ids, timeouts, offline, and the 401 → refresh → sign-in → back round trip.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, smsCount, startServer, waitForOtp } from '../lib/harness.mjs';

const PHONE = { typed: '8888812345', e164: '+918888812345' };

let server;
let browser;
let page;

before(async () => {
  server = await startServer('api_client');
  browser = await launchBrowser();
  page = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Calls web/js/api.js's api(path, options) inside the page; errors come back as plain objects. */
function callApi(path, options = {}) {
  return page.evaluate(
    async ([p, o]) => {
      const api = await import('/js/api.js');
      try {
        return { ok: await api.api(p, o) };
      } catch (e) {
        return {
          error: {
            type: e.name,
            isApiError: e instanceof api.ApiError,
            status: e.status,
            code: e.code,
            message: e.message,
            fields: e.fields,
            requestId: e.requestId,
            offline: e.offline,
          },
        };
      }
    },
    [path, options],
  );
}

test('an error envelope becomes an ApiError with code, message and request id', async () => {
  await page.goto(`${server.url}/`);
  const { error } = await callApi('/api/no-such-thing', { redirectOn401: false });
  assert.equal(error.isApiError, true);
  assert.equal(error.status, 404);
  assert.equal(error.code, 'not_found');
  assert.ok(error.message.length > 0);
  assert.match(error.requestId, /^\S{4,}$/);
});

test('a bad phone number comes back as a field error', async () => {
  const { error } = await callApi('/api/auth/otp', { method: 'POST', body: { phone: '12345' } });
  assert.equal(error.status, 400);
  assert.equal(error.type, 'ApiError');
  assert.ok(error.fields.some((f) => f.field === 'phone'), JSON.stringify(error.fields));
});

test('no answer in time becomes a TimeoutError', async () => {
  await page.route('**/api/slow-for-test', () => {}); // never answered
  const { error } = await callApi('/api/slow-for-test', { timeoutMs: 300 });
  assert.equal(error.type, 'TimeoutError');
  await page.unroute('**/api/slow-for-test');
});

test('offline becomes a NetworkError and the page says so', async () => {
  await page.goto(`${server.url}/login.html`);
  await page.context().setOffline(true);
  const { error } = await callApi('/api/me');
  assert.equal(error.type, 'NetworkError');
  assert.equal(error.offline, true);
  await page.locator('.offline-banner').waitFor();
  assert.match(await page.locator('.offline-banner').textContent(), /You are offline/);
  // Asking for a code while offline shows the same plain message inline.
  await page.getByLabel('Mobile number').fill(PHONE.typed);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.locator('#alert').waitFor();
  assert.match(await page.locator('#alert').textContent(), /You are offline/);
  await page.context().setOffline(false);
  await page.locator('.offline-banner').waitFor({ state: 'hidden' });
});

test('a signed-out deep link goes to sign-in and back into the app', async () => {
  await page.goto(`${server.url}/app/#/riders`);
  await page.waitForURL(/\/login\.html\?next=%2Fapp%2F%23%2Friders$/);
  const before = smsCount(server.dataDir, PHONE.e164);
  await page.getByLabel('Mobile number').fill(PHONE.typed);
  await page.getByRole('button', { name: 'Send code' }).click();
  const code = await waitForOtp(server.dataDir, PHONE.e164, before);
  await page.getByLabel('6-digit code').fill(code);
  // A new person has no business yet, so the owner-only Riders page sends them to first run.
  await page.waitForURL(/\/app\/#\/welcome$/);
  // Signed in, the sign-in page itself forwards to the app.
  await page.goto(`${server.url}/login.html`);
  await page.waitForURL(/\/app\/#\//);
  assert.deepEqual(page.problems, []);
});
