// The rider's deliveries: on duty or not, today's deliveries with the address, the customer's
// phone and the cash to collect; "Picked up", "Delivered" with the customer's 4-digit code and the
// cash collected, and a failed attempt with its reason. GET /api/agent/deliveries and the
// /api/agent/deliveries/{id}/… steps; PUT /api/agent/profile for being on duty.

import { get, post, put } from '../api.js';
import { t } from '../i18n.js';
import { formatPaise, parseRupees, rupeesInput } from '../money.js';
import { busy, describeError, emptyState, field, fill, h, pageHeader, setFieldError, toast } from '../ui.js';

const FAILURE_REASONS = ['not_at_home', 'refused', 'wrong_address'];

export async function deliveries(ctx) {
  const [answer, profile] = await Promise.all([get('/api/agent/deliveries'), get('/api/agent/profile')]);
  const list = answer && Array.isArray(answer.deliveries) ? answer.deliveries : [];
  const business = ctx.session.tenant ? ctx.session.tenant.business_name : '';

  const duty = h('input', { type: 'checkbox', id: 'duty', role: 'switch', checked: Boolean(profile && profile.available) });
  duty.addEventListener('change', async () => {
    duty.disabled = true;
    try {
      await put('/api/agent/profile', { available: duty.checked });
      toast(t(duty.checked ? 'rider.on_duty_now' : 'rider.off_duty_now'));
    } catch (err) {
      duty.checked = !duty.checked;
      toast(describeError(err));
    } finally {
      duty.disabled = false;
    }
  });

  const active = list.filter((d) => d.state === 'ASSIGNED' || d.state === 'PICKED_UP');
  const done = list.filter((d) => d.state === 'DELIVERED' || d.state === 'FAILED');
  const riding = active.find((d) => d.state === 'PICKED_UP');
  const sharing = h('p', { class: 'field__hint', 'aria-live': 'polite' });
  const page = h('div', {});
  if (riding) {
    shareLocation(riding.delivery_id, page, sharing);
  }

  fill(
    page,
    pageHeader({ kicker: business, title: t('nav.deliveries') }),
    h('label', { class: 'checkbox', for: 'duty' }, duty, h('span', {}, t('rider.on_duty'))),
    riding ? sharing : null,
    active.length === 0
      ? emptyState({
          iconName: 'pin',
          title: t('empty.deliveries_title'),
          body: t('empty.deliveries_body', { business: business || 'WebDPro' }),
        })
      : h('ul', { class: 'list', 'aria-label': t('rider.active') }, active.map((d) => card(d, ctx))),
    done.length > 0
      ? [
          h('h2', { class: 'section-title' }, t('rider.done_today')),
          h('ul', { class: 'list' }, done.map((d) => doneItem(d))),
        ]
      : null,
  );
  return page;
}

const SEND_EVERY_MS = 10000;
const MAX_KEPT = 100;

/**
 * While the rider carries an order: the phone's position every few seconds (browser Geolocation),
 * kept while offline and sent in batches of up to 100 to POST /api/agent/location. Stops when the
 * page is left. A batch the server refuses is dropped (it would be refused again).
 */
function shareLocation(deliveryId, page, status) {
  if (!('geolocation' in navigator)) {
    status.textContent = t('rider.location_unavailable');
    return;
  }
  const kept = [];
  let sending = false;
  const watch = navigator.geolocation.watchPosition(
    (pos) => {
      const at = Math.round(pos.timestamp || Date.now());
      if (kept.length > 0 && kept[kept.length - 1].at >= at) {
        return;
      }
      kept.push({ lat: pos.coords.latitude, lng: pos.coords.longitude, at, accuracy_m: pos.coords.accuracy });
      if (kept.length > MAX_KEPT) {
        kept.shift();
      }
      status.textContent = t('rider.location_on');
    },
    () => {
      status.textContent = t('rider.location_off');
    },
    { enableHighAccuracy: true, maximumAge: 5000, timeout: 20000 },
  );
  async function send() {
    if (sending || kept.length === 0) {
      return;
    }
    sending = true;
    const batch = kept.splice(0, kept.length);
    try {
      await post('/api/agent/location', { delivery_id: deliveryId, fixes: batch });
    } catch (err) {
      if (!(err && err.status >= 400 && err.status < 500)) {
        kept.unshift(...batch); // offline or a server hiccup: keep them for the next try
      }
    } finally {
      sending = false;
    }
  }
  let lastSent = 0;
  const timer = setInterval(() => {
    if (!page.isConnected && page.dataset.shown) {
      clearInterval(timer);
      navigator.geolocation.clearWatch(watch);
      return;
    }
    if (page.isConnected) {
      page.dataset.shown = '1';
    }
    if (Date.now() - lastSent >= SEND_EVERY_MS) {
      lastSent = Date.now();
      send();
    }
  }, 1000);
  status.textContent = t('rider.location_starting');
}

