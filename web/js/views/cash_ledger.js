// The owner's cash ledger: cash each rider holds (collected − handed in), a deposit recorded when a
// rider hands cash in, and the last two weeks per rider and day. GET /api/tenant/cash-ledger,
// POST /api/tenant/cash-deposits.

import { get, post } from '../api.js';
import { locale, t } from '../i18n.js';
import { formatPaise, parseRupees, rupeesInput } from '../money.js';
import { busy, describeError, emptyState, field, fill, h, pageHeader, setFieldError, toast } from '../ui.js';

export async function cashLedger(ctx) {
  const business = ctx.session.tenant ? ctx.session.tenant.business_name : '';
  const page = h('div', {});
  async function draw() {
    const ledger = await get('/api/tenant/cash-ledger');
    const riders = ledger && Array.isArray(ledger.riders) ? ledger.riders : [];
    const days = ledger && Array.isArray(ledger.days) ? ledger.days : [];
    fill(
      page,
      pageHeader({ kicker: business, title: t('ledger.title'), lead: t('ledger.lead') }),
      h('p', { class: 'nav-links' }, h('a', { href: '#/riders' }, t('nav.riders')), ' · ', h('a', { href: '#/live' }, t('live.title'))),
      riders.length === 0
        ? emptyState({ iconName: 'rupee', title: t('ledger.empty_title'), body: t('ledger.empty_body') })
        : [
            h('section', { class: 'card stack' },
              h('div', { class: 'stat' },
                h('span', { class: 'stat__label' }, t('ledger.outstanding')),
                h('span', { class: 'stat__value', id: 'ledger-outstanding' }, formatPaise(ledger.in_hand_paise)))),
            h('div', { class: 'stack', role: 'list', 'aria-label': t('ledger.per_rider') }, riders.map((r) => riderRow(r, draw))),
          ],
      days.length > 0
        ? [
            h('h2', { class: 'section-title' }, t('ledger.by_day')),
            h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'ledger-days' },
              h('thead', {}, h('tr', {},
                h('th', { scope: 'col' }, t('ledger.day')),
                h('th', { scope: 'col' }, t('ledger.rider')),
                h('th', { scope: 'col', class: 'num' }, t('ledger.collected')),
                h('th', { scope: 'col', class: 'num' }, t('ledger.deposited')))),
              h('tbody', {}, days.map((d) => h('tr', {},
                h('td', {}, dayText(d.date)),
                h('td', {}, d.name || t('riders.no_name')),
                h('td', { class: 'num' }, formatPaise(d.collected_paise)),
                h('td', { class: 'num' }, formatPaise(d.deposited_paise))))))),
          ]
        : null,
    );
  }
  await draw();
  return page;
}

/** "8 Dec" for a YYYY-MM-DD day. */
function dayText(date) {
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function riderRow(r, redraw) {
  const id = `dep-${r.agent_user_id}`;
  const input = h('input', { id, inputmode: 'decimal', autocomplete: 'off', value: r.in_hand_paise > 0 ? rupeesInput(r.in_hand_paise) : '' });
  const amountField = field({ id, label: t('ledger.amount'), input, prefix: '₹' });
  const error = amountField.error;
  const button = h('button', { class: 'btn', type: 'submit', disabled: r.in_hand_paise === 0 }, t('ledger.record'));
  const form = h('form', { class: 'stack', novalidate: true }, amountField.field, button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const amount = parseRupees(input.value);
    if (amount.error || amount.paise <= 0 || amount.paise > r.in_hand_paise) {
      setFieldError(input, error, t('ledger.amount_error', { amount: formatPaise(r.in_hand_paise) }));
      return;
    }
    setFieldError(input, error, '');
    const done = busy(button, t('ledger.recording'));
    try {
      await post('/api/tenant/cash-deposits', { agent_user_id: r.agent_user_id, amount_paise: amount.paise });
      toast(t('ledger.recorded', { name: r.name, amount: formatPaise(amount.paise) }));
      await redraw();
    } catch (err) {
      done();
      toast(describeError(err));
    }
  });
  return h(
    'section',
    { class: 'card stack', role: 'listitem', dataset: { agent: r.agent_user_id } },
    h('div', { class: 'list__main' },
      h('div', { class: 'list__title' }, r.name || t('riders.no_name')),
      h('div', { class: 'list__meta' }, t('ledger.line', { collected: formatPaise(r.collected_paise), deposited: formatPaise(r.deposited_paise) }))),
    h('strong', { class: 'money', dataset: { inHand: String(r.in_hand_paise) } }, t('ledger.holds', { amount: formatPaise(r.in_hand_paise) })),
    r.in_hand_paise > 0 ? form : null,
  );
}
