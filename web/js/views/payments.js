// Payments and checkout (#/payments): UPI payments waiting for the owner's check, refunds, how customers pay
// the business (UPI straight to its UPI ID, Razorpay on its own account) and what one store's checkout offers and charges. Data: GET/PUT /api/tenant/payment-settings and
// GET/PUT /api/stores/{sid}/checkout-settings. Money is typed in rupees and sent as paise.

import { ApiError, get, put } from '../api.js';
import { t } from '../i18n.js';
import { parseRupees, rupeesInput } from '../money.js';
import { busy, describeError, field, h, pageHeader, setFieldError, toast } from '../ui.js';
import { hashRoute, noStoreView, ownerStore, storePicker } from './store_context.js';
import { refundsListCard } from './refunds.js';
import { upiWaitingCard } from './upi_waiting.js';

const VPA_SHAPE = /^[A-Za-z0-9._-]{2,}@[A-Za-z][A-Za-z0-9.-]+$/;

/** Shows the server's field errors next to their inputs; returns whether any was shown. */
function showFieldErrors(err, fields) {
  if (!(err instanceof ApiError)) {
    return false;
  }
  let shown = false;
  for (const [name, made] of Object.entries(fields)) {
    const message = err.fieldMessage(name);
    if (message) {
      setFieldError(made.input, made.error, message);
      shown = true;
    }
  }
  return shown;
}

/** The UPI card: the UPI ID and the name customers' apps show. */
function upiCard(settings, onSaved) {
  const upi = settings.upi || {};
  const vpa = field({
    id: 'pay-vpa',
    label: t('payments.vpa'),
    hint: t('payments.vpa_hint'),
    input: h('input', { class: 'input', type: 'text', inputmode: 'email', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: '100', placeholder: 'yourshop@okaxis', value: upi.vpa || '' }),
  });
  const payee = field({
    id: 'pay-payee',
    label: t('payments.payee'),
    hint: t('payments.payee_hint'),
    input: h('input', { class: 'input', type: 'text', autocomplete: 'organization', maxlength: '50', value: upi.payee_name || '' }),
  });
  const save = h('button', { class: 'btn', type: 'submit' }, t('payments.save'));
  const remove = h('button', { class: 'btn btn--ghost', type: 'button', hidden: !upi.vpa }, t('payments.remove_upi'));
  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'upi-title', id: 'upi-settings' },
    h('h2', { class: 'card__title', id: 'upi-title' }, t('payments.upi_title')),
    h('p', { class: 'field__hint' }, t('payments.upi_lead')),
    alert,
    vpa.field,
    payee.field,
    h('div', { class: 'form-actions' }, save, remove),
  );
  const send = async (body, button) => {
    alert.hidden = true;
    const restore = busy(button, t('payments.saving'));
    try {
      const answer = await put('/api/tenant/payment-settings', body);
      restore();
      toast(t('payments.saved'));
      onSaved(answer);
    } catch (err) {
      restore();
      if (!showFieldErrors(err, { upi_vpa: vpa, upi_payee_name: payee })) {
        alert.textContent = describeError(err);
        alert.hidden = false;
      }
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setFieldError(vpa.input, vpa.error, '');
    setFieldError(payee.input, payee.error, '');
    const id = vpa.input.value.trim();
    const name = payee.input.value.trim();
    if (!VPA_SHAPE.test(id)) {
      setFieldError(vpa.input, vpa.error, t('payments.vpa_bad'));
      vpa.input.focus();
      return;
    }
    if (!name) {
      setFieldError(payee.input, payee.error, t('payments.payee_required'));
      payee.input.focus();
      return;
    }
    send({ upi_vpa: id, upi_payee_name: name }, save);
  });
  remove.addEventListener('click', () => send({ upi_vpa: null, upi_payee_name: null }, remove));
  return form;
}

const KEY_ID_SHAPE = /^rzp_(live|test)_[A-Za-z0-9]{8,40}$/;

