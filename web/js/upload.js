// Sending a file as the raw request body (a product photo, a CSV), which api.js (JSON only) does not
// do. XMLHttpRequest rather than fetch because only it reports upload progress — on a slow phone
// network a photo takes long enough that the owner needs to see it moving.
// Errors are the same classes as api.js; a 401 refreshes the session once and retries.

import { ApiError, NetworkError, TimeoutError, loginUrl, refreshSession } from './api.js';

const TIMEOUT_MS = 120000; // a few MB at 2G speeds

function parse(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function once(method, path, body, { contentType, onProgress, timeoutMs }) {
  return new Promise((resolve, reject) => {
    if (navigator.onLine === false) {
      reject(new NetworkError(true));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.timeout = timeoutMs;
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (contentType) {
      xhr.setRequestHeader('Content-Type', contentType);
    }
    if (onProgress) {
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable && event.total > 0) {
          onProgress(event.loaded / event.total);
        }
      });
    }
    xhr.addEventListener('load', () => resolve(xhr));
    xhr.addEventListener('timeout', () => reject(new TimeoutError(timeoutMs)));
    xhr.addEventListener('error', () => reject(new NetworkError(navigator.onLine === false)));
    xhr.send(body);
  });
}

/**
 * Sends `body` (Blob, File or string) with `method` to `path`; resolves with the JSON answer.
 * Options: contentType, onProgress(fraction 0..1), timeoutMs.
 */
export async function sendBody(method, path, body, options = {}) {
  const opts = { timeoutMs: TIMEOUT_MS, ...options };
  let xhr = await once(method, path, body, opts);
  if (xhr.status === 401 && (await refreshSession())) {
    xhr = await once(method, path, body, opts);
  }
  if (xhr.status === 401) {
    location.assign(loginUrl());
  }
  const data = parse(xhr.responseText);
  if (xhr.status < 200 || xhr.status >= 300) {
    const envelope = data && data.error ? data.error : {};
    throw new ApiError({
      status: xhr.status,
      code: envelope.code,
      message: envelope.message,
      fields: envelope.fields,
      requestId: (data && data.request_id) || xhr.getResponseHeader('X-Request-Id') || '',
      retryAfter: Number(xhr.getResponseHeader('Retry-After')) || 0,
    });
  }
  return data;
}
