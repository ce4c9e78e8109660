// Refunds, as the owner sees them. A cancelled order paid through Razorpay is refunded by Razorpay
// (the state follows Razorpay: requested, processed or failed). A cancelled order paid by UPI
// straight to the business cannot be refunded by the platform: the owner owes the customer the
// money, sends it back themselves and marks it returned (who and when are recorded). Data:
// GET /api/orders/{id}/refunds, GET /api/payments/refunds, POST /api/refunds/{id}/returned.

import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { formatPaise } from '../money.js';
import { busy, describeError, h, toast } from '../ui.js';
import { shortNumber, timeElement } from './order_bits.js';

const BADGE = { REQUESTED: 'badge--warning', PROCESSED: 'badge--success', FAILED: 'badge--danger' };

/** What the refund's state means to the owner, in one line. */
function stateText(refund) {
  if (refund.owed_by_owner) {
    return t('refunds.owed', { amount: formatPaise(refund.amount_paise) });
  }
  if (refund.provider === 'UPI') {
    return t('refunds.returned', { amount: formatPaise(refund.amount_paise) });
  }
  if (refund.state === 'PROCESSED') {
    return t('refunds.processed', { amount: formatPaise(refund.amount_paise) });
  }
  if (refund.state === 'FAILED') {
    return t('refunds.failed', { amount: formatPaise(refund.amount_paise) });
  }
  return t('refunds.in_progress', { amount: formatPaise(refund.amount_paise) });
}

function badge(refund) {
  const label = refund.owed_by_owner ? t('refunds.state_owed') : t(`refunds.state_${refund.state.toLowerCase()}`);
  return h('span', { class: `badge ${refund.owed_by_owner ? 'badge--warning' : BADGE[refund.state] || ''}`, dataset: { refund: refund.state } }, label);
}

/** One refund: its state, amount and what the owner can do about it. */
function refundItem(refund, onChange, { withOrder }) {
  const alert = h('p', { class: 'field__error', role: 'alert', hidden: true });
  const parts = [
    h('p', { class: 'refund__head' }, badge(refund), ' ', h('strong', { class: 'refund__amount' }, formatPaise(refund.amount_paise)),
      withOrder ? [' · ', t('upi_wait.order'), ' ', h('a', { href: `#/orders/${encodeURIComponent(refund.order_id)}` }, shortNumber(refund.order_id))] : null),
    h('p', { class: 'refund__text' }, stateText(refund)),
  ];
  if (refund.late_payment) {
    parts.push(h('p', { class: 'field__hint' }, t('refunds.late_payment')));
  }
  if (refund.state === 'FAILED') {
    parts.push(h('p', { class: 'field__hint' }, t('refunds.failed_hint')));
  }
  if (refund.provider === 'RAZORPAY' && refund.razorpay_refund_id) {
    parts.push(h('p', { class: 'field__hint' }, t('refunds.razorpay_id'), ' ', h('code', {}, refund.razorpay_refund_id)));
  }
  const when = refund.processed_at || refund.created_at;
  parts.push(h('p', { class: 'field__hint' }, timeElement(when)));
  if (refund.owed_by_owner) {
    parts.push(h('p', { class: 'field__hint' }, t('refunds.owed_hint')));
    const mark = h('button', { class: 'btn btn--secondary', type: 'button' }, t('refunds.mark_returned'));
    mark.addEventListener('click', async () => {
      if (!window.confirm(t('refunds.mark_confirm', { amount: formatPaise(refund.amount_paise) }))) {
        return;
      }
      alert.hidden = true;
      const restore = busy(mark, t('payments.saving'));
      try {
        await post(`/api/refunds/${encodeURIComponent(refund.refund_id)}/returned`, {});
        restore();
        toast(t('refunds.marked'));
        onChange();
      } catch (err) {
        restore();
        alert.textContent = describeError(err);
        alert.hidden = false;
      }
    });
    parts.push(alert, h('div', { class: 'form-actions' }, mark));
  }
  return h('li', { class: `refund${refund.owed_by_owner ? ' refund--owed' : ''}`, dataset: { refundId: refund.refund_id } }, parts);
}

/** The refunds card of one cancelled order; empty (hidden) when nothing was paid. */
export function orderRefundsCard(order) {
  const list = h('ul', { class: 'refund__list' });
  const card = h('section', { class: 'card', 'aria-labelledby': 'refunds-title', hidden: true, id: 'order-refunds' },
    h('h2', { class: 'card__title', id: 'refunds-title' }, t('refunds.title')), list);
  // A refund is made a moment after the cancellation (from the outbox) and Razorpay settles it
  // later: the card asks again while one may still come or is on its way, as long as it is shown.
  let empties = 0;
  const load = async () => {
    let again = 0;
    try {
      const answer = await get(`/api/orders/${encodeURIComponent(order.order_id)}/refunds`);
      const refunds = Array.isArray(answer.refunds) ? answer.refunds : [];
      card.hidden = refunds.length === 0;
      list.replaceChildren(...refunds.map((r) => refundItem(r, load, { withOrder: false })));
      if (refunds.length === 0 && order.payment_status === 'PAID' && empties++ < 10) {
        again = 1500;
      } else if (refunds.some((r) => r.state === 'REQUESTED' && !r.owed_by_owner)) {
        again = 15000;
      }
    } catch (err) {
      card.hidden = false;
      list.replaceChildren(h('li', { class: 'alert alert--error', role: 'alert' }, describeError(err)));
    }
    if (again > 0) {
      setTimeout(() => {
        if (card.isConnected) {
          load();
        }
      }, again);
    }
  };
  load();
  return card;
}

/** The business's newest refunds, for the payments page. */
export function refundsListCard() {
  const list = h('ul', { class: 'refund__list' });
  const card = h('section', { class: 'card', 'aria-labelledby': 'refund-list-title', id: 'refunds' },
    h('h2', { class: 'card__title', id: 'refund-list-title' }, t('refunds.list_title')),
    h('p', { class: 'field__hint' }, t('refunds.list_lead')), list);
  const load = async () => {
    try {
      const answer = await get('/api/payments/refunds');
      const refunds = Array.isArray(answer.refunds) ? answer.refunds : [];
      if (refunds.length === 0) {
        list.replaceChildren(h('li', { class: 'field__hint' }, t('refunds.none')));
        return;
      }
      list.replaceChildren(...refunds.map((r) => refundItem(r, load, { withOrder: true })));
    } catch (err) {
      list.replaceChildren(h('li', { class: 'alert alert--error', role: 'alert' }, describeError(err)));
    }
  };
  load();
  return card;
}

/** What cancelling a paid order does with the money, said before the owner cancels; null when unpaid. */
export function cancelRefundNote(order) {
  if (order.payment_status !== 'PAID') {
    return null;
  }
  const amount = formatPaise((order.totals || {}).total_paise || 0);
  if (order.payment_method === 'RAZORPAY') {
    return h('p', { class: 'field__hint' }, t('refunds.cancel_razorpay', { amount }));
  }
  if (order.payment_method === 'UPI') {
    return h('p', { class: 'alert alert--warning' }, t('refunds.cancel_upi', { amount }));
  }
  return null;
}
