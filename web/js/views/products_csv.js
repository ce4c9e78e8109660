// Import and export of the product list as CSV (#/products/import): "Download CSV" for Excel or
// Google Sheets, and "Import CSV" that always checks the file first (dry run) — showing how many
// products are new or changed, or a table of every bad row — before anything is written. The file
// carries each product's stock at download time: a stock edited in the file after orders changed it
// is refused row by row, and the owner may choose to keep the file's stock anyway (overwrite_stock).

import { ApiError } from '../api.js';
import { formatNumber, t } from '../i18n.js';
import { busy, describeError, fill, h, icon, pageHeader, toast } from '../ui.js';
import { sendBody } from '../upload.js';
import { productsUrl, storePicker, subTabs, tabHref } from './store_context.js';

const CSV_MAX_BYTES = 2 * 1024 * 1024;
const ROW_FIELD = /^rows\[(\d+)\]\.?(.*)$/;
const STALE_STOCK = /^stock changed since this file was exported: now (\d+)$/;

/** The server's sentence in the owner's language where we know it. */
function problemMessage(column, message) {
  const stale = column === 'stock' ? STALE_STOCK.exec(message) : null;
  return stale ? t('import.stock_changed', { n: formatNumber(Number(stale[1])) }) : message;
}

/** The server's problems as table rows: {row, column, message}, file-level ones first. */
export function importProblems(err) {
  const problems = err.fields.map((f) => {
    const match = ROW_FIELD.exec(String(f.field || ''));
    return match
      ? { row: Number(match[1]), column: match[2], message: problemMessage(match[2], f.message || ''), stale: match[2] === 'stock' && STALE_STOCK.test(f.message || '') }
      : { row: 0, column: f.field === 'file' ? '' : String(f.field || ''), message: f.message || '', stale: false };
  });
  return problems.sort((a, b) => a.row - b.row);
}

function problemTable(problems) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table import-errors', id: 'import-errors' },
      h('caption', { class: 'visually-hidden' }, t('import.errors_caption')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, t('import.col_row')), h('th', { scope: 'col' }, t('import.col_column')), h('th', { scope: 'col' }, t('import.col_problem')))),
      h(
        'tbody',
        {},
        problems.map((p) => h('tr', {}, h('td', { class: 'num' }, p.row > 0 ? String(p.row) : t('import.whole_file')), h('td', {}, p.column || '—'), h('td', { class: 'import-errors__message' }, p.message))),
      ),
    ),
  );
}

function summaryText(answer) {
  const parts = [t('import.n_new', { n: formatNumber(answer.created || 0) }), t('import.n_updated', { n: formatNumber(answer.updated || 0) })];
  if (answer.unchanged) parts.push(t('import.n_unchanged', { n: formatNumber(answer.unchanged) }));
  return parts.join(', ');
}

export function importPage(ctx, place) {
  const storeId = place.store.store_id;
  const input = h('input', { type: 'file', id: 'import-file', class: 'visually-hidden', accept: '.csv,text/csv,text/comma-separated-values,application/vnd.ms-excel' });
  const pick = h('label', { class: 'btn', for: 'import-file' }, icon('plus'), t('import.pick'));
  const fileName = h('p', { class: 'field__hint import__file' });
  const result = h('div', { class: 'import__result', role: 'status', 'aria-live': 'polite' });
  let file = null;
  // Set when the owner chose to keep the file's stock over sales made since the download.
  let overwriteStock = false;

  const post = (dryRun, onProgress) => {
    const query = [dryRun ? 'dry_run=1' : '', overwriteStock ? 'overwrite_stock=1' : ''].filter(Boolean).join('&');
    return sendBody('POST', productsUrl(storeId, `/import${query ? `?${query}` : ''}`), file, { contentType: 'text/csv; charset=utf-8', onProgress });
  };

  const showProblems = (err) => {
    const problems = err instanceof ApiError ? importProblems(err) : [];
    const alert = h('div', { class: 'alert alert--error', role: 'alert' }, problems.length > 0 ? t('import.has_errors') : describeError(err));
    // Only stale stock in the way: offer to take the file's figures, after a fresh check.
    let keep = null;
    if (problems.length > 0 && problems.every((p) => p.stale)) {
      keep = h('button', { class: 'btn btn--secondary btn--block', type: 'button', id: 'import-overwrite-stock' }, t('import.overwrite_stock'));
      keep.addEventListener('click', () => {
        overwriteStock = true;
        check();
      });
    }
    fill(
      result,
      alert,
      problems.length > 0 ? problemTable(problems) : null,
      keep ? h('p', { class: 'field__hint' }, t('import.stale_hint')) : null,
      keep,
      h('p', { class: 'field__hint' }, t('import.fix_hint')),
    );
  };

  const runImport = async (button) => {
    const restore = busy(button, t('import.importing'));
    let answer;
    try {
      answer = await post(false);
    } catch (err) {
      restore();
      showProblems(err);
      return;
    }
    file = null;
    input.value = '';
    fileName.textContent = '';
    toast(t('import.done', { summary: summaryText(answer) }));
    fill(result,
      h('div', { class: 'alert alert--success', id: 'import-done' }, t('import.done', { summary: summaryText(answer) })),
      h('a', { class: 'btn btn--secondary btn--block', href: tabHref('products', place) }, t('import.see_products')),
    );
  };

  const check = async () => {
    fill(result, h('p', { class: 'loading loading--inline' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('import.checking')));
    let answer;
    try {
      answer = await post(true);
    } catch (err) {
      showProblems(err);
      return;
    }
    const go = h('button', { class: 'btn btn--block', type: 'button', id: 'import-confirm' }, t('import.confirm'));
    go.addEventListener('click', () => runImport(go));
    fill(result,
      h('div', { class: 'alert alert--info', id: 'import-preview' }, t('import.preview', { summary: summaryText(answer) })),
      overwriteStock ? h('p', { class: 'field__hint', id: 'import-overwrite-note' }, t('import.overwrite_on')) : null,
      answer.created || answer.updated ? go : h('p', { class: 'field__hint' }, t('import.nothing')),
    );
    if (!go.isConnected) return;
    go.focus();
  };

  input.addEventListener('change', () => {
    file = input.files && input.files[0];
    if (!file) return;
    overwriteStock = false;
    fileName.textContent = t('import.chosen', { name: file.name });
    if (file.size > CSV_MAX_BYTES) {
      fill(result, h('div', { class: 'alert alert--error', role: 'alert' }, t('import.too_big')));
      return;
    }
    check();
  });

  return h(
    'div',
    { class: 'stack import' },
    pageHeader({ kicker: place.store.business_name || t('nav.products'), title: t('import.title') }),
    subTabs('products/import', place),
    storePicker(place, 'products/import'),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'export-title' },
      h('h2', { class: 'card__title', id: 'export-title' }, t('import.export_title')),
      h('p', { class: 'field__hint' }, t('import.export_lead')),
      h('p', { class: 'field__hint' }, t('import.exported_stock_hint')),
      h('a', { class: 'btn btn--secondary btn--block', href: productsUrl(storeId, '.csv'), download: '' }, t('import.download')),
    ),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'import-title' },
      h('h2', { class: 'card__title', id: 'import-title' }, t('import.import_title')),
      h('p', { class: 'field__hint' }, t('import.import_lead')),
      h('div', { class: 'form-actions' }, input, pick),
      fileName,
      result,
    ),
  );
}
