// Sign-in page: phone number → 6-digit SMS code → session cookie → the app (or ?next=).

import { ApiError, api } from './api.js';
import { applyI18n, formatSeconds, languageSwitch, t } from './i18n.js';
import { formatMobile, normalizeMobile } from './phone.js';
import { sameOriginPath } from './redirect.js';
import { busy, describeError, setFieldError, watchConnection } from './ui.js';

const $ = (id) => document.getElementById(id);
const phoneForm = $('phone-form');
const codeForm = $('code-form');
const phoneInput = $('phone');
const codeInput = $('code');
const resendButton = $('resend');

const state = {
  phone: null, // E.164 the code was sent to
  expiresInS: 300,
  resendAt: 0, // ms timestamp when "send a new code" becomes available
  timer: 0,
  verifying: false,
  // Messages are kept as functions so a language switch can re-render them.
  alert: null,
  phoneError: null,
  codeError: null,
};

/** Where to go after signing in: a same-origin path from ?next=, otherwise the app. */
function nextUrl() {
  const next = new URLSearchParams(location.search).get('next') || '';
  return sameOriginPath(next, location.origin, '/app/', ['/login.html']);
}

function render() {
  document.title = `${t(codeForm.hidden ? 'login.title' : 'login.code_title')} · WebDPro`;
  const alertEl = $('alert');
  alertEl.textContent = state.alert ? state.alert() : '';
  alertEl.hidden = !state.alert;
  setFieldError(phoneInput, $('phone-error'), state.phoneError ? state.phoneError() : '');
  setFieldError(codeInput, $('code-error'), state.codeError ? state.codeError() : '');
  if (state.phone) {
    // The number is shown in bold inside the translated sentence.
    const [before, after] = t('login.code_sent', { phone: '\u0000' }).split('\u0000');
    const strong = document.createElement('span');
    strong.className = 'auth__phone';
    strong.textContent = formatMobile(state.phone);
    $('code-sent').replaceChildren(before, strong, after ?? '');
    $('code-hint').textContent = t('login.code_hint', { minutes: Math.max(1, Math.round(state.expiresInS / 60)) });
  }
  renderResend();
}

function renderResend() {
  const left = Math.ceil((state.resendAt - Date.now()) / 1000);
  if (left > 0) {
    resendButton.disabled = true;
    resendButton.textContent = t('login.resend_in', { time: formatSeconds(left) });
  } else {
    resendButton.disabled = resendButton.getAttribute('aria-busy') === 'true';
    resendButton.textContent = t('login.resend');
    clearInterval(state.timer);
    state.timer = 0;
  }
}

function startCooldown(seconds) {
  state.resendAt = Date.now() + seconds * 1000;
  clearInterval(state.timer);
  state.timer = setInterval(renderResend, 1000);
  renderResend();
}

function announce(text) {
  $('status').textContent = text;
}

function showStep(step) {
  phoneForm.hidden = step !== 'phone';
  codeForm.hidden = step !== 'code';
  render();
  if (step === 'code') {
    codeInput.value = '';
    codeInput.focus();
  } else {
    phoneInput.focus();
  }
}

/** The wrong-code message in the user's language, keeping the server's "N tries left" count. */
function codeErrorFor(error) {
  const message = error.message || '';
  const left = /(\d+)\s+(?:tries|try|attempts?)\b/i.exec(message);
  if (left) {
    const n = Number(left[1]);
    if (n === 0) {
      return () => t('err.code_dead');
    }
    return n === 1 ? () => t('err.code_wrong_last') : () => t('err.code_wrong_left', { n });
  }
  if (/expired|no longer|new code|too many|not found/i.test(message)) {
    return () => t('err.code_dead');
  }
  return () => t('err.code_wrong');
}

async function sendCode(button, isResend) {
  const phone = isResend ? state.phone : normalizeMobile(phoneInput.value);
  state.alert = null;
  state.phoneError = null;
  if (!isResend) {
    if (!phoneInput.value.trim()) {
      state.phoneError = () => t('err.phone_required');
    } else if (!phone) {
      state.phoneError = () => t('err.phone_invalid');
    }
    if (state.phoneError) {
      render();
      phoneInput.focus();
      return;
    }
  }
  render();
  const restore = busy(button, t('login.sending'));
  try {
    const answer = await api('/api/auth/otp', { method: 'POST', body: { phone }, redirectOn401: false });
    state.phone = phone;
    state.expiresInS = Number(answer && answer.expires_in_s) || 300;
    state.codeError = null;
    restore();
    startCooldown(Number(answer && answer.resend_after_s) || 30);
    render();
    if (isResend) {
      announce(t('login.resent'));
      codeInput.value = '';
      codeInput.focus();
    } else {
      showStep('code');
    }
  } catch (error) {
    restore();
    if (error instanceof ApiError && error.hasField('phone')) {
      state.phoneError = () => t('err.phone_invalid');
      render();
      if (isResend) {
        showStep('phone');
      } else {
        phoneInput.focus();
      }
      return;
    }
    state.alert = () => describeError(error);
    if (error instanceof ApiError && error.status === 429 && isResend && error.retryAfter) {
      startCooldown(error.retryAfter);
    }
    render();
  }
}

async function verify() {
  if (state.verifying) {
    return;
  }
  const code = codeInput.value.replace(/\D/g, '');
  state.alert = null;
  state.codeError = null;
  if (!code) {
    state.codeError = () => t('err.code_required');
  } else if (code.length !== 6) {
    state.codeError = () => t('err.code_invalid');
  }
  if (state.codeError) {
    render();
    codeInput.focus();
    return;
  }
  render();
  state.verifying = true;
  const restore = busy($('verify'), t('login.verifying'));
  try {
    await api('/api/auth/verify', { method: 'POST', body: { phone: state.phone, code }, redirectOn401: false });
    announce(t('login.signed_in'));
    location.replace(nextUrl());
    return; // keep the button busy while the next page loads
  } catch (error) {
    restore();
    if (error instanceof ApiError && error.status === 401) {
      state.codeError = codeErrorFor(error);
    } else if (error instanceof ApiError && error.hasField('code')) {
      state.codeError = () => t('err.code_invalid');
    } else {
      state.alert = () => describeError(error);
    }
    render();
    codeInput.focus();
    codeInput.select();
  } finally {
    state.verifying = false;
  }
}

phoneForm.addEventListener('submit', (event) => {
  event.preventDefault();
  sendCode($('send'), false);
});

codeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  verify();
});

phoneInput.addEventListener('input', () => {
  if (state.phoneError) {
    state.phoneError = null;
    render();
  }
});

codeInput.addEventListener('input', () => {
  // Keep digits only (SMS apps paste "123 456"); submit as soon as all six are there.
  const digits = codeInput.value.replace(/\D/g, '').slice(0, 6);
  if (digits !== codeInput.value) {
    codeInput.value = digits;
  }
  if (state.codeError) {
    state.codeError = null;
    render();
  }
  if (digits.length === 6) {
    codeForm.requestSubmit();
  }
});

$('change').addEventListener('click', () => {
  state.alert = null;
  state.codeError = null;
  render();
  showStep('phone');
  phoneInput.select();
});

resendButton.addEventListener('click', () => sendCode(resendButton, true));

$('lang-slot').append(languageSwitch());
window.addEventListener('langchange', render);
watchConnection(document.body);
applyI18n();
render();

// Someone with a live session skips the form.
api('/api/me', { redirectOn401: false, timeoutMs: 10000 }).then(
  () => location.replace(nextUrl()),
  () => {},
);
