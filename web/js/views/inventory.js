// Inventory (#/inventory, inside the Products tab): what needs attention first (out, low, running out
// soon), then every product with its stock, how fast it sells, when it runs out, how much to reorder,
// a small chart of the last 28 days and the next 14, and a quick "Restock".
// Data: GET /api/stores/{sid}/inventory (sorted most urgent first). The reorder settings (supplier
// lead time, review period) are edited in a fold at the top: PUT /api/stores/{sid}/inventory/settings.

import { ApiError, get, post, put } from '../api.js';
import { formatDate, formatNumber, locale, t } from '../i18n.js';
import { busy, describeError, emptyState, field, h, icon, pageHeader, setFieldError, toast } from '../ui.js';
import { productThumb, quantity } from './product_bits.js';
import { hashRoute, noStoreView, ownerStore, productsUrl, storePicker, subTabs, tabHref } from './store_context.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const SPARK_W = 168;
const SPARK_H = 40;
const SPARK_PAD = 3;
const WHOLE = /^\d{1,10}$/;
const SETTING_MIN_DAYS = 1;
const SETTING_MAX_DAYS = 60;
const ALERT_CLASS = { OUT: 'alert--error', LOW: 'alert--warning', RUNS_OUT_SOON: 'alert--info' };
const STATUS_BADGE = { OUT: 'badge--danger', LOW: 'badge--warning', RUNS_OUT_SOON: 'badge--info', OK: 'badge--success' };

function svg(tag, attrs) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    el.setAttribute(key, String(value));
  }
  return el;
}

/** "1.2" — per-day rates with at most one decimal. */
function formatRate(n) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: n > 0 && n < 1 ? 1 : n < 10 ? 1 : 0 }).format(n);
}

/**
 * A tiny line chart: the last 28 days sold (solid) and the next 14 forecast (dashed), with a mark for
 * today. Drawn by hand: a chart library would cost more bytes than the whole page.
 */
export function sparkline(history, forecast, label) {
  const past = (history || []).map((n) => Math.max(0, Number(n) || 0));
  const next = (forecast || []).map((n) => Math.max(0, Number(n) || 0));
  const all = [...past, ...next];
  const chart = svg('svg', { class: 'spark', viewBox: `0 0 ${SPARK_W} ${SPARK_H}`, width: SPARK_W, height: SPARK_H, role: 'img', 'aria-label': label, focusable: 'false' });
  if (all.length < 2) {
    return chart;
  }
  const top = Math.max(1, ...all);
  const step = (SPARK_W - 2 * SPARK_PAD) / (all.length - 1);
  const x = (i) => (SPARK_PAD + i * step).toFixed(1);
  const y = (v) => (SPARK_H - SPARK_PAD - (v / top) * (SPARK_H - 2 * SPARK_PAD)).toFixed(1);
  const points = (values, offset) => values.map((v, i) => `${x(i + offset)},${y(v)}`).join(' ');
  chart.append(svg('line', { class: 'spark__base', x1: SPARK_PAD, x2: SPARK_W - SPARK_PAD, y1: SPARK_H - SPARK_PAD, y2: SPARK_H - SPARK_PAD }));
  if (past.length > 0 && next.length > 0) {
    const todayX = x(past.length - 1);
    chart.append(svg('line', { class: 'spark__today', x1: todayX, x2: todayX, y1: 0, y2: SPARK_H }));
  }
  if (past.length > 1) {
    chart.append(svg('polyline', { class: 'spark__past', points: points(past, 0) }));
  }
  if (next.length > 0) {
    // The forecast starts from the last real day so the two lines join.
    const joined = past.length > 0 ? [past[past.length - 1], ...next] : next;
    chart.append(svg('polyline', { class: 'spark__next', points: points(joined, Math.max(0, past.length - 1)) }));
  }
  return chart;
}

/** Units sold over the chart's days (the last 28, today last). */
function soldIn(item) {
  return (item.history || []).reduce((a, b) => a + (Number(b) || 0), 0);
}

