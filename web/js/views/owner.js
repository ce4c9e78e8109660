// Owner views: the dashboard, first-run "Name your business", and the business picker.

import { ApiError, get, post } from '../api.js';
import { lang, t } from '../i18n.js';
import { busy, describeError, emptyState, field, h, icon, pageHeader, setFieldError, toast } from '../ui.js';
import { todayCard } from './sales.js';

/** Store states in which the description has become a store. */
const BUILT = new Set(['DRAFT', 'PAID', 'PUBLISHED']);

/** The owner's home: the setup checklist and today's sales (first, once there are orders). */
export async function dashboard(ctx) {
  const { session } = ctx;
  // Each step reads the real state; a failed read only leaves its step unticked.
  const [agents, stores, sales, figures] = await Promise.all([
    get('/api/agents').then((answer) => (answer && Array.isArray(answer.agents) ? answer.agents : []), () => []),
    get('/api/stores').then((answer) => (answer && Array.isArray(answer.stores) ? answer.stores : []), () => []),
    get('/api/tenant/sales?days=7').catch(() => null),
    get('/api/tenant/dashboard?range=7d').catch(() => null),
  ]);
  const hasProducts = await anyProducts(stores);
  const built = stores.some((s) => BUILT.has(s.status));
  const published = stores.some((s) => s.status === 'PUBLISHED');
  const shared = stores.some((s) => s.link_shared === true);
  const steps = [
    { key: 'dash.step_business', done: true },
    { key: 'dash.step_store', done: built, href: stores.length > 0 ? '#/store' : '#/describe' },
    { key: 'dash.step_products', done: hasProducts, href: '#/products' },
    { key: 'dash.step_publish', done: published, href: '#/store' },
    { key: 'dash.step_riders', done: agents.length > 0, href: '#/riders' },
    { key: 'dash.step_share', done: shared, href: published ? '#/store' : null },
  ];
  const done = steps.filter((s) => s.done).length;
  const percent = Math.round((done / steps.length) * 100);
  const bar = h('div', { class: 'progress__bar' });
  bar.style.width = `${percent}%`;
  const name = session.user && session.user.name;
  const today = todayCard(sales, figures);
  const todaySection = [
    h('h2', { class: 'section-title', id: 'today-title' }, t('dash.today')),
    today || emptyState({ iconName: 'receipt', title: t('dash.no_orders_title'), body: t('dash.no_orders_body') }),
  ];

  return h(
    'div',
    {},
    pageHeader({
      kicker: t('dash.kicker'),
      title: session.tenant ? session.tenant.business_name : t('nav.dashboard'),
      lead: name ? t('dash.greeting', { name }) : null,
    }),
    // Once orders come in, today's numbers are what the owner opens the app for: they go first.
    today ? todaySection : null,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'setup-title' },
      h(
        'div',
        { class: 'card__head' },
        h('h2', { class: 'card__title', id: 'setup-title' }, t('dash.setup_title')),
        h('span', { class: 'card__meta' }, t('dash.setup_lead', { done, total: steps.length })),
      ),
      h(
        'div',
        {
          class: 'progress',
          role: 'progressbar',
          'aria-labelledby': 'setup-title',
          'aria-valuemin': '0',
          'aria-valuemax': String(steps.length),
          'aria-valuenow': String(done),
        },
        bar,
      ),
      h(
        'ol',
        { class: 'checklist' },
        steps.map((step, index) => {
          const dot = h('span', { class: 'checklist__dot', 'aria-hidden': 'true' }, step.done ? icon('check', 'icon icon--sm') : String(index + 1));
          const label = h('span', { class: 'checklist__text' }, t(step.key));
          const state = h('span', { class: 'visually-hidden' }, `${t(step.done ? 'dash.done' : 'dash.todo')}: `);
          const inner = step.href && !step.done
            ? h('a', { class: 'checklist__link', href: step.href }, dot, state, label, icon('chevron', 'icon checklist__chevron'))
            : h('div', { class: 'checklist__link' }, dot, state, label);
          return h('li', { class: `checklist__item${step.done ? ' checklist__item--done' : ''}` }, inner);
        }),
      ),
    ),
    today ? null : todaySection,
  );
}

