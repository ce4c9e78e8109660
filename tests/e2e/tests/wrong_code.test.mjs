// A wrong SMS code: a clear inline error (in the reader's language) with the tries left, the
// page stays put, and the right code still works afterwards. Once signed in, ?next= only leads to
// paths on this site.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  launchBrowser,
  newPhonePage,
  requestCode,
  screenshot,
  startServer,
  waitForOtp,
  wrongCode,
} from '../lib/harness.mjs';

const PHONE_TYPED = '+91-70000-12345';
const PHONE = '+917000012345';

let server;
let browser;
let page;
let code;

before(async () => {
  server = await startServer('wrong_code');
  browser = await launchBrowser();
  page = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a wrong code shows an inline error and keeps the user on the code step', async () => {
  await requestCode(page, server, PHONE_TYPED);
  code = await waitForOtp(server.dataDir, PHONE);

  const input = page.getByLabel('6-digit code');
  await input.fill(wrongCode(code));
  const error = page.locator('#code-error');
  await error.waitFor();
  assert.match(await error.textContent(), /That code is not right\./);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.match(await page.url(), /\/login\.html$/);
  // The verify button is usable again for the next try.
  assert.equal(await page.getByRole('button', { name: 'Verify and sign in' }).isDisabled(), false);
  console.log(`error text: ${await error.textContent()}`);
  console.log(`screenshot: ${await screenshot(page, '06-wrong-code')}`);
});

test('the error follows a switch to Hindi', async () => {
  await page.getByRole('button', { name: 'हिंदी' }).click();
  await page.getByRole('heading', { name: 'कोड डालें' }).waitFor();
  assert.match(await page.locator('#code-error').textContent(), /यह कोड सही नहीं है।/);
  console.log(`screenshot: ${await screenshot(page, '07-wrong-code-hi')}`);
  await page.getByRole('button', { name: 'English' }).click();
});

test('the right code still signs in after a wrong one', async () => {
  await page.getByLabel('6-digit code').fill(code);
  await page.waitForURL(/\/app\/#\//);
  assert.deepEqual(page.problems, []);
});

test('signed in, the sign-in page follows ?next= only to a path on this site', async () => {
  // Nothing may leave the site: a navigation to another host would fail here instead of loading it.
  const left = [];
  await page.context().route((url) => url.hostname === 'evil.example', (route) => {
    left.push(route.request().url());
    return route.abort();
  });
  for (const next of ['/\t/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/']) {
    await page.goto(`${server.url}/login.html?next=${encodeURIComponent(next)}`);
    await page.waitForURL(/\/app\/#\//);
    assert.equal(new URL(page.url()).origin, server.url, JSON.stringify(next));
  }
  assert.deepEqual(left, []);
  await page.goto(`${server.url}/login.html?next=${encodeURIComponent('/app/#/orders')}`);
  await page.waitForURL(/\/app\/#\/orders$/);
  assert.deepEqual(page.problems, []);
});
