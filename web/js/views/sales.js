// The dashboard's "Today" card: orders and paid sales today (money still to come shown apart), the
// average paid order, the change since yesterday, a seven-day bar chart of paid sales drawn as
// inline SVG, and the open orders by status (each a link to that filter of the Orders tab). Money
// comes from GET /api/tenant/dashboard?range=7d (paid online or cash collected only); the open
// orders and the stores from GET /api/tenant/sales?days=7.

import { formatNumber, locale, t } from '../i18n.js';
import { formatPaise } from '../money.js';
import { h } from '../ui.js';
import { statusText } from './order_bits.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const OPEN = [
  ['CONFIRMED', 'new'],
  ['PENDING_PAYMENT', 'awaiting'],
  ['PACKED', 'packed'],
  ['OUT_FOR_DELIVERY', 'out'],
];

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    el.setAttribute(key, String(value));
  }
  el.append(...children);
  return el;
}

/** "2026-11-25" (an India day) → "Wed". */
function weekday(day) {
  const date = new Date(`${day}T12:00:00+05:30`);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'Asia/Kolkata' }).format(date);
}

function stat(label, value, ...extra) {
  return h('div', { class: 'stat' }, h('span', { class: 'stat__label' }, label), h('span', { class: 'stat__value' }, value), ...extra.filter(Boolean));
}

/** Revenue today against yesterday: "▲ ₹120 (25%) vs yesterday", or "Same as yesterday". */
function versusYesterday(today, yesterday) {
  const diff = today.revenue_paise - yesterday.revenue_paise;
  if (diff === 0) {
    return h('span', { class: 'stat__delta' }, t('dash.same_as_yesterday'));
  }
  const percent = yesterday.revenue_paise > 0 ? ` (${formatNumber(Math.round((Math.abs(diff) / yesterday.revenue_paise) * 100))}%)` : '';
  const up = diff > 0;
  return h(
    'span',
    { class: `stat__delta ${up ? 'stat__delta--up' : 'stat__delta--down'}` },
    h('span', { 'aria-hidden': 'true' }, up ? '▲ ' : '▼ '),
    t(up ? 'dash.more_than_yesterday' : 'dash.less_than_yesterday', { amount: `${formatPaise(Math.abs(diff))}${percent}` }),
  );
}

/** Seven bars of revenue, today's in the brand colour; the whole chart is one labelled image. */
function weekChart(days) {
  const width = 308;
  const height = 120;
  const labelSpace = 18;
  const slot = width / days.length;
  const barWidth = Math.min(28, slot * 0.6);
  const top = Math.max(1, ...days.map((d) => d.revenue_paise));
  const bars = days.map((d, i) => {
    const barHeight = d.revenue_paise > 0 ? Math.max(3, Math.round(((height - labelSpace - 4) * d.revenue_paise) / top)) : 2;
    const x = Math.round(i * slot + (slot - barWidth) / 2);
    const today = i === days.length - 1;
    return [
      svg('rect', { x, y: height - labelSpace - barHeight, width: Math.round(barWidth), height: barHeight, rx: 3, class: today ? 'chart__bar chart__bar--today' : 'chart__bar' }),
      svg('text', { x: Math.round(i * slot + slot / 2), y: height - 4, 'text-anchor': 'middle', class: today ? 'chart__label chart__label--today' : 'chart__label' }, weekday(d.day)),
    ];
  });
  const summary = days.map((d) => `${weekday(d.day)} ${formatPaise(d.revenue_paise)}`).join(', ');
  return svg(
    'svg',
    { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t('dash.chart_label', { summary }) },
    svg('line', { x1: 0, y1: height - labelSpace, x2: width, y2: height - labelSpace, class: 'chart__axis' }),
    ...bars.flat(),
  );
}

function openOrders(open) {
  return h(
    'ul',
    { class: 'open-orders' },
    OPEN.map(([status]) => {
      const n = Number(open[status] || 0);
      return h(
        'li',
        {},
        h(
          'a',
          { class: `open-orders__link${n === 0 ? ' open-orders__link--zero' : ''}`, href: `#/orders?status=${status}`, dataset: { status } },
          h('span', { class: 'open-orders__count' }, formatNumber(n)),
          h('span', { class: 'open-orders__label' }, status === 'CONFIRMED' ? t('orders.filter_new') : statusText(status)),
        ),
      );
    }),
  );
}

/**
 * The card, or null when there have been no orders in the week and none are open (the empty state
 * shows), or when the paid figures could not be read (unpaid orders are never shown as sales).
 */
export function todayCard(sales, dashboard) {
  if (!sales || !dashboard || !Array.isArray(dashboard.days) || dashboard.days.length < 2) {
    return null;
  }
  const days = dashboard.days;
  const open = sales.open_orders || {};
  const anyOpen = Object.values(open).some((n) => Number(n) > 0);
  const anyWeek = days.some((d) => d.orders > 0 || d.cancelled_orders > 0);
  if (!anyOpen && !anyWeek) {
    return null;
  }
  const today = days[days.length - 1];
  const yesterday = days[days.length - 2];
  const average = today.paid_orders > 0 ? Math.round(today.revenue_paise / today.paid_orders) : 0;
  const stores = Array.isArray(sales.stores) && sales.stores.length > 1 ? sales.stores : [];
  return h(
    'section',
    { class: 'card today stack', 'aria-labelledby': 'today-title' },
    h(
      'div',
      { class: 'today__stats' },
      stat(t('dash.orders_today'), formatNumber(today.orders)),
      stat(
        t('dash.paid_today'),
        formatPaise(today.revenue_paise),
        versusYesterday(today, yesterday),
        today.pending_paise > 0 ? h('span', { class: 'stat__delta', id: 'pending-today' }, t('dash.pending_today', { amount: formatPaise(today.pending_paise) })) : null,
      ),
      stat(t('insights.average_paid'), today.paid_orders > 0 ? formatPaise(average) : '—'),
      stat(t('dash.yesterday'), formatPaise(yesterday.revenue_paise), h('span', { class: 'stat__delta' }, t('dash.orders_n', { n: formatNumber(yesterday.orders) }))),
    ),
    h('div', {}, h('h3', { class: 'today__sub' }, t('dash.last_7_days')), weekChart(days)),
    h('div', {}, h('h3', { class: 'today__sub' }, t('dash.open_orders')), openOrders(open)),
    stores.length > 0
      ? h(
          'div',
          {},
          h('h3', { class: 'today__sub' }, t('dash.by_store')),
          h(
            'dl',
            { class: 'kv' },
            stores.map((s) => h('div', { class: 'kv__row' }, h('dt', {}, s.name), h('dd', {}, t('dash.orders_n', { n: formatNumber(s.orders_today) })))),
          ),
        )
      : null,
    h('a', { class: 'btn btn--secondary', href: '#/insights?range=7d', id: 'see-insights' }, t('dash.see_insights')),
  );
}
