// Each role signs in and lands on its own to-do list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, signIn, shot, text } from './support.mjs';

let server, browser;

/** The count card of `state`. */
async function waiting(page, state) {
  return Number(await text(page, `.count[data-state=${state}] .n`));
}

/** The to-do list is ordered by last change, oldest first. */
async function assertOldestFirst(page) {
  const times = await page.$$eval('#todo tr[data-doc]', (rs) => rs.map((r) => r.lastElementChild.textContent.trim()));
  assert.deepEqual(times, [...times].sort());
}
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('a wrong password is refused on the login page', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(server.url + '/workbench');
  assert.match(page.url(), /\/login\?next=/, 'a page needing a login redirects to it');
  await page.fill('#username', 'unit1');
  await page.fill('#password', 'not the password');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#login-error:not([hidden])');
  assert.match(await text(page, '#login-error'), /用户名或密码错误/);
  await shot(page, 'login-refused');
  await ctx.close();
});

test('unit: tasks with deadlines, its drafts, counts per state', async () => {
  const page = await signIn(browser, server.url, 'unit1');
  assert.equal(await text(page, 'h1.page-title'), '工作台');
  const tasks = await page.$$('#tasks tbody tr');
  assert.ok(tasks.length >= 1, 'the unit sees the tasks issued to it');
  const overdue = await page.$$('#tasks tr.overdue');
  const pastDeadlines = await page.$$eval('#tasks tbody tr', (rows) => rows.filter((r) => {
    const d = r.children[3].textContent.trim().slice(0, 10);
    return new Date(d + 'T23:59:59+08:00') < new Date() && !/已终审/.test(r.textContent);
  }).length);
  assert.equal(overdue.length, pastDeadlines, 'every task past its deadline and not approved is marked overdue');
  const drafts = await page.$$eval('#todo tr[data-doc]', (rows) => rows.map((r) => r.textContent));
  assert.ok(drafts.length >= 1 && drafts.every((t) => t.includes('未送审')), 'the to-do list holds the drafts');
  const counts = await page.$$eval('.counts .count', (cs) => cs.map((c) => [c.dataset.state, Number(c.querySelector('.n').textContent)]));
  const all = await page.$$eval('#all tr[data-doc] .state', (ss) => ss.map((s) => s.className));
  for (const [state, n] of counts) {
    assert.equal(all.filter((c) => c.includes('state-' + state)).length, n, `count of ${state} matches the list`);
  }
  assert.ok(await page.$('a[href="/upload"]'), 'a unit may upload');
  assert.equal(await page.$('a[href="/dashboard"]'), null, 'a unit has no dashboard');
  await shot(page, 'workbench-unit');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('department: documents waiting for it, oldest first, with error and warning counts', async () => {
  const page = await signIn(browser, server.url, 'dept');
  assert.match(await text(page, '#todo h2'), /待本部门审核/);
  const rows = await page.$$eval('#todo tr[data-doc]', (rs) => rs.map((r) => r.querySelector('.state').textContent));
  assert.ok(rows.every((s) => s === '待主管部门审核'));
  assert.equal(rows.length, await waiting(page, 'department_review'), 'the list holds every document waiting');
  await assertOldestFirst(page);
  assert.ok(await page.$('a[href="/dashboard"]'));
  await shot(page, 'workbench-department');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('finance: documents waiting for final approval with their findings counts', async () => {
  const page = await signIn(browser, server.url, 'finance');
  assert.match(await text(page, '#todo h2'), /待财政终审/);
  const rows = await page.$$eval('#todo tr[data-doc]', (rs) => rs.map((r) => [r.querySelector('.state').textContent, r.children.length]));
  assert.ok(rows.length >= 1, 'the demo has a document waiting for finance');
  assert.ok(rows.every(([s, n]) => s === '待财政审核' && n === 11));
  assert.equal(rows.length, await waiting(page, 'finance_review'));
  await assertOldestFirst(page);
  await shot(page, 'workbench-finance');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('administrator: no documents, says so', async () => {
  const page = await signIn(browser, server.url, 'admin');
  assert.match(await text(page, '#todo h2'), /管理员不查看文档/);
  assert.equal((await page.$$('#all tr[data-doc]')).length, 0);
  await shot(page, 'workbench-admin');
  await page.context().close();
});

test('the English switch keeps the page and translates it', async () => {
  const page = await signIn(browser, server.url, 'unit1');
  await page.click('.who a.lang');
  await page.waitForSelector('html[lang=en]');
  assert.equal(await text(page, 'h1.page-title'), 'Workbench');
  assert.match(page.url(), /\/workbench$/);
  await shot(page, 'workbench-english');
  await page.context().close();
});