/** The Razorpay card: the key pair and the webhook secret (never shown back), and the webhook address. */
function razorpayCard(settings, tenantId, onSaved) {
  const rzp = settings.razorpay || {};
  const secretInput = (set) =>
    h('input', { class: 'input', type: 'password', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: '200', placeholder: set ? '••••••••' : '' });
  const keyId = field({
    id: 'pay-rzp-key',
    label: t('payments.rzp_key_id'),
    hint: t('payments.rzp_key_id_hint'),
    input: h('input', { class: 'input', type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: '60', placeholder: 'rzp_live_…' }),
  });
  const keySecret = field({ id: 'pay-rzp-secret', label: t('payments.rzp_key_secret'), hint: rzp.key_secret_set ? t('payments.rzp_secret_set') : '', input: secretInput(rzp.key_secret_set) });
  const webhookSecret = field({ id: 'pay-rzp-webhook', label: t('payments.rzp_webhook_secret'), hint: rzp.webhook_secret_set ? t('payments.rzp_secret_set') : '', input: secretInput(rzp.webhook_secret_set) });
  const hookUrl = `${location.origin}/api/webhooks/razorpay/${encodeURIComponent(tenantId || '')}`;
  const save = h('button', { class: 'btn', type: 'submit' }, t('payments.save'));
  const configured = rzp.key_id_set && rzp.key_secret_set;
  const remove = h('button', { class: 'btn btn--ghost', type: 'button', hidden: !configured }, t('payments.remove_rzp'));
  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'rzp-title', id: 'razorpay-settings' },
    h('h2', { class: 'card__title', id: 'rzp-title' }, t('payments.rzp_title')),
    h('p', { class: 'field__hint' }, t('payments.rzp_lead')),
    configured ? h('p', { 'data-rzp-saved': '' }, t('payments.rzp_saved_as', { last4: rzp.key_id_last4, mode: rzp.mode })) : null,
    alert,
    keyId.field,
    keySecret.field,
    webhookSecret.field,
    h('p', { class: 'field__hint' }, t('payments.rzp_webhook_hint'), ' ', h('code', { class: 'copy-url', 'data-rzp-webhook-url': '' }, hookUrl)),
    h('div', { class: 'form-actions' }, save, remove),
  );
  const fields = { razorpay_key_id: keyId, razorpay_key_secret: keySecret, razorpay_webhook_secret: webhookSecret };
  const send = async (body, button) => {
    alert.hidden = true;
    const restore = busy(button, t('payments.saving'));
    try {
      const answer = await put('/api/tenant/payment-settings', body);
      restore();
      toast(t('payments.saved'));
      onSaved(answer);
    } catch (err) {
      restore();
      if (!showFieldErrors(err, fields)) {
        alert.textContent = describeError(err);
        alert.hidden = false;
      }
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const made of Object.values(fields)) {
      setFieldError(made.input, made.error, '');
    }
    const body = {};
    const id = keyId.input.value.trim();
    const secret = keySecret.input.value.trim();
    const hook = webhookSecret.input.value.trim();
    if (id) {
      if (!KEY_ID_SHAPE.test(id)) {
        setFieldError(keyId.input, keyId.error, t('payments.rzp_key_id_bad'));
        keyId.input.focus();
        return;
      }
      body.razorpay_key_id = id;
      // A new key id needs its own secret.
      if (!secret) {
        setFieldError(keySecret.input, keySecret.error, t('payments.rzp_secret_needed'));
        keySecret.input.focus();
        return;
      }
    } else if (!rzp.key_id_set && secret) {
      setFieldError(keyId.input, keyId.error, t('payments.rzp_key_id_bad'));
      keyId.input.focus();
      return;
    }
    if (secret) {
      body.razorpay_key_secret = secret;
    }
    if (hook) {
      body.razorpay_webhook_secret = hook;
    }
    if (Object.keys(body).length === 0) {
      keyId.input.focus();
      return;
    }
    send(body, save);
  });
  remove.addEventListener('click', () => send({ razorpay_key_id: null, razorpay_key_secret: null, razorpay_webhook_secret: null }, remove));
  return form;
}

/** A rupee amount input (0 = none), as a field. */
function moneyField(id, label, hint, paise) {
  return field({
    id,
    label,
    hint,
    prefix: '₹',
    input: h('input', { class: 'input', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: rupeesInput(paise || 0) }),
  });
}

