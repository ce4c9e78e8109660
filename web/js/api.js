// A small client for the WebDPro JSON API.
//  - JSON in and out; same-origin cookies carry the session (HttpOnly: this code never sees tokens).
//  - Error envelopes {"error":{code,message,fields},"request_id"} become ApiError with the request id.
//  - A 401 triggers one POST /api/auth/refresh (shared by concurrent callers) and one retry;
//    if that fails, the page goes to sign-in (unless the caller opted out).
//  - Every request has a timeout (AbortController); no connection becomes NetworkError.

const DEFAULT_TIMEOUT_MS = 20000; // generous: slow 3G with a cold connection is several seconds
const LOGIN_PATH = '/login.html';

/** An answer from the server that is not a success. */
export class ApiError extends Error {
  constructor({ status, code, message, fields, requestId, retryAfter }) {
    super(message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code || 'unknown';
    this.fields = Array.isArray(fields) ? fields : [];
    this.requestId = requestId || '';
    /** Seconds to wait before retrying (from Retry-After), or 0. */
    this.retryAfter = retryAfter || 0;
  }

  /** The server's message for `field`, or undefined. */
  fieldMessage(field) {
    const hit = this.fields.find((f) => f.field === field);
    return hit ? hit.message || '' : undefined;
  }

  hasField(field) {
    return this.fields.some((f) => f.field === field);
  }
}

/** No answer at all: offline, DNS, connection refused or reset. */
export class NetworkError extends Error {
  constructor(offline) {
    super(offline ? 'offline' : 'network error');
    this.name = 'NetworkError';
    this.offline = offline;
  }
}

/** No answer within the time limit. */
export class TimeoutError extends Error {
  constructor(ms) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

// Answers of these are final: a 401 from them is not an expired session to refresh.
const NO_REFRESH = new Set(['/api/auth/otp', '/api/auth/verify', '/api/auth/refresh', '/api/auth/logout']);

let refreshing = null;

function parseRetryAfter(value) {
  if (!value) {
    return 0;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return Math.max(0, Math.ceil(seconds));
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? 0 : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function send(path, { method, body, timeoutMs, signal }) {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    throw new NetworkError(true);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onAbort = () => controller.abort();
  if (signal) {
    if (signal.aborted) {
      controller.abort();
    }
    signal.addEventListener('abort', onAbort, { once: true });
  }
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', signal: controller.signal, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  try {
    return await fetch(path, init);
  } catch (error) {
    if (signal && signal.aborted) {
      throw error; // the caller cancelled: not our error to explain
    }
    if (controller.signal.aborted) {
      throw new TimeoutError(timeoutMs);
    }
    throw new NetworkError(typeof navigator !== 'undefined' && navigator.onLine === false);
  } finally {
    clearTimeout(timer);
    if (signal) {
      signal.removeEventListener('abort', onAbort);
    }
  }
}

async function readBody(response) {
  if (response.status === 204 || response.status === 205) {
    return null;
  }
  const text = await response.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text };
  }
}

function toError(response, data) {
  const envelope = data && typeof data === 'object' && data.error ? data.error : {};
  return new ApiError({
    status: response.status,
    code: envelope.code,
    message: envelope.message,
    fields: envelope.fields,
    requestId: (data && data.request_id) || response.headers.get('X-Request-Id') || '',
    retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
  });
}

/** Rotates the session cookies once; concurrent callers share the same attempt. Resolves true on success. */
export function refreshSession() {
  if (!refreshing) {
    refreshing = send('/api/auth/refresh', { method: 'POST', timeoutMs: DEFAULT_TIMEOUT_MS })
      .then((response) => response.ok)
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

/** The sign-in address that brings the user back to where they are now. */
export function loginUrl() {
  const here = location.pathname + location.search + location.hash;
  return `${LOGIN_PATH}?next=${encodeURIComponent(here)}`;
}

/**
 * Calls the API and resolves with the parsed JSON body (null for 204).
 * Options: method, body (sent as JSON), timeoutMs, signal,
 * redirectOn401 (default true: after a failed refresh, go to the sign-in page).
 * Rejects with ApiError, NetworkError or TimeoutError.
 */
export async function api(path, options = {}) {
  const opts = {
    method: options.method || (options.body !== undefined ? 'POST' : 'GET'),
    body: options.body,
    timeoutMs: options.timeoutMs || DEFAULT_TIMEOUT_MS,
    signal: options.signal,
  };
  const redirectOn401 = options.redirectOn401 !== false;
  let response = await send(path, opts);
  if (response.status === 401 && !NO_REFRESH.has(path)) {
    if (await refreshSession()) {
      response = await send(path, opts);
    }
    if (response.status === 401 && redirectOn401) {
      location.assign(loginUrl());
    }
  }
  const data = await readBody(response);
  if (!response.ok) {
    throw toError(response, data);
  }
  return data;
}

export const get = (path, options) => api(path, { ...options, method: 'GET' });
export const post = (path, body, options) => api(path, { ...options, method: 'POST', body: body ?? {} });
export const del = (path, options) => api(path, { ...options, method: 'DELETE' });
export const patch = (path, body, options) => api(path, { ...options, method: 'PATCH', body: body ?? {} });
export const put = (path, body, options) => api(path, { ...options, method: 'PUT', body: body ?? {} });
