// "Describe your business": one sentence → POST /api/stores → live progress of the generation
// from its event stream (falling back to polling the store), shared with the store page's retry
// and "write new copy".

import { ApiError, get, post } from '../api.js';
import { lang, t } from '../i18n.js';
import { busy, describeError, field, h, icon, pageHeader, setFieldError, toast } from '../ui.js';

/** The generation steps, in the order the server reports them (named SSE events). */
const STEPS = ['spec', 'code', 'images', 'assembly'];
const POLL_MS = 2500;
const SHOW_DONE_MS = 1200;
const DEVANAGARI = /[\u0900-\u097F]/;
const LATIN = /[A-Za-z]/;
const DESCRIPTION_MIN = 8;
const DESCRIPTION_MAX = 500;
/** The unsent description survives a language switch or a reload (this tab only). */
const DRAFT_KEY = 'webdpro.store_draft';

export const storeUrl = (id, tail = '') => `/api/stores/${encodeURIComponent(id)}${tail}`;

function parse(data) {
  try {
    return JSON.parse(data);
  } catch {
    return {};
  }
}

/**
 * Follows the generation of `storeId`: the event stream while it lasts, then (if it drops before the
 * end) GET /api/stores/{id} every few seconds. Handlers: onStep(name, data), onDone(store),
 * onFailed({reason}). Returns stop(); leaving the page stops it too.
 */
export function watchGeneration(storeId, { onStep, onDone, onFailed }) {
  let finished = false;
  let source = null;
  let timer = 0;
  const stop = () => {
    finished = true;
    if (source) {
      source.close();
    }
    clearTimeout(timer);
    window.removeEventListener('hashchange', stop);
  };
  const finish = (handler, value) => {
    if (!finished) {
      stop();
      handler(value);
    }
  };
  const poll = async () => {
    if (finished) {
      return;
    }
    try {
      const store = await get(storeUrl(storeId));
      if (store.status === 'FAILED') {
        finish(onFailed, { reason: store.generation_error });
        return;
      }
      if (store.status !== 'GENERATING') {
        finish(onDone, store);
        return;
      }
    } catch (err) {
      if (err instanceof ApiError && err.status < 500 && err.status !== 429) {
        finish(onFailed, { reason: describeError(err) });
        return;
      }
      // A slow or lost network: keep asking.
    }
    timer = setTimeout(poll, POLL_MS);
  };
  window.addEventListener('hashchange', stop);
  if (typeof EventSource === 'function') {
    source = new EventSource(storeUrl(storeId, '/events'));
    for (const step of STEPS) {
      source.addEventListener(step, (event) => onStep(step, parse(event.data)));
    }
    // "done" carries {store}; "failed" carries {error} (a finished run seen late: {store, error}).
    source.addEventListener('done', (event) => {
      const data = parse(event.data);
      finish(onDone, data.store || data);
    });
    source.addEventListener('failed', (event) => {
      const data = parse(event.data);
      finish(onFailed, { reason: data.error || data.reason || (data.store && data.store.generation_error) });
    });
    source.addEventListener('error', () => {
      // The stream ended or broke before "done"/"failed": the store itself has the answer.
      if (!finished) {
        source.close();
        source = null;
        poll();
      }
    });
  } else {
    poll();
  }
  return stop;
}

/** "Written by AI (model)" / "Written by our built-in writer", plus how many levels were passed over. */
function levelText(data) {
  const served = data && (data.served_by || data.level);
  if (!served) {
    return '';
  }
  const levels = Array.isArray(data.levels) ? data.levels : [];
  const passed = levels.filter((l) => l.level !== served && l.outcome && l.outcome !== 'ok' && l.outcome !== 'served').length;
  const who = /rule/i.test(String(served)) ? t('gen.by_rules') : t('gen.by_ai', { name: served });
  if (passed === 0) {
    return who;
  }
  return `${who} · ${passed === 1 ? t('gen.passed_over_one') : t('gen.passed_over', { n: passed })}`;
}

/** The detail line under a finished step: who wrote the copy, how many pages, pictures, products. */
function stepDetail(step, data) {
  const count = (key, field) => (data && Number.isInteger(data[field]) && data[field] > 0 ? t(key, { n: data[field] }) : '');
  if (step === 'spec') {
    return levelText(data);
  }
  if (step === 'code') {
    return count('gen.pages', 'pages');
  }
  if (step === 'images') {
    return count('gen.images', 'images');
  }
  return count('gen.products', 'products');
}