/** The checkout card of one store: methods, the cash-on-delivery limit, delivery charges and limits. */
function checkoutCard(storeId, checkout) {
  const methods = checkout.methods || {};
  const available = checkout.available || {};
  const box = (name, label, hint) => {
    const input = h('input', { type: 'checkbox', name, checked: Boolean(methods[name]), disabled: !available[name] && !methods[name] });
    return { input, row: h('label', { class: 'checkbox' }, input, h('span', {}, label, hint ? h('small', { class: 'field__hint' }, ' ', hint) : null)) };
  };
  const cod = box('cod', t('payments.cod'));
  const upi = available.upi || methods.upi ? box('upi', t('payments.upi'), available.upi ? '' : t('payments.upi_needs_id')) : null;
  const rzp = checkout.supported_razorpay ? box('razorpay', t('payments.razorpay'), available.razorpay ? '' : t('payments.rzp_needs_keys')) : null;
  const codMax = moneyField('pay-cod-max', t('payments.cod_max'), t('payments.zero_none'), checkout.cod_max_order_paise);
  const fee = moneyField('pay-fee', t('payments.delivery_fee'), t('payments.fee_hint'), checkout.delivery_fee_paise);
  const freeAbove = moneyField('pay-free', t('payments.free_above'), t('payments.zero_none'), checkout.free_delivery_above_paise);
  const minOrder = moneyField('pay-min', t('payments.min_order'), t('payments.zero_none'), checkout.min_order_paise);
  const maxUnits = field({
    id: 'pay-max-units',
    label: t('payments.max_units'),
    hint: t('payments.max_units_hint'),
    input: h('input', { class: 'input', type: 'number', inputmode: 'numeric', min: '0', max: '999', value: String(checkout.max_units_per_product || 0) }),
  });
  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  const save = h('button', { class: 'btn', type: 'submit' }, t('payments.save'));
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'checkout-title', id: 'checkout-settings' },
    h('h2', { class: 'card__title', id: 'checkout-title' }, t('payments.checkout_title')),
    h('p', { class: 'field__hint' }, t('payments.checkout_lead')),
    alert,
    h('fieldset', { class: 'field' }, h('legend', { class: 'field__label' }, t('payments.methods')), cod.row, upi ? upi.row : null, rzp ? rzp.row : null),
    codMax.field,
    fee.field,
    freeAbove.field,
    minOrder.field,
    maxUnits.field,
    h('div', { class: 'form-actions' }, save),
  );
  const amounts = { cod_max_order_paise: codMax, delivery_fee_paise: fee, free_delivery_above_paise: freeAbove, min_order_paise: minOrder };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    const body = { methods: { cod: cod.input.checked } };
    if (upi) {
      body.methods.upi = upi.input.checked;
    }
    if (rzp) {
      body.methods.razorpay = rzp.input.checked;
    }
    let bad = null;
    for (const [name, made] of Object.entries(amounts)) {
      setFieldError(made.input, made.error, '');
      const text = made.input.value.trim();
      const parsed = text === '' ? { paise: 0 } : parseRupees(text);
      if (parsed.error) {
        setFieldError(made.input, made.error, t('payments.amount_bad'));
        bad = bad || made.input;
      } else {
        body[name] = parsed.paise;
      }
    }
    setFieldError(maxUnits.input, maxUnits.error, '');
    const units = Number(maxUnits.input.value || '0');
    if (!Number.isInteger(units) || units < 0 || units > 999) {
      setFieldError(maxUnits.input, maxUnits.error, t('payments.max_units_bad'));
      bad = bad || maxUnits.input;
    }
    body.max_units_per_product = units;
    if (!body.methods.cod && !body.methods.upi && !body.methods.razorpay) {
      alert.textContent = t('payments.one_method');
      alert.hidden = false;
      return;
    }
    if (bad) {
      bad.focus();
      return;
    }
    const restore = busy(save, t('payments.saving'));
    try {
      await put(`/api/stores/${encodeURIComponent(storeId)}/checkout-settings`, body);
      restore();
      toast(t('payments.saved'));
    } catch (err) {
      restore();
      if (!showFieldErrors(err, { ...amounts, max_units_per_product: maxUnits })) {
        alert.textContent = describeError(err);
        alert.hidden = false;
      }
    }
  });
  return form;
}

export async function paymentsPage(ctx) {
  const { params } = hashRoute();
  const place = await ownerStore(params);
  if (!place.store) {
    return noStoreView(ctx, t('payments.title'));
  }
  const business = ctx.session.tenant ? ctx.session.tenant.business_name : '';
  const header = [pageHeader({ kicker: business, title: t('payments.title'), lead: t('payments.lead') }), storePicker(place, 'payments')];
  const storeId = place.store.store_id;
  let settings;
  let checkout;
  try {
    [settings, checkout] = await Promise.all([get('/api/tenant/payment-settings'), get(`/api/stores/${encodeURIComponent(storeId)}/checkout-settings`)]);
  } catch (err) {
    return h('div', {}, header, h('div', { class: 'alert alert--error', role: 'alert' }, describeError(err)));
  }
  const page = h('div', { class: 'payments' }, header);
  const draw = async () => {
    const cards = [];
    if (settings.supported && settings.supported.upi && settings.upi) {
      cards.push(upiWaitingCard());
    }
    if (settings.supported && settings.supported.upi) {
      cards.push(
        upiCard(settings, async (answer) => {
          settings = answer;
          checkout = await get(`/api/stores/${encodeURIComponent(storeId)}/checkout-settings`).catch(() => checkout);
          draw();
        }),
      );
    }
    if (settings.supported && settings.supported.razorpay) {
      cards.push(
        razorpayCard(settings, ctx.session.tenant ? ctx.session.tenant.id : '', async (answer) => {
          settings = answer;
          checkout = await get(`/api/stores/${encodeURIComponent(storeId)}/checkout-settings`).catch(() => checkout);
          draw();
        }),
      );
    }
    cards.push(checkoutCard(storeId, { ...checkout, supported_razorpay: Boolean(settings.supported && settings.supported.razorpay) }));
    cards.push(refundsListCard());
    page.replaceChildren(...header.filter(Boolean), ...cards);
  };
  draw();
  return page;
}
