// The signed-in app: loads the session, draws the role's navigation and renders the section named
// by the URL hash (#/riders). Hash routes keep every section one static page that the server embeds.

import { ApiError, get } from './api.js';
import { applyI18n, languageSwitch, t } from './i18n.js';
import { describeError, h, icon, watchConnection } from './ui.js';
import { insights } from './views/insights.js';
import { chooseBusiness, dashboard, welcome } from './views/owner.js';
import { inventoryPage } from './views/inventory.js';
import { productsPage } from './views/products.js';
import { myOrders } from './views/my_orders.js';
import { orders } from './views/orders.js';
import { paymentsPage } from './views/payments.js';
import { riders } from './views/riders.js';
import { live } from './views/live.js';
import { cashLedger } from './views/cash_ledger.js';
import { riderCash } from './views/rider_cash.js';
import { settings } from './views/settings.js';
import { describe } from './views/describe.js';
import { deliveries } from './views/deliveries.js';
import { storePage } from './views/store.js';
import { aiPage, auditPage, deadPage, platformPage, tenantPage, tenantsPage } from './views/admin.js';

const OWNER = 'BUSINESS_OWNER';
const AGENT = 'DELIVERY_AGENT';
const ADMIN = 'SUPER_ADMIN';
const CUSTOMER = 'CUSTOMER';
const EVERYONE = [OWNER, AGENT, ADMIN, CUSTOMER];

/** Sections: who may open them, their title key and how to draw them. */
const ROUTES = {
  dashboard: { roles: [OWNER], title: 'nav.dashboard', view: dashboard },
  insights: { roles: [OWNER], title: 'nav.insights', view: insights, tab: 'dashboard' },
  store: { roles: [OWNER], title: 'nav.store', view: storePage },
  describe: { roles: [OWNER], title: 'describe.title', view: describe, tab: 'store' },
  products: { roles: [OWNER], title: 'nav.products', view: productsPage },
  inventory: { roles: [OWNER], title: 'inventory.title', view: inventoryPage, tab: 'products' },
  orders: { roles: [OWNER], title: 'nav.orders', view: orders },
  payments: { roles: [OWNER], title: 'payments.title', view: paymentsPage, tab: 'store' },
  riders: { roles: [OWNER], title: 'nav.riders', view: riders },
  live: { roles: [OWNER], title: 'live.title', view: live, tab: 'riders' },
  'cash-ledger': { roles: [OWNER], title: 'ledger.title', view: cashLedger, tab: 'riders' },
  deliveries: { roles: [AGENT], title: 'nav.deliveries', view: deliveries },
  cash: { roles: [AGENT], title: 'nav.cash', view: riderCash },
  tenants: { roles: [ADMIN], title: 'nav.tenants', view: tenantsPage },
  tenant: { roles: [ADMIN], title: 'nav.tenants', view: tenantPage, tab: 'tenants' },
  platform: { roles: [ADMIN], title: 'nav.platform', view: platformPage },
  ai: { roles: [ADMIN], title: 'admin.ai_title', view: aiPage, tab: 'platform' },
  dead: { roles: [ADMIN], title: 'admin.dead_title', view: deadPage, tab: 'platform' },
  audit: { roles: [ADMIN], title: 'admin.audit_title', view: auditPage },
  'my-orders': { roles: [CUSTOMER], title: 'nav.my_orders', view: myOrders },
  welcome: { roles: [CUSTOMER], title: 'welcome.title', view: welcome },
  choose: { roles: [CUSTOMER], title: 'choose.title', view: chooseBusiness },
  settings: { roles: EVERYONE, title: 'nav.settings', view: settings },
};

/** The tab bar of each role (Settings lives in the top bar for everyone). */
const NAV = {
  [OWNER]: [
    ['dashboard', 'home'],
    ['store', 'store'],
    ['products', 'box'],
    ['orders', 'receipt'],
    ['riders', 'scooter'],
  ],
  [AGENT]: [
    ['deliveries', 'pin'],
    ['cash', 'rupee'],
  ],
  [ADMIN]: [
    ['platform', 'chart'],
    ['tenants', 'building'],
    ['audit', 'receipt'],
  ],
  [CUSTOMER]: [['my-orders', 'bag']],
};

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let session = null;
let currentRoute = '';
let renderToken = 0;
let firstRender = true;

