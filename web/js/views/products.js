// The owner's products (Products tab): the list with search, category chips, shown/hidden filter and
// "Load more"; one product's page (new or edit) with its photo, the stock panel and the stock history.
// Routes: #/products, #/products/new, #/products/{id}, #/products/import (products_csv.js);
// #/inventory is inventory.js. With several stores, "?store={id}" picks one (remembered).

import { ApiError, get, patch, post } from '../api.js';
import { formatNumber, lang, locale, t } from '../i18n.js';
import { formatPaise, parseRupees, rupeesInput } from '../money.js';
import { busy, describeError, emptyState, field, h, icon, pageHeader, setFieldError, toast } from '../ui.js';
import { unitAfter } from '../units.js';
import { sendBody } from '../upload.js';
import { importPage } from './products_csv.js';

const STORE_KEY = 'webdpro.products_store';
const PAGE_SIZE = 30;
const LEDGER_PAGE = 20;
const SEARCH_DELAY_MS = 350;
/** GST rates the server accepts (basis points): src/catalog/catalog_service.cpp CurrentGstRates. */
export const GST_RATES_BP = [0, 25, 150, 300, 500, 1800, 4000];
const UNITS = ['kg', 'g', 'litre', 'ml', 'piece', 'pack', 'dozen', 'bundle', 'box'];
const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
/** Photos are shrunk on the phone before upload: the server keeps 800 px anyway. */
const PHOTO_LONG_SIDE = 1280;
const PHOTO_SEND_AS_IS_BYTES = 300 * 1024;
const NOTE_MAX = 250;
// Below ₹1,000 an amount reads the same with or without grouping, so no readout is shown.
const AMOUNT_READOUT_FROM_PAISE = 100000;
const STOCK_REASONS = ['RESTOCK', 'DAMAGE', 'CORRECTION'];
/** Placeholder tile colours (text stays readable on each). */
const TILE_COLOURS = ['#0f766e', '#b45309', '#1d4ed8', '#7c3aed', '#be123c', '#15803d', '#0e7490', '#a16207'];

/** The list filter survives opening a product and coming back. */
let listFilter = { storeId: '', q: '', category: '', active: '' };

export const productsUrl = (storeId, tail = '') => `/api/stores/${encodeURIComponent(storeId)}/products${tail}`;

/** replaceChildren that, like h(), skips null/false children and flattens arrays. */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

/** A product answer: the API sends the product itself (the contract's {product} is accepted too). */
export function productOf(answer) {
  return answer && answer.product && typeof answer.product === 'object' ? answer.product : answer;
}

/** "#/products/ID/x?store=S" → {parts: ['ID', 'x'], params}. */
export function hashRoute() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const parts = path
    .split('/')
    .slice(1)
    .filter(Boolean)
    .map((part) => decodeURIComponent(part));
  return { parts, params: new URLSearchParams(query) };
}

function remembered() {
  try {
    return localStorage.getItem(STORE_KEY) || '';
  } catch {
    return '';
  }
}

function remember(storeId) {
  try {
    localStorage.setItem(STORE_KEY, storeId);
  } catch {
    // Not remembered; the link still carries ?store=.
  }
}

/**
 * The store the Products tab works on: ?store=, else the remembered one, else the first.
 * Resolves {store, stores} (store null when the owner has none).
 */
export async function ownerStore(params) {
  const answer = await get('/api/stores');
  const stores = answer && Array.isArray(answer.stores) ? answer.stores : [];
  const wanted = params.get('store') || remembered();
  const store = stores.find((s) => s.store_id === wanted) || stores[0] || null;
  if (store && stores.length > 1) {
    remember(store.store_id);
  }
  return { store, stores };
}

/** A link inside the Products tab that keeps the chosen store when there are several. */
export function tabHref(route, place) {
  return place.stores.length > 1 ? `#/${route}?store=${encodeURIComponent(place.store.store_id)}` : `#/${route}`;
}

