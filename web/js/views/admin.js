// The platform admin's console: the overview (GMV, orders per minute, the outbox), tenants with
// search, one tenant's page (suspend, restore, plan), AI usage, dead events with replay and the
// audit log. Figures come from /api/admin/*; every change asks for a reason and a confirmation.

import { get, post } from '../api.js';
import { formatDate, formatNumber, t } from '../i18n.js';
import { formatPaise } from '../money.js';
import { confirmDialog, describeError, emptyState, field, h, pageHeader, toast } from '../ui.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    el.setAttribute(key, String(value));
  }
  el.append(...children);
  return el;
}

/** The query of the hash route: "#/tenant?id=x" → URLSearchParams. */
function hashQuery() {
  const at = location.hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : location.hash.slice(at + 1));
}

function stat(label, value, note) {
  return h('div', { class: 'stat' }, h('span', { class: 'stat__label' }, label), h('span', { class: 'stat__value' }, value), note ? h('span', { class: 'stat__delta' }, note) : null);
}

/** "$0.0045" from micro-USD. */
function usd(micro) {
  const dollars = Number(micro || 0) / 1e6;
  return `$${dollars.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: dollars < 1 ? 4 : 2 })}`;
}

function percent(rate) {
  return `${formatNumber(Math.round(Number(rate || 0) * 1000) / 10)}%`;
}

function statusBadge(status) {
  return h('span', { class: `badge ${status === 'SUSPENDED' ? 'badge--danger' : 'badge--success'}` }, t(status === 'SUSPENDED' ? 'admin.suspended' : 'admin.active'));
}

function subNav(current) {
  const links = [
    ['platform', 'admin.overview'],
    ['ai', 'admin.ai_title'],
    ['dead', 'admin.dead_title'],
    ['audit', 'admin.audit_title'],
  ];
  return h(
    'nav',
    { class: 'chips', 'aria-label': t('admin.sections') },
    links.map(([route, key]) => h('a', { class: 'chip', href: `#/${route}`, 'aria-current': route === current ? 'page' : false }, t(key))),
  );
}

function table(headers, rows, label) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table', 'aria-label': label },
      h('thead', {}, h('tr', {}, headers.map(([text, num]) => h('th', { class: num ? 'num' : null, scope: 'col' }, text)))),
      h('tbody', {}, rows),
    ),
  );
}

function cell(text, num) {
  return h('td', { class: num ? 'num' : null }, text);
}

/** Sixty bars of orders per minute, the newest on the right; one labelled image. */
function minuteChart(counts) {
  const width = 300;
  const height = 80;
  const top = Math.max(1, ...counts);
  const slot = width / counts.length;
  const bars = counts.map((n, i) => {
    const barHeight = n > 0 ? Math.max(3, Math.round(((height - 4) * n) / top)) : 1;
    return svg('rect', { x: (i * slot).toFixed(1), y: height - barHeight, width: Math.max(1, slot - 1).toFixed(1), height: barHeight, class: 'chart__bar' });
  });
  const total = counts.reduce((a, b) => a + b, 0);
  return svg(
    'svg',
    { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t('admin.per_minute_label', { n: formatNumber(total) }) },
    svg('line', { x1: 0, y1: height, x2: width, y2: height, class: 'chart__axis' }),
    ...bars,
  );
}

