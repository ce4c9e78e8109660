// The owner's "Sales & insights" page: the figures of a range of India days (today, 7 or 30 days,
// or two dates), from GET /api/tenant/dashboard. Revenue is only what was paid or collected;
// pending money shows apart. Charts are inline SVG sized by their viewBox, so they read on a
// 360-px phone. CSV downloads of the orders and the daily sales of the same range.

import { get } from '../api.js';
import { formatNumber, locale, t } from '../i18n.js';
import { formatPaise } from '../money.js';
import { describeError, h, pageHeader } from '../ui.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const RANGES = ['today', '7d', '30d', 'custom'];
const METHOD_KEYS = { UPI: 'insights.method_upi', RAZORPAY: 'insights.method_razorpay', COD: 'insights.method_cod' };

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    el.setAttribute(key, String(value));
  }
  el.append(...children);
  return el;
}

/** The range asked for in the page's hash: #/insights?range=custom&from=…&to=… */
function wantedRange() {
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const range = RANGES.includes(query.get('range')) ? query.get('range') : '7d';
  return { range, from: query.get('from') || '', to: query.get('to') || '' };
}

function rangeQuery({ range, from, to }) {
  const query = new URLSearchParams({ range });
  if (range === 'custom') {
    query.set('from', from);
    query.set('to', to);
  }
  return query.toString();
}

/** "2026-12-07" (an India day) → "7 Dec". */
function shortDay(day) {
  const date = new Date(`${day}T12:00:00+05:30`);
  if (Number.isNaN(date.getTime())) {
    return day;
  }
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'Asia/Kolkata' }).format(date);
}

function stat(label, value, note) {
  return h(
    'div',
    { class: 'stat' },
    h('span', { class: 'stat__label' }, label),
    h('span', { class: 'stat__value' }, value),
    note ? h('span', { class: 'stat__delta' }, note) : null,
  );
}

function section(titleKey, ...children) {
  const id = `insights-${titleKey.replace(/\W/g, '-')}`;
  return h('section', { class: 'card stack', 'aria-labelledby': id }, h('h2', { class: 'card__title', id }, t(titleKey)), ...children);
}

/** One bar per day: paid revenue, with pending money stacked lighter on top. */
function dayChart(days) {
  const width = 320;
  const height = 140;
  const labelSpace = 18;
  const plot = height - labelSpace - 4;
  const slot = width / days.length;
  const barWidth = Math.max(2, Math.min(28, slot * 0.6));
  const top = Math.max(1, ...days.map((d) => d.revenue_paise + d.pending_paise));
  // Labels under the first, the last and a few days between, never crowding a phone's width.
  const every = Math.max(1, Math.ceil(days.length / 6));
  const parts = days.map((d, i) => {
    const x = Math.round(i * slot + (slot - barWidth) / 2);
    const paid = d.revenue_paise > 0 ? Math.max(2, Math.round((plot * d.revenue_paise) / top)) : 0;
    const pending = d.pending_paise > 0 ? Math.max(2, Math.round((plot * d.pending_paise) / top)) : 0;
    const base = height - labelSpace;
    const shapes = [];
    if (paid > 0) {
      shapes.push(svg('rect', { x, y: base - paid, width: Math.round(barWidth), height: paid, rx: 2, class: 'chart__bar chart__bar--today' }));
    }
    if (pending > 0) {
      shapes.push(svg('rect', { x, y: base - paid - pending, width: Math.round(barWidth), height: pending, rx: 2, class: 'chart__bar chart__bar--pending' }));
    }
    if (i % every === 0 || i === days.length - 1) {
      const anchor = i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle';
      const tx = anchor === 'start' ? x : anchor === 'end' ? x + Math.round(barWidth) : Math.round(i * slot + slot / 2);
      shapes.push(svg('text', { x: tx, y: height - 4, 'text-anchor': anchor, class: 'chart__label' }, shortDay(d.day)));
    }
    return shapes;
  });
  const summary = days
    .filter((d) => d.revenue_paise > 0 || d.pending_paise > 0)
    .map((d) => `${shortDay(d.day)} ${formatPaise(d.revenue_paise)}${d.pending_paise > 0 ? ` (+${formatPaise(d.pending_paise)} ${t('insights.pending_short')})` : ''}`)
    .join(', ');
  return svg(
    'svg',
    { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t('insights.chart_days_label', { summary: summary || t('insights.no_sales') }) },
    svg('line', { x1: 0, y1: height - labelSpace, x2: width, y2: height - labelSpace, class: 'chart__axis' }),
    ...parts.flat(),
  );
}

