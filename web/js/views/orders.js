// The owner's Orders tab: status filters, the newest orders first with "Load more", a quiet refresh
// every 20 s while the page is visible (new orders appear on their own), and one order's page with
// the next steps, the customer's contact, WhatsApp, the tracking link and the GST invoice.

import { ApiError, get, post } from '../api.js';
import { formatNumber, t } from '../i18n.js';
import { formatMobile } from '../phone.js';
import { busy, describeError, emptyState, field, h, icon, pageHeader, setFieldError, toast } from '../ui.js';
import { itemCount, paymentBadge, rupees, shortNumber, statusBadge, statusText, timeElement } from './order_bits.js';
import { cancelRefundNote, orderRefundsCard } from './refunds.js';

const REFRESH_MS = 20000;

/** The filter tabs: [key, status sent to the API ('' = all)]. "New" is a confirmed order not yet packed. */
const FILTERS = [
  ['new', 'CONFIRMED'],
  ['awaiting', 'PENDING_PAYMENT'],
  ['packed', 'PACKED'],
  ['out', 'OUT_FOR_DELIVERY'],
  ['delivered', 'DELIVERED'],
  ['cancelled', 'CANCELLED'],
  ['all', ''],
];

/** Where an order may go next (the server's state machine), for servers that do not say. */
const NEXT = {
  PENDING_PAYMENT: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['PACKED', 'CANCELLED'],
  PACKED: ['OUT_FOR_DELIVERY', 'CANCELLED'],
  OUT_FOR_DELIVERY: ['DELIVERED', 'CANCELLED'],
  DELIVERED: [],
  CANCELLED: [],
};

/** "#/orders/ID?x=1" → {id: "ID", query: URLSearchParams("x=1")}. */
function parseRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = hash.split('?');
  return { id: decodeURIComponent(path.split('/')[1] || ''), query: new URLSearchParams(search) };
}

function listHref(status, storeId) {
  const query = new URLSearchParams();
  if (storeId) {
    query.set('store', storeId);
  }
  query.set('status', status || 'all');
  return `#/orders?${query}`;
}

const BACK_KEY = 'webdpro.orders.back';

/** The list (filter and store) an order was opened from, so "All orders" goes back to it. */
function remember(href) {
  try {
    sessionStorage.setItem(BACK_KEY, href);
  } catch {
    // Storage blocked: "All orders" then opens the default list.
  }
}

function remembered() {
  try {
    return sessionStorage.getItem(BACK_KEY);
  } catch {
    return null;
  }
}

/** Who collected the cash of delivered cash orders: order id → rider's name (the latest 200). */
const collectors = new Map();
async function loadCollectors() {
  try {
    const answer = await get('/api/tenant/deliveries?state=delivered');
    for (const d of (answer && answer.deliveries) || []) {
      if (d.cash_collected_paise > 0) {
        collectors.set(d.order_id, d.rider_name);
      }
    }
  } catch {
    // Without the list an order still says "to collect"; nothing else depends on it.
  }
}

/** The Orders tab: one order's page for "#/orders/ID", the list otherwise. */
export async function orders(ctx) {
  const { id, query } = parseRoute();
  await loadCollectors();
  if (id) {
    const answer = await get(`/api/orders/${encodeURIComponent(id)}`);
    return orderDetail(ctx, answer.order, { back: remembered() || '#/orders' });
  }
  const answer = await get('/api/stores');
  const stores = answer && Array.isArray(answer.stores) ? answer.stores : [];
  const business = ctx.session.tenant ? ctx.session.tenant.business_name : '';
  if (stores.length === 0) {
    return h(
      'div',
      {},
      pageHeader({ kicker: business, title: t('nav.orders') }),
      // Orders come from a store: with none yet, the way forward is to make one.
      emptyState({
        iconName: 'receipt',
        title: t('empty.orders_title'),
        body: t('empty.orders_body'),
        action: h('a', { class: 'btn', href: '#/describe' }, t('store.describe_cta')),
      }),
    );
  }
  const store = stores.find((s) => s.store_id === query.get('store')) || stores[0];
  const wanted = query.get('status');
  const status = wanted === 'all' ? '' : FILTERS.some(([, s]) => s && s === wanted) ? wanted : 'CONFIRMED';
  remember(listHref(status, stores.length > 1 ? store.store_id : ''));
  return orderList(ctx, { stores, store, status, business });
}