export async function platformPage() {
  const o = await get('/api/admin/overview');
  const outbox = o.outbox || {};
  return h(
    'div',
    { class: 'stack' },
    pageHeader({ title: t('admin.overview'), lead: t('admin.overview_lead') }),
    subNav('platform'),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'sales-title' },
      h('h2', { id: 'sales-title', class: 'card__title' }, t('admin.sales')),
      h(
        'div',
        { class: 'grid grid--2' },
        stat(t('admin.gmv_all'), formatPaise(o.sales.gmv_paise), t('admin.orders_n', { n: formatNumber(o.sales.orders) })),
        stat(t('admin.gmv_today'), formatPaise(o.sales.today.gmv_paise), t('admin.orders_n', { n: formatNumber(o.sales.today.orders) })),
      ),
      h('p', { class: 'field__hint' }, t('admin.gmv_note')),
    ),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'minute-title' },
      h('h2', { id: 'minute-title', class: 'card__title' }, t('admin.per_minute')),
      stat(t('admin.last_hour'), formatNumber(o.orders_last_hour), t('admin.per_minute_avg', { n: formatNumber(Math.round((o.orders_last_hour / 60) * 10) / 10) })),
      minuteChart(o.orders_per_minute || []),
    ),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'count-title' },
      h('h2', { id: 'count-title', class: 'card__title' }, t('admin.platform_counts')),
      h(
        'div',
        { class: 'grid grid--2' },
        stat(t('admin.tenants'), formatNumber(o.tenants.total), t('admin.suspended_n', { n: formatNumber(o.tenants.suspended) })),
        stat(t('admin.stores'), formatNumber(o.stores.total), t('admin.published_n', { n: formatNumber(o.stores.published) })),
      ),
    ),
    h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'outbox-title' },
      h('h2', { id: 'outbox-title', class: 'card__title' }, t('admin.outbox')),
      h(
        'div',
        { class: 'grid grid--2' },
        stat(t('admin.backlog'), formatNumber(outbox.pending), outbox.pending > 0 ? t('admin.oldest', { n: formatNumber(Math.round(outbox.oldest_pending_age_s)) }) : null),
        stat(t('admin.dead'), formatNumber(outbox.dead), null),
      ),
      outbox.dead > 0 ? h('a', { class: 'btn btn--secondary', href: '#/dead' }, t('admin.dead_open')) : null,
    ),
  );
}

export async function tenantsPage(ctx) {
  const params = hashQuery();
  const q = params.get('q') || '';
  const status = params.get('status') || '';
  let cursor = null;
  const list = h('ul', { class: 'list', 'aria-label': t('tenants.title') });
  const results = h('div', {}, list);
  const more = h('button', { class: 'btn btn--secondary', type: 'button', hidden: true }, t('admin.more'));
  const problem = h('div', { role: 'alert' });

  const search = h('input', { class: 'input', id: 'tenant-q', type: 'search', value: q, placeholder: t('admin.search_hint'), autocomplete: 'off' });
  const filter = h(
    'select',
    { class: 'select', id: 'tenant-status' },
    [['', 'admin.any_status'], ['ACTIVE', 'admin.active'], ['SUSPENDED', 'admin.suspended']].map(([v, key]) => h('option', { value: v, selected: v === status }, t(key))),
  );
  const form = h(
    'form',
    { class: 'grid grid--2', role: 'search' },
    field({ id: 'tenant-q', label: t('admin.search'), input: search }).field,
    field({ id: 'tenant-status', label: t('admin.status'), input: filter }).field,
  );
  const go = () => {
    const next = new URLSearchParams();
    if (search.value.trim()) next.set('q', search.value.trim());
    if (filter.value) next.set('status', filter.value);
    const hash = `#/tenants${next.toString() ? `?${next}` : ''}`;
    if (location.hash === hash) {
      ctx.rerender();
    } else {
      location.hash = hash;
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go();
  });
  filter.addEventListener('change', go);

  async function load() {
    const query = new URLSearchParams();
    if (q) query.set('q', q);
    if (status) query.set('status', status);
    if (cursor) query.set('cursor', cursor);
    try {
      const answer = await get(`/api/admin/tenants?${query}`);
      for (const tenant of answer.tenants) {
        list.append(tenantItem(tenant));
      }
      cursor = answer.next_cursor;
      more.hidden = !cursor;
      if (list.children.length === 0) {
        results.replaceChildren(emptyState({ iconName: 'building', title: t(q || status ? 'admin.no_match' : 'tenants.empty_title'), body: t(q || status ? 'admin.no_match_body' : 'tenants.empty_body') }));
      }
    } catch (error) {
      problem.className = 'alert alert--error';
      problem.textContent = describeError(error);
    }
  }
  more.addEventListener('click', load);
  await load();
  return h('div', { class: 'stack' }, pageHeader({ title: t('tenants.title'), lead: t('tenants.lead') }), form, problem, results, more);
}

function tenantItem(tenant) {
  const meta = [
    tenant.owner_phone_masked,
    t('admin.stores_n', { n: formatNumber(tenant.stores) }),
    `${t('admin.gmv')} ${formatPaise(tenant.gmv_paise)}`,
    tenant.last_activity_at ? t('admin.active_on', { date: formatDate(tenant.last_activity_at) }) : '',
  ].filter(Boolean);
  return h(
    'li',
    { class: 'list__item' },
    h(
      'div',
      { class: 'list__main' },
      h('a', { class: 'list__title', href: `#/tenant?id=${encodeURIComponent(tenant.id)}` }, tenant.business_name),
      h('div', { class: 'list__meta' }, meta.join(' · ')),
    ),
    h('span', { class: 'badge badge--brand' }, tenant.plan),
    statusBadge(tenant.status),
  );
}