/** The forecast in words: speed, when it runs out, how much to reorder. */
function forecastLines(item, horizon) {
  const f = item.forecast || {};
  const lines = [];
  const perDay = Number(f.per_day) || 0;
  const history = item.history || [];
  const sold = soldIn(item);
  const today = Number(history[history.length - 1]) || 0;
  if (perDay > 0) {
    lines.push(t('inventory.per_day', { qty: quantity(formatRate(perDay), item.unit) }));
  } else if (sold === 0) {
    lines.push(t('inventory.no_sales'));
  } else if (sold === today) {
    // Sales, but too few whole days of them for a rate: say what happened, not "no sales".
    lines.push(t('inventory.sold_today_only', { qty: quantity(today, item.unit) }));
  } else {
    lines.push(t('inventory.sold_no_forecast', { qty: quantity(sold, item.unit) }));
  }
  if (item.stock <= 0) {
    lines.push(t('inventory.out_now'));
  } else if (f.days_until_stockout !== null && f.days_until_stockout !== undefined && f.days_until_stockout <= horizon) {
    const days = Math.max(1, Math.round(f.days_until_stockout));
    const date = f.stockout_date ? formatDate(`${f.stockout_date}T12:00:00+05:30`) : '';
    if (days <= 1) {
      lines.push(date ? t('inventory.runs_out_day_date', { date }) : t('inventory.runs_out_day'));
    } else {
      lines.push(date ? t('inventory.runs_out_date', { n: formatNumber(days), date }) : t('inventory.runs_out', { n: formatNumber(days) }));
    }
  } else if (perDay > 0) {
    lines.push(t('inventory.enough', { n: formatNumber(horizon) }));
  }
  if (f.reorder_quantity > 0) {
    lines.push(t('inventory.reorder', { qty: quantity(f.reorder_quantity, item.unit) }));
  }
  if (f.stockout_days > 0) {
    lines.push(t('inventory.stockout_days', { n: formatNumber(f.stockout_days) }));
  }
  return lines;
}

/** Whole days from 1 to 60, or null. */
function settingDays(raw) {
  const text = String(raw).trim();
  if (!WHOLE.test(text)) return null;
  const n = Number(text);
  return n >= SETTING_MIN_DAYS && n <= SETTING_MAX_DAYS ? n : null;
}

/**
 * The store's reorder settings, folded: the summary says what suggested orders cover, the form
 * changes the supplier's lead time and the review period (whole days, 1-60).
 */
function settingsFold(ctx, storeId, settings) {
  const lead = settings.lead_time_days || 3;
  const review = settings.review_days || 7;
  const makeInput = (value) => h('input', { class: 'input', type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: '2', value: String(value) });
  const leadField = field({ id: 'inventory-lead-time', label: t('inventory.lead_time_label'), hint: t('inventory.lead_time_hint'), input: makeInput(lead) });
  const reviewField = field({ id: 'inventory-review', label: t('inventory.review_label'), hint: t('inventory.review_hint'), input: makeInput(review) });
  const save = h('button', { class: 'btn btn--block', type: 'submit' }, t('inventory.settings_save'));
  const form = h('form', { class: 'edit', novalidate: true, id: 'inventory-settings-form' }, leadField.field, reviewField.field, save);
  const fields = { lead_time_days: leadField, review_days: reviewField };
  for (const made of Object.values(fields)) {
    made.input.addEventListener('input', () => setFieldError(made.input, made.error, ''));
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    let firstBad = null;
    for (const [name, made] of Object.entries(fields)) {
      const days = settingDays(made.input.value);
      if (days === null) {
        setFieldError(made.input, made.error, t('inventory.settings_invalid'));
        firstBad = firstBad || made.input;
      } else {
        body[name] = days;
      }
    }
    if (firstBad) {
      firstBad.focus();
      return;
    }
    const restore = busy(save, t('store.saving'));
    try {
      await put(`/api/stores/${encodeURIComponent(storeId)}/inventory/settings`, body);
    } catch (err) {
      restore();
      const named = err instanceof ApiError ? err.fields.filter((f) => fields[f.field]) : [];
      for (const f of named) setFieldError(fields[f.field].input, fields[f.field].error, f.message || t('inventory.settings_invalid'));
      if (named.length === 0) setFieldError(leadField.input, leadField.error, describeError(err));
      return;
    }
    toast(t('inventory.settings_saved', { n: formatNumber(body.lead_time_days + body.review_days) }));
    ctx.rerender();
  });
  return h(
    'details',
    { class: 'card disclosure inventory-settings', id: 'inventory-settings' },
    h(
      'summary',
      { class: 'disclosure__summary' },
      h('span', {}, h('span', { class: 'card__title' }, t('inventory.settings_title')), h('span', { class: 'field__hint inventory-settings__summary' }, ' ', t('inventory.settings_summary', { lead: formatNumber(lead), review: formatNumber(review) }))),
      icon('chevron', 'icon disclosure__chevron'),
    ),
    form,
  );
}

