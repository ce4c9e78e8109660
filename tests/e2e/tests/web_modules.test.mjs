// The web app's module graph (no browser): every import names a file that exists, and no module
// imports itself back through others — an import circle makes evaluation order depend on which page
// was opened first, and with top-level await (i18n.js) it can leave a module half-initialised.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const js = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web', 'js');

function modules(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? modules(full) : entry.name.endsWith('.js') ? [full] : [];
  });
}

/** module (relative to web/js) → the modules it imports, static imports and re-exports alike. */
function importGraph() {
  const graph = new Map();
  for (const file of modules(js)) {
    const text = fs.readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\s[^'";]*?\bfrom\s+'([^']+)';|^import\s+'([^']+)';/gm)].map((m) =>
      path.relative(js, path.resolve(path.dirname(file), m[1] ?? m[2])),
    );
    graph.set(path.relative(js, file), targets);
  }
  return graph;
}

/** The first import circle found, as [a, b, …, a]; null when there is none. */
function findCycle(graph) {
  const state = new Map(); // 1: on the current path, 2: done
  const trail = [];
  const visit = (node) => {
    state.set(node, 1);
    trail.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 1) {
        return [...trail.slice(trail.indexOf(next)), next];
      }
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    trail.pop();
    state.set(node, 2);
    return null;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return null;
}

const graph = importGraph();

test('the graph is read from the sources', () => {
  assert.ok(graph.size > 20, `found only ${graph.size} modules`);
  assert.ok(graph.get('app.js').includes('views/products.js'), 'app.js imports views/products.js');
});

test('every import names a module that exists', () => {
  const missing = [...graph].flatMap(([from, targets]) => targets.filter((to) => !graph.has(to)).map((to) => `${from} → ${to}`));
  assert.deepEqual(missing, []);
});

test('no module imports itself back through others', () => {
  const cycle = findCycle(graph);
  assert.equal(cycle, null, `import circle: ${cycle?.join(' → ')}`);
});

test('the circle check finds a planted circle', () => {
  const planted = new Map(graph);
  planted.set('views/store_context.js', [...planted.get('views/store_context.js'), 'views/products.js']);
  const cycle = findCycle(planted);
  assert.ok(cycle, 'a planted circle is found');
  assert.equal(cycle[0], cycle.at(-1));
  assert.ok(cycle.includes('views/products.js') && cycle.includes('views/store_context.js'), cycle.join(' → '));
});