function storePicker(stores, store, status) {
  const select = h(
    'select',
    { class: 'select' },
    stores.map((s) => h('option', { value: s.store_id, selected: s.store_id === store.store_id }, s.business_name || t('store.untitled'))),
  );
  select.addEventListener('change', () => {
    location.hash = listHref(status, select.value);
  });
  return field({ id: 'orders-store', label: t('orders.store'), input: select }).field;
}

function filterTabs(stores, store, status, counts) {
  const storeParam = stores.length > 1 ? store.store_id : '';
  const tabs = h(
    'nav',
    { class: 'filters', 'aria-label': t('orders.filter') },
    h(
      'ul',
      { class: 'filters__list' },
      FILTERS.map(([key, value]) => {
        const count = value && counts ? counts[value] : undefined;
        return h(
          'li',
          {},
          h(
            'a',
            { class: 'filters__tab', href: listHref(value, storeParam), 'aria-current': value === status ? 'page' : false, dataset: { filter: key } },
            t(`orders.filter_${key}`),
            count ? h('span', { class: 'filters__count' }, h('span', { class: 'visually-hidden' }, ': '), formatNumber(count)) : null,
          ),
        );
      }),
    ),
  );
  // On a narrow phone the row scrolls sideways: bring the chosen filter into view once drawn.
  requestAnimationFrame(() => {
    const list = tabs.querySelector('.filters__list');
    const current = tabs.querySelector('[aria-current="page"]');
    if (list && current && current.offsetLeft + current.offsetWidth > list.clientWidth) {
      list.scrollLeft = current.offsetLeft - (list.clientWidth - current.offsetWidth) / 2;
    }
  });
  return tabs;
}

function orderRow(order) {
  const count = order.item_count ?? (Array.isArray(order.items) ? order.items.length : null);
  return h(
    'li',
    { class: 'order-row', dataset: { orderId: order.order_id, status: order.status } },
    h(
      'a',
      { class: 'order-row__link', href: `#/orders/${encodeURIComponent(order.order_id)}` },
      h(
        'span',
        { class: 'order-row__main' },
        h('span', { class: 'order-row__title' }, order.customer && order.customer.name),
        h(
          'span',
          { class: 'order-row__meta' },
          h('span', { class: 'order-row__number' }, shortNumber(order.order_id)),
          ' · ',
          count !== null ? `${itemCount(count)} · ` : '',
          timeElement(order.created_at),
        ),
        h('span', { class: 'order-row__badges' }, statusBadge(order.status), paymentBadge(order, collectors.get(order.order_id))),
      ),
      h('span', { class: 'order-row__total' }, rupees(order.totals.total_paise)),
      icon('chevron', 'icon checklist__chevron'),
    ),
  );
}

async function openCounts() {
  try {
    const sales = await get('/api/tenant/sales?days=1');
    return sales && sales.open_orders ? sales.open_orders : null;
  } catch {
    return null; // counts are a nicety; the list works without them
  }
}