function alertSentence(alert, item) {
  const name = alert.name || (item && item.name) || '';
  if (alert.kind === 'OUT') {
    return t('inventory.alert_out', { name });
  }
  if (alert.kind === 'LOW' && item) {
    return t('inventory.alert_low', { name, qty: quantity(item.stock, item.unit) });
  }
  const days = item && item.forecast ? item.forecast.days_until_stockout : null;
  if (alert.kind === 'RUNS_OUT_SOON' && days !== null && days !== undefined) {
    const n = Math.max(1, Math.round(days));
    return n <= 1 ? t('inventory.alert_soon_day', { name }) : t('inventory.alert_soon', { name, n: formatNumber(n) });
  }
  return alert.message || name;
}

function alertsBlock(place, alerts, byId) {
  if (alerts.length === 0) {
    return h('div', { class: 'alert alert--success', id: 'inventory-ok' }, t('inventory.all_ok'));
  }
  return h(
    'section',
    { 'aria-labelledby': 'alerts-title', class: 'inventory-alerts' },
    h('h2', { class: 'section-title section-title--first', id: 'alerts-title' }, t('inventory.alerts_title', { n: formatNumber(alerts.length) })),
    h(
      'ul',
      { class: 'alert-list' },
      alerts.map((alert) =>
        h(
          'li',
          { class: `alert ${ALERT_CLASS[alert.kind] || ''} inventory-alert`, dataset: { kind: alert.kind, productId: alert.product_id } },
          h('span', { class: `badge ${STATUS_BADGE[alert.kind] || ''}` }, t(`inventory.kind_${String(alert.kind).toLowerCase()}`)),
          ' ',
          h('a', { href: tabHref(`products/${encodeURIComponent(alert.product_id)}`, place) }, alertSentence(alert, byId.get(alert.product_id))),
        ),
      ),
    ),
  );
}

/** A one-line "Restock" form that opens under the product. */
function restockForm(ctx, storeId, item) {
  const input = h('input', { class: 'input', type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  const made = field({ id: `restock-${item.product_id}`, label: t('inventory.restock_label', { name: item.name }), input });
  const save = h('button', { class: 'btn', type: 'submit' }, t('inventory.restock_save'));
  const form = h('form', { class: 'restock', novalidate: true, hidden: true }, made.field, save);
  input.addEventListener('input', () => setFieldError(input, made.error, ''));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const raw = input.value.trim();
    if (!WHOLE.test(raw) || Number(raw) === 0) {
      setFieldError(input, made.error, t('inventory.restock_invalid'));
      input.focus();
      return;
    }
    const restore = busy(save, t('store.saving'));
    try {
      await post(productsUrl(storeId, `/${encodeURIComponent(item.product_id)}/stock`), { delta: Number(raw), reason: 'RESTOCK' });
    } catch (err) {
      restore();
      setFieldError(input, made.error, describeError(err));
      return;
    }
    toast(t('inventory.restocked', { name: item.name, n: formatNumber(Number(raw)) }));
    ctx.rerender();
  });
  return form;
}

