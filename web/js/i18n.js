// UI strings and the language switch. The strings of each language are one JSON file, web/i18n/{code}.json
// (both carry the same keys; a test checks it); only the active language's file is loaded, before any
// module that imports this one runs. Strings use {name} placeholders; t() falls back to the key itself.
// The active language and number/date formatting live in locale.js and are re-exported here.

import { LANGUAGES, isLanguage, lang, useLang } from './locale.js';

export { LANGUAGES, formatDate, formatNumber, formatSeconds, lang, locale } from './locale.js';

const loaded = new Map();

/** The strings of `code`, fetched once per page (the HTTP cache keeps them between visits). */
async function loadStrings(code) {
  if (!loaded.has(code)) {
    const response = await fetch(new URL(`../i18n/${code}.json`, import.meta.url));
    if (!response.ok) {
      throw new Error(`UI strings for "${code}": HTTP ${response.status}`);
    }
    loaded.set(code, await response.json());
  }
  return loaded.get(code);
}

/** The active language's strings; English when that language's file cannot be had. */
async function startingStrings() {
  try {
    return await loadStrings(lang());
  } catch (err) {
    if (lang() === 'en') {
      throw err;
    }
    useLang('en', { remember: false });
    return loadStrings('en');
  }
}

let strings = await startingStrings();
let switching = 0;

/** The string for `key` in the active language with {placeholders} filled from `vars`. */
export function t(key, vars) {
  // A count of one takes the key's "_one" form where the language has one ("1 order", not "1 orders").
  const one = vars && String(vars.n) === '1' && Object.hasOwn(strings, `${key}_one`);
  const template = strings[one ? `${key}_one` : key] ?? key;
  if (!vars) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

/** True when `key` exists (used to map server codes to strings). */
export function has(key) {
  return Object.hasOwn(strings, key);
}

/**
 * Fills every [data-i18n] element under `root` with its string, and every
 * [data-i18n-attr="attr:key;attr:key"] attribute. Sets <html lang> and marks the page ready.
 */
export function applyI18n(root = document) {
  document.documentElement.lang = lang();
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) {
        el.setAttribute(attr, t(key));
      }
    }
  }
  document.documentElement.dataset.i18nReady = '';
}

/**
 * Switches language once its strings are loaded, remembers it, updates the page and tells listeners
 * ("langchange" on window). When the strings cannot be loaded (offline), the language stays as it was.
 */
export async function setLang(code) {
  if (!isLanguage(code) || code === lang()) {
    return;
  }
  const mine = ++switching;
  let next;
  try {
    next = await loadStrings(code);
  } catch {
    return;
  }
  if (mine !== switching) {
    return; // a later choice won
  }
  strings = next;
  useLang(code);
  applyI18n();
  window.dispatchEvent(new CustomEvent('langchange', { detail: { lang: code } }));
}

/**
 * Builds the two-button language switch (English / हिंदी) with aria-pressed state,
 * kept in sync on every language change.
 */
export function languageSwitch() {
  const group = document.createElement('div');
  group.className = 'lang-switch';
  group.setAttribute('role', 'group');
  const sync = () => {
    // A switch that was shown and then removed from the page stops listening.
    if (group.isConnected) {
      group.dataset.shown = '';
    } else if ('shown' in group.dataset) {
      window.removeEventListener('langchange', sync);
      return;
    }
    group.setAttribute('aria-label', t('lang.label'));
    for (const button of group.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === lang()));
    }
  };
  for (const { code, label } of LANGUAGES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.lang = code;
    button.dataset.lang = code;
    button.textContent = label;
    button.addEventListener('click', () => setLang(code));
    group.append(button);
  }
  sync();
  window.addEventListener('langchange', sync);
  return group;
}