export async function tenantPage(ctx) {
  const id = hashQuery().get('id') || '';
  const { tenant } = await get(`/api/admin/tenants/${encodeURIComponent(id)}`);
  const dialog = confirmDialog();
  const suspended = tenant.status === 'SUSPENDED';

  const reason = h('textarea', { class: 'textarea', id: 'admin-reason', rows: 2, maxlength: 500, required: true });
  const { field: reasonField, error: reasonError } = field({ id: 'admin-reason', label: t('admin.reason'), hint: t('admin.reason_hint'), input: reason });

  async function act(path, body, confirmKey, danger) {
    const why = reason.value.trim();
    if (!why) {
      reasonError.hidden = false;
      reasonError.textContent = t('admin.reason_needed');
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      return;
    }
    reasonError.hidden = true;
    reason.removeAttribute('aria-invalid');
    const ok = await dialog.ask({ title: t(`${confirmKey}_title`, { name: tenant.business_name }), body: t(`${confirmKey}_body`), confirm: t(`${confirmKey}_confirm`), danger });
    if (!ok) {
      return;
    }
    try {
      await post(`/api/admin/tenants/${encodeURIComponent(tenant.id)}/${path}`, { ...body, reason: why });
      toast(t('admin.done'));
      ctx.rerender();
    } catch (error) {
      toast(describeError(error));
    }
  }

  const plan = h(
    'select',
    { class: 'select', id: 'admin-plan' },
    ['FREE', 'PRO', 'ENTERPRISE'].map((p) => h('option', { value: p, selected: p === tenant.plan }, p)),
  );
  const actions = h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title', class: 'card__title' }, t('admin.actions')),
    suspended
      ? h('div', { class: 'alert alert--error' }, t('admin.suspended_since', { date: formatDate(tenant.suspended_at), reason: tenant.suspended_reason }))
      : null,
    reasonField,
    h(
      'div',
      { class: 'row' },
      suspended
        ? h('button', { class: 'btn', type: 'button', onclick: () => act('restore', {}, 'admin.restore', false) }, t('admin.restore'))
        : h('button', { class: 'btn btn--danger', type: 'button', onclick: () => act('suspend', {}, 'admin.suspend', true) }, t('admin.suspend')),
    ),
    field({ id: 'admin-plan', label: t('admin.plan'), hint: t('admin.plan_hint'), input: plan }).field,
    h(
      'button',
      {
        class: 'btn btn--secondary',
        type: 'button',
        onclick: () => (plan.value === tenant.plan ? toast(t('admin.same_plan')) : act('plan', { plan: plan.value }, 'admin.plan_change', false)),
      },
      t('admin.plan_save'),
    ),
  );

  const ai = tenant.ai || {};
  return h(
    'div',
    { class: 'stack' },
    dialog.element,
    h('p', {}, h('a', { href: '#/tenants' }, t('admin.back'))),
    pageHeader({ kicker: tenant.owner_phone_masked, title: tenant.business_name }),
    h('div', { class: 'row' }, statusBadge(tenant.status), h('span', { class: 'badge badge--brand' }, tenant.plan)),
    h(
      'section',
      { class: 'card' },
      h(
        'div',
        { class: 'grid grid--2' },
        stat(t('admin.gmv'), formatPaise(tenant.gmv_paise), t('admin.orders_n', { n: formatNumber(tenant.orders) })),
        stat(t('admin.stores'), formatNumber(tenant.stores), t('admin.published_n', { n: formatNumber(tenant.published_stores) })),
        stat(t('admin.ai_month'), usd(ai.month_micro_usd), t('admin.of_budget', { budget: usd(ai.budget_micro_usd) })),
        stat(t('admin.riders'), formatNumber(tenant.agents), t('admin.active_on', { date: formatDate(tenant.last_activity_at) })),
      ),
    ),
    actions,
    tenant.stores_list.length
      ? table(
          [[t('admin.store')], [t('admin.status')], [t('admin.sector')], [t('admin.gmv'), true]],
          tenant.stores_list.map((s) => h('tr', {}, cell(`${s.business_name || s.slug} (/s/${s.slug})`), cell(s.status), cell(s.sector || '—'), cell(formatPaise(s.gmv_paise), true))),
          t('admin.stores'),
        )
      : null,
    h('h2', { class: 'card__title' }, t('admin.audit_title')),
    auditList(tenant.audit),
  );
}