/** The four-step list that ticks off as events arrive. */
function progressList() {
  const rows = new Map();
  const list = h('ol', { class: 'steps', 'aria-label': t('gen.steps') });
  for (const [index, step] of STEPS.entries()) {
    const dot = h('span', { class: 'step__dot', 'aria-hidden': 'true' }, String(index + 1));
    const state = h('span', { class: 'visually-hidden' });
    const detail = h('span', { class: 'step__detail', hidden: true });
    const row = h('li', { class: 'step', dataset: { step } }, dot, h('span', { class: 'step__text' }, state, t(`gen.step_${step}`), detail));
    rows.set(step, { row, dot, state, detail });
    list.append(row);
  }
  const mark = (step, kind) => {
    const r = rows.get(step);
    r.row.className = `step step--${kind}`;
    r.row.dataset.state = kind;
    r.state.textContent = `${t(`gen.state_${kind}`)}: `;
    r.dot.replaceChildren(kind === 'done' ? icon('check', 'icon icon--sm') : kind === 'active' ? h('span', { class: 'spinner' }) : String(STEPS.indexOf(step) + 1));
  };
  mark(STEPS[0], 'active');
  return {
    element: list,
    /** Applies one event: {state: "started"|"done", detail, served_by, levels}. */
    update(step, data) {
      if (!rows.has(step)) {
        return;
      }
      const index = STEPS.indexOf(step);
      for (const earlier of STEPS.slice(0, index)) {
        mark(earlier, 'done');
      }
      const finished = !data || data.state !== 'started';
      mark(step, finished ? 'done' : 'active');
      if (finished && index + 1 < STEPS.length && rows.get(STEPS[index + 1]).row.dataset.state !== 'done') {
        mark(STEPS[index + 1], 'active');
      }
      const text = stepDetail(step, data);
      if (text) {
        rows.get(step).detail.textContent = text;
        rows.get(step).detail.hidden = false;
      }
    },
    allDone() {
      STEPS.forEach((step) => mark(step, 'done'));
    },
    failed() {
      for (const step of STEPS) {
        if (rows.get(step).row.dataset.state === 'active') {
          mark(step, 'failed');
        }
      }
    },
  };
}

/**
 * A card following a generation to its end. On success calls onDone(store); on failure shows the
 * reason with a Retry button (POST retryPath with retryBody: /retry, or /regenerate for new copy)
 * that follows again.
 */
export function generationCard(storeId, { title, onDone, retryPath = '/retry', retryBody = undefined }) {
  let list = progressList();
  const status = h('p', { class: 'gen__status', role: 'status' }, t('gen.working'));
  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  const retry = h('button', { class: 'btn', type: 'button', hidden: true }, t('gen.retry'));
  const change = h('a', { class: 'btn btn--ghost', href: '#/describe', hidden: true }, t('gen.change'));
  const card = h(
    'section',
    { class: 'card gen', 'aria-labelledby': 'gen-title', 'aria-busy': 'true' },
    h('h2', { class: 'card__title', id: 'gen-title' }, title),
    list.element,
    status,
    alert,
    h('div', { class: 'form-actions' }, retry, change),
  );
  const follow = () => {
    watchGeneration(storeId, {
      onStep: (step, data) => list.update(step, data),
      onDone: (store) => {
        list.allDone();
        card.removeAttribute('aria-busy');
        status.textContent = t('gen.ready');
        onDone(store);
      },
      onFailed: ({ reason }) => {
        list.failed();
        card.removeAttribute('aria-busy');
        status.textContent = '';
        alert.textContent = failureText(reason);
        alert.hidden = false;
        retry.hidden = false;
        change.hidden = false;
      },
    });
  };
  retry.addEventListener('click', async () => {
    const restore = busy(retry, t('gen.retrying'));
    try {
      await post(storeUrl(storeId, retryPath), retryBody);
    } catch (err) {
      restore();
      alert.textContent = describeError(err);
      return;
    }
    restore();
    retry.hidden = true;
    change.hidden = true;
    alert.hidden = true;
    card.setAttribute('aria-busy', 'true');
    status.textContent = t('gen.working');
    const fresh = progressList();
    list.element.replaceWith(fresh.element);
    list = fresh;
    follow();
  });
  follow();
  return card;
}