/** No store yet: the way to describe one. */
export function noStoreView(ctx, title) {
  const business = ctx.session.tenant ? ctx.session.tenant.business_name : '';
  return h(
    'div',
    {},
    pageHeader({ kicker: business, title }),
    emptyState({
      iconName: 'box',
      title: t('empty.products_title'),
      body: t('empty.products_body'),
      action: h('a', { class: 'btn', href: '#/describe' }, t('store.describe_cta')),
    }),
  );
}

/** Products | Inventory | Import, the pages of the tab. */
export function subTabs(active, place) {
  const tabs = [
    ['products', 'products.tab_list'],
    ['inventory', 'inventory.title'],
    ['products/import', 'import.tab'],
  ];
  return h(
    'nav',
    { class: 'subtabs', 'aria-label': t('products.sections') },
    tabs.map(([route, key]) => h('a', { class: 'subtabs__tab', href: tabHref(route, place), 'aria-current': route === active ? 'page' : false }, t(key))),
  );
}

/** A select to switch stores (only when there are several). */
export function storePicker(place, route) {
  if (place.stores.length < 2) {
    return null;
  }
  const select = h(
    'select',
    { class: 'select' },
    place.stores.map((s) => h('option', { value: s.store_id, selected: s.store_id === place.store.store_id }, s.business_name || t('store.untitled'))),
  );
  select.addEventListener('change', () => {
    remember(select.value);
    location.hash = `#/${route}?store=${encodeURIComponent(select.value)}`;
  });
  return field({ id: 'products-store', label: t('products.store'), input: select }).field;
}

// --- small pieces shared with the inventory page ---------------------------------------------------

function tileColour(text) {
  let hash = 0;
  for (const ch of String(text)) {
    hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  }
  return TILE_COLOURS[hash % TILE_COLOURS.length];
}

function placeholderTile(name, size) {
  const first = [...String(name || '').trim()][0];
  const tile = h('span', { class: `thumb thumb--art thumb--${size}`, 'aria-hidden': 'true' }, first ? first.toUpperCase() : '?');
  tile.style.background = tileColour(name);
  return tile;
}

/** The product's photo, or a coloured tile with its first letter (decorative: the name is beside it). */
export function productThumb(product, size = 'sm') {
  if (!product.image) {
    return placeholderTile(product.name, size);
  }
  const img = h('img', { class: `thumb thumb--${size}`, src: product.image, alt: '', loading: 'lazy', decoding: 'async' });
  img.addEventListener('error', () => img.replaceWith(placeholderTile(product.name, size)), { once: true });
  return img;
}

/** "OUT" (nothing left), "LOW" (at or below the threshold) or "" (fine). */
export function stockLevel(product) {
  if (product.stock <= 0) {
    return 'OUT';
  }
  return product.stock <= product.low_stock_threshold ? 'LOW' : '';
}

export function stockBadge(level) {
  if (level === 'OUT') {
    return h('span', { class: 'badge badge--danger', dataset: { level } }, t('products.out'));
  }
  if (level === 'LOW') {
    return h('span', { class: 'badge badge--warning', dataset: { level } }, t('products.low'));
  }
  return null;
}

/**
 * "12 kg", "3 packs", or "12 × 500 g" when the unit is itself an amount (12 packs of 500 g, not
 * 12,500 g). `n` is a number or an already formatted one ("1.5").
 */
export function quantity(n, unit) {
  const count = typeof n === 'number' ? formatNumber(n) : n;
  if (!unit) return count;
  if (/^\d/.test(unit)) return `${count} × ${unit}`;
  const amount = typeof n === 'number' ? n : Number(String(n).replace(/,/g, ''));
  return `${count} ${unitAfter(amount, unit, lang())}`;
}

