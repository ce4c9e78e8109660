// The owner's store page (Store tab): status, a picture of the store and its preview, publish /
// take offline, the shop photo (store_hero.js), edit details, write new copy, custom domain. Describing a new store is describe.js.

import { ApiError, del, get, patch, post, put } from '../api.js';
import { t } from '../i18n.js';
import { busy, confirmDialog, describeError, emptyState, field, h, icon, pageHeader, setFieldError, toast } from '../ui.js';
import { failureText, generationCard, serverFieldText, storeUrl } from './describe.js';
import { heroCard } from './store_hero.js';

const STATUS_BADGE = {
  GENERATING: 'badge--info',
  DRAFT: 'badge--warning',
  PAID: 'badge--brand',
  PUBLISHED: 'badge--success',
  FAILED: 'badge--danger',
};
/** Swatches shown for each theme (primary, accent, background): a hint of its look, not its exact colours. */
const THEMES = {
  bazaar: ['#c2410c', '#facc15', '#fff7ed'],
  clean: ['#0f766e', '#38bdf8', '#ffffff'],
  classic: ['#1e3a8a', '#b7791f', '#fdfbf5'],
};

/** The id after the route name: "#/store/ID" → "ID". */
function routeParam() {
  return decodeURIComponent(location.hash.replace(/^#\/?/, '').split(/[?]/)[0].split('/')[1] || '');
}

function statusBadge(status) {
  return h('span', { class: `badge ${STATUS_BADGE[status] || ''}`, dataset: { status } }, t(`store.status_${String(status).toLowerCase()}`));
}

/** The Store tab: no store → the way to describe one; several → a list; one → its page. */
export async function storePage(ctx) {
  const wanted = routeParam();
  const answer = await get('/api/stores');
  const stores = answer && Array.isArray(answer.stores) ? answer.stores : [];
  const business = ctx.session.tenant ? ctx.session.tenant.business_name : '';
  if (wanted) {
    return storeDetail(ctx, await get(storeUrl(wanted)));
  }
  if (stores.length === 1) {
    return storeDetail(ctx, stores[0]);
  }
  if (stores.length === 0) {
    return h(
      'div',
      {},
      pageHeader({ kicker: business, title: t('nav.store') }),
      emptyState({
        iconName: 'store',
        title: t('empty.store_title'),
        body: t('empty.store_body'),
        action: h('a', { class: 'btn', href: '#/describe' }, t('store.describe_cta')),
      }),
    );
  }
  return h(
    'div',
    {},
    pageHeader({ kicker: business, title: t('store.list_title') }),
    h(
      'ul',
      { class: 'choice-list' },
      stores.map((s) =>
        h(
          'li',
          {},
          h(
            'a',
            { class: 'choice', href: `#/store/${encodeURIComponent(s.store_id)}` },
            h('span', { class: 'choice__main' }, h('span', { class: 'choice__title' }, s.business_name || t('store.untitled')), h('span', { class: 'choice__meta' }, statusBadge(s.status))),
            icon('chevron', 'icon checklist__chevron'),
          ),
        ),
      ),
    ),
    h('p', { class: 'auth__note' }, h('a', { href: '#/describe' }, t('store.another'))),
  );
}

function absolute(path) {
  return new URL(path, location.origin).href;
}

/** One store: what it is, its preview and everything the owner can do with it. */
function storeDetail(ctx, store) {
  const dialog = confirmDialog();
  const name = store.business_name || t('store.untitled');
  const header = h(
    'header',
    { class: 'page-header' },
    h('p', { class: 'page-header__kicker' }, t('nav.store')),
    h('h1', { id: 'page-title', tabindex: '-1' }, name),
    h('p', { class: 'page-header__lead row' }, statusBadge(store.status), store.tagline ? h('span', { class: 'store__tagline' }, store.tagline) : null),
  );

  if (store.status === 'GENERATING') {
    return h('div', {}, header, generationCard(store.store_id, { title: t('gen.title'), onDone: () => ctx.rerender() }));
  }
  if (store.status === 'FAILED') {
    return h('div', {}, header, failedCard(ctx, store));
  }
  return h(
    'div',
    { class: 'stack' },
    header,
    publishCard(ctx, store, dialog),
    previewCard(store),
    heroCard(store),
    editCard(ctx, store),
    regenerateCard(ctx, store, dialog),
    domainCard(ctx, store),
    dialog.element,
  );
}

function failedCard(ctx, store) {
  const retry = h('button', { class: 'btn', type: 'button' }, t('gen.retry'));
  const alert = h('div', { class: 'alert alert--error', role: 'alert' }, failureText(store.generation_error));
  retry.addEventListener('click', async () => {
    const restore = busy(retry, t('gen.retrying'));
    try {
      await post(storeUrl(store.store_id, '/retry'));
      ctx.rerender();
    } catch (err) {
      restore();
      alert.textContent = describeError(err);
    }
  });
  return h('section', { class: 'card stack' }, alert, h('div', { class: 'form-actions' }, retry, h('a', { class: 'btn btn--ghost', href: '#/describe' }, t('gen.change'))));
}

/**
 * A small picture of the store in its own colours and a button that opens the real preview in a
 * new tab. (Not an iframe: store pages refuse to be framed, and a cheap phone on a slow network
 * should not load the whole store each time the owner opens this tab.)
 */
function previewCard(store) {
  const preview = store.urls && store.urls.preview ? store.urls.preview : storeUrl(store.store_id, '/preview/');
  const theme = store.theme || {};
  const tile = h(
    'div',
    { class: 'mini', 'aria-hidden': 'true', lang: store.language || false },
    h('div', { class: 'mini__bar' }, h('span', { class: 'mini__name' }, store.business_name || ''), h('span', { class: 'mini__cart' })),
    h('div', { class: 'mini__hero' }, h('span', { class: 'mini__tagline' }, store.tagline || ''), h('span', { class: 'mini__cta' })),
    h('div', { class: 'mini__grid' }, [0, 1, 2, 3].map(() => h('span', { class: 'mini__item' }))),
  );
  for (const [prop, value] of [['--mini-p', theme.primary], ['--mini-a', theme.accent], ['--mini-bg', theme.background]]) {
    if (/^#[0-9a-f]{3,8}$/i.test(value || '')) {
      tile.style.setProperty(prop, value);
    }
  }
  return h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'preview-title' },
    h('h2', { class: 'card__title', id: 'preview-title' }, t('store.preview')),
    h('p', { class: 'field__hint' }, t(store.status === 'PUBLISHED' ? 'store.preview_live' : 'store.preview_draft')),
    h('a', { class: 'mini-link', href: preview, target: '_blank', rel: 'noopener', tabindex: '-1', 'aria-hidden': 'true' }, tile),
    h('a', { class: 'btn btn--secondary btn--block', href: preview, target: '_blank', rel: 'noopener' }, t('store.open_preview')),
  );
}

