// The store page's "Shop photo" card: the owner puts a photo of the shop (or its best products) at
// the top of the store's home page — PUT/DELETE /api/stores/{id}/hero-photo. The server keeps a
// 1600 px copy for link previews and a 640 px one for phones; the phone sends at most 1600 px.

import { ApiError, get } from '../api.js';
import { t } from '../i18n.js';
import { busy, describeError, h, icon, toast } from '../ui.js';
import { sendBody } from '../upload.js';

const MAX_BYTES = 8 * 1024 * 1024;
const LONG_SIDE = 1600;
const SEND_AS_IS_BYTES = 400 * 1024;

/** A JPEG of at most `longSide` px without EXIF, or the file itself when it is small or undecodable. */
async function shrink(file, longSide) {
  if (file.size <= SEND_AS_IS_BYTES || typeof createImageBitmap !== 'function') {
    return file;
  }
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, longSide / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close?.();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file; // the server judges what the browser cannot decode
  }
}

function replace(el, child) {
  el.replaceChildren(child);
}

/** The card; it loads the current photo itself so the rest of the store page does not wait for it. */
export function heroCard(store) {
  const url = `/api/stores/${encodeURIComponent(store.store_id)}/hero-photo`;
  let hero = null;
  const frame = h('div', { class: 'photo__frame', 'aria-busy': 'true' });
  const camera = h('input', { type: 'file', id: 'hero-photo', class: 'visually-hidden', accept: 'image/*', capture: 'environment' });
  const gallery = h('input', { type: 'file', id: 'hero-photo-file', class: 'visually-hidden', accept: 'image/*' });
  const pick = h('label', { class: 'btn btn--secondary', for: 'hero-photo' }, icon('plus'), t('products.photo_take'));
  const pickFile = h('label', { class: 'btn btn--secondary', for: 'hero-photo-file' }, t('products.photo_gallery'));
  const remove = h('button', { class: 'btn btn--ghost', type: 'button', hidden: true }, icon('trash'), t('products.photo_remove'));
  const progress = h('progress', { class: 'photo__progress', max: '100', value: '0', 'aria-label': t('products.photo_uploading'), hidden: true });
  const status = h('p', { class: 'field__hint', role: 'status', 'aria-live': 'polite' });
  const error = h('p', { class: 'field__error', role: 'alert', hidden: true });

  const picture = (src, alt) => {
    const img = h('img', { class: 'photo__img', src, alt, width: '320', height: '240' });
    img.style.maxWidth = '20rem';
    img.style.aspectRatio = '4 / 3'; // the storefront's hero frame
    return img;
  };
  const draw = () => {
    replace(frame, hero ? picture(hero.small_url, t('hero.alt')) : h('p', { class: 'photo__empty' }, t('hero.none')));
    remove.hidden = !hero;
  };
  const fail = (err) => {
    error.textContent = err instanceof ApiError && err.status === 413 ? t('products.photo_too_big') : describeError(err);
    error.hidden = false;
  };
  const setBusy = (on) => {
    for (const el of [camera, gallery, remove]) el.disabled = on;
    for (const el of [pick, pickFile]) el.setAttribute('aria-disabled', String(on));
    frame.setAttribute('aria-busy', String(on));
  };

  const upload = async (chooser) => {
    const file = chooser.files && chooser.files[0];
    chooser.value = '';
    if (!file) return;
    error.hidden = true;
    setBusy(true);
    status.textContent = t('products.photo_preparing');
    const body = await shrink(file, LONG_SIDE);
    if (body.size > MAX_BYTES) {
      setBusy(false);
      status.textContent = '';
      fail(new ApiError({ status: 413 }));
      return;
    }
    progress.hidden = false;
    progress.value = 0;
    status.textContent = t('products.photo_uploading');
    const preview = URL.createObjectURL(body);
    replace(frame, picture(preview, ''));
    try {
      const answer = await sendBody('PUT', url, body, {
        contentType: body.type || 'application/octet-stream',
        onProgress: (fraction) => {
          progress.value = Math.round(fraction * 100);
        },
      });
      hero = answer.hero_photo;
      draw();
      status.textContent = t('products.photo_saved');
      toast(t('products.photo_saved'));
    } catch (err) {
      status.textContent = '';
      draw();
      fail(err);
    } finally {
      URL.revokeObjectURL(preview);
      progress.hidden = true;
      setBusy(false);
    }
  };
  camera.addEventListener('change', () => upload(camera));
  gallery.addEventListener('change', () => upload(gallery));
  remove.addEventListener('click', async () => {
    error.hidden = true;
    const restore = busy(remove, t('store.saving'));
    try {
      hero = (await sendBody('DELETE', url, null)).hero_photo;
      draw();
      toast(t('products.photo_removed'));
    } catch (err) {
      fail(err);
    } finally {
      restore();
      remove.hidden = !hero;
    }
  });

  get(url)
    .then((answer) => {
      hero = answer.hero_photo;
    })
    .catch(() => {}) // the buttons still work; an upload shows the photo
    .finally(() => {
      frame.setAttribute('aria-busy', 'false');
      draw();
    });

  return h(
    'section',
    { class: 'card photo', 'aria-labelledby': 'hero-title' },
    h('h2', { class: 'card__title', id: 'hero-title' }, t('hero.title')),
    h('p', { class: 'field__hint' }, t('hero.lead')),
    frame,
    progress,
    status,
    error,
    h('div', { class: 'form-actions' }, camera, gallery, pick, pickFile, remove),
    h('p', { class: 'field__hint' }, t('products.photo_hint')),
  );
}
