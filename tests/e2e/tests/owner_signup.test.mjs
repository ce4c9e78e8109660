// A new shop owner on a 360-px phone: landing → sign in with the SMS code → name the business →
// empty dashboard → Hindi and back. Screenshots of each stage go to the artifacts folder.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  launchBrowser,
  newPhonePage,
  screenshot,
  smsCount,
  startServer,
  toastsGone,
  waitForOtp,
} from '../lib/harness.mjs';

const PHONE_TYPED = '98123 45678';
const PHONE = '+919812345678';
const BUSINESS = 'Sharma Kirana Store';

let server;
let browser;
let page;

before(async () => {
  server = await startServer('owner_signup');
  browser = await launchBrowser();
  page = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, `webdpro should exit cleanly on SIGTERM; log: ${server?.logPath}`);
});

test('the landing page links to sign-in', async () => {
  await page.goto(server.url + '/');
  await page.getByRole('link', { name: 'Start free with your phone' }).click();
  await page.waitForURL(/\/login\.html$/);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  // Phone keypad, +91 shown, and the field is labelled.
  const phone = page.getByLabel('Mobile number');
  assert.equal(await phone.getAttribute('inputmode'), 'numeric');
  assert.equal(await page.locator('.input-group__addon').textContent(), '+91');
  console.log(`screenshot: ${await screenshot(page, '01-login')}`);
});

test('a bad number gets an inline error and no SMS', async () => {
  await page.getByLabel('Mobile number').fill('12345');
  await page.getByRole('button', { name: 'Send code' }).click();
  const error = page.locator('#phone-error');
  await error.waitFor();
  assert.match(await error.textContent(), /10-digit Indian mobile number/);
  assert.equal(await page.getByLabel('Mobile number').getAttribute('aria-invalid'), 'true');
  assert.equal(smsCount(server.dataDir, PHONE), 0);
});

test('signs in with the code from the SMS outbox', async () => {
  await page.getByLabel('Mobile number').fill(PHONE_TYPED);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByRole('heading', { name: 'Enter the code' }).waitFor();

  const code = await waitForOtp(server.dataDir, PHONE);
  const codeInput = page.getByLabel('6-digit code');
  assert.equal(await codeInput.getAttribute('autocomplete'), 'one-time-code');
  assert.equal(await codeInput.getAttribute('inputmode'), 'numeric');
  assert.match(await page.locator('#code-sent').textContent(), /\+91 98123 45678/);
  // The resend link counts down before it can be used.
  const resend = page.locator('#resend');
  assert.equal(await resend.isDisabled(), true);
  assert.match(await resend.textContent(), /New code in 0:\d\d/);
  console.log(`screenshot: ${await screenshot(page, '02-code-step')}`);

  await codeInput.fill(code); // six digits submit on their own
  await page.waitForURL(/\/app\/#\/welcome$/);
});

test('a new owner names the business and reaches the empty dashboard', async () => {
  await page.getByRole('heading', { name: 'Name your business' }).waitFor();
  console.log(`screenshot: ${await screenshot(page, '03-name-business')}`);
  await page.getByLabel('Business name').fill(BUSINESS);
  await page.getByRole('button', { name: 'Create my business' }).click();

  await page.waitForURL(/\/app\/#\/dashboard$/);
  await page.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
  await page.getByRole('heading', { name: 'Get your shop online' }).waitFor();
  await page.getByRole('heading', { name: 'No orders yet' }).waitFor();

  const nav = page.getByRole('navigation', { name: 'Main menu' });
  const tabs = await nav.getByRole('link').allTextContents();
  assert.deepEqual(tabs, ['Dashboard', 'Store', 'Products', 'Orders', 'Riders']);
  assert.equal(await nav.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current'), 'page');
  await page.getByRole('link', { name: 'Settings' }).waitFor();
  // The toast has gone before the picture is taken.
  await toastsGone(page);
  console.log(`screenshot: ${await screenshot(page, '04-owner-dashboard')}`);
});

test('the owner sees only their sections; others show an honest empty state', async () => {
  await page.getByRole('link', { name: 'Orders' }).click();
  await page.waitForURL(/#\/orders$/);
  await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
  await page.getByRole('heading', { name: 'No orders yet' }).waitFor();
  // An agent-only section is not reachable by URL either.
  await page.goto(server.url + '/app/#/deliveries');
  await page.waitForURL(/#\/dashboard$/);
  await page.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
});

test('switches to Hindi, remembers it across a reload, and back to English', async () => {
  await page.getByRole('button', { name: 'हिंदी' }).click();
  await page.getByRole('heading', { name: 'अपनी दुकान ऑनलाइन लाएँ' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'hi');
  assert.equal(await page.getByRole('button', { name: 'हिंदी' }).getAttribute('aria-pressed'), 'true');

  await page.reload();
  await page.getByRole('heading', { name: 'अपनी दुकान ऑनलाइन लाएँ' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'hi');
  const nav = page.getByRole('navigation', { name: 'मुख्य मेन्यू' });
  assert.deepEqual(await nav.getByRole('link').allTextContents(), ['डैशबोर्ड', 'स्टोर', 'सामान', 'ऑर्डर', 'राइडर']);
  console.log(`screenshot: ${await screenshot(page, '05-owner-dashboard-hi')}`);

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Get your shop online' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.evaluate(() => localStorage.getItem('webdpro.lang')), 'en');
});

test('nothing on the way broke a rule of the page (CSP, script errors)', () => {
  assert.deepEqual(page.problems, []);
});
