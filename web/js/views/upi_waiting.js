// UPI payments waiting for the owner: customers paid the business's UPI ID and sent the UTR their
// app showed; the owner checks their bank or UPI app and confirms (the order is paid and can be
// packed) or rejects (the customer is asked for the right UTR). Data: GET /api/payments/upi/waiting,
// POST /api/payments/{id}/confirm | reject.

import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { formatPaise } from '../money.js';
import { busy, describeError, h, toast } from '../ui.js';
import { shortNumber } from './order_bits.js';

function row(payment, onDone) {
  const alert = h('p', { class: 'field__error', role: 'alert', hidden: true });
  const confirm = h('button', { class: 'btn', type: 'button' }, t('upi_wait.confirm'));
  const reject = h('button', { class: 'btn btn--ghost', type: 'button' }, t('upi_wait.reject'));
  const decide = async (button, action, done) => {
    alert.hidden = true;
    const restore = busy(button, t('payments.saving'));
    try {
      await post(`/api/payments/${encodeURIComponent(payment.payment_id)}/${action}`, {});
      restore();
      toast(done);
      onDone();
    } catch (err) {
      restore();
      alert.textContent = describeError(err);
      alert.hidden = false;
    }
  };
  confirm.addEventListener('click', () => decide(confirm, 'confirm', t('upi_wait.confirmed')));
  reject.addEventListener('click', () => decide(reject, 'reject', t('upi_wait.rejected')));
  return h(
    'li',
    { class: 'upi-wait__item', dataset: { payment: payment.payment_id } },
    h('p', { class: 'upi-wait__amount' }, h('strong', {}, formatPaise(payment.amount_paise)), ' · ', payment.customer_name || ''),
    h('p', { class: 'field__hint' }, t('upi_wait.utr'), ' ', h('strong', { class: 'upi-wait__utr' }, payment.utr), ' · ', t('upi_wait.order'), ' ',
      h('a', { href: `#/orders/${encodeURIComponent(payment.order_id)}` }, shortNumber(payment.order_id))),
    alert,
    h('div', { class: 'form-actions' }, confirm, reject),
  );
}

/** The card of UPI payments waiting for the owner's check; redraws itself after each decision. */
export function upiWaitingCard() {
  const list = h('ul', { class: 'upi-wait__list' });
  const card = h(
    'section',
    { class: 'card upi-wait', 'aria-labelledby': 'upi-wait-title', id: 'upi-waiting' },
    h('h2', { class: 'card__title', id: 'upi-wait-title' }, t('upi_wait.title')),
    h('p', { class: 'field__hint' }, t('upi_wait.lead')),
    list,
  );
  const load = async () => {
    try {
      const answer = await get('/api/payments/upi/waiting');
      const payments = Array.isArray(answer.payments) ? answer.payments : [];
      if (payments.length === 0) {
        list.replaceChildren(h('li', { class: 'field__hint' }, t('upi_wait.none')));
        return;
      }
      list.replaceChildren(...payments.map((p) => row(p, load)));
    } catch (err) {
      list.replaceChildren(h('li', { class: 'alert alert--error', role: 'alert' }, describeError(err)));
    }
  };
  load();
  return card;
}