function priceBlock(product) {
  const hasMrp = product.mrp_paise !== null && product.mrp_paise !== undefined && product.mrp_paise > product.price_paise;
  return h(
    'span',
    { class: 'price' },
    h('span', { class: 'money price__now' }, formatPaise(product.price_paise)),
    hasMrp ? h('s', { class: 'money money--mrp' }, h('span', { class: 'visually-hidden' }, `${t('products.mrp_short')} `), formatPaise(product.mrp_paise)) : null,
  );
}

// --- the list ----------------------------------------------------------------------------------------

/** The Products tab: the list, or a product / the import page by the route. */
export async function productsPage(ctx) {
  const { parts, params } = hashRoute();
  const place = await ownerStore(params);
  if (!place.store) {
    return noStoreView(ctx, t('nav.products'));
  }
  if (parts[0] === 'import') {
    return importPage(ctx, place);
  }
  if (parts[0] === 'new') {
    return productPage(ctx, place, null, await knownCategories(place.store.store_id));
  }
  if (parts[0]) {
    // Both at once: on a slow network every round trip is felt.
    const [answer, categories] = await Promise.all([get(productsUrl(place.store.store_id, `/${encodeURIComponent(parts[0])}`)), knownCategories(place.store.store_id)]);
    return productPage(ctx, place, productOf(answer), categories);
  }
  return productList(ctx, place);
}

function productHref(place, productId) {
  return tabHref(`products/${encodeURIComponent(productId)}`, place);
}

function productRow(place, product) {
  const level = stockLevel(product);
  return h(
    'li',
    { class: `list__item product-row${product.active ? '' : ' product-row--hidden'}`, dataset: { productId: product.product_id } },
    productThumb(product),
    h(
      'div',
      { class: 'list__main' },
      h('a', { class: 'list__title product-row__link', href: productHref(place, product.product_id) }, product.name),
      h(
        'div',
        { class: 'list__meta product-row__meta' },
        priceBlock(product),
        product.unit ? h('span', {}, `/ ${product.unit}`) : null,
        product.active ? null : h('span', { class: 'badge' }, t('products.hidden_badge')),
      ),
    ),
    h(
      'div',
      { class: 'product-row__stock' },
      h('span', { class: 'product-row__count' }, t('products.stock_n', { n: formatNumber(product.stock) })),
      stockBadge(level),
    ),
  );
}

function chip(label, pressed, onclick) {
  return h('button', { class: 'filter-chip', type: 'button', 'aria-pressed': String(pressed), onclick }, label);
}

