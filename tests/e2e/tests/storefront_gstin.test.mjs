// The storefront checkout's GSTIN check (themes/base/cart.js) against the server's own cases
// (src/orders/gstin_test.cpp): what the phone refuses the server refuses too, for the same reason,
// and every GSTIN the server takes the phone takes. No browser: the functions are lifted from cart.js.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const cartJs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'themes', 'base', 'cart.js');
const source = fs.readFileSync(cartJs, 'utf8');
const start = source.indexOf('var GST_ALPHABET');
const end = source.indexOf('function checkField');
assert.ok(start > 0 && end > start, 'cart.js defines the GSTIN check before checkField');
const { gstinProblem, gstinCheckCharacter } = new Function(`${source.slice(start, end)}\nreturn { gstinProblem, gstinCheckCharacter };`)();

test('GSTINs the server accepts pass on the phone', () => {
  for (const gstin of ['27AAPFU0939F1ZV', '29AAGCB7383J1Z4', '24AAACC1206D1ZM', `99AAAAA0001A1Z${gstinCheckCharacter('99AAAAA0001A1Z')}`]) {
    assert.equal(gstinProblem(gstin), '', gstin);
  }
});

test('a wrong check character is named as such', () => {
  for (const gstin of ['27AAPFU0939F1ZW', '29AAGCB7383J1Z5', '27AAPFU0938F1ZV']) {
    assert.equal(gstinProblem(gstin), 'data-msg-gstin-check', gstin);
  }
});

test('a wrong shape is refused before the check character is looked at', () => {
  const cases = [
    '27AAPFU0939F1Z', // 14 characters
    '27AAPFU0939F1ZVX', // 16
    '40AAPFU0939F1ZV', // no such state
    '00AAPFU0939F1ZV',
    '27AAPF10939F1ZV', // PAN: a digit among its letters
    '27AAPFUA939F1ZV', // PAN: a letter among its digits
    '27AAPFU093991ZV',
    '27AAPFU0000F1ZV', // PAN digits all zero
    '27AAPFU0939F0ZV', // entity number 0
    '27AAPFU0939F1YV', // 14th is not Z
  ];
  for (const gstin of cases) {
    assert.equal(gstinProblem(gstin), 'data-msg-gstin', gstin);
  }
});

test('the check character is Luhn mod 36 over the first 14 characters', () => {
  assert.equal(gstinCheckCharacter('27AAPFU0939F1Z'), 'V');
  assert.equal(gstinCheckCharacter('29AAGCB7383J1Z'), '4');
  assert.equal(gstinCheckCharacter('24AAACC1206D1Z'), 'M');
});

test("the owner's GST form shows an example GSTIN that passes its own check", () => {
  const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web');
  const shape = /\b\d{2}[A-Z]{5}\d{4}[A-Z][0-9A-Z]Z[0-9A-Z]\b/g;
  const examplesIn = (file) => fs.readFileSync(path.join(web, file), 'utf8').match(shape) || [];
  assert.ok(examplesIn('js/views/gst.js').length >= 1, 'the placeholder carries an example');
  for (const file of ['i18n/en.json', 'i18n/hi.json']) {
    assert.ok(examplesIn(file).length >= 1, `the hint in ${file} carries an example`);
  }
  const examples = ['js/views/gst.js', 'i18n/en.json', 'i18n/hi.json'].flatMap(examplesIn);
  for (const gstin of examples) {
    assert.equal(gstinProblem(gstin), '', gstin);
  }
});
