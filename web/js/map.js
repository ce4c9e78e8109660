// A map without any tile server: pins and tracks drawn on an SVG in metres around their middle
// (an equirectangular projection, true enough across a town), with a faint grid and a scale bar.

const NS = 'http://www.w3.org/2000/svg';
const METRES_PER_DEGREE = 111195;
const SCALE_STEPS = [50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000];

/**
 * An <svg> of `pins` ({lat, lng, kind, label}) and `tracks` (lists of {lat, lng}); null when
 * there is nothing to draw. Kinds: store, rider, home. Pins carry data-pin and their label as a
 * <title>.
 */
export function mapSvg({ pins = [], tracks = [], width = 320, height = 220, label = '' }) {
  const points = [...pins, ...tracks.flat()].filter((p) => p && Number.isFinite(p.lat) && Number.isFinite(p.lng));
  if (points.length === 0) {
    return null;
  }
  const lat0 = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xy = (p) => ({ x: p.lng * k * METRES_PER_DEGREE, y: -p.lat * METRES_PER_DEGREE });
  const all = points.map(xy);
  const minX = Math.min(...all.map((p) => p.x));
  const maxX = Math.max(...all.map((p) => p.x));
  const minY = Math.min(...all.map((p) => p.y));
  const maxY = Math.max(...all.map((p) => p.y));
  const pad = 24;
  const span = Math.max((maxX - minX) / (width - 2 * pad), (maxY - minY) / (height - 2 * pad), 200 / (width - 2 * pad));
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const at = (p) => {
    const q = xy(p);
    return { x: width / 2 + (q.x - cx) / span, y: height / 2 + (q.y - cy) / span };
  };
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'map');
  svg.setAttribute('role', 'img');
  if (label) {
    svg.setAttribute('aria-label', label);
  }
  const el = (name, attrs, title) => {
    const node = document.createElementNS(NS, name);
    for (const [a, v] of Object.entries(attrs)) {
      node.setAttribute(a, String(v));
    }
    if (title) {
      const t = document.createElementNS(NS, 'title');
      t.textContent = title;
      node.append(t);
    }
    svg.append(node);
    return node;
  };
  el('rect', { x: 0, y: 0, width, height, fill: '#eef3ee' });
  const bar = SCALE_STEPS.filter((m) => m / span <= width / 3).pop() || SCALE_STEPS[0];
  const step = bar / span;
  for (let gx = (width / 2) % step; gx < width; gx += step) {
    el('line', { x1: gx, y1: 0, x2: gx, y2: height, stroke: '#dde6dd', 'stroke-width': 1 });
  }
  for (let gy = (height / 2) % step; gy < height; gy += step) {
    el('line', { x1: 0, y1: gy, x2: width, y2: gy, stroke: '#dde6dd', 'stroke-width': 1 });
  }
  el('line', { x1: 10, y1: height - 10, x2: 10 + step, y2: height - 10, stroke: '#333', 'stroke-width': 2 });
  el('text', { x: 10, y: height - 14, 'font-size': 10, fill: '#333' }).textContent =
    bar >= 1000 ? `${bar / 1000} km` : `${bar} m`;
  for (const track of tracks) {
    if (track.length > 1) {
      el('polyline', {
        points: track.map((p) => { const q = at(p); return `${q.x.toFixed(1)},${q.y.toFixed(1)}`; }).join(' '),
        fill: 'none', stroke: '#d0342c', 'stroke-width': 3, 'stroke-linejoin': 'round', 'stroke-linecap': 'round', opacity: 0.5,
      });
    }
  }
  const order = { store: 0, home: 1, rider: 2 };
  for (const pin of [...pins].sort((a, b) => (order[a.kind] ?? 3) - (order[b.kind] ?? 3))) {
    const p = at(pin);
    if (pin.kind === 'store') {
      el('rect', { x: p.x - 7, y: p.y - 7, width: 14, height: 14, rx: 2, fill: '#6b4f2a', stroke: '#fff', 'stroke-width': 2, 'data-pin': 'store' }, pin.label);
    } else if (pin.kind === 'home') {
      el('circle', { cx: p.x, cy: p.y, r: 7, fill: '#1f6feb', stroke: '#fff', 'stroke-width': 2, 'data-pin': 'home' }, pin.label);
    } else {
      el('circle', { cx: p.x, cy: p.y, r: 9, fill: '#d0342c', stroke: '#fff', 'stroke-width': 3, 'data-pin': 'rider' }, pin.label);
      if (pin.tag) {
        el('text', { x: p.x + 11, y: p.y + 4, 'font-size': 11, 'font-weight': 600, fill: '#222' }).textContent = pin.tag;
      }
    }
  }
  return svg;
}
