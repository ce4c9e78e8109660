// A product's photo card: take one with the camera or pick one from the gallery (shrunk on the phone
// first), upload with progress, or remove it.

import { ApiError } from '../api.js';
import { t } from '../i18n.js';
import { busy, describeError, fill, h, icon, toast } from '../ui.js';
import { sendBody } from '../upload.js';
import { productOf, productThumb } from './product_bits.js';
import { productsUrl } from './store_context.js';

const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
/** Photos are shrunk on the phone before upload: the server keeps 800 px anyway. */
const PHOTO_LONG_SIDE = 1280;
const PHOTO_SEND_AS_IS_BYTES = 300 * 1024;

/** A smaller JPEG of a big photo (and without its EXIF), or the file itself when that is not possible. */
async function shrinkPhoto(file) {
  if (file.size <= PHOTO_SEND_AS_IS_BYTES || typeof createImageBitmap !== 'function') {
    return file;
  }
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, PHOTO_LONG_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close?.();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file; // a format the browser cannot decode: let the server judge it
  }
}

/** The photo card of a saved product; `product.image` follows every upload and removal. */
export function photoCard(storeId, product) {
  const url = productsUrl(storeId, `/${encodeURIComponent(product.product_id)}/photo`);
  const frame = h('div', { class: 'photo__frame' });
  // Two pickers: "capture" opens the camera straight away on Android, which leaves no way to the gallery.
  const input = h('input', { type: 'file', id: 'product-photo', class: 'visually-hidden', accept: 'image/*', capture: 'environment' });
  const gallery = h('input', { type: 'file', id: 'product-photo-file', class: 'visually-hidden', accept: 'image/*' });
  const pick = h('label', { class: 'btn btn--secondary', for: 'product-photo' }, icon('plus'), t('products.photo_take'));
  const pickFile = h('label', { class: 'btn btn--secondary', for: 'product-photo-file' }, t('products.photo_gallery'));
  const remove = h('button', { class: 'btn btn--ghost', type: 'button' }, icon('trash'), t('products.photo_remove'));
  const progress = h('progress', { class: 'photo__progress', max: '100', value: '0', 'aria-label': t('products.photo_uploading'), hidden: true });
  const status = h('p', { class: 'field__hint', role: 'status', 'aria-live': 'polite' });
  const error = h('p', { class: 'field__error', id: 'product-photo-error', role: 'alert', hidden: true });

  const draw = () => {
    fill(frame,
      product.image
        ? h('img', { class: 'photo__img', src: product.image, alt: t('products.photo_alt', { name: product.name }) })
        : h('div', { class: 'photo__empty' }, productThumb(product, 'lg'), h('span', {}, t('products.photo_none'))),
    );
    remove.hidden = !product.image;
  };
  const fail = (err) => {
    error.textContent = err instanceof ApiError && err.status === 413 ? t('products.photo_too_big') : describeError(err);
    error.hidden = false;
  };
  const setBusy = (on) => {
    input.disabled = on;
    gallery.disabled = on;
    remove.disabled = on;
    pick.setAttribute('aria-disabled', String(on));
    pickFile.setAttribute('aria-disabled', String(on));
    frame.setAttribute('aria-busy', String(on));
  };

  const upload = async (chooser) => {
    const file = chooser.files && chooser.files[0];
    chooser.value = '';
    if (!file) return;
    error.hidden = true;
    if (file.size > PHOTO_MAX_BYTES * 4) {
      fail(new ApiError({ status: 413 }));
      return;
    }
    setBusy(true);
    status.textContent = t('products.photo_preparing');
    const body = await shrinkPhoto(file);
    if (body.size > PHOTO_MAX_BYTES) {
      setBusy(false);
      status.textContent = '';
      fail(new ApiError({ status: 413 }));
      return;
    }
    progress.hidden = false;
    progress.value = 0;
    status.textContent = t('products.photo_uploading');
    // The owner sees the picture at once; the server's copy replaces it when the upload is done.
    const preview = URL.createObjectURL(body);
    fill(frame, h('img', { class: 'photo__img', src: preview, alt: '' }));
    try {
      const answer = await sendBody('PUT', url, body, {
        contentType: body.type || 'application/octet-stream',
        onProgress: (fraction) => {
          progress.value = Math.round(fraction * 100);
        },
      });
      Object.assign(product, productOf(answer));
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
  input.addEventListener('change', () => upload(input));
  gallery.addEventListener('change', () => upload(gallery));
  remove.addEventListener('click', async () => {
    error.hidden = true;
    const restore = busy(remove, t('store.saving'));
    try {
      const answer = await sendBody('DELETE', url, null);
      Object.assign(product, productOf(answer));
      draw();
      toast(t('products.photo_removed'));
    } catch (err) {
      fail(err);
    } finally {
      restore();
      remove.hidden = !product.image;
    }
  });
  draw();
  return h(
    'section',
    { class: 'card photo', 'aria-labelledby': 'photo-title' },
    h('h2', { class: 'card__title', id: 'photo-title' }, t('products.photo')),
    frame,
    progress,
    status,
    error,
    h('div', { class: 'form-actions' }, input, gallery, pick, pickFile, remove),
    h('p', { class: 'field__hint' }, t('products.photo_hint')),
  );
}
