// A product's unit after a number (web/js/units.js), with no browser: English count words take
// their plural unless the amount is exactly 1, measures and free text stay as the owner typed them,
// and Hindi never changes.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web');
const { unitAfter } = await import(pathToFileURL(path.join(web, 'js', 'units.js')).href);

test('English count words take their plural unless the amount is exactly 1', () => {
  assert.equal(unitAfter(1, 'pack', 'en'), 'pack');
  assert.equal(unitAfter(3, 'pack', 'en'), 'packs');
  assert.equal(unitAfter(0, 'piece', 'en'), 'pieces');
  assert.equal(unitAfter(2.5, 'litre', 'en'), 'litres');
  assert.equal(unitAfter(12, 'box', 'en'), 'boxes');
  assert.equal(unitAfter(2, 'loaf', 'en'), 'loaves');
  assert.equal(unitAfter(4, 'bunch', 'en'), 'bunches');
});

test('measures, unknown words and free text stay as typed', () => {
  for (const unit of ['kg', 'g', 'ml', 'dozen', 'Pack', 'pack of 6', 'gaddi']) {
    assert.equal(unitAfter(5, unit, 'en'), unit, unit);
  }
});

test('Hindi units and amounts that are not numbers do not change', () => {
  assert.equal(unitAfter(3, 'पैक', 'hi'), 'पैक');
  assert.equal(unitAfter(3, 'pack', 'hi'), 'pack');
  assert.equal(unitAfter(Number.NaN, 'pack', 'en'), 'pack');
});
