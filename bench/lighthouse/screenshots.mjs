// Screenshots of generated stores at 360×800 in Debian's Chromium (playwright-core from
// tests/e2e/node_modules): for each store root URL, the home page and its first product page.
//   node bench/lighthouse/screenshots.mjs OUT_DIR URL...
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { chromium } = await import(join(here, '../../tests/e2e/node_modules/playwright-core/index.mjs'));
const [out, ...roots] = process.argv.slice(2);
if (!out || roots.length === 0) {
  console.error('usage: node screenshots.mjs OUT_DIR URL...');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 }, deviceScaleFactor: 1 });
  for (const root of roots) {
    const name = new URL(root).pathname.split('/').filter(Boolean).pop() || 'store';
    await page.goto(root, { waitUntil: 'load' });
    await page.screenshot({ path: join(out, `${name}-home.png`) });
    const product = await page.locator('a.pl').first().getAttribute('href');
    await page.goto(new URL(product, root).href, { waitUntil: 'load' });
    await page.screenshot({ path: join(out, `${name}-product.png`) });
    console.log(`${name}: ${name}-home.png ${name}-product.png`);
  }
} finally {
  await browser.close();
}