function doneItem(d) {
  const label = d.state === 'DELIVERED' ? t('rider.delivered_to', { name: d.order.customer_name }) :
    t('rider.failed_for', { name: d.order.customer_name, reason: t(`rider.reason_${d.failure_reason}`) });
  const cash = d.state === 'DELIVERED' && d.cash_collected_paise > 0 ?
    t('rider.collected', { amount: formatPaise(d.cash_collected_paise) }) : '';
  return h('li', { class: 'list__item' }, h('div', { class: 'list__main' },
    h('div', { class: 'list__title' }, label), cash ? h('div', { class: 'list__meta' }, cash) : null));
}

function card(d, ctx) {
  const o = d.order;
  const ref = `#${d.order_id.slice(-6).toUpperCase()}`;
  const due = d.cod_due_paise > 0 ? t('rider.to_collect', { amount: formatPaise(d.cod_due_paise) }) : t('rider.paid');
  const actions = h('div', { class: 'stack' });

  async function step(path, body, button) {
    const restore = busy(button, t('loading'));
    try {
      await post(`/api/agent/deliveries/${encodeURIComponent(d.delivery_id)}/${path}`, body);
      ctx.rerender();
    } catch (err) {
      restore();
      throw err;
    }
  }

  if (d.state === 'ASSIGNED') {
    const picked = h('button', { class: 'btn', type: 'button' }, t('rider.picked_up'));
    picked.addEventListener('click', () => step('picked-up', {}, picked).catch((err) => toast(describeError(err))));
    actions.append(picked);
  } else {
    actions.append(deliveredForm(d, step));
  }
  actions.append(failedForm(d, step));

  return h(
    'li',
    { class: 'card stack', dataset: { deliveryId: d.delivery_id } },
    h('div', { class: 'list__title' }, `${o.customer_name} · ${ref}`),
    h('div', { class: 'list__meta' }, `${o.address} ${o.pincode}`),
    h('div', { class: 'list__meta' }, h('strong', {}, due)),
    o.customer_phone ? h('a', { class: 'btn btn--secondary', href: `tel:${o.customer_phone}` }, t('rider.call')) : null,
    actions,
  );
}

function deliveredForm(d, step) {
  const id = d.delivery_id;
  const code = field({
    id: `code-${id}`,
    label: t('rider.code'),
    hint: t('rider.code_hint'),
    input: h('input', { class: 'input', type: 'text', inputmode: 'numeric', maxlength: '4', autocomplete: 'off', required: true }),
  });
  const cash = field({
    id: `cash-${id}`,
    label: t('rider.cash'),
    prefix: '₹',
    input: h('input', { class: 'input', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: rupeesInput(d.cod_due_paise) }),
  });
  const reason = field({ id: `why-${id}`, label: t('rider.cash_reason'), input: h('input', { class: 'input', type: 'text', maxlength: '200' }) });
  const submit = h('button', { class: 'btn', type: 'submit' }, t('rider.delivered'));
  const form = h('form', { class: 'form stack', novalidate: true }, code.field, cash.field, reason.field, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const f of [code, cash, reason]) {
      setFieldError(f.input, f.error, '');
    }
    const typed = code.input.value.trim();
    if (!/^[0-9]{4}$/.test(typed)) {
      setFieldError(code.input, code.error, t('rider.code_hint'));
      return;
    }
    const amount = parseRupees(cash.input.value || '0');
    if (amount.error) {
      setFieldError(cash.input, cash.error, t('rider.cash_invalid'));
      return;
    }
    const body = { code: typed, cash_collected_paise: amount.paise };
    if (reason.input.value.trim()) {
      body.reason = reason.input.value.trim();
    }
    try {
      await step('delivered', body, submit);
    } catch (err) {
      if (err.hasField && err.hasField('code')) {
        setFieldError(code.input, code.error, t('rider.code_wrong'));
      } else if (err.hasField && err.hasField('reason')) {
        setFieldError(reason.input, reason.error, err.fieldMessage('reason'));
      } else {
        toast(describeError(err));
      }
    }
  });
  return form;
}

function failedForm(d, step) {
  const id = d.delivery_id;
  const why = field({
    id: `fail-${id}`,
    label: t('rider.failed_reason'),
    input: h('select', { class: 'select' }, FAILURE_REASONS.map((r) => h('option', { value: r }, t(`rider.reason_${r}`)))),
  });
  const submit = h('button', { class: 'btn btn--secondary', type: 'submit' }, t('rider.failed'));
  const form = h('form', { class: 'form stack' }, why.field, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    step('failed', { reason: why.input.value }, submit).catch((err) => toast(describeError(err)));
  });
  return h('details', {}, h('summary', {}, t('rider.not_delivered')), form);
}