/** Owner's first step: one sentence about the business → POST /api/stores → live progress. */
export function describe(ctx) {
  const textarea = h('textarea', {
    class: 'textarea textarea--large',
    name: 'description',
    rows: '5',
    maxlength: String(DESCRIPTION_MAX),
    required: true,
    autocapitalize: 'sentences',
    placeholder: t('describe.placeholder'),
  });
  const { field: descField, error } = field({ id: 'description', label: t('describe.label'), hint: t('describe.hint'), input: textarea });
  const clear = h('button', { class: 'btn btn--ghost btn--sm', type: 'button' }, t('describe.clear'));
  clear.addEventListener('click', () => {
    textarea.value = '';
    keepDraft('');
    setFieldError(textarea, error, '');
    textarea.focus();
  });

  let languageByHand = false;
  const radios = ['en', 'hi'].map((code) => h('input', { type: 'radio', name: 'store-language', value: code, checked: code === lang() }));
  const chooseLanguage = (code) => radios.forEach((r) => (r.checked = r.value === code));
  radios.forEach((r) => r.addEventListener('change', () => (languageByHand = true)));
  const languages = h(
    'fieldset',
    { class: 'segmented' },
    h('legend', { class: 'field__label' }, t('describe.language')),
    radios.map((radio) => h('label', { class: 'segmented__option', lang: radio.value }, radio, h('span', {}, radio.value === 'hi' ? 'हिंदी' : 'English'))),
  );
  const followText = () => {
    // Devanagari means a Hindi store; plain Latin text an English one (Hinglish included) — until the owner picks.
    if (!languageByHand) {
      if (DEVANAGARI.test(textarea.value)) {
        chooseLanguage('hi');
      } else if (LATIN.test(textarea.value)) {
        chooseLanguage('en');
      }
    }
  };
  textarea.value = readDraft();
  followText();
  textarea.addEventListener('input', () => {
    setFieldError(textarea, error, '');
    keepDraft(textarea.value);
    followText();
  });

  const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  const submit = h('button', { class: 'btn btn--block', type: 'submit' }, t('describe.submit'));
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    alert,
    descField,
    h('div', { class: 'row row--between describe__tools' }, h('span', { class: 'field__hint' }, t('describe.example_label')), clear),
    languages,
    submit,
  );
  const page = h('div', { class: 'narrow' }, pageHeader({ kicker: t('nav.store'), title: t('describe.title'), lead: t('describe.lead') }), form);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    const description = textarea.value.trim().replace(/\s+/g, ' ');
    if (!description) {
      setFieldError(textarea, error, t('describe.required'));
      textarea.focus();
      return;
    }
    if ([...description].length < DESCRIPTION_MIN) {
      setFieldError(textarea, error, t('describe.short'));
      textarea.focus();
      return;
    }
    const language = radios.find((r) => r.checked).value;
    const restore = busy(submit, t('describe.submitting'));
    let answer;
    try {
      answer = await post('/api/stores', { description, language });
    } catch (err) {
      restore();
      if (err instanceof ApiError && err.hasField('description')) {
        setFieldError(textarea, error, serverFieldText(err.fieldMessage('description')));
        textarea.focus();
        return;
      }
      alert.textContent = describeError(err);
      alert.hidden = false;
      return;
    }
    keepDraft('');
    const storeId = answer.store_id;
    const card = generationCard(storeId, {
      title: t('gen.title'),
      onDone: (store) => {
        toast(t('gen.done_toast', { name: (store && store.business_name) || '' }));
        // A moment to see every step ticked before the store opens.
        setTimeout(() => {
          if (page.isConnected) {
            ctx.navigate(`store/${encodeURIComponent(storeId)}`);
          }
        }, SHOW_DONE_MS);
      },
    });
    form.replaceWith(h('div', { class: 'stack' }, h('blockquote', { class: 'gen__quote', lang: language }, description), card));
  });
  return page;
}

/** The server's reasons are English: shown to English readers, a general sentence otherwise. */
export function failureText(reason) {
  return reason && lang() === 'en' ? t('gen.failed_reason', { reason }) : t('gen.failed');
}

function readDraft() {
  try {
    return sessionStorage.getItem(DRAFT_KEY) || '';
  } catch {
    return '';
  }
}

function keepDraft(text) {
  try {
    if (text) {
      sessionStorage.setItem(DRAFT_KEY, text);
    } else {
      sessionStorage.removeItem(DRAFT_KEY);
    }
  } catch {
    // Storage refused (private mode): the text just is not kept.
  }
}

export function serverFieldText(message) {
  return message && lang() === 'en' ? message : t('store.field_invalid');
}
