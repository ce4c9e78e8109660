// Small DOM helpers shared by the pages: element builder, icons, toasts, error text, busy buttons,
// field errors and the offline banner. No framework; everything is plain DOM.

import { ApiError, NetworkError, TimeoutError } from './api.js';
import { formatSeconds, lang, t } from './i18n.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('p', {class: 'x', onclick: fn, dataset: {a: 1}}, 'text', child, [more])
 * Attributes starting with "on" become listeners; false/null/undefined attributes and children are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'class') {
      el.className = value;
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else {
      el.append(child instanceof Node ? child : String(child));
    }
  }
}

/** An icon from the sprite /img/icons.svg, hidden from assistive technology (the text beside it speaks). */
export function icon(name, className = 'icon') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS(SVG_NS, 'use');
  use.setAttribute('href', `/img/icons.svg#${name}`);
  svg.append(use);
  return svg;
}

/** A centred empty state: icon, title, body, optional action. */
export function emptyState({ iconName, title, body, action, badge }) {
  return h(
    'section',
    { class: 'empty empty--card' },
    icon(iconName, 'empty__icon'),
    badge ? h('p', { class: 'empty__badge' }, h('span', { class: 'badge badge--info' }, badge)) : null,
    h('h2', { class: 'empty__title' }, title),
    h('p', { class: 'empty__body' }, body),
    action || null,
  );
}

/** A page heading block with an optional small kicker line above and a lead paragraph below. */
export function pageHeader({ kicker, title, lead, id = 'page-title' }) {
  return h(
    'header',
    { class: 'page-header' },
    kicker ? h('p', { class: 'page-header__kicker' }, kicker) : null,
    h('h1', { id, tabindex: '-1' }, title),
    lead ? h('p', { class: 'page-header__lead' }, lead) : null,
  );
}

/** The user-facing text for any error from api.js, in the active language. */
export function describeError(error) {
  if (error instanceof NetworkError) {
    return t(error.offline ? 'err.offline' : 'err.network');
  }
  if (error instanceof TimeoutError) {
    return t('err.timeout');
  }
  if (!(error instanceof ApiError)) {
    return t('err.generic');
  }
  if (error.status === 429) {
    return t('err.rate_limited', { time: formatSeconds(error.retryAfter || 60) });
  }
  if (error.status >= 500) {
    return error.requestId ? `${t('err.server')} ${t('err.ref', { id: error.requestId })}` : t('err.server');
  }
  if (error.status === 401) {
    return t('err.session');
  }
  // The server's public messages are English; show them to English readers, a mapped text otherwise.
  if (lang() === 'en' && error.message && !error.message.startsWith('HTTP ')) {
    return error.message;
  }
  const byCode = {
    invalid_argument: 'err.invalid',
    unprocessable: 'err.invalid',
    not_found: 'err.not_found',
    forbidden: 'err.forbidden',
    conflict: 'err.conflict',
  };
  return t(byCode[error.code] || 'err.generic');
}

/** Shows a short message at the bottom of the screen (announced politely to screen readers). */
export function toast(message, { timeoutMs = 4000 } = {}) {
  let region = document.querySelector('.toast-region');
  if (!region) {
    region = h('div', { class: 'toast-region', role: 'status', 'aria-live': 'polite' });
    document.body.append(region);
  }
  const item = h('div', { class: 'toast' }, message);
  region.append(item);
  setTimeout(() => item.remove(), timeoutMs);
}

/**
 * Marks a submit button busy: disabled, aria-busy, a spinner and the busy label.
 * Returns a function that restores it.
 */
export function busy(button, label) {
  const original = [...button.childNodes];
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), label);
  return () => {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.replaceChildren(...original);
  };
}

/** Shows (or with an empty message clears) the inline error of an input, wiring aria-invalid/-describedby. */
export function setFieldError(input, errorEl, message) {
  if (message) {
    errorEl.textContent = message;
    errorEl.hidden = false;
    input.setAttribute('aria-invalid', 'true');
  } else {
    errorEl.textContent = '';
    errorEl.hidden = true;
    input.removeAttribute('aria-invalid');
  }
}

/** A labelled form field with hint and error slots; returns {field, input, error}. */
export function field({ id, label, hint, input, prefix }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  input.id = id;
  input.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  const error = h('p', { class: 'field__error', id: errorId, hidden: true });
  const control = prefix
    ? h('div', { class: 'input-group' }, h('span', { class: 'input-group__addon', 'aria-hidden': 'true' }, prefix), input)
    : input;
  const wrapper = h(
    'div',
    { class: 'field' },
    h('label', { class: 'field__label', for: id }, label),
    control,
    error,
    hint ? h('p', { class: 'field__hint', id: hintId }, hint) : null,
  );
  return { field: wrapper, input, error };
}

/** Keeps an "offline" banner at the top of `container` while the browser reports no connection. */
export function watchConnection(container) {
  const banner = h('div', { class: 'offline-banner', role: 'status', hidden: true });
  const update = () => {
    banner.textContent = t('offline.banner');
    banner.hidden = navigator.onLine !== false;
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  window.addEventListener('langchange', update);
  container.prepend(banner);
  update();
  return banner;
}

/**
 * A native <dialog> asking to confirm; ask() resolves true on confirm, false on cancel/Escape.
 * ask({title, body, confirm, danger}) — danger (default true) paints the confirm button red.
 */
export function confirmDialog() {
  const title = h('h2', { id: 'confirm-title', class: 'card__title' });
  const body = h('p', { id: 'confirm-body' });
  const cancel = h('button', { class: 'btn btn--secondary', type: 'button', value: 'cancel' }, t('confirm.cancel'));
  const confirm = h('button', { class: 'btn btn--danger', type: 'button', value: 'confirm' });
  const element = h(
    'dialog',
    { class: 'dialog', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-body' },
    h('div', { class: 'dialog__body' }, title, body),
    h('div', { class: 'dialog__actions' }, cancel, confirm),
  );
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
  cancel.addEventListener('click', () => finish(false));
  confirm.addEventListener('click', () => finish(true));
  element.addEventListener('close', () => finish(false));
  return {
    element,
    ask({ title: titleText, body: bodyText, confirm: confirmText, danger = true }) {
      title.textContent = titleText;
      body.textContent = bodyText;
      confirm.textContent = confirmText;
      confirm.className = danger ? 'btn btn--danger' : 'btn';
      element.showModal();
      cancel.focus(); // the safe choice has focus
      return new Promise((r) => {
        resolve = r;
      });
    },
  };
}

/** replaceChildren that, like h(), skips null/false children and flattens arrays. */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}
