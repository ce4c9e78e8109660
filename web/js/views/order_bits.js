// Small pieces shared by the owner's Orders tab, the dashboard and the customer's "My orders":
// status and payment badges, short order numbers, "5 min ago", rupees.

import { formatNumber, locale, t } from '../i18n.js';
import { formatPaise } from '../money.js';
import { h } from '../ui.js';

/** Every order status, in the order an order moves through them. */
export const STATUSES = ['PENDING_PAYMENT', 'CONFIRMED', 'PACKED', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED'];

const STATUS_BADGE = {
  PENDING_PAYMENT: 'badge--warning',
  CONFIRMED: 'badge--info',
  PACKED: 'badge--brand',
  OUT_FOR_DELIVERY: 'badge--brand',
  DELIVERED: 'badge--success',
  CANCELLED: 'badge--danger',
};

/** The name of a status in the active language ("Out for delivery"). */
export function statusText(status) {
  return t(`orders.status_${String(status).toLowerCase()}`);
}

export function statusBadge(status) {
  return h('span', { class: `badge ${STATUS_BADGE[status] || ''}`, dataset: { status } }, statusText(status));
}

/**
 * "COD · Unpaid" as one badge; paid orders are green. `collectedBy`: the rider who collected a
 * delivered cash order's money ("COD · Collected by Sunil").
 */
export function paymentBadge(order, collectedBy = '') {
  const method = t(`orders.pay_${String(order.payment_method || 'COD').toLowerCase()}`);
  const collected = order.payment_method === 'COD' && Boolean(collectedBy);
  const paid = order.payment_status === 'PAID' || collected;
  // Cash is collected at the door: "to collect" says what the owner has to do, "not paid" would alarm.
  const state = collected ? t('orders.collected_by', { name: collectedBy })
    : t(order.payment_status === 'PAID' ? 'orders.paid' : order.payment_method === 'COD' ? 'orders.to_collect' : 'orders.unpaid');
  return h(
    'span',
    { class: `badge ${paid ? 'badge--success' : 'badge--warning'}`, dataset: { payment: order.payment_status || '' } },
    `${method} · ${state}`,
  );
}

/** The last six characters of the order id: enough to tell orders apart when talking on the phone. */
export function shortNumber(orderId) {
  return `#${String(orderId || '').slice(-6).toUpperCase()}`;
}

/** Money from integer paise, in the active language's Indian format. */
export function rupees(paise) {
  return h('span', { class: 'money' }, formatPaise(paise));
}

/** "just now", "5 minutes ago", "yesterday", or a date for anything older than a week. */
export function timeAgo(iso) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) {
    return '';
  }
  const seconds = Math.round((at - Date.now()) / 1000);
  if (seconds > -60) {
    return t('orders.just_now');
  }
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const minutes = Math.round(seconds / 60);
  if (minutes > -60) {
    return rtf.format(minutes, 'minute');
  }
  const hours = Math.round(minutes / 60);
  if (hours > -24) {
    return rtf.format(hours, 'hour');
  }
  const days = Math.round(hours / 24);
  if (days > -7) {
    return rtf.format(days, 'day');
  }
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short' }).format(new Date(at));
}

/** A <time> with the relative text and the full date and time as its tooltip. */
export function timeElement(iso) {
  const full = Number.isNaN(Date.parse(iso))
    ? ''
    : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return h('time', { datetime: iso, title: full }, timeAgo(iso));
}

/** "3 items" / "1 item". */
export function itemCount(n) {
  return n === 1 ? t('orders.items_one') : t('orders.items', { n: formatNumber(n) });
}
