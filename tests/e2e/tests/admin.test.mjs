// The platform admin (made with `webdpro admin create-super-admin`) signs in to the console: the
// platform overview, tenants with search, one tenant's page where a suspension needs a reason and
// a confirmation (and a restore brings the business back), AI usage, failed events and the audit
// log. Screenshots at 360 px and at desktop width.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer } from '../lib/harness.mjs';

const ADMIN = { typed: '99999 00001', e164: '+919999900001' };
const OWNER = { typed: '98111 22233', e164: '+919811122233' };
const BUSINESS = 'Mehta Boutique';

let server;
let browser;
let admin;

/** The id of BUSINESS, as the admin's API lists it. */
async function tenantId() {
  const answer = await admin.evaluate(async () => (await fetch('/api/admin/tenants?q=mehta')).json());
  return answer.tenants[0].id;
}

before(async () => {
  server = await startServer('admin', { superAdmins: [ADMIN.typed] });
  browser = await launchBrowser();
  admin = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the super admin lands on the platform overview with the admin menu only', async () => {
  await signIn(admin, server, ADMIN);
  await admin.waitForURL(/#\/platform$/);
  await admin.getByRole('heading', { level: 1, name: 'Platform' }).waitFor();
  await admin.getByText('GMV, all time').waitFor();
  console.log(`screenshot: ${await screenshot(admin, '08-admin-platform')}`);
  const tabs = await admin.getByRole('navigation', { name: 'Main menu' }).getByRole('link').allTextContents();
  assert.deepEqual(tabs, ['Platform', 'Tenants', 'Audit log']);
  await admin.goto(`${server.url}/app/#/riders`);
  await admin.waitForURL(/#\/platform$/);
});

test('a business is found, suspended with a reason and restored', async () => {
  const owner = await newPhonePage(browser);
  await signIn(owner, server, OWNER);
  await owner.getByLabel('Business name').fill(BUSINESS);
  await owner.getByRole('button', { name: 'Create my business' }).click();
  await owner.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
  await owner.context().close();

  await admin.goto(`${server.url}/app/#/tenants`);
  await admin.getByRole('heading', { level: 1, name: 'Tenants' }).waitFor();
  await admin.getByLabel('Search').fill('mehta');
  await admin.getByLabel('Search').press('Enter');
  await admin.waitForURL(/#\/tenants\?q=mehta$/);
  const item = admin.locator('main li', { hasText: BUSINESS });
  await item.waitFor();
  assert.match(await item.textContent(), /FREE/);
  console.log(`screenshot: ${await screenshot(admin, '09-admin-tenants')}`);
  await admin.getByLabel('Search').fill('nobody here');
  await admin.getByLabel('Search').press('Enter');
  await admin.getByRole('heading', { name: 'No business matches' }).waitFor();
  await admin.goto(`${server.url}/app/#/tenants`);
  await admin.locator('main li', { hasText: BUSINESS }).getByRole('link').click();
  await admin.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();

  // No reason: nothing is sent, the field says why.
  await admin.getByRole('button', { name: 'Suspend business' }).click();
  await admin.getByText('Write why you are doing this.').waitFor();
  await admin.getByLabel('Reason').fill('Fake products reported');
  await admin.getByRole('button', { name: 'Suspend business' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByRole('heading', { name: `Suspend ${BUSINESS}?` }).waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await admin.getByRole('button', { name: 'Suspend business' }).click();
  await dialog.getByRole('button', { name: 'Suspend', exact: true }).click();
  await admin.getByText(/Suspended since .*: Fake products reported/).waitFor();
  console.log(`screenshot: ${await screenshot(admin, '10-admin-tenant-suspended')}`);

  await admin.getByLabel('Reason').fill('Seller verified');
  await admin.getByRole('button', { name: 'Restore business' }).click();
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await admin.getByRole('button', { name: 'Suspend business' }).waitFor();
  await admin.getByText('tenant.restore').waitFor();
  await admin.getByText('tenant.suspend', { exact: true }).waitFor();

  await admin.getByRole('link', { name: 'Audit log' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  await admin.getByText('“Fake products reported”', { exact: false }).waitFor();
  console.log(`screenshot: ${await screenshot(admin, '11-admin-audit')}`);
});

test('AI usage and failed events read in English and Hindi, on a phone and a desktop', async () => {
  await admin.goto(`${server.url}/app/#/ai?range=7d`);
  await admin.getByRole('heading', { level: 1, name: 'AI usage' }).waitFor();
  await admin.getByRole('heading', { name: 'By AI level' }).waitFor();
  console.log(`screenshot: ${await screenshot(admin, '12-admin-ai')}`);
  await admin.goto(`${server.url}/app/#/dead`);
  await admin.getByRole('heading', { name: 'No failed events' }).waitFor();
  console.log(`screenshot: ${await screenshot(admin, '13-admin-dead')}`);

  // The same session at desktop width.
  const desktop = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-IN',
    timezoneId: 'Asia/Kolkata',
    storageState: await admin.context().storageState(),
  });
  const page = await desktop.newPage();
  await page.goto(`${server.url}/app/#/platform`);
  await page.getByRole('heading', { level: 1, name: 'Platform' }).waitFor();
  console.log(`screenshot: ${await screenshot(page, '14-admin-platform-desktop')}`);
  await page.goto(`${server.url}/app/#/tenants`);
  await page.locator('main li', { hasText: BUSINESS }).waitFor();
  console.log(`screenshot: ${await screenshot(page, '15-admin-tenants-desktop')}`);
  await desktop.close();

  // Hindi, then back to English.
  await admin.goto(`${server.url}/app/#/platform`);
  await admin.getByRole('button', { name: 'हिंदी' }).click();
  await admin.getByRole('heading', { level: 1, name: 'प्लेटफ़ॉर्म' }).waitFor();
  await admin.getByText('कुल GMV').waitFor();
  console.log(`screenshot: ${await screenshot(admin, '16-admin-platform-hindi')}`);
  await admin.goto(`${server.url}/app/#/tenant?id=${encodeURIComponent(await tenantId())}`);
  await admin.getByRole('button', { name: 'व्यवसाय निलंबित करें' }).waitFor();
  console.log(`screenshot: ${await screenshot(admin, '17-admin-tenant-hindi')}`);
  await admin.getByRole('button', { name: 'English' }).click();
  await admin.getByRole('button', { name: 'Suspend business' }).waitFor();
  assert.deepEqual(admin.problems, []);
});
