// Where a page may send someone after signing in: only a path on this same site.

/**
 * The same-origin path (pathname + search + hash) that `next` names, or `fallback` when it names
 * anything else. The check is made on the URL as the browser parses it, so spellings that a browser
 * turns into another site (`//host`, `/\host`, `/<TAB>/host`, which loses its TAB/CR/LF) are refused.
 * `origin` is this page's origin (location.origin in a browser). Paths under `refuse` (e.g. the
 * sign-in page itself) also give the fallback.
 */
export function sameOriginPath(next, origin, fallback, refuse = []) {
  if (typeof next !== 'string' || !next.startsWith('/')) {
    return fallback;
  }
  let url;
  try {
    url = new URL(next, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) {
    return fallback;
  }
  if (refuse.some((prefix) => url.pathname.startsWith(prefix))) {
    return fallback;
  }
  return url.pathname + url.search + url.hash;
}
