// One product's page (#/products/new, #/products/{id}): the details form, and for a saved product its
// photo (product_photo.js), the stock panel and the stock history (product_stock.js).

import { ApiError, get, patch, post } from '../api.js';
import { locale, t } from '../i18n.js';
import { formatPaise, parseRupees, rupeesInput } from '../money.js';
import { busy, describeError, field, fill, h, icon, setFieldError, toast } from '../ui.js';
import { WHOLE, productOf, serverText, stockBadge, stockLevel } from './product_bits.js';
import { photoCard } from './product_photo.js';
import { ledgerCard, stockPanel } from './product_stock.js';
import { productHref, productsUrl, tabHref } from './store_context.js';

/** GST rates the server accepts (basis points): src/catalog/catalog_service.cpp CurrentGstRates. */
const GST_RATES_BP = [0, 25, 150, 300, 500, 1800, 4000];
const UNITS = ['kg', 'g', 'litre', 'ml', 'piece', 'pack', 'dozen', 'bundle', 'box'];
// Below ₹1,000 an amount reads the same with or without grouping, so no readout is shown.
const AMOUNT_READOUT_FROM_PAISE = 100000;

function gstLabel(bp) {
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(bp / 100)}%`;
}

/** Field names in server errors → the form's inputs. */
const SERVER_FIELDS = { price_paise: 'price', mrp_paise: 'mrp', gst_rate_bp: 'gst' };

/** The categories already in use (suggestions for the category field); none if that fails. */
export function knownCategories(storeId) {
  return get(productsUrl(storeId, '?limit=100')).then(
    (answer) => [...new Set((answer.products || []).map((p) => p.category).filter(Boolean))].sort(),
    () => [],
  );
}

/** A product's page: a new one when `product` is null, else its photo, details, stock and history. */
export function productPage(ctx, place, product, categories) {
  const storeId = place.store.store_id;
  const isNew = !product;
  const title = h('h1', { id: 'page-title', tabindex: '-1' }, isNew ? t('products.new_title') : product.name);
  const badges = h('p', { class: 'page-header__lead row' });
  const drawBadges = (p) => fill(badges, p.active ? null : h('span', { class: 'badge' }, t('products.hidden_badge')), stockBadge(stockLevel(p)));
  if (!isNew) drawBadges(product);
  const header = h(
    'header',
    { class: 'page-header' },
    h('a', { class: 'back-link', href: tabHref('products', place) }, icon('chevron', 'icon back-link__icon'), t('products.back')),
    title,
    isNew ? null : badges,
  );
  const onSaved = (p) => {
    title.textContent = p.name;
    drawBadges(p);
  };
  if (isNew) {
    return h('div', { class: 'stack product-page' }, header, productForm(ctx, place, null, categories, onSaved));
  }
  const history = ledgerCard(storeId, product);
  const stockCard = stockPanel(storeId, product, (p) => {
    drawBadges(p);
    history.reload();
  });
  return h(
    'div',
    { class: 'stack product-page' },
    header,
    photoCard(storeId, product),
    productForm(ctx, place, product, categories, onSaved),
    stockCard,
    history.element,
  );
}

/** Under a price: what the typed amount reads as ("₹1,23,456"), so an extra zero shows before saving. */
function amountReadout(input) {
  const readout = h('p', { class: 'field__hint amount-readout' });
  const update = () => {
    const typed = parseRupees(input.value);
    readout.textContent = typed.error || typed.paise < AMOUNT_READOUT_FROM_PAISE ? '' : formatPaise(typed.paise);
  };
  input.addEventListener('input', update);
  update();
  return readout;
}

function productForm(ctx, place, product, categories, onSaved) {
  const storeId = place.store.store_id;
  const isNew = !product;
  const current = product || { name: '', description: '', price_paise: null, mrp_paise: null, unit: '', category: '', hsn: '', gst_rate_bp: 0, stock: 0, low_stock_threshold: 5, active: true, sort_order: 0 };
  const inputs = {};
  const fields = {};
  const make = (key, label, input, extra = {}) => {
    inputs[key] = input;
    const made = field({ id: `product-${key}`, label, input, ...extra });
    fields[key] = made;
    input.addEventListener('input', () => setFieldError(input, made.error, ''));
    return made.field;
  };
  const text = (value, attrs = {}) => h('input', { class: 'input', type: 'text', value: value ?? '', ...attrs });
  const rates = GST_RATES_BP.includes(current.gst_rate_bp) ? GST_RATES_BP : [...GST_RATES_BP, current.gst_rate_bp].sort((a, b) => a - b);
  const gst = h('select', { class: 'select' }, rates.map((bp) => h('option', { value: String(bp), selected: bp === current.gst_rate_bp }, gstLabel(bp))));
  const active = h('input', { type: 'checkbox', id: 'product-active', checked: current.active });
  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  const save = h('button', { class: 'btn btn--block', type: 'submit' }, isNew ? t('products.create') : t('store.save'));
  const unitList = h('datalist', { id: 'product-units' }, UNITS.map((u) => h('option', { value: u })));
  const categoryList = h('datalist', { id: 'product-categories' }, categories.map((c) => h('option', { value: c })));

  const form = h(
    'form',
    { class: 'card edit product-form', novalidate: true, 'aria-labelledby': isNew ? 'page-title' : 'details-title' },
    isNew ? null : h('h2', { class: 'card__title', id: 'details-title' }, t('products.details')),
    alert,
    make('name', t('products.name'), text(current.name, { maxlength: '120', required: true, autocomplete: 'off' })),
    h(
      'div',
      { class: 'grid grid--2 form-pair' },
      make('price', t('products.price'), text(rupeesInput(current.price_paise), { inputmode: 'decimal', autocomplete: 'off', required: true, placeholder: '45.50' }), { prefix: '₹' }),
      make('mrp', t('products.mrp'), text(rupeesInput(current.mrp_paise), { inputmode: 'decimal', autocomplete: 'off' }), { prefix: '₹', hint: t('products.mrp_hint') }),
    ),
    h(
      'div',
      { class: 'grid grid--2 form-pair' },
      make('unit', t('products.unit'), text(current.unit, { maxlength: '20', list: 'product-units', autocomplete: 'off', required: true }), { hint: t('products.unit_hint') }),
      make('category', t('products.category'), text(current.category, { maxlength: '60', list: 'product-categories', autocomplete: 'off' })),
    ),
    unitList,
    categoryList,
    make('description', t('products.description'), h('textarea', { class: 'textarea', rows: '3', maxlength: '1000' }, current.description || '')),
    h(
      'div',
      { class: 'grid grid--2 form-pair' },
      make('gst', t('products.gst'), gst, { hint: t('products.gst_hint') }),
      make('hsn', t('products.hsn'), text(current.hsn, { inputmode: 'numeric', maxlength: '8', autocomplete: 'off' }), { hint: t('products.hsn_hint') }),
    ),
    h(
      'div',
      { class: 'grid grid--2 form-pair' },
      isNew ? make('stock', t('products.stock'), text(String(current.stock), { inputmode: 'numeric', autocomplete: 'off' })) : null,
      make('low_stock_threshold', t('products.threshold'), text(String(current.low_stock_threshold), { inputmode: 'numeric', autocomplete: 'off' }), { hint: t('products.threshold_hint') }),
      make('sort_order', t('products.sort_order'), text(String(current.sort_order ?? 0), { inputmode: 'numeric', autocomplete: 'off' }), { hint: t('products.sort_hint') }),
    ),
    h('label', { class: 'checkbox toggle', for: 'product-active' }, active, h('span', {}, t('products.active'))),
    h('p', { class: 'field__hint toggle__hint' }, t('products.active_hint')),
    save,
  );

  fields.price.field.append(amountReadout(inputs.price));
  fields.mrp.field.append(amountReadout(inputs.mrp));

  const readForm = () => {
    const errors = {};
    const values = {
      name: inputs.name.value.trim(),
      description: inputs.description.value.trim(),
      unit: inputs.unit.value.trim(),
      category: inputs.category.value.trim(),
      hsn: inputs.hsn.value.trim(),
      gst_rate_bp: Number(gst.value),
      active: active.checked,
    };
    if (!values.name) errors.name = t('products.name_required');
    if (!values.unit) errors.unit = t('products.unit_required');
    const price = parseRupees(inputs.price.value);
    if (price.error) {
      errors.price = t(`products.price_${price.error}`);
    } else if (price.paise <= 0) {
      errors.price = t('products.price_zero');
    } else {
      values.price_paise = price.paise;
    }
    const mrp = parseRupees(inputs.mrp.value);
    if (mrp.error === 'empty') {
      values.mrp_paise = null;
    } else if (mrp.error) {
      errors.mrp = t(`products.price_${mrp.error}`);
    } else if (values.price_paise && mrp.paise < values.price_paise) {
      errors.mrp = t('products.mrp_below');
    } else {
      values.mrp_paise = mrp.paise;
    }
    if (values.hsn && !/^\d{4,8}$/.test(values.hsn)) errors.hsn = t('products.hsn_invalid');
    for (const key of ['stock', 'low_stock_threshold', 'sort_order']) {
      if (!inputs[key]) continue;
      const raw = inputs[key].value.trim() || '0';
      if (WHOLE.test(raw)) {
        values[key] = Number(raw);
      } else {
        errors[key] = t('products.whole_number');
      }
    }
    return { values, errors };
  };

  const showErrors = (errors) => {
    let first = null;
    for (const [key, message] of Object.entries(errors)) {
      if (inputs[key]) {
        setFieldError(inputs[key], fields[key].error, message);
        first = first || inputs[key];
      }
    }
    first?.focus();
    return Boolean(first);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    const { values, errors } = readForm();
    if (Object.keys(errors).length > 0) {
      showErrors(errors);
      return;
    }
    let body = values;
    if (!isNew) {
      body = {};
      for (const [key, value] of Object.entries(values)) {
        if (value !== (product[key] ?? (key === 'mrp_paise' ? null : ''))) body[key] = value;
      }
      if (Object.keys(body).length === 0) {
        toast(t('store.nothing_changed'));
        return;
      }
    }
    const restore = busy(save, t('store.saving'));
    let answer;
    try {
      answer = isNew ? await post(productsUrl(storeId), body) : await patch(productsUrl(storeId, `/${encodeURIComponent(product.product_id)}`), body);
    } catch (err) {
      restore();
      const named = {};
      if (err instanceof ApiError) {
        for (const f of err.fields) {
          const key = SERVER_FIELDS[f.field] || f.field;
          if (inputs[key]) named[key] = serverText(f.message);
        }
      }
      if (!showErrors(named)) {
        alert.textContent = describeError(err);
        alert.hidden = false;
        alert.scrollIntoView({ block: 'center' });
      }
      return;
    }
    restore();
    if (isNew) {
      toast(t('products.created', { name: productOf(answer).name }));
      location.hash = productHref(place, productOf(answer).product_id);
      return;
    }
    Object.assign(product, productOf(answer));
    onSaved(productOf(answer));
    toast(t('store.saved'));
  });
  return form;
}
