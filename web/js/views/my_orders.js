// "My orders" for a signed-in shopper: their orders from every WebDPro shop, newest first, each with
// the shop, status, total, date and a link to the shop's tracking page (GET /api/me/orders).

import { ApiError, get } from '../api.js';
import { formatDate, t } from '../i18n.js';
import { busy, describeError, emptyState, h, icon, pageHeader } from '../ui.js';
import { itemCount, rupees, shortNumber, statusBadge } from './order_bits.js';

function orderCard(order) {
  const store = order.store || {};
  return h(
    'li',
    { class: 'my-order card', dataset: { orderId: order.order_id, status: order.status } },
    h(
      'div',
      { class: 'my-order__head' },
      h(
        'div',
        { class: 'my-order__main' },
        h('h2', { class: 'my-order__shop' }, store.name || t('my_orders.shop')),
        h(
          'p',
          { class: 'my-order__meta' },
          h('span', {}, shortNumber(order.order_id)),
          ' · ',
          h('time', { datetime: order.created_at }, formatDate(order.created_at)),
          Number.isInteger(order.item_count) ? [' · ', h('span', {}, itemCount(order.item_count))] : null,
        ),
      ),
      h('span', { class: 'my-order__total' }, rupees(order.totals ? order.totals.total_paise : 0)),
    ),
    h(
      'div',
      { class: 'my-order__foot' },
      statusBadge(order.status),
      order.tracking_url
        ? h('a', { class: 'btn btn--secondary btn--sm my-order__track', href: order.tracking_url, 'aria-label': t('my_orders.track_label', { number: shortNumber(order.order_id), shop: store.name || '' }) }, icon('pin'), t('my_orders.track'))
        : null,
    ),
  );
}

export async function myOrders(ctx) {
  const business = ctx.session.tenant ? ctx.session.tenant.business_name : '';
  // Starting a business is offered, never in the way of the orders.
  const sellNote =
    (ctx.session.memberships || []).length === 0
      ? h(
          'section',
          { class: 'card offer', 'aria-labelledby': 'offer-title' },
          h('h2', { class: 'card__title', id: 'offer-title' }, t('welcome.sell_question')),
          h('p', { class: 'field__hint' }, t('welcome.sell_lead')),
          h('a', { class: 'btn btn--secondary', href: '#/welcome' }, t('welcome.sell_link')),
        )
      : null;
  let first;
  try {
    first = await get('/api/me/orders');
  } catch (err) {
    // A server without the list yet answers 404: that is "no orders to show", not a failure.
    if (!(err instanceof ApiError && err.status === 404)) {
      throw err;
    }
    first = { orders: [], next_cursor: null };
  }
  const header = pageHeader({ kicker: business, title: t('nav.my_orders') });
  if (!first.orders || first.orders.length === 0) {
    return h(
      'div',
      {},
      header,
      emptyState({ iconName: 'bag', title: t('empty.my_orders_title'), body: t('empty.my_orders_body') }),
      sellNote,
    );
  }
  const list = h('ul', { class: 'my-orders', 'aria-label': t('nav.my_orders') }, first.orders.map(orderCard));
  let cursor = first.next_cursor;
  const more = h('button', { class: 'btn btn--secondary btn--block', type: 'button', hidden: !cursor }, t('orders.load_more'));
  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  more.addEventListener('click', async () => {
    alert.hidden = true;
    const restore = busy(more, t('loading'));
    try {
      const page = await get(`/api/me/orders?cursor=${encodeURIComponent(cursor)}`);
      restore();
      list.append(...(page.orders || []).map(orderCard));
      cursor = page.next_cursor;
      more.hidden = !cursor;
    } catch (err) {
      restore();
      alert.textContent = describeError(err);
      alert.hidden = false;
    }
  });
  return h('div', { class: 'stack' }, header, list, alert, more, sellNote);
}
