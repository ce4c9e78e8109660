// The shop photo on a 360-px phone: a new owner's store page has a "Shop photo" card; choosing a
// photo uploads it, the card shows it, and the store's preview shows it in the hero (a WebP from
// the store's own media/ folder) instead of the drawn shop front; removing it brings the drawing
// back. Screenshots of the card and the preview go to the artifacts folder.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newPhonePage, screenshot, signIn, startServer, toastsGone } from '../lib/harness.mjs';

const OWNER = { typed: '97111 55667', e164: '+919711155667' };

let server;
let browser;
let page;

/** A 1600 x 1000 JPEG drawn in the page: an awning, a counter and crates of produce. */
async function shopJpeg() {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1600;
    canvas.height = 1000;
    const g = canvas.getContext('2d');
    g.fillStyle = '#f4e3c1';
    g.fillRect(0, 0, 1600, 1000);
    for (let i = 0; i < 16; i++) {
      g.fillStyle = i % 2 ? '#d9480f' : '#fff4e6';
      g.fillRect(i * 100, 0, 100, 220);
    }
    g.fillStyle = '#5c3b1e';
    g.fillRect(0, 700, 1600, 300);
    const colours = ['#e03131', '#2f9e44', '#f08c00', '#ae3ec9', '#fcc419'];
    for (let c = 0; c < 5; c++) {
      g.fillStyle = '#8d5a2b';
      g.fillRect(80 + c * 300, 480, 260, 220);
      g.fillStyle = colours[c];
      for (let k = 0; k < 12; k++) {
        g.beginPath();
        g.arc(120 + c * 300 + (k % 4) * 60, 520 + Math.floor(k / 4) * 50, 28, 0, Math.PI * 2);
        g.fill();
      }
    }
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
  });
  return Buffer.from(base64, 'base64');
}

before(async () => {
  server = await startServer('store_hero');
  browser = await launchBrowser();
  page = await newPhonePage(browser);
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, `webdpro should exit cleanly on SIGTERM; log: ${server?.logPath}`);
});

test('a new store page has a Shop photo card with no photo yet', async () => {
  await signIn(page, server, OWNER);
  await page.getByLabel('Business name').fill('Gupta Fruits');
  await page.getByRole('button', { name: 'Create my business' }).click();
  await page.getByRole('link', { name: /Describe your business/ }).click();
  await page.getByLabel('About your business').fill('Gupta Fruits, fresh fruits and vegetables in Lucknow');
  await page.getByRole('button', { name: 'Build my store' }).click();
  await page.waitForURL(/#\/store\/[^/]+$/, { timeout: 60000 });
  const card = page.getByRole('region', { name: 'Shop photo' });
  await card.getByText('No photo yet').waitFor();
  assert.equal(await card.getByRole('button', { name: 'Remove photo' }).isVisible(), false);
});

test('choosing a photo uploads it; the card and the preview hero show it', async () => {
  const card = page.getByRole('region', { name: 'Shop photo' });
  await page.locator('#hero-photo-file').setInputFiles({ name: 'shop.jpg', mimeType: 'image/jpeg', buffer: await shopJpeg() });
  await card.getByText('Photo saved.').waitFor({ timeout: 30000 });
  const img = card.locator('img.photo__img');
  assert.match(await img.getAttribute('src'), /^\/media\/ten_[^/]+\/pho_[^/]+\.webp$/);
  await page.waitForFunction(() => {
    const el = document.querySelector('#hero-title ~ .photo__frame img');
    return el && el.complete && el.naturalWidth > 0;
  });
  await card.getByRole('button', { name: 'Remove photo' }).waitFor();
  await toastsGone(page);
  await card.scrollIntoViewIfNeeded();
  console.log(`screenshot: ${await screenshot(page, '60-store-hero-card')}`);

  const [preview] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Open preview' }).click()]);
  await preview.waitForLoadState();
  const hero = preview.locator('img.heroart');
  assert.match(await hero.getAttribute('class'), /herophoto/);
  assert.match(await hero.getAttribute('src'), /^media\/pho_[^/]+\.webp$/);
  await preview.waitForFunction(() => {
    const el = document.querySelector('img.heroart');
    return el && el.complete && el.naturalWidth === 640;
  });
  const box = await hero.boundingBox();
  assert.ok(box && box.width > 100 && Math.abs(box.width / box.height - 4 / 3) < 0.05, `hero box ${JSON.stringify(box)}`);
  console.log(`screenshot: ${await screenshot(preview, '61-store-hero-preview')}`);
  assert.deepEqual(preview.problems, []);
  await preview.close();
});

test('removing the photo brings the drawn shop front back', async () => {
  const card = page.getByRole('region', { name: 'Shop photo' });
  await card.getByRole('button', { name: 'Remove photo' }).click();
  await card.getByText('No photo yet').waitFor();
  const [preview] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Open preview' }).click()]);
  await preview.waitForLoadState();
  assert.equal(await preview.locator('img.heroart').getAttribute('src'), 'img/hero.svg');
  await preview.close();
  assert.deepEqual(page.problems, []);
});
