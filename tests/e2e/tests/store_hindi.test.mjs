// A Hindi-speaking owner: the app in Hindi, a description typed in Devanagari → a Hindi store.
// Then a second store built while the progress stream is cut: the page falls back to asking for the
// store's status and still lands on the store page; the Store tab then lists both stores.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer, toastsGone } from '../lib/harness.mjs';

const OWNER = { typed: '96222 33445', e164: '+919622233445' };
const BUSINESS = 'Sharma Kirana';
const DESCRIPTION_HI = 'शर्मा किराना, जयपुर में ताज़ी सब्ज़ियाँ और किराने का सामान';
const DESCRIPTION_EN = 'Gupta Bakery, cakes, bread and cookies in Lucknow';

let server;
let browser;
let page;

before(async () => {
  server = await startServer('store_hindi');
  browser = await launchBrowser();
  page = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('in Hindi, the Store tab leads to the describe page with Hindi text and Hindi chosen', async () => {
  await signIn(page, server, OWNER);
  await page.getByLabel('Business name').fill(BUSINESS);
  await page.getByRole('button', { name: 'Create my business' }).click();
  await page.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
  await page.getByRole('button', { name: 'हिंदी' }).click();
  await page.getByRole('heading', { name: 'अपनी दुकान ऑनलाइन लाएँ' }).waitFor();

  await page.getByRole('navigation', { name: 'मुख्य मेन्यू' }).getByRole('link', { name: 'स्टोर' }).click();
  await page.getByRole('heading', { name: 'आपका स्टोर अभी बना नहीं है' }).waitFor();
  await page.getByRole('link', { name: 'अपने व्यवसाय के बारे में बताएँ' }).click();
  await page.getByRole('heading', { level: 1, name: 'अपने व्यवसाय के बारे में बताएँ' }).waitFor();
  const box = page.getByLabel('आपका व्यवसाय');
  assert.match(await box.getAttribute('placeholder'), /शर्मा किराना/);
  assert.equal(await page.getByRole('radio', { name: 'हिंदी' }).isChecked(), true);

  // Typed key by key, as a phone keyboard would.
  await box.click();
  await page.keyboard.type(DESCRIPTION_HI);
  assert.equal(await box.inputValue(), DESCRIPTION_HI);
  await toastsGone(page);
  console.log(`screenshot: ${await screenshot(page, '30-store-describe-hi')}`);
});

test('a Hindi description makes a Hindi store', async () => {
  await page.getByRole('button', { name: 'मेरा स्टोर बनाएँ' }).click();
  await page.getByRole('list', { name: 'चरण' }).waitFor();
  await page.getByText('आपके व्यवसाय को समझ रहे हैं').waitFor();
  console.log(`screenshot: ${await screenshot(page, '31-store-progress-hi')}`);
  await page.waitForURL(/#\/store\/[^/]+$/, { timeout: 60000 });
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor();
  assert.match(await heading.textContent(), /[\u0900-\u097F]/, 'the store name is in Devanagari');
  assert.equal(await page.locator('.badge[data-status]').textContent(), 'ड्राफ़्ट');

  const stores = (await page.evaluate(async () => (await fetch('/api/stores')).json())).stores;
  assert.equal(stores.length, 1);
  assert.equal(stores[0].language, 'hi');
  assert.equal(stores[0].description, DESCRIPTION_HI);

  const [preview] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'झलक खोलें' }).click()]);
  await preview.waitForLoadState();
  assert.equal(await preview.evaluate(() => document.documentElement.lang), 'hi');
  await preview.getByText(stores[0].business_name).first().waitFor();
  console.log(`screenshot: ${await screenshot(preview, '32b-store-preview-hi')}`);
  await preview.close();
  await toastsGone(page);
  console.log(`screenshot: ${await screenshot(page, '32-store-page-hi')}`);
});

test('when the progress stream is cut, the page asks for the status and still reaches the store', async () => {
  await page.getByRole('button', { name: 'English' }).click();
  await page.route('**/api/stores/*/events', (route) => route.abort('connectionreset'));
  await page.goto(`${server.url}/app/#/describe`);
  await page.getByLabel('About your business').fill(DESCRIPTION_EN);
  assert.equal(await page.getByRole('radio', { name: 'English' }).isChecked(), true);
  await page.getByRole('button', { name: 'Build my store' }).click();
  await page.waitForURL(/#\/store\/[^/]+$/, { timeout: 60000 });
  await page.getByRole('heading', { level: 1, name: /Gupta/ }).waitFor();
  await page.unroute('**/api/stores/*/events');

  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Store' }).click();
  await page.waitForURL(/#\/store$/);
  await page.getByRole('heading', { level: 1, name: 'Your stores' }).waitFor();
  assert.equal(await page.locator('.choice-list li').count(), 2);
  console.log(`screenshot: ${await screenshot(page, '33-store-list')}`);
});

test('nothing on the way broke a rule of the page (CSP, script errors)', () => {
  assert.deepEqual(page.problems, []);
});
