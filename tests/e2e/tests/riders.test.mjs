// The owner invites a rider, the rider signs in and sees only the rider's sections, the owner
// removes the rider again — all through the pages, against the real API.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer, toastsGone } from '../lib/harness.mjs';

const OWNER = { typed: '98765 43210', e164: '+919876543210' };
const RIDER = { typed: '91234 56789', e164: '+919123456789', name: 'Ravi Kumar' };
const BUSINESS = 'Gupta Bakery';

let server;
let browser;
let owner;

before(async () => {
  server = await startServer('riders');
  browser = await launchBrowser();
  owner = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an owner with no riders sees an empty list and can invite one', async () => {
  await signIn(owner, server, OWNER);
  await owner.getByLabel('Business name').fill(BUSINESS);
  await owner.getByRole('button', { name: 'Create my business' }).click();
  await owner.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();

  await owner.getByRole('link', { name: 'Riders' }).click();
  await owner.getByRole('heading', { level: 1, name: 'Riders' }).waitFor();
  await owner.getByRole('heading', { name: 'No riders yet' }).waitFor();

  // A bad number is caught inline before anything is sent.
  await owner.getByLabel('Rider’s name').fill(RIDER.name);
  await owner.getByLabel('Rider’s mobile number').fill('555');
  await owner.getByRole('button', { name: 'Invite rider' }).click();
  assert.match(await owner.locator('#rider-phone-error').textContent(), /10-digit Indian mobile number/);

  await owner.getByLabel('Rider’s mobile number').fill(RIDER.typed);
  await owner.getByRole('button', { name: 'Invite rider' }).click();
  const item = owner.locator('#riders-list li', { hasText: RIDER.name });
  await item.waitFor();
  assert.match(await item.textContent(), /\+91 91234 56789/);
  await toastsGone(owner);
  console.log(`screenshot: ${await screenshot(owner, '08-owner-riders')}`);
});

test('the rider signs in and sees only deliveries and cash', async () => {
  const rider = await newPhonePage(browser);
  await signIn(rider, server, RIDER);
  await rider.waitForURL(/#\/deliveries$/);
  await rider.getByRole('heading', { level: 1, name: 'My deliveries' }).waitFor();
  await rider.getByRole('heading', { name: 'No deliveries for you yet' }).waitFor();
  const tabs = await rider.getByRole('navigation', { name: 'Main menu' }).getByRole('link').allTextContents();
  assert.deepEqual(tabs, ['My deliveries', 'Cash']);
  assert.match(await rider.locator('main').textContent(), new RegExp(BUSINESS));
  console.log(`screenshot: ${await screenshot(rider, '09-rider-deliveries')}`);
  // Owner sections are not reachable by URL.
  await rider.goto(`${server.url}/app/#/riders`);
  await rider.waitForURL(/#\/deliveries$/);
  assert.deepEqual(rider.problems, []);
  await rider.context().close();
});

test('the owner removes the rider after confirming', async () => {
  await owner.getByRole('button', { name: `Remove ${RIDER.name}` }).click();
  const dialog = owner.getByRole('dialog', { name: `Remove ${RIDER.name}?` });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await owner.getByRole('heading', { name: 'No riders yet' }).waitFor();
  await owner.reload();
  await owner.getByRole('heading', { name: 'No riders yet' }).waitFor();
  assert.deepEqual(owner.problems, []);
});