/** Horizontal bars of orders per payment method, each with its paid amount written out. */
function methodChart(methods) {
  const shown = methods.filter((m) => m.orders > 0);
  const width = 320;
  const row = 30;
  const labelWidth = 96;
  const most = Math.max(1, ...shown.map((m) => m.orders));
  const rows = shown.map((m, i) => {
    const y = i * row;
    const barLength = Math.max(3, Math.round(((width - labelWidth - 4) * m.orders) / most));
    return [
      svg('text', { x: 0, y: y + 18, class: 'chart__label chart__label--left' }, t(METHOD_KEYS[m.method])),
      svg('rect', { x: labelWidth, y: y + 6, width: barLength, height: 16, rx: 3, class: 'chart__bar' }),
    ];
  });
  const summary = shown.map((m) => `${t(METHOD_KEYS[m.method])} ${formatNumber(m.orders)}`).join(', ');
  const chart = svg(
    'svg',
    { class: 'chart chart--methods', viewBox: `0 0 ${width} ${Math.max(row, shown.length * row)}`, role: 'img', 'aria-label': t('insights.chart_methods_label', { summary }) },
    ...rows.flat(),
  );
  const list = h(
    'dl',
    { class: 'kv' },
    shown.map((m) =>
      h(
        'div',
        { class: 'kv__row' },
        h('dt', {}, t(METHOD_KEYS[m.method])),
        h('dd', {}, `${t('dash.orders_n', { n: formatNumber(m.orders) })} · ${t('insights.paid_amount', { amount: formatPaise(m.paid_paise) })}`),
      ),
    ),
  );
  return [chart, list];
}

