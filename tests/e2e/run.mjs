#!/usr/bin/env node
// Runs the browser tests with Node's test runner after checking what they need.
//   node tests/e2e/run.mjs                       every tests/*.test.mjs
//   node tests/e2e/run.mjs tests/riders.test.mjs  just one file
// Missing playwright-core or Chromium is a loud skip (exit 77, which ctest reports as skipped),
// or a failure when E2E_REQUIRED=1 (scripts/test.sh sets it). A missing webdpro binary
// always fails.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SKIP = 77;

function skip(reason) {
  const required = process.env.E2E_REQUIRED === '1';
  console.error(`\n*** e2e ${required ? 'FAILED' : 'SKIPPED'}: ${reason}\n`);
  process.exit(required ? 1 : SKIP);
}

if (!fs.existsSync(path.join(here, 'node_modules', 'playwright-core', 'package.json'))) {
  skip('playwright-core is not installed; run `npm ci` in tests/e2e (scripts/test.sh does).');
}
const browser = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(browser)) {
  skip(`no Chromium at ${browser}; run scripts/setup.sh --test (Debian package chromium).`);
}
// Paths are taken relative to where this was started; the tests run inside tests/e2e.
const binary = process.env.E2E_WEBDPRO_BINARY ? path.resolve(process.env.E2E_WEBDPRO_BINARY) : '';
if (!binary || !fs.existsSync(binary)) {
  console.error(`*** e2e FAILED: E2E_WEBDPRO_BINARY must name a built webdpro (got "${binary}").`);
  process.exit(1);
}

const artifacts = path.resolve(process.env.E2E_ARTIFACTS || path.join(here, 'artifacts'));
fs.mkdirSync(artifacts, { recursive: true });

let files = process.argv.slice(2).map((file) => path.relative(here, path.resolve(file)));
if (files.length === 0) {
  files = fs
    .readdirSync(path.join(here, 'tests'))
    .filter((name) => name.endsWith('.test.mjs'))
    .sort()
    .map((name) => path.join('tests', name));
}

// Node 18 (Debian 12's) loads a .js file as an ES module only when package.json says so (web/package.json);
// newer Nodes also guess from the syntax, which would hide a missing marker. Turn the guess off where it exists,
// so every Node runs the web modules the way the oldest supported one does.
const noGuess = '--no-experimental-detect-module';
const nodeOptions = [process.env.NODE_OPTIONS, process.allowedNodeEnvironmentFlags.has(noGuess) ? noGuess : '']
  .filter(Boolean)
  .join(' ');

const result = spawnSync(process.execPath, ['--test', ...files], {
  cwd: here,
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: nodeOptions, E2E_WEBDPRO_BINARY: binary, E2E_ARTIFACTS: artifacts },
});
console.log(`\ne2e screenshots and server logs: ${artifacts}`);
process.exit(result.status ?? 1);