function itemCard(ctx, place, item, horizon) {
  const storeId = place.store.store_id;
  const f = item.forecast || {};
  const sold = soldIn(item);
  const perDay = Number(f.per_day) || 0;
  const chartLabel = t(perDay > 0 || sold === 0 ? 'inventory.chart_label' : 'inventory.chart_label_no_forecast', { sold: formatNumber(sold), n: formatRate(perDay) });
  const form = restockForm(ctx, storeId, item);
  const toggle = h('button', { class: 'btn btn--secondary btn--sm', type: 'button', 'aria-expanded': 'false', 'aria-controls': `restock-${item.product_id}-form` }, t('inventory.restock'));
  form.id = `restock-${item.product_id}-form`;
  toggle.addEventListener('click', () => {
    form.hidden = !form.hidden;
    toggle.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) form.querySelector('input').focus();
  });
  const status = item.status || 'OK';
  return h(
    'li',
    { class: 'card inventory-item', dataset: { productId: item.product_id, status } },
    h(
      'div',
      { class: 'inventory-item__head' },
      productThumb(item),
      h(
        'div',
        { class: 'inventory-item__main' },
        h('a', { class: 'inventory-item__name', href: tabHref(`products/${encodeURIComponent(item.product_id)}`, place) }, item.name),
        h(
          'p',
          { class: 'inventory-item__stock' },
          h('strong', {}, t('inventory.in_stock', { qty: quantity(item.stock, item.unit) })),
          ' ',
          h('span', { class: `badge ${STATUS_BADGE[status] || ''}` }, t(`inventory.kind_${status.toLowerCase()}`)),
          item.active ? null : h('span', { class: 'badge' }, t('products.hidden_badge')),
        ),
      ),
    ),
    h(
      'div',
      { class: 'inventory-item__body' },
      h('ul', { class: 'inventory-item__facts' }, forecastLines(item, horizon).map((line) => h('li', {}, line))),
      h('div', { class: 'inventory-item__side' }, sparkline(item.history, f.daily, chartLabel), toggle),
    ),
    form,
  );
}

export async function inventoryPage(ctx) {
  const { params } = hashRoute();
  const place = await ownerStore(params);
  if (!place.store) {
    return noStoreView(ctx, t('inventory.title'));
  }
  const header = [pageHeader({ kicker: place.store.business_name || t('nav.products'), title: t('inventory.title'), lead: t('inventory.lead') }), subTabs('inventory', place), storePicker(place, 'inventory')];
  let answer;
  try {
    answer = await get(`/api/stores/${encodeURIComponent(place.store.store_id)}/inventory`);
  } catch (err) {
    return h('div', {}, header, h('div', { class: 'alert alert--error', role: 'alert' }, describeError(err)));
  }
  const items = Array.isArray(answer.products) ? answer.products : [];
  const alerts = Array.isArray(answer.alerts) ? answer.alerts : [];
  const horizon = answer.horizon_days || 14;
  const settings = answer.settings || {};
  const byId = new Map(items.map((item) => [item.product_id, item]));
  if (items.length === 0) {
    return h('div', {}, header, emptyState({ iconName: 'box', title: t('empty.products_title'), body: t('products.empty_body'), action: h('a', { class: 'btn', href: tabHref('products/new', place) }, t('products.add')) }));
  }
  return h(
    'div',
    { class: 'inventory' },
    header,
    alertsBlock(place, alerts, byId),
    settingsFold(ctx, place.store.store_id, settings),
    h('h2', { class: 'section-title', id: 'inventory-list-title' }, t('inventory.list_title')),
    h('p', { class: 'field__hint inventory__legend' }, h('span', { class: 'legend legend--past', 'aria-hidden': 'true' }), t('inventory.legend_past'), ' ', h('span', { class: 'legend legend--next', 'aria-hidden': 'true' }), t('inventory.legend_next')),
    h('ul', { class: 'inventory-list', 'aria-labelledby': 'inventory-list-title' }, items.map((item) => itemCard(ctx, place, item, horizon))),
  );
}