/** True when one of the stores has at least one product (a failed read counts as none). */
async function anyProducts(stores) {
  const answers = await Promise.all(
    stores
      .filter((s) => BUILT.has(s.status))
      .map((s) => get(`/api/stores/${encodeURIComponent(s.store_id)}/products?limit=1`).catch(() => null)),
  );
  return answers.some((a) => a && Array.isArray(a.products) && a.products.length > 0);
}

const NAME_MIN = 2;
const NAME_MAX = 80;

/** First run: a signed-in person without a business names one (POST /api/tenants). */
export function welcome(ctx) {
  const input = h('input', {
    class: 'input',
    name: 'business_name',
    type: 'text',
    autocomplete: 'organization',
    maxlength: String(NAME_MAX),
    required: true,
    autocapitalize: 'words',
  });
  const { field: nameField, error } = field({
    id: 'business-name',
    label: t('welcome.name'),
    hint: t('welcome.name_hint'),
    input,
  });
  const alert = h('div', { class: 'alert alert--error auth__alert', role: 'alert', hidden: true });
  const submit = h('button', { class: 'btn btn--block', type: 'submit' }, t('welcome.create'));

  const form = h(
    'form',
    { class: 'card auth__card', novalidate: true },
    pageHeader({ title: t('welcome.title'), lead: t('welcome.lead') }),
    alert,
    nameField,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    const name = input.value.trim().replace(/\s+/g, ' ');
    if (!name) {
      setFieldError(input, error, t('welcome.name_required'));
      input.focus();
      return;
    }
    if ([...name].length < NAME_MIN) {
      setFieldError(input, error, t('welcome.name_short'));
      input.focus();
      return;
    }
    setFieldError(input, error, '');
    const restore = busy(submit, t('welcome.creating'));
    try {
      const answer = await post('/api/tenants', { business_name: name });
      await ctx.reloadSession();
      toast(t('welcome.created', { name: (answer && answer.tenant && answer.tenant.business_name) || name }));
      ctx.navigate('dashboard');
    } catch (err) {
      restore();
      if (err instanceof ApiError && err.hasField('business_name')) {
        const serverText = err.fieldMessage('business_name');
        setFieldError(input, error, serverText && lang() === 'en' ? serverText : t('welcome.name_length'));
        input.focus();
        return;
      }
      alert.textContent = describeError(err);
      alert.hidden = false;
    }
  });
  input.addEventListener('input', () => setFieldError(input, error, ''));

  return h(
    'div',
    { class: 'narrow' },
    form,
    h(
      'p',
      { class: 'auth__note' },
      t('welcome.shopper'),
      ' ',
      h('a', { href: '#/my-orders' }, t('welcome.shopper_link')),
    ),
  );
}

/** A person linked to several businesses (and none chosen yet) picks one: POST /api/auth/switch. */
export function chooseBusiness(ctx) {
  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  const list = h(
    'ul',
    { class: 'choice-list' },
    (ctx.session.memberships || []).map((m) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            class: 'choice',
            type: 'button',
            'aria-label': t('choose.open', { name: m.business_name }),
            onclick: (event) => switchBusiness(ctx, m, event.currentTarget, alert),
          },
          h('span', { class: 'avatar', 'aria-hidden': 'true' }, initial(m.business_name)),
          h(
            'span',
            { class: 'choice__main' },
            h('span', { class: 'choice__title' }, m.business_name),
            h('span', { class: 'choice__meta' }, t(`role.${m.role}`)),
          ),
          icon('chevron', 'icon checklist__chevron'),
        ),
      ),
    ),
  );
  return h('div', { class: 'narrow' }, pageHeader({ title: t('choose.title'), lead: t('choose.lead') }), alert, list);
}

/**
 * Opens the business of membership `m` (POST /api/auth/switch) and goes to its home section.
 * `button` is disabled meanwhile; a failure is shown in `alert` and re-enables it.
 */
export async function switchBusiness(ctx, m, button, alert) {
  alert.hidden = true;
  button.disabled = true;
  try {
    ctx.setSession(await post('/api/auth/switch', { tenant_id: m.tenant_id }));
    ctx.navigate(m.role === 'DELIVERY_AGENT' ? 'deliveries' : 'dashboard');
  } catch (err) {
    button.disabled = false;
    alert.textContent = describeError(err);
    alert.hidden = false;
  }
}

export function initial(text) {
  const first = [...String(text || '').trim()][0];
  return first ? first.toUpperCase() : '?';
}
