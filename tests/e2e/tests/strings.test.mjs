// The web app's UI strings (web/i18n/{code}.json): every key exists in English and Hindi, every key
// the code asks for exists, placeholders match, and Hindi strings are in Devanagari. Then, against
// the real server: each file is served as JSON the browser may cache, and a page fetches only the
// active language's file.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser, newPhonePage, startServer } from '../lib/harness.mjs';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web');

function catalog(code) {
  const file = path.join(web, 'i18n', `${code}.json`);
  const strings = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(typeof strings, 'object', `${file} holds one object of strings`);
  for (const [key, text] of Object.entries(strings)) {
    assert.equal(typeof text, 'string', `${code}: ${key} is a string`);
  }
  return new Map(Object.entries(strings));
}

const en = catalog('en');
const hi = catalog('hi');

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('English and Hindi have the same keys', () => {
  assert.ok(en.size > 100, `expected a full catalogue, found ${en.size} English strings`);
  assert.deepEqual([...hi.keys()].filter((k) => !en.has(k)), [], 'Hindi keys missing in English');
  assert.deepEqual([...en.keys()].filter((k) => !hi.has(k)), [], 'English keys missing in Hindi');
});

test('placeholders match between the languages', () => {
  for (const [key, text] of en) {
    assert.deepEqual(placeholders(hi.get(key)), placeholders(text), `placeholders of ${key}`);
  }
});

test('Hindi strings are written in Devanagari', () => {
  const latinOnly = new Set(['app.name']);
  for (const [key, text] of hi) {
    if (!latinOnly.has(key)) {
      assert.match(text, /[\u0900-\u097F]/, `${key} should be Hindi: "${text}"`);
    }
  }
});

test('every key used by the pages exists', () => {
  const used = new Set();
  for (const file of files(web)) {
    const text = fs.readFileSync(file, 'utf8');
    if (file.endsWith('.js')) {
      for (const m of text.matchAll(/\bt\(\s*'([a-z_]+\.[a-z0-9_.]+)'/g)) {
        used.add(m[1]);
      }
      for (const m of text.matchAll(/\bkey:\s*'([a-z_]+\.[a-z0-9_.]+)'/g)) {
        used.add(m[1]);
      }
    }
    if (file.endsWith('.html')) {
      for (const m of text.matchAll(/data-i18n="([^"]+)"/g)) {
        used.add(m[1]);
      }
      for (const m of text.matchAll(/data-i18n-attr="([^"]+)"/g)) {
        for (const pair of m[1].split(';')) {
          used.add(pair.split(':')[1].trim());
        }
      }
    }
  }
  assert.ok(used.size > 50, `found only ${used.size} keys in use`);
  assert.deepEqual([...used].filter((k) => !en.has(k)).sort(), []);
});

test('pages carry no inline script (the server CSP allows script-src self only)', () => {
  for (const file of files(web).filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(file, 'utf8');
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      assert.match(m[1], /\bsrc="\/[^"]+"/, `${path.relative(web, file)}: script without src`);
      assert.equal(m[2].trim(), '', `${path.relative(web, file)}: inline script body`);
    }
    assert.doesNotMatch(html, /\son[a-z]+="/i, `${path.relative(web, file)}: inline event handler`);
  }
});

test('the app page preloads every module it imports (no import waterfall on a slow phone)', () => {
  const page = fs.readFileSync(path.join(web, 'app', 'index.html'), 'utf8');
  const listed = new Set([...page.matchAll(/<link rel="modulepreload" href="\/js\/([^"]+)">/g)].map((m) => m[1]));
  const entry = /<script type="module" src="\/js\/([^"]+)">/.exec(page)[1];
  // Walk the import graph from the entry module.
  const seen = new Set();
  const walk = (module) => {
    if (seen.has(module)) {
      return;
    }
    seen.add(module);
    const text = fs.readFileSync(path.join(web, 'js', module), 'utf8');
    for (const m of text.matchAll(/^import\s[^'"]*from\s+'([^']+)';/gm)) {
      walk(path.posix.normalize(path.posix.join(path.posix.dirname(module), m[1])));
    }
  };
  walk(entry);
  seen.delete(entry);
  assert.ok(seen.size > 10, `found only ${seen.size} imported modules`);
  assert.deepEqual([...seen].filter((m) => !listed.has(m)).sort(), [], 'imported but not preloaded by web/app/index.html');
});

test('the server sends each language as JSON the browser may cache, and a page loads only its own', async () => {
  const server = await startServer('strings');
  let browser;
  try {
    for (const [code, strings] of [['en', en], ['hi', hi]]) {
      const url = `${server.url}/i18n/${code}.json`;
      const answer = await fetch(url);
      assert.equal(answer.status, 200, url);
      assert.match(answer.headers.get('content-type'), /^application\/json\b/, url);
      assert.match(answer.headers.get('cache-control'), /^public, max-age=\d+$/, url);
      const etag = answer.headers.get('etag');
      assert.ok(etag, `${url} has an ETag`);
      assert.deepEqual(new Map(Object.entries(await answer.json())), strings, `${url} is web/i18n/${code}.json`);
      const again = await fetch(url, { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304, `${url} revalidates`);
    }
    assert.equal((await fetch(`${server.url}/package.json`)).status, 404, 'web/package.json is not served');

    browser = await launchBrowser();
    const page = await newPhonePage(browser, { locale: 'hi-IN' });
    const fetched = [];
    page.on('request', (request) => {
      const match = /\/i18n\/(\w+)\.json$/.exec(new URL(request.url()).pathname);
      if (match) fetched.push(match[1]);
    });
    await page.goto(`${server.url}/login.html`);
    await page.waitForFunction(() => 'i18nReady' in document.documentElement.dataset);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'hi');
    assert.deepEqual(fetched, ['hi'], 'a Hindi browser fetches only the Hindi strings');
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.deepEqual(fetched, ['hi', 'en'], 'English is fetched when chosen');
    assert.deepEqual(page.problems, []);
  } finally {
    await browser?.close();
    await server.stop();
  }
});