async function orderList(ctx, { stores, store, status, business }) {
  const base = `/api/stores/${encodeURIComponent(store.store_id)}/orders${status ? `?status=${status}` : ''}`;
  const pageUrl = (cursor) => (cursor ? `${base}${status ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : base);
  // Counts are tenant-wide, so they only label the tabs of a single-store business.
  const [first, counts] = await Promise.all([get(pageUrl('')), stores.length === 1 ? openCounts() : null]);

  const list = h('ul', { class: 'order-list', 'aria-label': t('orders.list_label') });
  const shown = new Map();
  const more = h('button', { class: 'btn btn--secondary btn--block', type: 'button' }, t('orders.load_more'));
  const moreAlert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  const filterKey = (FILTERS.find(([, s]) => s === status) || FILTERS[FILTERS.length - 1])[0];
  const empty = emptyState({
    iconName: 'receipt',
    title: t(status ? 'orders.empty_filter_title' : 'empty.orders_title', { status: status ? statusText(status) : '' }),
    body: t(status ? `orders.empty_${filterKey}` : 'empty.orders_body'),
  });
  let cursor = first.next_cursor;
  let tabs = filterTabs(stores, store, status, counts);
  let shownCounts = counts;

  const add = (items, where) => {
    const rows = [];
    for (const order of items) {
      const row = orderRow(order);
      const old = shown.get(order.order_id);
      if (old) {
        old.replaceWith(row); // a status or payment changed since it was drawn
      } else {
        rows.push(row);
      }
      shown.set(order.order_id, row);
    }
    if (where === 'top') {
      list.prepend(...rows);
    } else {
      list.append(...rows);
    }
    empty.hidden = shown.size > 0;
    list.hidden = shown.size === 0;
    return rows.length;
  };
  add(first.orders || [], 'bottom');
  more.hidden = !cursor;

  more.addEventListener('click', async () => {
    moreAlert.hidden = true;
    const restore = busy(more, t('loading'));
    try {
      const page = await get(pageUrl(cursor));
      restore();
      add(page.orders || [], 'bottom');
      cursor = page.next_cursor;
      more.hidden = !cursor;
    } catch (err) {
      restore();
      moreAlert.textContent = describeError(err);
      moreAlert.hidden = false;
    }
  });

  // New orders appear on their own: re-read the first page every 20 s while this list is on screen
  // and the tab is visible (a hidden tab on a phone should not spend data or battery).
  let refreshing = false;
  const refresh = async () => {
    if (!list.isConnected) {
      stop();
      return;
    }
    if (document.visibilityState !== 'visible' || refreshing || navigator.onLine === false) {
      return;
    }
    refreshing = true;
    try {
      const page = await get(pageUrl(''));
      // Orders not on screen yet go on top, newest first; the ones already shown are redrawn in place.
      const fresh = (page.orders || []).filter((o) => !shown.has(o.order_id));
      const added = add(fresh, 'top');
      add((page.orders || []).filter((o) => !fresh.includes(o)), 'in-place');
      if (stores.length === 1) {
        // Redraw the tab counts when they changed, unless the owner is on a tab (focus would be lost).
        const latest = await openCounts();
        if (latest && JSON.stringify(latest) !== JSON.stringify(shownCounts) && !tabs.contains(document.activeElement)) {
          const fresher = filterTabs(stores, store, status, latest);
          tabs.replaceWith(fresher);
          tabs = fresher;
          shownCounts = latest;
        }
      }
      if (added > 0) {
        toast(added === 1 ? t('orders.new_one') : t('orders.new_many', { n: formatNumber(added) }));
      }
    } catch {
      // A failed refresh is retried on the next tick; the list on screen stays as it is.
    } finally {
      refreshing = false;
    }
  };
  const timer = setInterval(refresh, REFRESH_MS);
  const onVisible = () => {
    if (document.visibilityState === 'visible') {
      refresh();
    }
  };
  document.addEventListener('visibilitychange', onVisible);
  function stop() {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  }
  window.addEventListener('hashchange', stop, { once: true });

  return h(
    'div',
    { class: 'orders' },
    pageHeader({ kicker: stores.length > 1 ? store.business_name : business, title: t('nav.orders'), lead: t('orders.lead') }),
    stores.length > 1 ? storePicker(stores, store, status) : null,
    tabs,
    empty,
    list,
    moreAlert,
    more,
  );
}

// --- one order -------------------------------------------------------------------------------------

function absolute(path) {
  return new URL(path, location.origin).href;
}

/** wa.me link from the customer's phone, for servers that do not send links.whatsapp. */
function whatsappFallback(order) {
  const digits = String((order.customer && order.customer.phone) || '').replace(/\D/g, '');
  const national = digits.length > 10 ? digits.slice(-10) : digits;
  if (national.length !== 10) {
    return '';
  }
  const text = t('orders.wa_text', { number: shortNumber(order.order_id), status: statusText(order.status) });
  return `https://wa.me/91${national}?text=${encodeURIComponent(text)}`;
}

const STEP_LABEL = {
  CONFIRMED: 'orders.do_confirm',
  PACKED: 'orders.do_packed',
  OUT_FOR_DELIVERY: 'orders.do_out',
  DELIVERED: 'orders.do_delivered',
};

function orderDetail(ctx, order, { back, notice } = {}) {
  const slot = h('div', {});
  const draw = (next, message) => {
    slot.replaceChildren(detailBody(ctx, next, { back, notice: message, redraw: draw }));
  };
  draw(order, notice);
  return slot;
}

function detailBody(ctx, order, { back, notice, redraw }) {
  const links = order.links || {};
  const whatsapp = links.whatsapp || whatsappFallback(order);
  const allowed = Array.isArray(order.allowed_transitions) ? order.allowed_transitions : NEXT[order.status] || [];
  const customer = order.customer || {};
  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: !notice }, notice || '');

  const header = h(
    'header',
    { class: 'page-header' },
    h('p', { class: 'page-header__kicker' }, h('a', { class: 'back-link', href: back }, icon('chevron', 'icon icon--sm back-link__icon'), t('orders.back'))),
    h('h1', { id: 'page-title', tabindex: '-1' }, t('orders.order_title', { number: shortNumber(order.order_id) })),
    h('p', { class: 'page-header__lead row' }, statusBadge(order.status), paymentBadge(order, collectors.get(order.order_id)), h('span', { class: 'order__time' }, timeElement(order.created_at))),
  );

  // Next steps: the forward step is the big button; cancelling is quieter and asks for a reason.
  const forward = allowed.filter((s) => s !== 'CANCELLED');
  const actions = h('div', { class: 'order__actions' });
  const move = async (button, to, reason) => {
    alert.hidden = true;
    const restore = busy(button, t('orders.saving'));
    try {
      const answer = await post(`/api/orders/${encodeURIComponent(order.order_id)}/status`, reason ? { status: to, reason } : { status: to });
      toast(t('orders.moved', { number: shortNumber(order.order_id), status: statusText(to) }));
      redraw(answer.order);
      document.getElementById('page-title')?.focus();
    } catch (err) {
      restore();
      if (err instanceof ApiError && err.status === 409) {
        // Someone (another phone, the payment gateway) changed the order: show the latest.
        try {
          const fresh = await get(`/api/orders/${encodeURIComponent(order.order_id)}`);
          redraw(fresh.order, t('orders.conflict', { status: statusText(fresh.order.status) }));
          return;
        } catch (reloadError) {
          err = reloadError;
        }
      }
      alert.textContent = describeError(err);
      alert.hidden = false;
    }
  };
  for (const to of forward) {
    const button = h('button', { class: 'btn btn--block btn--lg', type: 'button', dataset: { to } }, icon('check'), t(STEP_LABEL[to] || 'orders.do_move', { status: statusText(to) }));
    button.addEventListener('click', () => move(button, to));
    actions.append(button);
  }
  let cancelDialog = null;
  if (allowed.includes('CANCELLED')) {
    cancelDialog = reasonDialog();
    const button = h('button', { class: 'btn btn--ghost btn--danger-text btn--block', type: 'button', dataset: { to: 'CANCELLED' } }, t('orders.do_cancel'));
    button.addEventListener('click', async () => {
      const reason = await cancelDialog.ask();
      if (reason !== null) {
        move(button, 'CANCELLED', reason);
      }
    });
    actions.append(button);
  }

  const cards = [header, alert];
  if (forward.length > 0 || cancelDialog) {
    cards.push(
      h('section', { class: 'card stack', 'aria-labelledby': 'next-title' }, h('h2', { class: 'card__title', id: 'next-title' }, t('orders.next')), actions, cancelDialog ? cancelRefundNote(order) : null),
    );
  }
  if (order.status === 'CANCELLED' && order.cancel_reason) {
    cards.push(h('div', { class: 'alert alert--info' }, t('orders.cancelled_because', { reason: order.cancel_reason })));
  }
  if (order.status === 'CANCELLED') {
    cards.push(orderRefundsCard(order));
  }
  cards.push(customerCard(order, customer, whatsapp));
  cards.push(itemsCard(order));
  cards.push(linksCard(order, links));
  if (cancelDialog) {
    cards.push(cancelDialog.element);
  }
  return h('div', { class: 'stack order' }, cards);
}