function auditList(entries) {
  if (!entries.length) {
    return h('p', { class: 'field__hint' }, t('admin.audit_empty'));
  }
  return h(
    'ul',
    { class: 'list', 'aria-label': t('admin.audit_title') },
    entries.map((e) =>
      h(
        'li',
        { class: 'list__item' },
        h(
          'div',
          { class: 'list__main' },
          h('div', { class: 'list__title' }, e.action),
          h('div', { class: 'list__meta' }, [formatDate(e.at), e.actor_phone_masked || t('admin.system'), e.details && e.details.reason ? `“${e.details.reason}”` : '', e.tenant_id ? `${t('admin.tenant')} ${e.tenant_id}` : ''].filter(Boolean).join(' · ')),
        ),
      ),
    ),
  );
}

export async function aiPage() {
  const range = hashQuery().get('range') || '30d';
  const u = await get(`/api/admin/ai/usage?range=${encodeURIComponent(range)}`);
  const ranges = h(
    'nav',
    { class: 'chips', 'aria-label': t('admin.range') },
    ['today', '7d', '30d', 'month'].map((r) => h('a', { class: 'chip', href: `#/ai?range=${r}`, 'aria-current': r === u.range.name ? 'page' : false }, t(`admin.range_${r}`))),
  );
  return h(
    'div',
    { class: 'stack' },
    pageHeader({ title: t('admin.ai_title'), lead: t('admin.ai_lead') }),
    subNav('ai'),
    ranges,
    h('section', { class: 'card' }, h('div', { class: 'grid grid--2' }, stat(t('admin.ai_spend'), usd(u.cost_micro_usd)), stat(t('admin.ai_calls'), formatNumber(u.calls)))),
    h('h2', { class: 'card__title' }, t('admin.by_level')),
    u.levels.length
      ? table(
          [[t('admin.level')], [t('admin.ai_calls'), true], [t('admin.success'), true], [t('admin.fallback'), true], [t('admin.p50'), true], [t('admin.ai_spend'), true]],
          u.levels.map((l) => h('tr', {}, cell(l.level), cell(formatNumber(l.calls), true), cell(percent(l.success_rate), true), cell(percent(l.fallback_rate), true), cell(`${formatNumber(l.p50_latency_ms)} ms`, true), cell(usd(l.cost_micro_usd), true))),
          t('admin.by_level'),
        )
      : h('p', { class: 'field__hint' }, t('admin.none')),
    h('h2', { class: 'card__title' }, t('admin.by_model')),
    u.models.length
      ? table(
          [[t('admin.model')], [t('admin.ai_calls'), true], [t('admin.tokens'), true], [t('admin.ai_spend'), true]],
          u.models.map((m) => h('tr', {}, cell(`${m.provider}${m.model ? ` · ${m.model}` : ''}`), cell(formatNumber(m.calls), true), cell(formatNumber(m.input_tokens + m.output_tokens), true), cell(usd(m.cost_micro_usd), true))),
          t('admin.by_model'),
        )
      : h('p', { class: 'field__hint' }, t('admin.none')),
    h('h2', { class: 'card__title' }, t('admin.by_tenant')),
    u.tenants.length
      ? table(
          [[t('admin.tenant')], [t('admin.ai_spend'), true], [t('admin.ai_month'), true], [t('admin.budget'), true]],
          u.tenants.map((x) =>
            h(
              'tr',
              {},
              cell(h('a', { href: `#/tenant?id=${encodeURIComponent(x.tenant_id)}` }, x.business_name || x.tenant_id)),
              cell(usd(x.cost_micro_usd), true),
              cell(h('span', { class: x.month_micro_usd >= x.budget_micro_usd ? 'badge badge--danger' : null }, usd(x.month_micro_usd)), true),
              cell(usd(x.budget_micro_usd), true),
            ),
          ),
          t('admin.by_tenant'),
        )
      : h('p', { class: 'field__hint' }, t('admin.none')),
    h('h2', { class: 'card__title' }, t('admin.generated')),
    u.stores_generated.length
      ? table(
          [[t('admin.level')], [t('admin.sector')], [t('admin.stores'), true]],
          u.stores_generated.map((g) => h('tr', {}, cell(g.level), cell(g.sector || '—'), cell(formatNumber(g.stores), true))),
          t('admin.generated'),
        )
      : h('p', { class: 'field__hint' }, t('admin.none')),
  );
}

