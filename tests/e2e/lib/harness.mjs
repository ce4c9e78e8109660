// Browser test harness: the real webdpro binary on a free loopback port with a temp data dir,
// Debian's Chromium driven by playwright-core, phone-sized pages, the SMS outbox, screenshots.
//
// Environment (no WEBDPRO_ prefix: webdpro refuses to start on WEBDPRO_* variables it does not know,
// and the server inherits this environment):
//   E2E_WEBDPRO_BINARY  the webdpro executable (ctest passes the one of its build tree)
//   E2E_ARTIFACTS       folder for screenshots and server logs (default: a temp folder)
//   CHROMIUM_PATH       browser executable (default /usr/bin/chromium)
//   E2E_KEEP            "1" keeps the temp data dirs for a look afterwards

import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium } from 'playwright-core';

export const VIEWPORT = { width: 360, height: 800 };
const START_TIMEOUT_MS = 30000;
const STOP_TIMEOUT_MS = 10000;

// Chromium's own background traffic (updates, sync, field trials) is refused by a closed network
// and slows start-up; these flags keep the browser quiet and local.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function artifactsDir() {
  const dir = process.env.E2E_ARTIFACTS || path.join(os.tmpdir(), 'webdpro-e2e-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function binaryPath() {
  const binary = process.env.E2E_WEBDPRO_BINARY;
  if (!binary) {
    throw new Error('E2E_WEBDPRO_BINARY is not set: point it at build/<dir>/src/app/webdpro (ctest sets it).');
  }
  if (!fs.existsSync(binary)) {
    throw new Error(`E2E_WEBDPRO_BINARY=${binary} does not exist; build the webdpro target first.`);
  }
  return path.resolve(binary);
}

/**
 * Starts `webdpro serve` on 127.0.0.1:0 with a fresh data dir and waits for its "listening" log line.
 * `superAdmins` are phone numbers made platform admins first (`webdpro admin create-super-admin`).
 * Resolves { url, port, dataDir, log, stop() }; the server's stderr is kept in artifacts/<name>.server.log.
 */
export async function startServer(name, { env = {}, superAdmins = [] } = {}) {
  const binary = binaryPath();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'webdpro-e2e-'));
  for (const phone of superAdmins) {
    const made = spawnSync(binary, ['admin', 'create-super-admin', '--data-dir', dataDir, '--phone', phone], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: START_TIMEOUT_MS,
    });
    if (made.status !== 0) {
      throw new Error(`webdpro admin create-super-admin failed (${made.status}):\n${made.stderr}${made.stdout}`);
    }
  }
  const logPath = path.join(artifactsDir(), `${name}.server.log`);
  const logFile = fs.createWriteStream(logPath);
  const child = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(logFile, { end: false });
  const lines = readline.createInterface({ input: child.stderr });
  const logLines = [];

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`webdpro did not log "listening" within ${START_TIMEOUT_MS} ms; see ${logPath}`)), START_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`webdpro exited before listening (code ${code}, signal ${signal}):\n${logLines.join('\n')}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    lines.on('line', (line) => {
      logLines.push(line);
      logFile.write(`${line}\n`);
      let record;
      try {
        record = JSON.parse(line);
      } catch {
        return;
      }
      if (record.msg === 'listening' && Number.isInteger(record.port)) {
        clearTimeout(timer);
        resolve(record.port);
      }
    });
  });
  child.removeAllListeners('exit');

  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    dataDir,
    logPath,
    logLines,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await once(child, 'exit');
        clearTimeout(timer);
      }
      logFile.end();
      if (process.env.E2E_KEEP !== '1') {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      return child.exitCode;
    },
  };
}

/** Launches headless Chromium (Playwright gives it a fresh temporary --user-data-dir). */
export async function launchBrowser() {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}; run scripts/setup.sh --test (apt-get install chromium).`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60000 });
}

/** Collects the page's script errors and CSP violations in `page.problems`. */
function watchProblems(page) {
  if (page.problems) {
    return;
  }
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy|Refused to|Uncaught|SyntaxError|TypeError/.test(text)) {
      page.problems.push(`console: ${text}`);
    }
  });
}

/**
 * A 360×800 touch phone page. Every page of its context (popups too) collects page errors and CSP
 * violations in `page.problems`, so a test can assert the page ran cleanly.
 */
export async function newPhonePage(browser, { locale = 'en-IN' } = {}) {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
    timezoneId: 'Asia/Kolkata',
  });
  context.setDefaultTimeout(15000);
  context.on('page', watchProblems);
  const page = await context.newPage();
  watchProblems(page);
  return page;
}

/** Saves a screenshot under the artifacts folder and returns its path. */
export async function screenshot(page, name) {
  const file = path.join(artifactsDir(), `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

function readOutbox(dataDir) {
  const file = path.join(dataDir, 'outbox', 'sms.jsonl');
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

/** Number of SMS messages already in the outbox for `phone` (E.164). */
export function smsCount(dataDir, phone) {
  return readOutbox(dataDir).filter((m) => m.to === phone).length;
}

/**
 * Waits for SMS number `after + 1` to `phone` in DATA_DIR/outbox/sms.jsonl and returns its 6-digit code.
 */
export async function waitForOtp(dataDir, phone, after = 0, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const messages = readOutbox(dataDir).filter((m) => m.to === phone);
    if (messages.length > after) {
      const text = String(messages[messages.length - 1].text || '');
      const match = /\b(\d{6})\b/.exec(text);
      if (!match) {
        throw new Error(`SMS to ${phone} has no 6-digit code: ${text}`);
      }
      return match[1];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SMS to ${phone} in ${path.join(dataDir, 'outbox', 'sms.jsonl')} within ${timeoutMs} ms`);
}

/** A code that is certainly not `code`. */
export function wrongCode(code) {
  return code.replace(/^./, (d) => String((Number(d) + 1) % 10));
}

/** Asks for a code on the sign-in page: fills the number and waits for the code step. */
export async function requestCode(page, server, phoneTyped) {
  await page.goto(`${server.url}/login.html`);
  await page.getByLabel(/Mobile number/).fill(phoneTyped);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByRole('heading', { name: 'Enter the code' }).waitFor();
}

/** Signs in through the real page with the code from the SMS outbox; resolves when /app/ has loaded. */
export async function signIn(page, server, { typed, e164 }) {
  const before = smsCount(server.dataDir, e164);
  await requestCode(page, server, typed);
  const code = await waitForOtp(server.dataDir, e164, before);
  await page.getByLabel('6-digit code').fill(code);
  await page.waitForURL(/\/app\/#\//);
  return code;
}

/** Waits until every toast has faded, so a screenshot shows the page itself. */
export async function toastsGone(page) {
  await page.waitForFunction(() => !document.querySelector('.toast'), null, { timeout: 10000 });
}
