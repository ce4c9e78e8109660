// Indian mobile numbers as people type them: "98123 45678", "+91-98123-45678", "09812345678".
// The server normalises and validates again; this only gives instant feedback and a tidy display.

/** "+91XXXXXXXXXX" for a valid Indian mobile number, otherwise null. */
export function normalizeMobile(input) {
  let digits = String(input || '').replace(/[\s\-().]/g, '');
  if (digits.startsWith('+')) {
    digits = digits.slice(1);
    if (!digits.startsWith('91')) {
      return null;
    }
  }
  if (!/^\d+$/.test(digits)) {
    return null;
  }
  if (digits.length === 12 && digits.startsWith('91')) {
    digits = digits.slice(2);
  } else if (digits.length === 11 && digits.startsWith('0')) {
    digits = digits.slice(1);
  }
  return /^[6-9]\d{9}$/.test(digits) ? `+91${digits}` : null;
}

/** "+91 98123 45678" for display; anything unexpected is returned unchanged. */
export function formatMobile(e164) {
  const match = /^\+91(\d{5})(\d{5})$/.exec(String(e164 || ''));
  return match ? `+91 ${match[1]} ${match[2]}` : String(e164 || '');
}