export async function deadPage(ctx) {
  const { events } = await get('/api/admin/events/dead');
  const dialog = confirmDialog();
  const replay = async (event) => {
    const ok = await dialog.ask({ title: t('admin.replay_title'), body: t('admin.replay_body', { type: event.type }), confirm: t('admin.replay'), danger: false });
    if (!ok) {
      return;
    }
    try {
      await post(`/api/admin/events/${encodeURIComponent(event.event_id)}/replay`, {});
      toast(t('admin.replayed'));
      ctx.rerender();
    } catch (error) {
      toast(describeError(error));
    }
  };
  return h(
    'div',
    { class: 'stack' },
    dialog.element,
    pageHeader({ title: t('admin.dead_title'), lead: t('admin.dead_lead') }),
    subNav('dead'),
    events.length === 0
      ? emptyState({ iconName: 'check', title: t('admin.dead_none'), body: t('admin.dead_none_body') })
      : h(
          'ul',
          { class: 'list', 'aria-label': t('admin.dead_title') },
          events.map((e) =>
            h(
              'li',
              { class: 'list__item' },
              h('div', { class: 'list__main' }, h('div', { class: 'list__title' }, e.type), h('div', { class: 'list__meta' }, [formatDate(e.created_at), t('admin.attempts_n', { n: formatNumber(e.attempts) }), e.last_error].filter(Boolean).join(' · '))),
              h('button', { class: 'btn btn--secondary', type: 'button', onclick: () => replay(e) }, t('admin.replay')),
            ),
          ),
        ),
  );
}

export async function auditPage(ctx) {
  const params = hashQuery();
  const filters = ['action', 'actor', 'tenant', 'from', 'to'];
  const query = new URLSearchParams();
  for (const key of filters) {
    if (params.get(key)) query.set(key, params.get(key));
  }
  const inputs = {
    action: h('input', { class: 'input', id: 'audit-action', value: params.get('action') || '', placeholder: 'tenant.' }),
    actor: h('input', { class: 'input', id: 'audit-actor', value: params.get('actor') || '' }),
    tenant: h('input', { class: 'input', id: 'audit-tenant', value: params.get('tenant') || '' }),
    from: h('input', { class: 'input', id: 'audit-from', type: 'date', value: params.get('from') || '' }),
    to: h('input', { class: 'input', id: 'audit-to', type: 'date', value: params.get('to') || '' }),
  };
  const form = h(
    'form',
    { class: 'card' },
    h(
      'div',
      { class: 'grid grid--2' },
      filters.map((key) => field({ id: `audit-${key}`, label: t(`admin.filter_${key}`), input: inputs[key] }).field),
    ),
    h('button', { class: 'btn', type: 'submit' }, t('admin.filter')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of filters) {
      if (inputs[key].value.trim()) next.set(key, inputs[key].value.trim());
    }
    const hash = `#/audit${next.toString() ? `?${next}` : ''}`;
    if (location.hash === hash) {
      ctx.rerender();
    } else {
      location.hash = hash;
    }
  });
  const list = h('div', {});
  const more = h('button', { class: 'btn btn--secondary', type: 'button', hidden: true }, t('admin.more'));
  let cursor = null;
  const entries = [];
  async function load() {
    const q = new URLSearchParams(query);
    if (cursor) q.set('cursor', cursor);
    const answer = await get(`/api/admin/audit?${q}`);
    entries.push(...answer.entries);
    cursor = answer.next_cursor;
    more.hidden = !cursor;
    list.replaceChildren(auditList(entries));
  }
  more.addEventListener('click', () => load().catch((error) => toast(describeError(error))));
  await load();
  return h('div', { class: 'stack' }, pageHeader({ title: t('admin.audit_title'), lead: t('admin.audit_lead') }), subNav('audit'), form, list, more);
}
