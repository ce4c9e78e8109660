// The rider's cash: what they hold now (collected on deliveries − handed in to the owner), the
// totals behind it, and today's collections order by order. GET /api/agent/cash and
// GET /api/agent/deliveries (today's delivered orders).

import { get } from '../api.js';
import { locale, t } from '../i18n.js';
import { formatPaise } from '../money.js';
import { emptyState, h, pageHeader } from '../ui.js';
import { shortNumber } from './order_bits.js';

/** Whether an RFC 3339 time falls on the phone's today. */
function today(at) {
  const d = new Date(at);
  const now = new Date();
  return d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
}

export async function riderCash(ctx) {
  const [cash, answer] = await Promise.all([get('/api/agent/cash'), get('/api/agent/deliveries')]);
  const business = ctx.session.tenant ? ctx.session.tenant.business_name : '';
  const list = answer && Array.isArray(answer.deliveries) ? answer.deliveries : [];
  const collections = list.filter((d) => d.state === 'DELIVERED' && d.cash_collected_paise > 0 && today(d.delivered_at));
  const todayPaise = collections.reduce((s, d) => s + d.cash_collected_paise, 0);
  const time = new Intl.DateTimeFormat(locale(), { hour: 'numeric', minute: '2-digit' });

  const header = pageHeader({ kicker: business, title: t('cash.title'), lead: t('cash.lead') });
  if (!cash || (cash.collected_paise === 0 && cash.deposited_paise === 0)) {
    return h('div', {}, header, emptyState({ iconName: 'rupee', title: t('empty.cash_title'), body: t('empty.cash_body') }));
  }
  return h(
    'div',
    {},
    header,
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'in-hand' },
      h('div', { class: 'stat' },
        h('span', { class: 'stat__label', id: 'in-hand' }, t('cash.in_hand')),
        h('span', { class: 'stat__value', id: 'cash-in-hand' }, formatPaise(cash.in_hand_paise)),
        h('span', { class: 'stat__delta' }, t('cash.in_hand_hint', { business: business || 'WebDPro' }))),
      h('dl', { class: 'kv' },
        h('div', { class: 'kv__row' }, h('dt', {}, t('cash.collected')), h('dd', {}, formatPaise(cash.collected_paise))),
        h('div', { class: 'kv__row' }, h('dt', {}, t('cash.deposited')), h('dd', {}, formatPaise(cash.deposited_paise))),
        h('div', { class: 'kv__row' }, h('dt', {}, t('cash.today')), h('dd', { id: 'cash-today' }, formatPaise(todayPaise)))),
    ),
    h('h2', { class: 'section-title' }, t('cash.today_title')),
    collections.length === 0
      ? h('p', { class: 'field__hint' }, t('cash.none_today'))
      : h(
          'ul',
          { class: 'list', 'aria-label': t('cash.today_title') },
          collections.map((d) =>
            h(
              'li',
              { class: 'list__item' },
              h('div', { class: 'list__main' },
                h('div', { class: 'list__title' }, `${shortNumber(d.order_id)} · ${d.order.customer_name}`),
                h('div', { class: 'list__meta' }, time.format(new Date(d.delivered_at))),
                d.cash_note ? h('div', { class: 'list__meta' }, d.cash_note) : null),
              h('strong', { class: 'money' }, formatPaise(d.cash_collected_paise)),
            ),
          ),
        ),
  );
}