function customerCard(order, customer, whatsapp) {
  const contact = h('div', { class: 'form-actions order__contact' });
  if (customer.phone) {
    contact.append(h('a', { class: 'btn btn--secondary', href: `tel:${customer.phone.replace(/[^\d+]/g, '')}` }, icon('phone'), t('orders.call')));
  }
  if (whatsapp) {
    contact.append(h('a', { class: 'btn btn--whatsapp', href: whatsapp, target: '_blank', rel: 'noopener' }, icon('share'), t('orders.whatsapp')));
  }
  const row = (label, value) => (value ? h('div', { class: 'kv__row' }, h('dt', {}, label), h('dd', {}, value)) : null);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'customer-title' },
    h('h2', { class: 'card__title', id: 'customer-title' }, t('orders.customer')),
    h(
      'dl',
      { class: 'kv' },
      row(t('orders.name'), customer.name),
      row(t('orders.phone'), customer.phone ? h('a', { href: `tel:${customer.phone.replace(/[^\d+]/g, '')}` }, formatMobile(customer.phone)) : null),
      row(t('orders.address'), customer.address),
      row(t('orders.pincode'), customer.pincode),
      row(t('orders.gstin'), customer.gstin),
    ),
    contact.childElementCount > 0 ? contact : null,
  );
}