async function productList(ctx, place) {
  const storeId = place.store.store_id;
  if (listFilter.storeId !== storeId) {
    listFilter = { storeId, q: '', category: '', active: '' };
  }
  const filter = listFilter;
  const categories = new Set();
  const list = h('ul', { class: 'list product-list', id: 'product-list', 'aria-busy': 'false' });
  const status = h('p', { class: 'list-status', role: 'status' });
  const more = h('button', { class: 'btn btn--secondary btn--block', type: 'button', hidden: true }, t('products.load_more'));
  const chips = h('div', { class: 'filter-chips', role: 'group', 'aria-label': t('products.category') });
  const emptySlot = h('div', {});
  let cursor = null;
  let token = 0;

  const query = (extra) => {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (filter.q) params.set('q', filter.q);
    if (filter.category) params.set('category', filter.category);
    if (filter.active) params.set('active', filter.active);
    if (extra) params.set('cursor', extra);
    return productsUrl(storeId, `?${params}`);
  };

  const drawChips = () => {
    const names = [...categories].sort((a, b) => a.localeCompare(b, locale()));
    if (filter.category && !categories.has(filter.category)) {
      names.unshift(filter.category);
    }
    chips.hidden = names.length === 0;
    fill(chips,
      chip(t('products.all'), !filter.category, () => setFilter({ category: '' })),
      names.map((name) => chip(name, filter.category === name, () => setFilter({ category: name }))),
    );
  };

  const load = async (append) => {
    const mine = ++token;
    list.setAttribute('aria-busy', 'true');
    const restore = append ? busy(more, t('loading')) : null;
    if (!append) {
      status.textContent = t('loading');
    }
    let answer;
    try {
      answer = await get(query(append ? cursor : null));
    } catch (err) {
      if (mine !== token) return;
      if (restore) restore();
      list.setAttribute('aria-busy', 'false');
      status.replaceChildren(h('span', { class: 'alert alert--error', role: 'alert' }, describeError(err)), ' ', h('button', { class: 'link-btn', type: 'button', onclick: () => load(append) }, t('retry')));
      return;
    }
    if (mine !== token) return;
    if (restore) restore();
    list.setAttribute('aria-busy', 'false');
    const products = Array.isArray(answer.products) ? answer.products : [];
    cursor = answer.next_cursor || null;
    products.forEach((p) => p.category && categories.add(p.category));
    const rows = products.map((p) => productRow(place, p));
    if (append) {
      list.append(...rows);
      rows[0]?.querySelector('a')?.focus();
    } else {
      list.replaceChildren(...rows);
    }
    more.hidden = !cursor;
    list.hidden = list.children.length === 0;
    status.textContent = '';
    const filtered = filter.q || filter.category || filter.active;
    fill(emptySlot,
      list.children.length > 0
        ? ''
        : filtered
          ? h('p', { class: 'empty empty--card' }, t('products.no_match'))
          : emptyState({ iconName: 'box', title: t('empty.products_title'), body: t('products.empty_body'), action: h('a', { class: 'btn', href: tabHref('products/new', place) }, icon('plus'), t('products.add')) }),
    );
    drawChips();
  };

  const setFilter = (change) => {
    Object.assign(filter, change);
    load(false);
  };

  const search = h('input', { class: 'input', type: 'search', value: filter.q, autocomplete: 'off', enterkeyhint: 'search', placeholder: t('products.search_placeholder') });
  let searchTimer = 0;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => setFilter({ q: search.value.trim() }), SEARCH_DELAY_MS);
  });
  const searchForm = h(
    'form',
    { class: 'search', role: 'search', onsubmit: (e) => { e.preventDefault(); clearTimeout(searchTimer); search.blur(); setFilter({ q: search.value.trim() }); } },
    h('label', { class: 'visually-hidden', for: 'product-search' }, t('products.search')),
    search,
  );
  search.id = 'product-search';

  const shown = h(
    'fieldset',
    { class: 'segmented segmented--compact' },
    h('legend', { class: 'visually-hidden' }, t('products.show')),
    [['', 'products.all'], ['true', 'products.filter_active'], ['false', 'products.filter_hidden']].map(([value, key]) =>
      h(
        'label',
        { class: 'segmented__option' },
        h('input', { type: 'radio', name: 'product-active', value, checked: filter.active === value, onchange: () => setFilter({ active: value }) }),
        t(key),
      ),
    ),
  );
  more.addEventListener('click', () => load(true));

  const page = h(
    'div',
    { class: 'products' },
    pageHeader({ kicker: place.store.business_name || t('nav.products'), title: t('nav.products') }),
    subTabs('products', place),
    storePicker(place, 'products'),
    h('div', { class: 'toolbar' }, h('a', { class: 'btn', href: tabHref('products/new', place) }, icon('plus'), t('products.add'))),
    searchForm,
    chips,
    shown,
    status,
    list,
    emptySlot,
    more,
  );
  drawChips();
  await load(false);
  return page;
}

// --- one product -----------------------------------------------------------------------------------

