// Developer aid: screenshots of the main pages of a running demo server.
// Usage: node e2e/shot.mjs http://127.0.0.1:8088 OUT_DIR
import { chromium } from 'playwright-core';
const [base, out] = [process.argv[2] || 'http://127.0.0.1:8088', process.argv[3] || 'target/screens'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
async function as(user, pages) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log(user, 'console:', m.text()); });
  page.on('pageerror', (e) => console.log(user, 'pageerror:', e.message));
  await page.goto(base + '/login');
  await page.fill('#username', user);
  await page.fill('#password', 'jixiao-demo');
  await page.click('button[type=submit]');
  await page.waitForURL('**/workbench');
  for (const p of pages) {
    await page.goto(base + p);
    await page.waitForTimeout(700);
    const name = `${user}${p.replace(/[^a-z0-9]+/gi, '_')}.png`;
    await page.screenshot({ path: `${out}/${name}`, fullPage: true });
    console.log('saved', name);
  }
  await ctx.close();
}
await as('unit1', ['/workbench', '/documents/1', '/upload', '/documents/1/history']);
await as('dept', ['/workbench', '/documents/2']);
await as('finance', ['/workbench', '/documents/4', '/dashboard']);
await browser.close();
