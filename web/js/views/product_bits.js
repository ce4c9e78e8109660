// Small pieces about one product, used by the product pages and the inventory page: the answer's
// product, its thumbnail, stock level and badge, amounts with their unit, the price, and how a
// server's field message is shown.

import { formatNumber, lang, t } from '../i18n.js';
import { formatPaise } from '../money.js';
import { h } from '../ui.js';
import { unitAfter } from '../units.js';

/** Placeholder tile colours (text stays readable on each). */
const TILE_COLOURS = ['#0f766e', '#b45309', '#1d4ed8', '#7c3aed', '#be123c', '#15803d', '#0e7490', '#a16207'];
/** Whole numbers as typed in stock and threshold fields. */
export const WHOLE = /^\d{1,10}$/;

/** A product answer: the API sends the product itself (the contract's {product} is accepted too). */
export function productOf(answer) {
  return answer && answer.product && typeof answer.product === 'object' ? answer.product : answer;
}

function tileColour(text) {
  let hash = 0;
  for (const ch of String(text)) {
    hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  }
  return TILE_COLOURS[hash % TILE_COLOURS.length];
}

function placeholderTile(name, size) {
  const first = [...String(name || '').trim()][0];
  const tile = h('span', { class: `thumb thumb--art thumb--${size}`, 'aria-hidden': 'true' }, first ? first.toUpperCase() : '?');
  tile.style.background = tileColour(name);
  return tile;
}

/** The product's photo, or a coloured tile with its first letter (decorative: the name is beside it). */
export function productThumb(product, size = 'sm') {
  if (!product.image) {
    return placeholderTile(product.name, size);
  }
  const img = h('img', { class: `thumb thumb--${size}`, src: product.image, alt: '', loading: 'lazy', decoding: 'async' });
  img.addEventListener('error', () => img.replaceWith(placeholderTile(product.name, size)), { once: true });
  return img;
}

/** "OUT" (nothing left), "LOW" (at or below the threshold) or "" (fine). */
export function stockLevel(product) {
  if (product.stock <= 0) {
    return 'OUT';
  }
  return product.stock <= product.low_stock_threshold ? 'LOW' : '';
}

export function stockBadge(level) {
  if (level === 'OUT') {
    return h('span', { class: 'badge badge--danger', dataset: { level } }, t('products.out'));
  }
  if (level === 'LOW') {
    return h('span', { class: 'badge badge--warning', dataset: { level } }, t('products.low'));
  }
  return null;
}

/**
 * "12 kg", "3 packs", or "12 × 500 g" when the unit is itself an amount (12 packs of 500 g, not
 * 12,500 g). `n` is a number or an already formatted one ("1.5").
 */
export function quantity(n, unit) {
  const count = typeof n === 'number' ? formatNumber(n) : n;
  if (!unit) return count;
  if (/^\d/.test(unit)) return `${count} × ${unit}`;
  const amount = typeof n === 'number' ? n : Number(String(n).replace(/,/g, ''));
  return `${count} ${unitAfter(amount, unit, lang())}`;
}

export function priceBlock(product) {
  const hasMrp = product.mrp_paise !== null && product.mrp_paise !== undefined && product.mrp_paise > product.price_paise;
  return h(
    'span',
    { class: 'price' },
    h('span', { class: 'money price__now' }, formatPaise(product.price_paise)),
    hasMrp ? h('s', { class: 'money money--mrp' }, h('span', { class: 'visually-hidden' }, `${t('products.mrp_short')} `), formatPaise(product.mrp_paise)) : null,
  );
}

/** A server's field message in English; in Hindi, the general "not valid" (the server speaks English). */
export function serverText(message) {
  return message && lang() === 'en' ? message : t('store.field_invalid');
}
