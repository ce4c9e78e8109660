// Where sign-in sends someone (web/js/redirect.js), with no browser: only paths on the same site,
// judged after URL parsing, so spellings a browser turns into another host are refused.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web');
const { sameOriginPath } = await import(pathToFileURL(path.join(web, 'js', 'redirect.js')).href);

const origin = 'http://127.0.0.1:8080';
const next = (value) => sameOriginPath(value, origin, '/app/', ['/login.html']);

test('paths on this site are kept, with their query and fragment', () => {
  assert.equal(next('/app/'), '/app/');
  assert.equal(next('/app/#/orders?status=new'), '/app/#/orders?status=new');
  assert.equal(next('/app/products?page=2'), '/app/products?page=2');
  assert.equal(next('/s/ravi-kirana/'), '/s/ravi-kirana/');
});

test('spellings that a browser reads as another host give the fallback', () => {
  for (const value of [
    '//evil.example',
    '//evil.example/app/',
    '/\\evil.example',
    '\\/evil.example',
    '/\t/evil.example',
    '/\r\n/evil.example',
    '/\n/evil.example',
    '/ /evil.example',
    '/\\/evil.example',
    'https://evil.example/',
    'http://127.0.0.1:8081/app/',
    'https://127.0.0.1:8080/app/',
    'javascript:alert(1)',
    'evil.example',
    '',
  ]) {
    const got = next(value);
    assert.ok(got === '/app/' || new URL(got, origin).origin === origin, `${JSON.stringify(value)} → ${got}`);
    assert.ok(!got.startsWith('//') && !got.includes('\\'), `${JSON.stringify(value)} → ${got}`);
  }
  assert.equal(next('//evil.example'), '/app/');
  assert.equal(next('/\t/evil.example'), '/app/');
  assert.equal(next('/\\evil.example'), '/app/');
  assert.equal(next('https://evil.example/'), '/app/');
});

test('the sign-in page itself and values that are not strings give the fallback', () => {
  assert.equal(next('/login.html'), '/app/');
  assert.equal(next('/login.html?next=/app/'), '/app/');
  assert.equal(next(null), '/app/');
  assert.equal(next(undefined), '/app/');
});