function gstPercent(bp) {
  return formatNumber((bp || 0) / 100);
}

function itemsCard(order) {
  const totals = order.totals || {};
  const lines = (order.items || []).map((item) =>
    h(
      'li',
      { class: 'line' },
      h(
        'div',
        { class: 'line__main' },
        h('span', { class: 'line__name' }, item.name, item.unit ? h('span', { class: 'line__unit' }, ` · ${item.unit}`) : null),
        h('span', { class: 'line__meta' }, `${formatNumber(item.quantity)} × `, rupees(item.unit_price_paise)),
        h('span', { class: 'line__meta' }, t('orders.line_gst', { rate: gstPercent(item.gst_rate_bp) }), ' ', rupees(item.tax_paise)),
      ),
      h('span', { class: 'line__total' }, rupees(item.line_total_paise)),
    ),
  );
  const sum = (label, paise, cls = '') => h('div', { class: `kv__row ${cls}` }, h('dt', {}, label), h('dd', {}, rupees(paise)));
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'items-title' },
    h('div', { class: 'card__head' }, h('h2', { class: 'card__title', id: 'items-title' }, t('orders.items_title')), h('span', { class: 'card__meta' }, itemCount((order.items || []).length))),
    h('ul', { class: 'lines' }, lines),
    h(
      'dl',
      { class: 'kv totals' },
      sum(t('orders.subtotal'), totals.subtotal_paise),
      totals.delivery_fee_paise ? sum(t('orders.delivery_fee'), totals.delivery_fee_paise) : null,
      totals.discount_paise ? sum(t('orders.discount'), -totals.discount_paise) : null,
      sum(t('orders.total'), totals.total_paise, 'totals__grand'),
      sum(t('orders.tax_included'), totals.tax_paise, 'totals__tax'),
    ),
  );
}

