// A product's stock: the panel that restocks, writes off damage or corrects the count, and the stock
// history (the ledger) with "Load more".

import { ApiError, get, post } from '../api.js';
import { formatNumber, locale, t } from '../i18n.js';
import { busy, describeError, field, fill, h, setFieldError, toast } from '../ui.js';
import { WHOLE, productOf, quantity, serverText, stockBadge, stockLevel } from './product_bits.js';
import { productsUrl } from './store_context.js';

const LEDGER_PAGE = 20;
const NOTE_MAX = 250;
const STOCK_REASONS = ['RESTOCK', 'DAMAGE', 'CORRECTION'];

/** The stock panel: a change with its reason (and note); `onChanged(product)` after each saved one. */
export function stockPanel(storeId, product, onChanged) {
  const url = productsUrl(storeId, `/${encodeURIComponent(product.product_id)}/stock`);
  const now = h('p', { class: 'stock-now' });
  const drawNow = () =>
    fill(now,
      h('span', { class: 'stock-now__label' }, t('products.stock_now')),
      h('strong', { class: 'stock-now__value', id: 'stock-now' }, quantity(product.stock, product.unit)),
      stockBadge(stockLevel(product)),
    );
  const amount = h('input', { class: 'input', type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  const qty = field({ id: 'stock-quantity', label: t('products.qty_RESTOCK'), input: amount });
  const note = h('input', { class: 'input', type: 'text', maxlength: String(NOTE_MAX), autocomplete: 'off' });
  const noteField = field({ id: 'stock-note', label: t('products.stock_note'), hint: t('products.stock_note_hint'), input: note });
  const reasons = STOCK_REASONS.map((reason) =>
    h('label', { class: 'segmented__option' }, h('input', { type: 'radio', name: 'stock-reason', value: reason, checked: reason === 'RESTOCK' }), t(`products.reason_${reason.toLowerCase()}`)),
  );
  const reasonOf = () => reasons.map((l) => l.querySelector('input')).find((i) => i.checked).value;
  const relabel = () => {
    qty.field.querySelector('label').textContent = t(`products.qty_${reasonOf()}`);
    setFieldError(amount, qty.error, '');
  };
  reasons.forEach((l) => l.querySelector('input').addEventListener('change', relabel));
  amount.addEventListener('input', () => setFieldError(amount, qty.error, ''));
  const save = h('button', { class: 'btn btn--block', type: 'submit' }, t('products.stock_save'));
  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });

  const form = h(
    'form',
    { class: 'card stock-panel', novalidate: true, 'aria-labelledby': 'stock-title' },
    h('h2', { class: 'card__title', id: 'stock-title' }, t('products.stock_title')),
    now,
    h('fieldset', { class: 'segmented' }, h('legend', { class: 'field__label' }, t('products.stock_reason')), reasons),
    qty.field,
    noteField.field,
    alert,
    save,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    const reason = reasonOf();
    const raw = amount.value.trim();
    if (!WHOLE.test(raw)) {
      setFieldError(amount, qty.error, t('products.whole_number'));
      amount.focus();
      return;
    }
    const n = Number(raw);
    const delta = reason === 'RESTOCK' ? n : reason === 'DAMAGE' ? -n : n - product.stock;
    if (delta === 0) {
      setFieldError(amount, qty.error, t(reason === 'CORRECTION' ? 'products.stock_same' : 'products.stock_zero'));
      amount.focus();
      return;
    }
    if (product.stock + delta < 0) {
      setFieldError(amount, qty.error, t('products.stock_negative', { n: formatNumber(product.stock) }));
      amount.focus();
      return;
    }
    const restore = busy(save, t('store.saving'));
    try {
      const body = { delta, reason };
      if (note.value.trim()) body.note = note.value.trim();
      const answer = await post(url, body);
      Object.assign(product, productOf(answer));
    } catch (err) {
      restore();
      const message = err instanceof ApiError ? err.fieldMessage('delta') : undefined;
      if (message !== undefined) {
        setFieldError(amount, qty.error, serverText(message));
      } else {
        alert.textContent = describeError(err);
        alert.hidden = false;
      }
      return;
    }
    restore();
    amount.value = '';
    note.value = '';
    drawNow();
    toast(t('products.stock_saved', { n: quantity(product.stock, product.unit) }));
    onChanged(product);
  });
  drawNow();
  return form;
}

function formatWhen(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(date);
}

const KNOWN_REASONS = new Set(['RESTOCK', 'DAMAGE', 'CORRECTION', 'ADJUSTMENT', 'ORDER_RESERVED', 'ORDER_RELEASED', 'IMPORT', 'INITIAL']);

function reasonText(reason) {
  return KNOWN_REASONS.has(reason) ? t(`products.reason_${reason.toLowerCase()}`) : reason;
}

/** The note an owner wrote; the opening stock's note is the server's own English words, said by the reason already. */
function ownerNote(entry) {
  return Boolean(entry.note) && entry.reason !== 'INITIAL';
}

function ledgerRow(entry) {
  const up = entry.delta > 0;
  return h(
    'li',
    { class: 'list__item ledger-row' },
    h(
      'div',
      { class: 'list__main' },
      h('div', { class: 'ledger-row__reason' }, reasonText(entry.reason)),
      h('div', { class: 'list__meta' }, h('time', { datetime: entry.created_at }, formatWhen(entry.created_at)), ownerNote(entry) ? ` · ${entry.note}` : ''),
    ),
    h(
      'div',
      { class: 'ledger-row__numbers' },
      h('span', { class: `ledger-row__delta ${up ? 'ledger-row__delta--up' : 'ledger-row__delta--down'}` }, `${up ? '+' : '−'}${formatNumber(Math.abs(entry.delta))}`),
      h('span', { class: 'list__meta' }, t('products.stock_after', { n: formatNumber(entry.stock_after) })),
    ),
  );
}

/** The stock history, newest first: {element, reload}. */
export function ledgerCard(storeId, product) {
  const url = productsUrl(storeId, `/${encodeURIComponent(product.product_id)}/ledger`);
  const list = h('ul', { class: 'list ledger', id: 'ledger' });
  const status = h('p', { class: 'field__hint', role: 'status' });
  const more = h('button', { class: 'btn btn--secondary btn--block', type: 'button', hidden: true }, t('products.load_more'));
  let cursor = null;
  const load = async (append) => {
    const restore = append ? busy(more, t('loading')) : null;
    const params = new URLSearchParams({ limit: String(LEDGER_PAGE) });
    if (append && cursor) params.set('cursor', cursor);
    try {
      const answer = await get(`${url}?${params}`);
      const rows = (answer.entries || []).map(ledgerRow);
      if (append) list.append(...rows);
      else list.replaceChildren(...rows);
      cursor = answer.next_cursor || null;
      status.textContent = list.children.length === 0 ? t('products.ledger_empty') : '';
    } catch (err) {
      status.textContent = describeError(err);
    } finally {
      if (restore) restore();
      more.hidden = !cursor;
      list.hidden = list.children.length === 0;
    }
  };
  more.addEventListener('click', () => load(true));
  load(false);
  return {
    element: h(
      'section',
      { class: 'card ledger-card', 'aria-labelledby': 'ledger-title' },
      h('h2', { class: 'card__title', id: 'ledger-title' }, t('products.ledger_title')),
      status,
      list,
      more,
    ),
    reload: () => load(false),
  };
}
