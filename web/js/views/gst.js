// Settings → GST: the owner's GSTIN (PUT / DELETE /api/tenant/gstin) and what a tax invoice will
// carry. The form checks length and shape; the server alone judges the check character.

import { ApiError, del, get, put } from '../api.js';
import { lang, t } from '../i18n.js';
import { busy, describeError, field, h, icon, setFieldError, toast } from '../ui.js';

/** GST state codes (the first two characters of a GSTIN). */
const STATES = {
  1: 'Jammu and Kashmir', 2: 'Himachal Pradesh', 3: 'Punjab', 4: 'Chandigarh', 5: 'Uttarakhand', 6: 'Haryana',
  7: 'Delhi', 8: 'Rajasthan', 9: 'Uttar Pradesh', 10: 'Bihar', 11: 'Sikkim', 12: 'Arunachal Pradesh',
  13: 'Nagaland', 14: 'Manipur', 15: 'Mizoram', 16: 'Tripura', 17: 'Meghalaya', 18: 'Assam', 19: 'West Bengal',
  20: 'Jharkhand', 21: 'Odisha', 22: 'Chhattisgarh', 23: 'Madhya Pradesh', 24: 'Gujarat', 25: 'Daman and Diu',
  26: 'Dadra and Nagar Haveli and Daman and Diu', 27: 'Maharashtra', 28: 'Andhra Pradesh (Old)', 29: 'Karnataka',
  30: 'Goa', 31: 'Lakshadweep', 32: 'Kerala', 33: 'Tamil Nadu', 34: 'Puducherry', 35: 'Andaman and Nicobar Islands',
  36: 'Telangana', 37: 'Andhra Pradesh', 38: 'Ladakh', 97: 'Other Territory', 99: 'Centre Jurisdiction',
};

const GSTIN_LENGTH = 15;
/** State code, PAN (5 letters, 4 digits, a letter), entity number, Z, check character. */
const GSTIN_SHAPE = /^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

function stateName(gstin) {
  const name = STATES[Number(String(gstin).slice(0, 2))];
  return name ? `${name} (${String(gstin).slice(0, 2)})` : '';
}

/** The message for what the owner typed, or '' when it has the shape of a GSTIN. */
function shapeProblem(value) {
  if (!value) {
    return t('gst.required');
  }
  if (value.length !== GSTIN_LENGTH) {
    return t('gst.length', { n: value.length });
  }
  if (!STATES[Number(value.slice(0, 2))] || !/^\d{2}/.test(value)) {
    return t('gst.bad_state');
  }
  return GSTIN_SHAPE.test(value) ? '' : t('gst.bad_shape');
}

/**
 * The tenant's current GSTIN: a string, null when there is none, or undefined when this server
 * cannot say (it has no GET /api/tenant/gstin) — then the card must not claim "Not added".
 */
async function currentGstin() {
  try {
    const answer = await get('/api/tenant/gstin');
    return answer && typeof answer.gstin === 'string' && answer.gstin ? answer.gstin : null;
  } catch {
    return undefined;
  }
}

/** The GST card of Settings; it fills in once the current GSTIN and the store's address are known. */
export function gstCard(ctx) {
  const business = ctx.session.tenant ? ctx.session.tenant.business_name : '';
  const input = h('input', {
    class: 'input input--code',
    type: 'text',
    inputmode: 'text',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: String(GSTIN_LENGTH),
    placeholder: '08ABCDE1234F1Z0',
  });
  const made = field({ id: 'gstin', label: t('gst.label'), hint: t('gst.hint'), input });
  const save = h('button', { class: 'btn', type: 'submit' }, t('gst.save'));
  const remove = h('button', { class: 'btn btn--ghost', type: 'button', hidden: true }, icon('trash'), t('gst.remove'));
  const uses = h('dl', { class: 'kv gst__uses' });
  const usesBlock = h('div', { class: 'gst__preview' }, h('h3', { class: 'today__sub' }, t('gst.invoice_uses')), uses);
  let saved = null;
  let known = false; // whether `saved` is what the server holds (after a read or a save)
  let address = '';

  const row = (label, value) => h('div', { class: 'kv__row' }, h('dt', {}, label), h('dd', {}, value));
  const drawUses = () => {
    remove.hidden = known && !saved;
    // replaceChildren would print a null as the text "null"; leave absent rows out.
    const rows = [
      row(t('gst.seller'), business),
      row(t('gst.gstin'), saved || (known ? t('gst.none') : '—')),
      saved ? row(t('gst.state'), stateName(saved)) : null,
      row(t('gst.address'), address || t('gst.no_address')),
    ];
    uses.replaceChildren(...rows.filter(Boolean));
    usesBlock.querySelector('.gst__rule')?.remove();
    usesBlock.append(
      h('p', { class: 'field__hint gst__rule' }, saved ? t('gst.rule', { state: stateName(saved) }) : t(known ? 'gst.no_invoice' : 'gst.unknown')),
    );
  };

  input.addEventListener('input', () => {
    const caret = input.selectionStart;
    input.value = input.value.toUpperCase().replace(/\s+/g, '');
    input.setSelectionRange(caret, caret);
    setFieldError(input, made.error, '');
  });

  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'gst-title' },
    h('h2', { class: 'card__title', id: 'gst-title' }, t('gst.title')),
    h('p', { class: 'field__hint gst__lead' }, t('gst.lead')),
    made.field,
    h('div', { class: 'form-actions' }, save, remove),
    usesBlock,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim().toUpperCase();
    const problem = shapeProblem(value);
    if (problem) {
      setFieldError(input, made.error, problem);
      input.focus();
      return;
    }
    const restore = busy(save, t('gst.saving'));
    try {
      const answer = await put('/api/tenant/gstin', { gstin: value });
      saved = (answer && answer.gstin) || value;
      known = true;
      input.value = saved;
      restore();
      toast(t('gst.saved'));
      drawUses();
    } catch (err) {
      restore();
      // The server names the problem (the check character, usually); in Hindi a mapped text.
      const text = err instanceof ApiError && err.hasField('gstin') ? (lang() === 'en' ? err.fieldMessage('gstin') || err.message : t('gst.rejected')) : describeError(err);
      setFieldError(input, made.error, text);
      input.focus();
    }
  });

  remove.addEventListener('click', async () => {
    const restore = busy(remove, t('gst.saving'));
    try {
      await del('/api/tenant/gstin');
    } catch (err) {
      restore();
      setFieldError(input, made.error, describeError(err));
      return;
    }
    restore();
    saved = null;
    known = true;
    input.value = '';
    toast(t('gst.removed'));
    drawUses();
  });

  drawUses();
  Promise.all([currentGstin(), get('/api/stores').catch(() => null)]).then(([gstin, stores]) => {
    const store = stores && Array.isArray(stores.stores) ? stores.stores[0] : null;
    const contact = (store && store.contact) || {};
    address = [contact.address, contact.city].filter(Boolean).join(', ');
    if (gstin !== undefined && !known) {
      known = true;
      saved = gstin;
      if (gstin && !input.value) {
        input.value = gstin;
      }
    }
    drawUses();
  });
  return form;
}