function rangePicker(current) {
  const tabs = h(
    'nav',
    { class: 'filters', 'aria-label': t('insights.range') },
    h(
      'div',
      { class: 'filters__list' },
      RANGES.map((range) =>
        h(
          'a',
          {
            class: 'filters__tab',
            href: range === 'custom' ? '#/insights?range=custom' : `#/insights?range=${range}`,
            'aria-current': current.range === range ? 'page' : false,
            dataset: { range },
          },
          t(`insights.range_${range}`),
        ),
      ),
    ),
  );
  if (current.range !== 'custom') {
    return tabs;
  }
  const from = h('input', { class: 'input', type: 'date', id: 'insights-from', name: 'from', value: current.from, required: true });
  const to = h('input', { class: 'input', type: 'date', id: 'insights-to', name: 'to', value: current.to, required: true });
  const form = h(
    'form',
    { class: 'insights__dates', id: 'insights-dates' },
    h('label', { class: 'field__label', for: 'insights-from' }, t('insights.from')),
    from,
    h('label', { class: 'field__label', for: 'insights-to' }, t('insights.to')),
    to,
    h('button', { class: 'btn', type: 'submit' }, t('insights.show')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/insights?${rangeQuery({ range: 'custom', from: from.value, to: to.value })}`;
  });
  return h('div', {}, tabs, form);
}

function downloads(query) {
  return h(
    'div',
    { class: 'insights__downloads' },
    h('a', { class: 'btn btn--secondary', href: `/api/tenant/dashboard/orders.csv?${query}`, download: '', id: 'csv-orders' }, t('insights.csv_orders')),
    h('a', { class: 'btn btn--secondary', href: `/api/tenant/dashboard/sales.csv?${query}`, download: '', id: 'csv-sales' }, t('insights.csv_sales')),
  );
}

function figures(d) {
  const total = d.totals;
  const customers = d.customers;
  const methods = methodChart(d.payment_methods);
  return [
    h(
      'section',
      { class: 'card today stack', 'aria-label': t('insights.summary') },
      h(
        'div',
        { class: 'today__stats' },
        stat(t('insights.revenue'), formatPaise(total.revenue_paise), t('insights.paid_orders_n', { n: formatNumber(total.paid_orders) })),
        stat(t('insights.pending'), formatPaise(total.pending_paise), t('insights.pending_orders_n', { n: formatNumber(total.pending_orders) })),
        stat(t('insights.orders'), formatNumber(total.orders), total.cancelled_orders > 0 ? t('insights.cancelled_n', { n: formatNumber(total.cancelled_orders) }) : null),
        stat(t('insights.average_paid'), total.paid_orders > 0 ? formatPaise(total.average_paid_order_paise) : '—'),
        total.refunds > 0 ? stat(t('insights.refunds'), formatPaise(total.refunded_paise), t('insights.refunds_n', { n: formatNumber(total.refunds) })) : null,
      ),
      total.refunds > 0 ? h('p', { class: 'card__meta' }, t('insights.refunds_note')) : null,
      h('div', {}, h('h3', { class: 'today__sub' }, t('insights.by_day')), dayChart(d.days)),
      h(
        'p',
        { class: 'insights__legend' },
        h('span', { class: 'legend legend--paid', 'aria-hidden': 'true' }),
        t('insights.legend_paid'),
        h('span', { class: 'legend legend--pending', 'aria-hidden': 'true' }),
        t('insights.legend_pending'),
      ),
    ),
    section(
      'insights.cash_title',
      h(
        'dl',
        { class: 'kv' },
        h('div', { class: 'kv__row' }, h('dt', {}, t('insights.cod_to_collect', { n: formatNumber(d.cod.to_collect_orders) })), h('dd', {}, formatPaise(d.cod.to_collect_paise))),
        h('div', { class: 'kv__row' }, h('dt', {}, t('insights.cod_with_riders')), h('dd', {}, formatPaise(d.cod.with_riders_paise))),
      ),
      h('p', { class: 'card__meta' }, t('insights.cash_note')),
    ),
    d.payment_methods.some((m) => m.orders > 0) ? section('insights.methods_title', ...methods) : null,
    section(
      'insights.customers_title',
      h(
        'dl',
        { class: 'kv' },
        h('div', { class: 'kv__row' }, h('dt', {}, t('insights.new_customers')), h('dd', {}, t('dash.orders_n', { n: formatNumber(customers.new_orders) }))),
        h('div', { class: 'kv__row' }, h('dt', {}, t('insights.repeat_customers')), h('dd', {}, t('dash.orders_n', { n: formatNumber(customers.repeat_orders) }))),
      ),
    ),
    d.top_products.length > 0
      ? section(
          'insights.top_title',
          h(
            'ol',
            { class: 'insights__list' },
            d.top_products.map((p) => h('li', {}, h('span', {}, p.name), h('span', { class: 'insights__num' }, `${t('insights.units_n', { n: formatNumber(p.units) })} · ${formatPaise(p.sales_paise)}`))),
          ),
        )
      : null,
    d.low_stock.length > 0
      ? section(
          'insights.low_title',
          h(
            'ul',
            { class: 'insights__list' },
            d.low_stock.map((p) => h('li', {}, h('a', { href: '#/products' }, p.name), h('span', { class: 'insights__num' }, t('insights.left_n', { n: formatNumber(p.stock) })))),
          ),
        )
      : null,
  ];
}

export async function insights() {
  const current = wantedRange();
  const header = pageHeader({ kicker: t('dash.kicker'), title: t('insights.title'), lead: t('insights.lead') });
  if (current.range === 'custom' && (!current.from || !current.to)) {
    return h('div', { class: 'insights' }, header, rangePicker(current));
  }
  const query = rangeQuery(current);
  let data;
  try {
    data = await get(`/api/tenant/dashboard?${query}`);
  } catch (error) {
    return h('div', { class: 'insights' }, header, rangePicker(current), h('div', { class: 'alert alert--error', role: 'alert' }, describeError(error)));
  }
  const span = data.range.from === data.range.to ? shortDay(data.range.from) : `${shortDay(data.range.from)} – ${shortDay(data.range.to)}`;
  return h(
    'div',
    { class: 'insights' },
    header,
    rangePicker(current),
    h('p', { class: 'insights__span' }, span),
    ...figures(data).filter(Boolean),
    downloads(query),
  );
}
