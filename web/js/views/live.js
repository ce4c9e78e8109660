// The owner's live view: every rider out on a delivery on one map (no tile server: store, riders,
// destinations and tracks on an SVG), the deliveries each carries, and the orders ready to go that
// no rider has, with a rider to give each to. Read again every 10 seconds while open.
// GET /api/stores, /api/tenant/riders, /api/tenant/deliveries?state=…; POST /api/orders/{id}/assign.

import { get, post } from '../api.js';
import { locale, t } from '../i18n.js';
import { mapSvg } from '../map.js';
import { formatPaise } from '../money.js';
import { busy, describeError, emptyState, fill, h, pageHeader, toast } from '../ui.js';
import { shortNumber, statusText } from './order_bits.js';

const REFRESH_MS = 10000;

export async function live(ctx) {
  const business = ctx.session.tenant ? ctx.session.tenant.business_name : '';
  const page = h('div', { id: 'live' });
  const time = new Intl.DateTimeFormat(locale(), { hour: 'numeric', minute: '2-digit', second: '2-digit' });

  async function load() {
    const [stores, riders, assigned, picked, waiting] = await Promise.all([
      get('/api/stores'),
      get('/api/tenant/riders'),
      get('/api/tenant/deliveries?state=assigned'),
      get('/api/tenant/deliveries?state=picked_up'),
      get('/api/tenant/deliveries?state=unassigned'),
    ]);
    return {
      stores: (stores && stores.stores) || [],
      riders: (riders && riders.riders) || [],
      deliveries: [...((picked && picked.deliveries) || []), ...((assigned && assigned.deliveries) || [])],
      waiting: (waiting && waiting.orders) || [],
    };
  }

  function draw(data) {
    const out = data.riders.filter((r) => r.active_deliveries > 0);
    const pins = [];
    for (const s of data.stores) {
      if (Number.isFinite(s.latitude) && Number.isFinite(s.longitude)) {
        pins.push({ lat: s.latitude, lng: s.longitude, kind: 'store', label: s.business_name || t('live.store') });
      }
    }
    // A rider's position shows only while they are out on a delivery.
    for (const r of out) {
      if (r.position) {
        pins.push({ lat: r.position.lat, lng: r.position.lng, kind: 'rider', label: r.name, tag: (r.name || '').split(' ')[0] });
      }
    }
    const map = mapSvg({ pins, width: 340, height: 240, label: t('live.map_label') });
    const byRider = new Map();
    for (const d of data.deliveries) {
      if (!byRider.has(d.agent_user_id)) {
        byRider.set(d.agent_user_id, []);
      }
      byRider.get(d.agent_user_id).push(d);
    }
    const free = data.riders.filter((r) => r.available && r.active_deliveries < r.max_orders);
    fill(
      page,
      pageHeader({ kicker: business, title: t('live.title'), lead: t('live.lead') }),
      h('p', { class: 'nav-links' }, h('a', { href: '#/riders' }, t('nav.riders')), ' · ', h('a', { href: '#/cash-ledger' }, t('ledger.title'))),
      map ? h('div', { class: 'live-map card', id: 'live-map' }, map) : h('p', { class: 'field__hint' }, t('live.no_positions')),
      h('p', { class: 'field__hint', 'aria-live': 'polite' }, t('live.updated', { time: time.format(new Date()) })),
      h('h2', { class: 'section-title' }, t('live.riders_out', { n: out.length })),
      out.length === 0
        ? h('p', { class: 'field__hint' }, t('live.nobody_out'))
        : h('ul', { class: 'list', id: 'live-riders' }, out.map((r) => riderItem(r, byRider.get(r.user_id) || [], time))),
      h('h2', { class: 'section-title' }, t('live.waiting', { n: data.waiting.length })),
      data.waiting.length === 0
        ? emptyState({ iconName: 'scooter', title: t('live.none_waiting_title'), body: t('live.none_waiting_body') })
        : h('ul', { class: 'list', id: 'live-waiting' }, data.waiting.map((o) => waitingItem(o, free, refresh))),
    );
  }

  // Read again every REFRESH_MS while the page is shown; leaving the section stops it.
  let timer = null;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (page.isConnected) {
        refresh();
      }
    }, REFRESH_MS);
  }
  async function refresh() {
    try {
      draw(await load());
    } catch (err) {
      toast(describeError(err));
    }
    schedule();
  }
  draw(await load());
  schedule();
  return page;
}

function riderItem(r, deliveries, time) {
  const seen = r.last_seen_at ? t('live.seen', { time: time.format(new Date(r.last_seen_at)) }) : t('live.not_seen');
  return h(
    'li',
    { class: 'list__item', dataset: { rider: r.user_id } },
    h('span', { class: 'avatar', 'aria-hidden': 'true' }, (r.name || '?').slice(0, 1)),
    h('div', { class: 'list__main' },
      h('div', { class: 'list__title' }, r.name || t('riders.no_name')),
      h('div', { class: 'list__meta' }, seen),
      ...deliveries.map((d) => h('div', { class: 'list__meta' },
        `${shortNumber(d.order_id)} · ${d.order.customer_name} · ${t(d.state === 'PICKED_UP' ? 'live.on_the_way' : 'live.to_pick_up')}` +
          (d.cod_due_paise > 0 ? ` · ${t('live.cash', { amount: formatPaise(d.cod_due_paise) })}` : '')))),
  );
}

function waitingItem(o, free, refresh) {
  const select = h('select', { 'aria-label': t('live.choose_rider', { order: shortNumber(o.order_id) }) },
    h('option', { value: '' }, t('live.choose')),
    free.map((r) => h('option', { value: r.user_id }, r.name)));
  const button = h('button', { class: 'btn', type: 'button', disabled: free.length === 0 }, t('live.assign'));
  button.addEventListener('click', async () => {
    if (!select.value) {
      select.focus();
      return;
    }
    const done = busy(button, t('loading'));
    try {
      await post(`/api/orders/${encodeURIComponent(o.order_id)}/assign`, { agent_user_id: select.value });
      toast(t('live.assigned', { order: shortNumber(o.order_id) }));
      await refresh();
    } catch (err) {
      done();
      toast(describeError(err));
    }
  });
  return h(
    'li',
    { class: 'card stack', dataset: { order: o.order_id } },
    h('div', { class: 'list__title' }, `${shortNumber(o.order_id)} · ${o.customer_name}`),
    h('div', { class: 'list__meta' }, `${statusText(o.status)} · ${formatPaise(o.total_paise)} · ${o.address}`),
    free.length === 0 ? h('p', { class: 'field__hint' }, t('live.no_free_rider')) : h('div', { class: 'row' }, select, button),
  );
}
