// The platform admin (made with `webdpro admin create-super-admin`) signs in and sees the tenants
// list and the platform section only; a business created meanwhile shows up in the list.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer } from '../lib/harness.mjs';

const ADMIN = { typed: '99999 00001', e164: '+919999900001' };
const OWNER = { typed: '98111 22233', e164: '+919811122233' };
const BUSINESS = 'Mehta Boutique';

let server;
let browser;
let admin;

before(async () => {
  server = await startServer('admin', { superAdmins: [ADMIN.typed] });
  browser = await launchBrowser();
  admin = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the super admin lands on Tenants with the admin menu only', async () => {
  await signIn(admin, server, ADMIN);
  await admin.waitForURL(/#\/tenants$/);
  await admin.getByRole('heading', { level: 1, name: 'Tenants' }).waitFor();
  await admin.getByRole('heading', { name: 'No businesses yet' }).waitFor();
  const tabs = await admin.getByRole('navigation', { name: 'Main menu' }).getByRole('link').allTextContents();
  assert.deepEqual(tabs, ['Tenants', 'Platform']);
  await admin.goto(`${server.url}/app/#/riders`);
  await admin.waitForURL(/#\/tenants$/);
});

test('a new business appears in the tenants list', async () => {
  const owner = await newPhonePage(browser);
  await signIn(owner, server, OWNER);
  await owner.getByLabel('Business name').fill(BUSINESS);
  await owner.getByRole('button', { name: 'Create my business' }).click();
  await owner.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
  await owner.context().close();

  await admin.reload();
  const item = admin.locator('main li', { hasText: BUSINESS });
  await item.waitFor();
  assert.match(await item.textContent(), /FREE|PRO|ENTERPRISE/);
  await admin.getByText('1 business', { exact: true }).waitFor();
  console.log(`screenshot: ${await screenshot(admin, '10-admin-tenants')}`);

  await admin.getByRole('link', { name: 'Platform' }).click();
  await admin.getByRole('heading', { name: 'No platform numbers yet' }).waitFor();
  assert.deepEqual(admin.problems, []);
});
