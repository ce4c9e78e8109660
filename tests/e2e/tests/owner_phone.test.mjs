// The owner's daily pages on a cheap 360-px phone, in English and in Hindi: nothing runs off the
// side of the screen, every button, link and field is big enough for a thumb (40 px), no "null" or
// "undefined" leaks onto the page, and in Hindi the page's own words (buttons, labels, tabs,
// badges) are Hindi. Screenshots of each page in both languages go to the artifacts folder.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer } from '../lib/harness.mjs';

const OWNER = { typed: '97111 70707', e164: '+919711170707' };
const BUSINESS = 'Verma General Store';
const DESCRIPTION = 'Verma General Store, groceries and daily needs in Kanpur';
const MIN_TAP_PX = 40;
// Words that stay in Latin letters in the Hindi app: names of things, not sentences to translate.
const LATIN_IN_HINDI = /^(WebDPro|English|GSTIN|GST|UPI|CSV|Excel|WhatsApp|Razorpay|MRP|HSN|PAN|COD|JPEG|PNG|WebP|OTP|SMS|kg|g|ml|am|pm)$/i;

let server;
let browser;
let page;
let storeId;
const ids = {};

async function api(method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    { method, path, body },
  );
}

/** What a phone user would trip on, measured in the page. */
function measure({ hindi, latinAllowed }) {
  const allowed = new RegExp(latinAllowed, 'i');
  const findings = { overflow: [], small: [], leaks: [], english: [] };
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width) {
    findings.overflow.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide`);
  }
  const scrolls = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') {
        return true;
      }
    }
    return false;
  };
  const describe = (el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
  for (const el of document.querySelectorAll('main *, nav *')) {
    let box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') {
      continue;
    }
    if (box.right > width + 1 && !scrolls(el)) {
      findings.overflow.push(`${describe(el)} ends at ${Math.round(box.right)} px`);
    }
    // A link stretched over its whole row (an absolute ::after) is as big as the row.
    const after = getComputedStyle(el, '::after');
    if (el.matches('a') && after.content !== 'none' && after.position === 'absolute' && el.offsetParent) {
      box = el.offsetParent.getBoundingClientRect();
    }
    const tappable = el.matches('a[href], button, select, textarea, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file])');
    // A link inside a sentence is exempt (WCAG 2.5.8); so is a control inside a bigger label.
    const inSentence = el.matches('a') && getComputedStyle(el).display === 'inline' && el.closest('p, li');
    if (tappable && !inSentence && (box.height < 40 || box.width < 40)) {
      findings.small.push(`${describe(el)} is ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) {
        continue;
      }
      const text = node.textContent.trim();
      if (/\b(null|undefined|NaN|\[object Object\])\b/.test(text)) {
        findings.leaks.push(`${describe(el)}: "${text.slice(0, 60)}"`);
      }
      // Category chips carry the store's own category names (data, in the store's language).
      if (hindi && !el.closest('.filter-chip') && el.closest('button, label, legend, th, dt, .badge, .filters__tab, .subtabs__tab, .tab__label, .card__title, .empty__title, .field__hint, .page-header__lead')) {
        const latin = (text.match(/[A-Za-z]{2,}/g) || []).filter((word) => !allowed.test(word));
        if (latin.length > 0 && !/[\u0900-\u097F]/.test(text)) {
          findings.english.push(`${describe(el)}: "${text.slice(0, 60)}"`);
        }
      }
    }
  }
  return findings;
}

before(async () => {
  server = await startServer('owner_phone');
  browser = await launchBrowser();
  page = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, `webdpro should exit cleanly on SIGTERM; log: ${server?.logPath}`);
});

test('an owner with a published store, products and a few orders', async () => {
  await signIn(page, server, OWNER);
  await page.getByLabel('Business name').fill(BUSINESS);
  await page.getByRole('button', { name: 'Create my business' }).click();
  await page.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
  const made = await api('POST', '/api/stores', { description: DESCRIPTION, language: 'en' });
  storeId = made.body.store_id;
  let store;
  const deadline = Date.now() + 90000;
  do {
    await new Promise((r) => setTimeout(r, 500));
    const answer = await api('GET', `/api/stores/${storeId}`);
    store = answer.body.store || answer.body;
  } while (store.status === 'GENERATING' && Date.now() < deadline);
  const published = await api('POST', `/api/stores/${storeId}/publish`, {});
  assert.equal(published.status, 200, JSON.stringify(published));
  store = published.body.store || published.body;
  const products = (await api('GET', `/api/stores/${storeId}/products?active=true`)).body.products;
  ids.product = products[0].product_id;
  // A lakh-rupee price and a long customer name: the figures and names that stretch a phone row.
  const priced = await api('PATCH', `/api/stores/${storeId}/products/${ids.product}`, { price_paise: 12345600, mrp_paise: 15000000 });
  assert.equal(priced.status, 200, JSON.stringify(priced));
  for (let i = 0; i < 3; i++) {
    const response = await fetch(`${server.url}/s/${store.slug}/api/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `phone-${i}` },
      body: JSON.stringify({
        items: [{ product_id: products[i].product_id, quantity: 1 }, { product_id: ids.product, quantity: 1 }],
        customer: { name: 'Meera Venkataraman Subramaniam', phone: '9876543210', address: '14 Mall Road, near the old clock tower, Kanpur', pincode: '208001' },
        payment_method: 'COD',
      }),
    });
    const body = await response.json();
    assert.equal(response.status, 201, JSON.stringify(body));
    ids.order = body.order_id;
  }
});

for (const lang of ['en', 'hi']) {
  test(`in ${lang === 'en' ? 'English' : 'Hindi'}, every owner page fits a 360-px phone`, async () => {
    const pages = [
      ['dashboard', '#/dashboard', 'h1'],
      ['products', '#/products', '.product-row'],
      ['product', `#/products/${ids.product}`, '#product-price'],
      ['product-new', '#/products/new', '#product-price'],
      ['csv', '#/products/import', 'h1'],
      ['inventory', '#/inventory', 'h1'],
      ['orders', '#/orders?status=all', '.order-row'],
      ['order', `#/orders/${ids.order}`, '.order__contact'],
      ['settings', '#/settings', '#gstin'],
    ];
    const problems = [];
    await page.evaluate((code) => localStorage.setItem('webdpro.lang', code), lang);
    for (const [name, hash, ready] of pages) {
      await page.goto(`${server.url}/app/${hash}`);
      await page.reload();
      await page.locator(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      const found = await page.evaluate(measure, { hindi: lang === 'hi', latinAllowed: LATIN_IN_HINDI.source });
      for (const [kind, list] of Object.entries(found)) {
        problems.push(...list.map((item) => `${name} (${lang}) ${kind}: ${item}`));
      }
      console.log(`screenshot: ${await screenshot(page, `80-phone-${name}-${lang}`)}`);
    }
    assert.deepEqual(problems, []);
  });
}

test('nothing on the way broke a rule of the page (CSP, script errors)', () => {
  assert.deepEqual(page.problems, []);
});
