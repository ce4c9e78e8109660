// The active language and number/date formatting in it. The choice is remembered in localStorage;
// without one, a browser that prefers Hindi gets Hindi. Holds no strings (i18n.js loads those), so
// modules that only format amounts (money.js) load without them.

const STORAGE_KEY = 'webdpro.lang';
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'hi', label: 'हिंदी' },
];

/** True for a language the app has strings for. */
export function isLanguage(code) {
  return LANGUAGES.some((l) => l.code === code);
}

function readStoredLang() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && isLanguage(stored)) {
      return stored;
    }
  } catch {
    // Storage can be blocked (private mode, strict settings); fall through to the browser's choice.
  }
  const preferred = (navigator.languages || [navigator.language || 'en']).map((l) => String(l).toLowerCase());
  return preferred.some((l) => l.startsWith('hi')) ? 'hi' : 'en';
}

let current = readStoredLang();

/** The active language code ("en" or "hi"). */
export function lang() {
  return current;
}

/**
 * Makes `code` the active language (i18n.js calls this once its strings are loaded) and, unless told
 * not to, remembers it.
 */
export function useLang(code, { remember = true } = {}) {
  current = code;
  if (!remember) {
    return;
  }
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembered, but the switch still applies to this page.
  }
}

/** Intl locale for the active language: Indian grouping (1,00,000) in both. */
export function locale() {
  return current === 'hi' ? 'hi-IN' : 'en-IN';
}

export function formatNumber(n) {
  return new Intl.NumberFormat(locale()).format(n);
}

export function formatDate(value) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** "0:27" style countdown text. */
export function formatSeconds(total) {
  const s = Math.max(0, Math.ceil(total));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
