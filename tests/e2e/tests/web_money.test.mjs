// Rupees typed by an owner become exact paise (web/js/money.js), with no browser: "45.50" is 4550,
// never 4549.999…; more than two decimals, letters and negatives are refused; paise show back as
// the owner typed them and in Indian grouping.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

// locale.js reads the browser's language when it loads; Node has no navigator before v21.
globalThis.navigator ??= { language: 'en-IN', languages: ['en-IN'] };
const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web');
const { formatPaise, parseRupees, rupeesInput } = await import(pathToFileURL(path.join(web, 'js', 'money.js')).href);

test('typed rupees become exact paise', () => {
  const cases = { '45.50': 4550, '45.5': 4550, '45': 4500, '.5': 50, '0.29': 29, '0.57': 57, '19.99': 1999, '4.35': 435, '1.': 100, '₹ 1,250.75': 125075, ' 12 ': 1200, '999999999.99': 99999999999 };
  for (const [typed, paise] of Object.entries(cases)) {
    assert.deepEqual(parseRupees(typed), { paise }, typed);
  }
});

test('bad amounts are named, not guessed', () => {
  assert.deepEqual(parseRupees(''), { error: 'empty' });
  assert.deepEqual(parseRupees('  '), { error: 'empty' });
  for (const typed of ['abc', '-5', '1e3', '4,5.0.1', '.', '1234567890']) {
    assert.deepEqual(parseRupees(typed), { error: 'invalid' }, typed);
  }
  assert.deepEqual(parseRupees('1.005'), { error: 'decimals' });
});

test('paise go back into the input as the owner would type them, and show as ₹ with Indian grouping', () => {
  assert.equal(rupeesInput(4550), '45.50');
  assert.equal(rupeesInput(4500), '45');
  assert.equal(rupeesInput(5), '0.05');
  assert.equal(rupeesInput(null), '');
  assert.equal(formatPaise(4550), '₹45.50');
  assert.equal(formatPaise(10000000), '₹1,00,000');
});