function linksCard(order, links) {
  const parts = [];
  if (links.tracking) {
    const url = absolute(links.tracking);
    const copy = h('button', { class: 'btn btn--secondary', type: 'button' }, t('orders.copy_tracking'));
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(url);
        toast(t('orders.copied'));
      } catch {
        // No clipboard (http, old browser): show the link selected so the owner can copy it by hand.
        input.hidden = false;
        input.select();
      }
    });
    const input = h('input', { class: 'input', type: 'text', readonly: true, value: url, hidden: true, 'aria-label': t('orders.tracking_link') });
    parts.push(h('div', { class: 'form-actions order__links' }, copy, h('a', { class: 'btn btn--ghost', href: url, target: '_blank', rel: 'noopener' }, t('orders.open_tracking'))), input);
  }
  if (order.invoice_available) {
    parts.push(
      h('a', { class: 'btn btn--secondary btn--block', href: `/api/orders/${encodeURIComponent(order.order_id)}/invoice`, target: '_blank', rel: 'noopener' }, icon('receipt'), t('orders.invoice')),
    );
  } else if (order.invoice_available === false && order.status === 'PENDING_PAYMENT') {
    parts.push(h('p', { class: 'field__hint' }, t('orders.invoice_after_payment')));
  } else if (order.invoice_available === false && order.status !== 'CANCELLED') {
    parts.push(h('p', { class: 'field__hint' }, t('orders.invoice_none'), ' ', h('a', { href: '#/settings' }, t('orders.invoice_settings'))));
  }
  if (parts.length === 0) {
    return null;
  }
  return h('section', { class: 'card stack', 'aria-labelledby': 'links-title' }, h('h2', { class: 'card__title', id: 'links-title' }, t('orders.share_title')), parts);
}

/** A dialog asking why the order is cancelled; ask() resolves the reason, or null when the owner backs out. */
function reasonDialog() {
  const input = h('textarea', { class: 'textarea', rows: '2', maxlength: '300' });
  const made = field({ id: 'cancel-reason', label: t('orders.cancel_reason'), hint: t('orders.cancel_reason_hint'), input });
  const quick = ['orders.reason_stock', 'orders.reason_customer', 'orders.reason_address'].map((key) =>
    h('button', { class: 'chip', type: 'button', onclick: () => { input.value = t(key); setFieldError(input, made.error, ''); } }, t(key)),
  );
  const back = h('button', { class: 'btn btn--secondary', type: 'button' }, t('orders.keep'));
  const confirm = h('button', { class: 'btn btn--danger', type: 'submit' }, t('orders.do_cancel'));
  const form = h(
    'form',
    { method: 'dialog', novalidate: true },
    h('div', { class: 'dialog__body' }, h('h2', { class: 'card__title', id: 'cancel-title' }, t('orders.cancel_title')), h('p', { id: 'cancel-body' }, t('orders.cancel_body')), h('div', { class: 'chips' }, quick), made.field),
    h('div', { class: 'dialog__actions' }, back, confirm),
  );
  const element = h('dialog', { class: 'dialog', 'aria-labelledby': 'cancel-title', 'aria-describedby': 'cancel-body' }, form);
  let resolve = null;
  const finish = (value) => {
    if (element.open) {
      element.close();
    }
    if (resolve) {
      resolve(value);
      resolve = null;
    }
  };
  back.addEventListener('click', () => finish(null));
  element.addEventListener('close', () => finish(null));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const reason = input.value.trim();
    if (reason.length < 3) {
      setFieldError(input, made.error, t('orders.cancel_reason_required'));
      input.focus();
      return;
    }
    finish(reason);
  });
  return {
    element,
    ask() {
      input.value = '';
      setFieldError(input, made.error, '');
      element.showModal();
      back.focus();
      return new Promise((r) => {
        resolve = r;
      });
    },
  };
}
