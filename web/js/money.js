// Money in the owner app: the API speaks integer paise; people type and read rupees.
// Typed rupees are parsed as text (never through a float), so "45.50" is exactly 4550 paise.

import { locale } from './locale.js';

const RUPEES = /^(\d{0,9})(?:\.(\d*))?$/;

/**
 * Paise from what the owner typed ("45.50", "₹ 1,250", "45.5", ".5").
 * Returns {paise} or {error: 'empty' | 'invalid' | 'decimals'} — decimals when more than 2 digits
 * follow the point (a paisa is the smallest amount).
 */
export function parseRupees(text) {
  const cleaned = String(text ?? '')
    .replace(/[₹,\s]/g, '')
    .replace(/^rs\.?/i, '');
  if (cleaned === '') {
    return { error: 'empty' };
  }
  const match = RUPEES.exec(cleaned);
  if (!match || (match[1] === '' && !match[2])) {
    return { error: 'invalid' };
  }
  const fraction = match[2] || '';
  if (fraction.length > 2) {
    return { error: 'decimals' };
  }
  return { paise: Number(match[1] || '0') * 100 + Number(fraction.padEnd(2, '0')) };
}

/** The text an input shows for `paise`: 4550 → "45.50", 4500 → "45" (empty for null). */
export function rupeesInput(paise) {
  if (paise === null || paise === undefined) {
    return '';
  }
  const whole = Math.trunc(paise / 100);
  const rest = Math.abs(paise % 100);
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, '0')}`;
}

/** "₹45.50" / "₹1,00,000" in the active language's Indian grouping; whole rupees drop ".00". */
export function formatPaise(paise) {
  const whole = paise % 100 === 0;
  return new Intl.NumberFormat(locale(), {
    style: 'currency',
    currency: 'INR',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(paise / 100);
}
