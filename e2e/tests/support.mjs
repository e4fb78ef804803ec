// Shared by the browser tests: a fresh `jixiao serve --demo` per test file, Debian's
// chromium through playwright-core, sign-in, screenshots under target/e2e-screenshots/.
import { spawn } from 'node:child_process';
import { mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const SHOTS = path.join(ROOT, 'target', 'e2e-screenshots');
export const PASSWORD = 'jixiao-demo';

/** The jixiao binary: $JIXIAO_BIN, else target/debug/jixiao (cargo build -p jixiao_cli). */
export function binary() {
  const b = process.env.JIXIAO_BIN || path.join(ROOT, 'target', 'debug', 'jixiao');
  if (!existsSync(b)) throw new Error(`no jixiao binary at ${b}: run cargo build -p jixiao_cli or set JIXIAO_BIN`);
  return b;
}

/** Starts a demo server on a free port; resolves to {url, stop}. */
export function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(binary(), ['serve', '--demo', '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => { child.kill(); reject(new Error('server did not start:\n' + log)); }, 60000);
    child.stderr.on('data', (d) => {
      log += d.toString();
      const m = log.match(/serving on (http:\/\/[0-9.:]+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], log: () => log, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGINT'); }) });
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}:\n${log}`)); });
  });
}

/** Debian's chromium ($CHROMIUM, else /usr/bin/chromium), headless. */
export async function launch() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  return chromium.launch({ executablePath, args: ['--no-sandbox'] });
}

/** A new browser context signed in as `user`; page errors fail the test that reads them. */
export async function signIn(browser, url, user) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(url + '/login');
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.waitForURL('**/workbench');
  return page;
}

/** Saves a full-page screenshot as target/e2e-screenshots/NAME.png. */
export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true });
}

/** The text of an element, trimmed. */
export async function text(page, selector) {
  return ((await page.textContent(selector)) || '').trim();
}

/** The id of the demo document of `kind` whose row shows in the list on the current page. */
export async function documentIds(page) {
  return page.$$eval('#all tr[data-doc]', (rows) => rows.map((r) => Number(r.dataset.doc)));
}
