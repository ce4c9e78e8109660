// A new owner on a 360-px phone gets the shop online: describe the business in English → watch the
// four generation steps tick off → the store page with the preview → edit the tagline (a bad colour
// is refused inline) → publish → the public page loads → the dashboard checklist shows it → take it
// offline again. Screenshots of each page go to the artifacts folder.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer, toastsGone } from '../lib/harness.mjs';

const OWNER = { typed: '97111 22334', e164: '+919711122334' };
const BUSINESS = 'Sharma Kirana Store';
const DESCRIPTION = 'Sharma Kirana, fresh vegetables and groceries in Jaipur';
const TAGLINE = 'Fresh every morning since 1998';

let server;
let browser;
let page;
let storeName = '';
let publicUrl = '';

/**
 * Records every state a generation step passes through ("spec:active", "spec:done", …) and the
 * last "which AI wrote it" line of the spec step (the page moves on soon after the last tick).
 */
function recordStepStates() {
  window.__stepLog = [];
  window.__specDetail = '';
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target.classList.contains('step')) {
        window.__stepLog.push(`${r.target.dataset.step}:${r.target.dataset.state}`);
      }
    }
    const detail = document.querySelector('.step[data-step="spec"] .step__detail');
    if (detail && detail.textContent) {
      window.__specDetail = detail.textContent;
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-state'] });
}

/** Opens the owner's preview (a new tab) from the store page and resolves with that page. */
async function openPreview() {
  const [preview] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Open preview' }).click()]);
  await preview.waitForLoadState();
  return preview;
}

before(async () => {
  server = await startServer('store_owner');
  browser = await launchBrowser();
  page = await newPhonePage(browser);
  await page.addInitScript(recordStepStates);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, `webdpro should exit cleanly on SIGTERM; log: ${server?.logPath}`);
});