function gstLabel(bp) {
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(bp / 100)}%`;
}

/** Field names in server errors → the form's inputs. */
const SERVER_FIELDS = { price_paise: 'price', mrp_paise: 'mrp', gst_rate_bp: 'gst' };

function serverText(message) {
  return message && lang() === 'en' ? message : t('store.field_invalid');
}

const WHOLE = /^\d{1,10}$/;

/** The categories already in use (suggestions for the category field); none if that fails. */
function knownCategories(storeId) {
  return get(productsUrl(storeId, '?limit=100')).then(
    (answer) => [...new Set((answer.products || []).map((p) => p.category).filter(Boolean))].sort(),
    () => [],
  );
}

function productPage(ctx, place, product, categories) {
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

// --- photo -------------------------------------------------------------------------------------------

/** A smaller JPEG of a big photo (and without its EXIF), or the file itself when that is not possible. */
async function shrinkPhoto(file) {
  if (file.size <= PHOTO_SEND_AS_IS_BYTES || typeof createImageBitmap !== 'function') {
    return file;
  }
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, PHOTO_LONG_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close?.();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file; // a format the browser cannot decode: let the server judge it
  }
}

function photoCard(storeId, product) {
  const url = productsUrl(storeId, `/${encodeURIComponent(product.product_id)}/photo`);
  const frame = h('div', { class: 'photo__frame' });
  // Two pickers: "capture" opens the camera straight away on Android, which leaves no way to the gallery.
  const input = h('input', { type: 'file', id: 'product-photo', class: 'visually-hidden', accept: 'image/*', capture: 'environment' });
  const gallery = h('input', { type: 'file', id: 'product-photo-file', class: 'visually-hidden', accept: 'image/*' });
  const pick = h('label', { class: 'btn btn--secondary', for: 'product-photo' }, icon('plus'), t('products.photo_take'));
  const pickFile = h('label', { class: 'btn btn--secondary', for: 'product-photo-file' }, t('products.photo_gallery'));
  const remove = h('button', { class: 'btn btn--ghost', type: 'button' }, icon('trash'), t('products.photo_remove'));
  const progress = h('progress', { class: 'photo__progress', max: '100', value: '0', 'aria-label': t('products.photo_uploading'), hidden: true });
  const status = h('p', { class: 'field__hint', role: 'status', 'aria-live': 'polite' });
  const error = h('p', { class: 'field__error', id: 'product-photo-error', role: 'alert', hidden: true });

  const draw = () => {
    fill(frame,
      product.image
        ? h('img', { class: 'photo__img', src: product.image, alt: t('products.photo_alt', { name: product.name }) })
        : h('div', { class: 'photo__empty' }, productThumb(product, 'lg'), h('span', {}, t('products.photo_none'))),
    );
    remove.hidden = !product.image;
  };
  const fail = (err) => {
    error.textContent = err instanceof ApiError && err.status === 413 ? t('products.photo_too_big') : describeError(err);
    error.hidden = false;
  };
  const setBusy = (on) => {
    input.disabled = on;
    gallery.disabled = on;
    remove.disabled = on;
    pick.setAttribute('aria-disabled', String(on));
    pickFile.setAttribute('aria-disabled', String(on));
    frame.setAttribute('aria-busy', String(on));
  };

  const upload = async (chooser) => {
    const file = chooser.files && chooser.files[0];
    chooser.value = '';
    if (!file) return;
    error.hidden = true;
    if (file.size > PHOTO_MAX_BYTES * 4) {
      fail(new ApiError({ status: 413 }));
      return;
    }
    setBusy(true);
    status.textContent = t('products.photo_preparing');
    const body = await shrinkPhoto(file);
    if (body.size > PHOTO_MAX_BYTES) {
      setBusy(false);
      status.textContent = '';
      fail(new ApiError({ status: 413 }));
      return;
    }
    progress.hidden = false;
    progress.value = 0;
    status.textContent = t('products.photo_uploading');
    // The owner sees the picture at once; the server's copy replaces it when the upload is done.
    const preview = URL.createObjectURL(body);
    fill(frame, h('img', { class: 'photo__img', src: preview, alt: '' }));
    try {
      const answer = await sendBody('PUT', url, body, {
        contentType: body.type || 'application/octet-stream',
        onProgress: (fraction) => {
          progress.value = Math.round(fraction * 100);
        },
      });
      Object.assign(product, productOf(answer));
      draw();
      status.textContent = t('products.photo_saved');
      toast(t('products.photo_saved'));
    } catch (err) {
      status.textContent = '';
      draw();
      fail(err);
    } finally {
      URL.revokeObjectURL(preview);
      progress.hidden = true;
      setBusy(false);
    }
  };
  input.addEventListener('change', () => upload(input));
  gallery.addEventListener('change', () => upload(gallery));
  remove.addEventListener('click', async () => {
    error.hidden = true;
    const restore = busy(remove, t('store.saving'));
    try {
      const answer = await sendBody('DELETE', url, null);
      Object.assign(product, productOf(answer));
      draw();
      toast(t('products.photo_removed'));
    } catch (err) {
      fail(err);
    } finally {
      restore();
      remove.hidden = !product.image;
    }
  });
  draw();
  return h(
    'section',
    { class: 'card photo', 'aria-labelledby': 'photo-title' },
    h('h2', { class: 'card__title', id: 'photo-title' }, t('products.photo')),
    frame,
    progress,
    status,
    error,
    h('div', { class: 'form-actions' }, input, gallery, pick, pickFile, remove),
    h('p', { class: 'field__hint' }, t('products.photo_hint')),
  );
}

// --- stock -------------------------------------------------------------------------------------------

function stockPanel(storeId, product, onChanged) {
  const url = productsUrl(storeId, `/${encodeURIComponent(product.product_id)}/stock`);
  const now = h('p', { class: 'stock-now' });
  const drawNow = () =>
    fill(now,
      h('span', { class: 'stock-now__label' }, t('products.stock_now')),
      h('strong', { class: 'stock-now__value', id: 'stock-now' }, quantity(product.stock, product.unit)),
      stockBadge(stockLevel(product)),
    );
  const amount = h('input', { class: 'input', type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  const qty = field({ id: 'stock-quantity', label: t('products.qty_RESTOCK'), input: amount });
  const note = h('input', { class: 'input', type: 'text', maxlength: String(NOTE_MAX), autocomplete: 'off' });
  const noteField = field({ id: 'stock-note', label: t('products.stock_note'), hint: t('products.stock_note_hint'), input: note });
  const reasons = STOCK_REASONS.map((reason) =>
    h('label', { class: 'segmented__option' }, h('input', { type: 'radio', name: 'stock-reason', value: reason, checked: reason === 'RESTOCK' }), t(`products.reason_${reason.toLowerCase()}`)),
  );
  const reasonOf = () => reasons.map((l) => l.querySelector('input')).find((i) => i.checked).value;
  const relabel = () => {
    qty.field.querySelector('label').textContent = t(`products.qty_${reasonOf()}`);
    setFieldError(amount, qty.error, '');
  };
  reasons.forEach((l) => l.querySelector('input').addEventListener('change', relabel));
  amount.addEventListener('input', () => setFieldError(amount, qty.error, ''));
  const save = h('button', { class: 'btn btn--block', type: 'submit' }, t('products.stock_save'));
  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });

  const form = h(
    'form',
    { class: 'card stock-panel', novalidate: true, 'aria-labelledby': 'stock-title' },
    h('h2', { class: 'card__title', id: 'stock-title' }, t('products.stock_title')),
    now,
    h('fieldset', { class: 'segmented' }, h('legend', { class: 'field__label' }, t('products.stock_reason')), reasons),
    qty.field,
    noteField.field,
    alert,
    save,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    const reason = reasonOf();
    const raw = amount.value.trim();
    if (!WHOLE.test(raw)) {
      setFieldError(amount, qty.error, t('products.whole_number'));
      amount.focus();
      return;
    }
    const n = Number(raw);
    const delta = reason === 'RESTOCK' ? n : reason === 'DAMAGE' ? -n : n - product.stock;
    if (delta === 0) {
      setFieldError(amount, qty.error, t(reason === 'CORRECTION' ? 'products.stock_same' : 'products.stock_zero'));
      amount.focus();
      return;
    }
    if (product.stock + delta < 0) {
      setFieldError(amount, qty.error, t('products.stock_negative', { n: formatNumber(product.stock) }));
      amount.focus();
      return;
    }
    const restore = busy(save, t('store.saving'));
    try {
      const body = { delta, reason };
      if (note.value.trim()) body.note = note.value.trim();
      const answer = await post(url, body);
      Object.assign(product, productOf(answer));
    } catch (err) {
      restore();
      const message = err instanceof ApiError ? err.fieldMessage('delta') : undefined;
      if (message !== undefined) {
        setFieldError(amount, qty.error, serverText(message));
      } else {
        alert.textContent = describeError(err);
        alert.hidden = false;
      }
      return;
    }
    restore();
    amount.value = '';
    note.value = '';
    drawNow();
    toast(t('products.stock_saved', { n: quantity(product.stock, product.unit) }));
    onChanged(product);
  });
  drawNow();
  return form;
}

function formatWhen(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(date);
}

const KNOWN_REASONS = new Set(['RESTOCK', 'DAMAGE', 'CORRECTION', 'ADJUSTMENT', 'ORDER_RESERVED', 'ORDER_RELEASED', 'IMPORT', 'INITIAL']);

function reasonText(reason) {
  return KNOWN_REASONS.has(reason) ? t(`products.reason_${reason.toLowerCase()}`) : reason;
}

/** The note an owner wrote; the opening stock's note is the server's own English words, said by the reason already. */
function ownerNote(entry) {
  return Boolean(entry.note) && entry.reason !== 'INITIAL';
}

function ledgerRow(entry) {
  const up = entry.delta > 0;
  return h(
    'li',
    { class: 'list__item ledger-row' },
    h(
      'div',
      { class: 'list__main' },
      h('div', { class: 'ledger-row__reason' }, reasonText(entry.reason)),
      h('div', { class: 'list__meta' }, h('time', { datetime: entry.created_at }, formatWhen(entry.created_at)), ownerNote(entry) ? ` · ${entry.note}` : ''),
    ),
    h(
      'div',
      { class: 'ledger-row__numbers' },
      h('span', { class: `ledger-row__delta ${up ? 'ledger-row__delta--up' : 'ledger-row__delta--down'}` }, `${up ? '+' : '−'}${formatNumber(Math.abs(entry.delta))}`),
      h('span', { class: 'list__meta' }, t('products.stock_after', { n: formatNumber(entry.stock_after) })),
    ),
  );
}

function ledgerCard(storeId, product) {
  const url = productsUrl(storeId, `/${encodeURIComponent(product.product_id)}/ledger`);
  const list = h('ul', { class: 'list ledger', id: 'ledger' });
  const status = h('p', { class: 'field__hint', role: 'status' });
  const more = h('button', { class: 'btn btn--secondary btn--block', type: 'button', hidden: true }, t('products.load_more'));
  let cursor = null;
  const load = async (append) => {
    const restore = append ? busy(more, t('loading')) : null;
    const params = new URLSearchParams({ limit: String(LEDGER_PAGE) });
    if (append && cursor) params.set('cursor', cursor);
    try {
      const answer = await get(`${url}?${params}`);
      const rows = (answer.entries || []).map(ledgerRow);
      if (append) list.append(...rows);
      else list.replaceChildren(...rows);
      cursor = answer.next_cursor || null;
      status.textContent = list.children.length === 0 ? t('products.ledger_empty') : '';
    } catch (err) {
      status.textContent = describeError(err);
    } finally {
      if (restore) restore();
      more.hidden = !cursor;
      list.hidden = list.children.length === 0;
    }
  };
  more.addEventListener('click', () => load(true));
  load(false);
  return {
    element: h(
      'section',
      { class: 'card ledger-card', 'aria-labelledby': 'ledger-title' },
      h('h2', { class: 'card__title', id: 'ledger-title' }, t('products.ledger_title')),
      status,
      list,
      more,
    ),
    reload: () => load(false),
  };
}