/** Whether the signed-in person has ordered from any shop (a failed read counts as no). */
async function hasOrders() {
  try {
    const answer = await get('/api/me/orders');
    return Boolean(answer && Array.isArray(answer.orders) && answer.orders.length > 0);
  } catch {
    return false;
  }
}

async function homeRoute() {
  if (session.role === OWNER) {
    return 'dashboard';
  }
  if (session.role === AGENT) {
    return 'deliveries';
  }
  if (session.role === ADMIN) {
    return 'platform';
  }
  // A customer with businesses picks one; a shopper lands on their orders (starting a business is
  // offered there); a brand-new user with neither names their business.
  if ((session.memberships || []).length > 0) {
    return 'choose';
  }
  return (await hasOrders()) ? 'my-orders' : 'welcome';
}

function routeName() {
  return location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
}

function renderNav() {
  const items = NAV[session.role] || [];
  nav.setAttribute('aria-label', t('nav.main'));
  // One lone tab is not navigation; the customer reaches "My orders" from the page itself.
  nav.hidden = items.length < 2 || currentRoute === 'welcome' || currentRoute === 'choose';
  nav.replaceChildren(
    ...items.map(([route, iconName]) =>
      h(
        'a',
        { href: `#/${route}`, 'aria-current': route === (ROUTES[currentRoute]?.tab || currentRoute) ? 'page' : false },
        h('span', { class: 'tab__icon' }, icon(iconName)),
        h('span', { class: 'tab__label' }, t(ROUTES[route].title)),
      ),
    ),
  );
  const gear = document.getElementById('settings-link');
  gear.setAttribute('aria-label', t('nav.settings'));
  gear.title = t('nav.settings');
  if (currentRoute === 'settings') {
    gear.setAttribute('aria-current', 'page');
  } else {
    gear.removeAttribute('aria-current');
  }
}

function loadingView() {
  return h('div', { class: 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('loading'));
}

function errorView(error, retry) {
  return h(
    'div',
    { class: 'stack' },
    h('div', { class: 'alert alert--error', role: 'alert' }, describeError(error)),
    h('button', { class: 'btn btn--secondary', type: 'button', onclick: retry }, t('retry')),
  );
}

/** What views receive: the session and the few things they may do to the shell. */
const ctx = {
  get session() {
    return session;
  },
  /** Replaces the session with an auth answer ({user, role, tenant, memberships}) and redraws. */
  setSession(next) {
    session = next;
    renderNav();
  },
  /** Re-reads GET /api/me (after a change that rotated the cookies). */
  async reloadSession() {
    session = await get('/api/me');
    renderNav();
    return session;
  },
  navigate(route) {
    if (routeName() === route) {
      render();
    } else {
      location.hash = `#/${route}`;
    }
  },
  rerender() {
    render({ keepFocus: true });
  },
};

async function render({ keepFocus = false } = {}) {
  const name = routeName();
  const route = ROUTES[name];
  if (!route || !route.roles.includes(session.role)) {
    location.replace(`#/${await homeRoute()}`);
    return;
  }
  currentRoute = name;
  renderNav();
  document.title = `${t(route.title)} · WebDPro`;
  const token = ++renderToken;
  main.replaceChildren(loadingView());
  let node;
  try {
    node = await route.view(ctx);
  } catch (error) {
    node = errorView(error, () => render());
  }
  if (token !== renderToken) {
    return; // a newer navigation won
  }
  main.replaceChildren(node);
  if (!firstRender && !keepFocus) {
    window.scrollTo(0, 0);
    // Move focus to the new heading so screen readers announce the section.
    const heading = main.querySelector('h1');
    (heading || main).focus({ preventScroll: true });
  }
  firstRender = false;
}

async function start() {
  const actions = document.getElementById('topbar-actions');
  actions.append(
    languageSwitch(),
    h('a', { class: 'icon-btn', id: 'settings-link', href: '#/settings', 'aria-label': t('nav.settings') }, icon('settings')),
  );
  watchConnection(document.body);
  applyI18n();
  try {
    session = await get('/api/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return; // api.js is already taking the user to the sign-in page
    }
    main.replaceChildren(errorView(error, () => location.reload()));
    return;
  }
  window.addEventListener('hashchange', () => render());
  window.addEventListener('langchange', () => render({ keepFocus: true }));
  render();
}

start();
