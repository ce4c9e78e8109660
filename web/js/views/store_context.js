// Where the Products tab works: the store it is on (?store=, else the remembered one, else the first),
// its links and sub-tabs, the store picker, and the page shown when there is no store yet. Shared by
// the product list, the import page and the inventory page.

import { get } from '../api.js';
import { t } from '../i18n.js';
import { emptyState, field, h, pageHeader } from '../ui.js';

const STORE_KEY = 'webdpro.products_store';

export const productsUrl = (storeId, tail = '') => `/api/stores/${encodeURIComponent(storeId)}/products${tail}`;

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

/** A product's page, in the chosen store. */
export function productHref(place, productId) {
  return tabHref(`products/${encodeURIComponent(productId)}`, place);
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
