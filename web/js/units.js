// A product's unit as it reads after a number: "1 pack", "3 packs", "2 kg", "½ dozen".
// Owners type units freely; common English count words take their plural, measures and anything
// unknown stay as typed, and Hindi units do not change.

/** English count words owners use for units, singular → plural. */
const ENGLISH_PLURALS = new Map(
  Object.entries({
    piece: 'pieces', pc: 'pcs', pack: 'packs', packet: 'packets', pouch: 'pouches', sachet: 'sachets',
    box: 'boxes', bag: 'bags', bottle: 'bottles', jar: 'jars', can: 'cans', tin: 'tins', tube: 'tubes',
    bundle: 'bundles', bunch: 'bunches', tray: 'trays', plate: 'plates', bowl: 'bowls', cup: 'cups',
    glass: 'glasses', loaf: 'loaves', roll: 'rolls', slice: 'slices', strip: 'strips', tablet: 'tablets',
    capsule: 'capsules', pair: 'pairs', set: 'sets', unit: 'units', item: 'items', meal: 'meals',
    thali: 'thalis', litre: 'litres', liter: 'liters', metre: 'metres', meter: 'meters', session: 'sessions',
    visit: 'visits', hour: 'hours', day: 'days', month: 'months',
  }),
);

/**
 * `unit` as it reads after the amount `n` in `language` ("en" or "hi"): in English a known count
 * word takes its plural unless `n` is exactly 1 ("1 pack", "0 packs", "2.5 litres"); a unit in
 * capitals or with more words than one ("500 g", "Pack of 6") is left as the owner wrote it.
 */
export function unitAfter(n, unit, language) {
  if (language !== 'en' || n === 1 || !Number.isFinite(n)) {
    return unit;
  }
  return ENGLISH_PLURALS.get(unit) ?? unit;
}
