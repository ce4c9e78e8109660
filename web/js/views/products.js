// The owner's products (Products tab): the list with search, category chips, shown/hidden filter and
// "Load more". Routes: #/products (here), #/products/new and #/products/{id} (product.js),
// #/products/import (products_csv.js); #/inventory is inventory.js. With several stores,
// "?store={id}" picks one (remembered, store_context.js).

import { get } from '../api.js';
import { formatNumber, locale, t } from '../i18n.js';
import { busy, describeError, emptyState, fill, h, icon, pageHeader } from '../ui.js';
import { knownCategories, productPage } from './product.js';
import { priceBlock, productOf, productThumb, stockBadge, stockLevel } from './product_bits.js';
import { importPage } from './products_csv.js';
import { hashRoute, noStoreView, ownerStore, productHref, productsUrl, storePicker, subTabs, tabHref } from './store_context.js';

const PAGE_SIZE = 30;
const SEARCH_DELAY_MS = 350;

/** The list filter survives opening a product and coming back. */
let listFilter = { storeId: '', q: '', category: '', active: '' };

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