function publishCard(ctx, store, dialog) {
  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  const published = store.status === 'PUBLISHED';
  const action = h('button', { class: published ? 'btn btn--secondary btn--block' : 'btn btn--block', type: 'button' }, t(published ? 'store.unpublish' : 'store.publish'));
  action.addEventListener('click', async () => {
    alert.hidden = true;
    const ok = await dialog.ask(
      published
        ? { title: t('store.unpublish_title'), body: t('store.unpublish_body'), confirm: t('store.unpublish') }
        : { title: t('store.publish_title'), body: t('store.publish_body'), confirm: t('store.publish'), danger: false },
    );
    if (!ok) {
      return;
    }
    const restore = busy(action, t(published ? 'store.unpublishing' : 'store.publishing'));
    try {
      await post(storeUrl(store.store_id, published ? '/unpublish' : '/publish'));
    } catch (err) {
      restore();
      alert.textContent = err instanceof ApiError && err.status === 402 ? t('store.paid_needed') : describeError(err);
      alert.hidden = false;
      return;
    }
    toast(t(published ? 'store.unpublished' : 'store.published'));
    ctx.rerender();
  });

  const body = [];
  if (published && store.urls && store.urls.public) {
    const url = absolute(store.urls.public);
    const share = `https://wa.me/?text=${encodeURIComponent(t('store.share_text', { name: store.business_name || '', url }))}`;
    // Sharing or copying the link ticks the dashboard's last setup step (the server remembers it).
    const shared = () => post(storeUrl(store.store_id, '/link-shared')).catch(() => {});
    const whatsapp = h('a', { class: 'btn btn--whatsapp', href: share, target: '_blank', rel: 'noopener' }, icon('share'), t('store.share_whatsapp'));
    whatsapp.addEventListener('click', shared);
    const manual = h('input', { class: 'input', type: 'text', readonly: true, value: url, hidden: true, 'aria-label': t('store.public_link') });
    const copy = h('button', { class: 'btn btn--secondary', type: 'button' }, t('store.copy_link'));
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(url);
        toast(t('store.link_copied'));
      } catch {
        // No clipboard (http, an old browser): show the link selected so the owner can copy it by hand.
        manual.hidden = false;
        manual.select();
      }
      shared();
    });
    body.push(
      h('p', { class: 'field__hint' }, t('store.live_lead')),
      h('a', { class: 'store__url', href: url, target: '_blank', rel: 'noopener' }, url),
      h(
        'div',
        { class: 'form-actions store__share' },
        whatsapp,
        copy,
        h('a', { class: 'btn btn--ghost', href: url, target: '_blank', rel: 'noopener' }, t('store.open_public')),
      ),
      manual,
    );
  } else {
    body.push(h('p', { class: 'field__hint' }, t('store.draft_lead')));
  }
  return h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'publish-title' },
    h('h2', { class: 'card__title', id: 'publish-title' }, t(published ? 'store.live_title' : 'store.publish_card')),
    body,
    alert,
    action,
  );
}