test('the dashboard checklist leads a new owner to "Describe your business"', async () => {
  await signIn(page, server, OWNER);
  await page.getByLabel('Business name').fill(BUSINESS);
  await page.getByRole('button', { name: 'Create my business' }).click();
  await page.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
  const step = page.getByRole('link', { name: /Describe your business/ });
  await step.click();
  await page.waitForURL(/#\/describe$/);
  await page.getByRole('heading', { level: 1, name: 'Describe your business' }).waitFor();
  // The Store tab is the current section while describing.
  const nav = page.getByRole('navigation', { name: 'Main menu' });
  assert.equal(await nav.getByRole('link', { name: 'Store' }).getAttribute('aria-current'), 'page');
  const box = page.getByLabel('About your business');
  assert.match(await box.getAttribute('placeholder'), /Sharma Kirana, fresh vegetables and groceries in Jaipur/);
  await toastsGone(page);
  console.log(`screenshot: ${await screenshot(page, '20-store-describe')}`);
});

test('an empty or too short description is refused inline; Clear empties the box', async () => {
  await page.getByRole('button', { name: 'Build my store' }).click();
  assert.match(await page.locator('#description-error').textContent(), /Tell us about your business/);
  assert.equal(await page.getByLabel('About your business').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('About your business').fill('Shop');
  await page.getByRole('button', { name: 'Build my store' }).click();
  assert.match(await page.locator('#description-error').textContent(), /Write a little more/);
  await page.getByRole('button', { name: 'Clear' }).click();
  assert.equal(await page.getByLabel('About your business').inputValue(), '');
});

test('describing the business shows the four steps ticking off, then the store page', async () => {
  await page.getByLabel('About your business').fill(DESCRIPTION);
  assert.equal(await page.getByRole('radio', { name: 'English' }).isChecked(), true);
  await page.getByRole('button', { name: 'Build my store' }).click();

  const steps = page.getByRole('list', { name: 'Steps' });
  await steps.waitFor();
  assert.deepEqual(await steps.locator('.step__text').evaluateAll((els) => els.map((e) => e.childNodes[1].textContent)), [
    'Understanding your business',
    'Writing pages',
    'Drawing pictures',
    'Putting it together',
  ]);
  await page.waitForFunction(() => document.querySelectorAll('.step[data-state="done"]').length === 4, null, { timeout: 60000 }).catch(() => {});
  console.log(`screenshot: ${await screenshot(page, '21-store-progress')}`);

  await page.waitForURL(/#\/store\/[^/]+$/, { timeout: 60000 });
  const log = await page.evaluate(() => window.__stepLog);
  for (const step of ['spec', 'code', 'images', 'assembly']) {
    assert.ok(log.includes(`${step}:done`), `step ${step} ticked off (log: ${log.join(', ')})`);
  }
  assert.ok(log.indexOf('spec:done') < log.indexOf('assembly:done'), `steps tick in order: ${log.join(', ')}`);

  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor();
  storeName = (await heading.textContent()).trim();
  assert.match(storeName, /Sharma/);
  assert.equal(await page.locator('.badge[data-status]').textContent(), 'Draft');
});

test('the spec step says in plain words which AI level wrote the store', async () => {
  const said = await page.evaluate(() => window.__specDetail);
  // No model credentials in the test server: the built-in writer serves.
  assert.match(said, /^Written by (AI \(.+\)|WebDPro’s built-in writer)/, said);
  const store = await page.evaluate(async () => (await fetch('/api/stores')).json());
  assert.equal(store.stores.length, 1);
  assert.equal(store.stores[0].language, 'en');
  assert.ok(store.stores[0].generation_level, 'the store records which level served');
});

test('the store page shows a picture of the store and opens the preview with the business name', async () => {
  await page.locator('.mini__name', { hasText: storeName }).waitFor();
  const open = page.getByRole('link', { name: 'Open preview' });
  assert.match(await open.getAttribute('href'), /^\/api\/stores\/[^/]+\/preview\/$/);
  await toastsGone(page);
  console.log(`screenshot: ${await screenshot(page, '22-store-page')}`);

  const preview = await openPreview();
  await preview.getByText(storeName).first().waitFor();
  console.log(`screenshot: ${await screenshot(preview, '22b-store-preview')}`);
  await preview.close();
});

test('editing details: a bad colour gets an inline error, the tagline is saved and shown', async () => {
  await page.getByText('Edit details').click();
  await page.getByLabel('Tagline', { exact: true }).fill(TAGLINE);
  await page.locator('#store-primary').fill('reddish');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const error = page.locator('#store-primary-error');
  await error.waitFor();
  assert.notEqual((await error.textContent()).trim(), '');
  assert.equal(await page.locator('#store-primary').getAttribute('aria-invalid'), 'true');
  await page.locator('#store-primary').scrollIntoViewIfNeeded();
  console.log(`screenshot: ${await screenshot(page, '23-store-edit-error')}`);

  await page.locator('#store-primary').fill('#b91c1c');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.store__tagline', { hasText: TAGLINE }).waitFor();
  const store = (await page.evaluate(async () => (await fetch('/api/stores')).json())).stores[0];
  assert.equal(store.tagline, TAGLINE);
  assert.equal(store.theme.primary.toLowerCase(), '#b91c1c');
  await page.locator('.mini__tagline', { hasText: TAGLINE }).waitFor();
  const preview = await openPreview();
  await preview.getByText(TAGLINE).first().waitFor();
  await preview.close();
});

test('a custom domain on the free plan is refused with a clear message', async () => {
  await toastsGone(page);
  await page.getByLabel('Domain').fill('www.sharmakirana.in');
  await page.getByRole('button', { name: 'Save domain' }).click();
  const error = page.locator('#store-domain-error');
  await error.waitFor();
  assert.match(await error.textContent(), /needs a paid plan/);
  await page.getByLabel('Domain').scrollIntoViewIfNeeded();
  console.log(`screenshot: ${await screenshot(page, '23b-store-domain-paid')}`);
  await page.getByLabel('Domain').fill('');
  await page.locator('#page-title').scrollIntoViewIfNeeded();
});

test('publishing asks first, then shows the public link and a WhatsApp share link', async () => {
  await toastsGone(page);
  await page.getByRole('button', { name: 'Publish store' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish your store?' });
  await dialog.waitFor();
  console.log(`screenshot: ${await screenshot(page, '24-store-publish-confirm')}`);
  await dialog.getByRole('button', { name: 'Publish store' }).click();

  await page.getByRole('heading', { name: 'Your store is live' }).waitFor();
  assert.equal(await page.locator('.badge[data-status]').textContent(), 'Live');
  publicUrl = await page.locator('a.store__url').getAttribute('href');
  assert.match(publicUrl, /^http:\/\/127\.0\.0\.1:\d+\/s\/[a-z0-9-]+\/$/);
  const share = await page.getByRole('link', { name: 'Share on WhatsApp' }).getAttribute('href');
  assert.ok(share.startsWith('https://wa.me/?text='), share);
  assert.ok(decodeURIComponent(share).includes(publicUrl), share);
  await toastsGone(page);
  console.log(`screenshot: ${await screenshot(page, '25-store-live')}`);
});

test('the public store page loads in the browser', async () => {
  const visitor = await newPhonePage(browser);
  const response = await visitor.goto(publicUrl);
  assert.equal(response.status(), 200);
  await visitor.getByText(storeName).first().waitFor();
  await visitor.getByText(TAGLINE).first().waitFor();
  console.log(`screenshot: ${await screenshot(visitor, '26-store-public')}`);
  await visitor.context().close();
});

test('the dashboard checklist ticks "Describe" and "Publish", and "Share" once the link is copied', async () => {
  const mainMenu = page.getByRole('navigation', { name: 'Main menu' });
  await mainMenu.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'Get your shop online' }).waitFor();
  let done = await page.locator('.checklist__item--done').allTextContents();
  assert.ok(done.some((text) => /Describe your business/.test(text)), done.join(' | '));
  assert.ok(done.some((text) => /Publish your store/.test(text)), done.join(' | '));
  assert.ok(!done.some((text) => /Share your store link/.test(text)), done.join(' | '));
  console.log(`screenshot: ${await screenshot(page, '27-store-dashboard')}`);

  await mainMenu.getByRole('link', { name: 'Store' }).click();
  const marked = page.waitForResponse((r) => r.url().endsWith('/link-shared') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Copy link' }).click();
  assert.equal((await marked).status(), 200);
  await mainMenu.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'Get your shop online' }).waitFor();
  await page.locator('.checklist__item--done', { hasText: 'Share your store link' }).waitFor();
  done = await page.locator('.checklist__item--done').allTextContents();
  assert.ok(done.some((text) => /Share your store link/.test(text)), done.join(' | '));
  // It stays done after a reload: the server remembers it.
  await page.reload();
  await page.locator('.checklist__item--done', { hasText: 'Share your store link' }).waitFor();
});

test('taking the store offline asks first and the public page goes away', async () => {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Store' }).click();
  await page.getByRole('button', { name: 'Take store offline' }).click();
  const dialog = page.getByRole('dialog', { name: 'Take your store offline?' });
  await dialog.getByRole('button', { name: 'Take store offline' }).click();
  await page.getByRole('button', { name: 'Publish store' }).waitFor();
  assert.equal(await page.locator('.badge[data-status]').textContent(), 'Draft');
  // Every node trusts a store lookup for a moment (storefront.lookup_ttl_ms, 2 s by default).
  const status = await page.evaluate(async (url) => {
    const deadline = Date.now() + 10000;
    let answer = 0;
    while (Date.now() < deadline) {
      answer = (await fetch(url, { credentials: 'omit', cache: 'no-store' })).status;
      if (answer === 404) {
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return answer;
  }, publicUrl);
  assert.equal(status, 404);
});

test('"Write new copy" names what it replaces, keeps what the owner unticked, shows the steps again and bumps the site version', async () => {
  const before = (await page.evaluate(async () => (await fetch('/api/stores')).json())).stores[0];
  assert.equal(before.tagline, TAGLINE);
  await toastsGone(page);
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Write new copy' }) });
  const taglineBox = card.getByRole('checkbox', { name: /Tagline/ });
  assert.ok(await taglineBox.isChecked(), 'every part is chosen at first');
  assert.match(await card.textContent(), new RegExp(TAGLINE), 'the card shows the tagline it would replace');
  await taglineBox.uncheck();
  await card.scrollIntoViewIfNeeded();
  console.log(`screenshot: ${await screenshot(page, '28-store-new-copy-choice')}`);
  await page.getByRole('button', { name: 'Write new copy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Write new copy' });
  await dialog.waitFor();
  const said = await dialog.textContent();
  assert.match(said, /About text/);
  assert.match(said, /Highlights/);
  assert.doesNotMatch(said, /Tagline/);
  await page.evaluate(() => (window.__stepLog = []));
  await dialog.getByRole('button', { name: 'Write new copy' }).click();
  await page.getByText('New copy is ready.').waitFor({ timeout: 60000 });
  const log = await page.evaluate(() => window.__stepLog);
  for (const step of ['spec', 'code', 'images', 'assembly']) {
    assert.ok(log.includes(`${step}:done`), `step ${step} ticked off again (log: ${log.join(', ')})`);
  }
  const after = (await page.evaluate(async () => (await fetch('/api/stores')).json())).stores[0];
  assert.ok(after.site_version > before.site_version, `site_version ${before.site_version} → ${after.site_version}`);
  assert.equal(after.status, 'DRAFT');
  assert.equal(after.tagline, TAGLINE, 'the unticked tagline stays');
});

test('nothing on the way broke a rule of the page (CSP, script errors)', () => {
  assert.deepEqual(page.problems, []);
});