/** A "#RRGGBB" text field with a native colour picker beside it, kept in step. */
function colourInput(value, label) {
  const text = h('input', { class: 'input', type: 'text', value: value || '', maxlength: '7', autocomplete: 'off', spellcheck: 'false', inputmode: 'text' });
  const picker = h('input', { class: 'colour__picker', type: 'color', value: /^#[0-9a-f]{6}$/i.test(value || '') ? value : '#000000', 'aria-label': label, tabindex: '-1' });
  picker.addEventListener('input', () => {
    text.value = picker.value;
    text.dispatchEvent(new Event('input'));
  });
  text.addEventListener('input', () => {
    if (/^#[0-9a-f]{6}$/i.test(text.value)) {
      picker.value = text.value;
    }
  });
  return { text, picker };
}

function editCard(ctx, store) {
  const theme = store.theme || {};
  const contact = store.contact || {};
  const inputs = {};
  const fields = {};
  const make = (key, label, input, extra = {}) => {
    inputs[key] = input;
    const made = field({ id: `store-${key}`, label, input, ...extra });
    fields[key] = made;
    input.addEventListener('input', () => setFieldError(input, made.error, ''));
    return made.field;
  };
  const text = (value, attrs = {}) => h('input', { class: 'input', type: 'text', value: value ?? '', ...attrs });

  const themeRadios = Object.entries(THEMES).map(([themeName, swatch]) =>
    h(
      'label',
      { class: 'theme-choice' },
      h('input', { type: 'radio', name: 'store-theme', value: themeName, checked: theme.name === themeName }),
      h('span', { class: 'theme-choice__swatches', 'aria-hidden': 'true' }, swatch.map((c) => swatchDot(c))),
      h('span', {}, t(`store.theme_${themeName}`)),
    ),
  );
  const primary = colourInput(theme.primary, t('store.primary'));
  const accent = colourInput(theme.accent, t('store.accent'));
  const colourField = (key, label, colour) => {
    const made = make(key, label, colour.text);
    made.querySelector('.field__label').after(h('div', { class: 'colour' }, colour.text, colour.picker));
    return made;
  };

  const locate = h('button', { class: 'btn btn--secondary btn--sm', type: 'button', hidden: !('geolocation' in navigator) }, icon('pin'), t('store.use_location'));
  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  const save = h('button', { class: 'btn btn--block', type: 'submit' }, t('store.save'));
  const themeError = h('p', { class: 'field__error', id: 'store-theme-error', hidden: true });

  const form = h(
    'form',
    { class: 'edit', novalidate: true },
    alert,
    make('business_name', t('store.business_name'), text(store.business_name, { maxlength: '80', autocomplete: 'organization' })),
    make('tagline', t('store.tagline'), text(store.tagline, { maxlength: '120' }), { hint: t('store.tagline_hint') }),
    make('about', t('store.about'), h('textarea', { class: 'textarea', rows: '4', maxlength: '1200' }, store.about || '')),
    h('fieldset', { class: 'theme-picker', 'aria-describedby': 'store-theme-error' }, h('legend', { class: 'field__label' }, t('store.theme')), h('div', { class: 'theme-picker__options' }, themeRadios), themeError),
    colourField('primary', t('store.primary'), primary),
    colourField('accent', t('store.accent'), accent),
    h('h3', { class: 'edit__group' }, t('store.contact')),
    make('phone', t('store.phone'), text(contact.phone, { type: 'tel', inputmode: 'tel', autocomplete: 'tel' })),
    make('whatsapp', t('store.whatsapp'), text(contact.whatsapp, { type: 'tel', inputmode: 'tel' })),
    make('address', t('store.address'), h('textarea', { class: 'textarea', rows: '2', maxlength: '200' }, contact.address || '')),
    make('city', t('store.city'), text(contact.city, { maxlength: '60', autocomplete: 'address-level2' })),
    make('hours', t('store.hours'), text(contact.hours, { maxlength: '80' }), { hint: t('store.hours_hint') }),
    h('h3', { class: 'edit__group' }, t('store.location')),
    h('div', { class: 'grid grid--2 edit__latlng' }, make('latitude', t('store.latitude'), text(store.latitude, { inputmode: 'decimal' })), make('longitude', t('store.longitude'), text(store.longitude, { inputmode: 'decimal' }))),
    h('div', { class: 'form-actions edit__locate' }, locate),
    save,
  );

  locate.addEventListener('click', () => {
    const restore = busy(locate, t('store.locating'));
    navigator.geolocation.getCurrentPosition(
      (position) => {
        restore();
        inputs.latitude.value = position.coords.latitude.toFixed(6);
        inputs.longitude.value = position.coords.longitude.toFixed(6);
      },
      () => {
        restore();
        setFieldError(inputs.latitude, fields.latitude.error, t('store.location_failed'));
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    setFieldError(themeRadios[0].querySelector('input'), themeError, '');
    const changes = collectChanges(store, inputs, form);
    if (!changes) {
      toast(t('store.nothing_changed'));
      return;
    }
    const bad = badNumbers(inputs);
    if (bad.length > 0) {
      bad.forEach((key) => setFieldError(inputs[key], fields[key].error, t('store.number_invalid')));
      inputs[bad[0]].focus();
      return;
    }
    const restore = busy(save, t('store.saving'));
    try {
      await patch(storeUrl(store.store_id), changes);
    } catch (err) {
      restore();
      if (!(err instanceof ApiError && showFieldErrors(err, inputs, fields, themeError))) {
        alert.textContent = describeError(err);
        alert.hidden = false;
      }
      return;
    }
    toast(t('store.saved'));
    ctx.rerender();
  });

  return h(
    'details',
    { class: 'card disclosure', id: 'edit-details' },
    h('summary', { class: 'disclosure__summary' }, h('span', { class: 'card__title' }, t('store.edit')), icon('chevron', 'icon disclosure__chevron')),
    form,
  );
}

function swatchDot(colour) {
  const dot = h('span', { class: 'swatch' });
  dot.style.background = colour;
  return dot;
}

/** Only what the owner changed, shaped as the PATCH body; null when nothing changed. */
function collectChanges(store, inputs, form) {
  const body = {};
  const value = (key) => inputs[key].value.trim();
  for (const key of ['business_name', 'tagline', 'about']) {
    if (value(key) !== (store[key] || '')) {
      body[key] = value(key);
    }
  }
  const theme = {};
  const chosen = form.querySelector('input[name="store-theme"]:checked');
  if (chosen && chosen.value !== (store.theme || {}).name) {
    theme.name = chosen.value;
  }
  for (const key of ['primary', 'accent']) {
    if (value(key) !== ((store.theme || {})[key] || '')) {
      theme[key] = value(key);
    }
  }
  if (Object.keys(theme).length > 0) {
    body.theme = theme;
  }
  const contact = {};
  for (const key of ['phone', 'whatsapp', 'address', 'city', 'hours']) {
    if (value(key) !== ((store.contact || {})[key] || '')) {
      contact[key] = value(key);
    }
  }
  if (Object.keys(contact).length > 0) {
    body.contact = contact;
  }
  for (const key of ['latitude', 'longitude']) {
    const before = store[key] === null || store[key] === undefined ? '' : String(store[key]);
    if (value(key) !== before) {
      body[key] = value(key) === '' ? null : Number(value(key));
    }
  }
  return Object.keys(body).length > 0 ? body : null;
}

function badNumbers(inputs) {
  return ['latitude', 'longitude'].filter((key) => {
    const text = inputs[key].value.trim();
    return text !== '' && !Number.isFinite(Number(text));
  });
}

/**
 * Puts each field the server named next to its input ("theme.primary" → the primary colour field).
 * Returns false when no named field matched, so the caller shows a general alert instead.
 */
function showFieldErrors(err, inputs, fields, themeError) {
  let first = null;
  for (const f of err.fields) {
    const key = String(f.field || '').split('.').pop();
    const message = serverFieldText(f.message);
    if (key === 'name' && String(f.field).startsWith('theme')) {
      themeError.textContent = message;
      themeError.hidden = false;
      continue;
    }
    if (inputs[key]) {
      setFieldError(inputs[key], fields[key].error, message);
      first = first || inputs[key];
    }
  }
  if (first) {
    first.focus();
    return true;
  }
  return !themeError.hidden;
}

/** Characters of the current text shown beside each part. */
const CLIP_CHARS = 80;
/** The parts of the copy "Write new copy" may rewrite, as the API names them. */
const COPY_PARTS = [
  { name: 'tagline', label: 'store.part_tagline' },
  { name: 'about', label: 'store.part_about' },
  { name: 'features', label: 'store.part_features' },
];

function regenerateCard(ctx, store, dialog) {
  const button = h('button', { class: 'btn btn--secondary btn--block', type: 'button' }, t('store.regenerate'));
  const slot = h('div', { hidden: true });
  const problem = h('p', { class: 'field__error', id: 'regen-error', hidden: true });
  // Each part says what it holds now, so the owner sees exactly what a tick would replace.
  const now = { tagline: store.tagline, about: store.about };
  const boxes = COPY_PARTS.map((part) => {
    const box = h('input', { type: 'checkbox', name: 'replace', value: part.name, checked: true });
    box.addEventListener('change', () => {
      problem.hidden = true;
    });
    const text = [...String(now[part.name] || '')];
    const shown = text.length > CLIP_CHARS ? `${text.slice(0, CLIP_CHARS).join('')}…` : text.join('');
    const current = shown ? h('span', { class: 'regen__now' }, `“${shown}”`) : null;
    return { part, box, label: h('label', { class: 'checkbox regen__part' }, box, h('span', {}, t(part.label), current ? ' ' : null, current)) };
  });
  const card = h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'regen-title' },
    h('h2', { class: 'card__title', id: 'regen-title' }, t('store.regenerate_title')),
    h('p', { class: 'field__hint' }, t('store.regenerate_lead')),
    h('fieldset', { class: 'regen__parts', 'aria-describedby': 'regen-error' }, h('legend', { class: 'field__label' }, t('store.regenerate_parts')), boxes.map((b) => b.label)),
    problem,
    slot,
    button,
  );
  button.addEventListener('click', async () => {
    const chosen = boxes.filter((b) => b.box.checked);
    if (chosen.length === 0) {
      problem.textContent = t('store.regenerate_none');
      problem.hidden = false;
      return;
    }
    const parts = chosen.map((b) => t(b.part.label)).join(', ');
    const ok = await dialog.ask({ title: t('store.regenerate_title'), body: t('store.regenerate_body', { parts }), confirm: t('store.regenerate'), danger: false });
    if (!ok) {
      return;
    }
    const body = { replace: chosen.map((b) => b.part.name) };
    const restore = busy(button, t('store.regenerating'));
    try {
      await post(storeUrl(store.store_id, '/regenerate'), body);
    } catch (err) {
      restore();
      slot.replaceChildren(h('div', { class: 'alert alert--error', role: 'alert' }, describeError(err)));
      slot.hidden = false;
      return;
    }
    button.hidden = true;
    slot.hidden = false;
    slot.replaceChildren(
      generationCard(store.store_id, {
        title: t('store.regenerating'),
        retryPath: '/regenerate',
        retryBody: body,
        onDone: () => {
          toast(t('store.regenerated'));
          ctx.rerender();
        },
      }),
    );
  });
  return card;
}

function domainCard(ctx, store) {
  const input = h('input', { class: 'input', type: 'text', inputmode: 'url', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', value: store.custom_domain || '', placeholder: 'www.sharmakirana.in' });
  const made = field({ id: 'store-domain', label: t('store.domain'), hint: t('store.domain_hint'), input });
  const save = h('button', { class: 'btn btn--secondary', type: 'submit' }, t('store.domain_save'));
  const remove = h('button', { class: 'btn btn--ghost', type: 'button', hidden: !store.custom_domain }, icon('trash'), t('store.domain_remove'));
  const fail = (err) => {
    let text = describeError(err);
    if (err instanceof ApiError && err.status === 402) {
      text = t('store.domain_paid');
    } else if (err instanceof ApiError && err.status === 400) {
      text = serverFieldText(err.fieldMessage('domain') || err.message);
    }
    setFieldError(input, made.error, text);
  };
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'domain-title' },
    h('h2', { class: 'card__title', id: 'domain-title' }, t('store.domain_title')),
    made.field,
    h('div', { class: 'form-actions' }, save, remove),
  );
  input.addEventListener('input', () => setFieldError(input, made.error, ''));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const domain = input.value.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    if (!domain) {
      setFieldError(input, made.error, t('store.domain_required'));
      input.focus();
      return;
    }
    const restore = busy(save, t('store.saving'));
    try {
      await put(storeUrl(store.store_id, '/domain'), { domain });
    } catch (err) {
      restore();
      fail(err);
      input.focus();
      return;
    }
    toast(t('store.domain_saved'));
    ctx.rerender();
  });
  remove.addEventListener('click', async () => {
    const restore = busy(remove, t('store.saving'));
    try {
      await del(storeUrl(store.store_id, '/domain'));
    } catch (err) {
      restore();
      fail(err);
      return;
    }
    toast(t('store.domain_removed'));
    ctx.rerender();
  });
  return form;
}
