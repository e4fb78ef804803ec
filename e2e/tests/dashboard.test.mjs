// 看板: departments and finance see five charts drawn as SVG; a click on a bar lists the
// documents behind it under the chart, the same documents the JSON endpoint names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, signIn, shot, text } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

const CHARTS = ['pipeline', 'grades', 'execution', 'rules', 'differences'];

/** Opens the dashboard (with `query`) and waits for its figures. */
async function open(page, query = '') {
  await page.goto(server.url + '/dashboard' + query);
  await page.waitForSelector('#dashboard[data-loaded=true]');
}

/** The centre of the first bar drawn in chart `name` (from the chart's own layout), or null. */
async function firstBar(page, name) {
  return page.evaluate((name) => {
    const el = document.getElementById('chart-' + name);
    el.scrollIntoView({ block: 'center' });
    const chart = echarts.getInstanceByDom(el);
    const n = chart.getOption().series.length;
    for (let s = 0; s < n; s++) {
      const data = chart.getModel().getSeriesByIndex(s).getData();
      for (let i = 0; i < data.count(); i++) {
        const l = data.getItemLayout(i);
        if (l && Math.abs(l.width) > 2 && Math.abs(l.height) > 2) {
          const r = el.getBoundingClientRect();
          return { x: r.left + l.x + l.width / 2, y: r.top + l.y + l.height / 2 };
        }
      }
    }
    return null;
  }, name);
}

/** The document ids the drill-down table lists. */
async function drilled(page) {
  return page.$$eval('#drill tbody td.id a', (as) =>
    as.map((a) => Number(a.getAttribute('href').split('/').pop())));
}

/** Every `ids` list of the endpoint's answer. */
function idLists(d) {
  const lists = [];
  for (const u of d.pipeline.units) lists.push(...u.ids);
  for (const side of ['stated', 'recomputed']) for (const g of d.grades[side]) lists.push(g.ids);
  for (const list of [d.execution.projects, d.rules, d.differences]) for (const e of list) lists.push(e.ids);
  return lists.map((l) => [...l].sort((a, b) => a - b).join(','));
}

test('finance: five SVG charts; a click on a bar of each lists its documents', async () => {
  const page = await signIn(browser, server.url, 'finance');
  await open(page);
  assert.equal(await text(page, 'h1.page-title'), '绩效看板');
  assert.ok(await page.$('#f-department'), 'finance filters by department');
  const api = await page.evaluate(() => fetch('/api/v1/dashboard').then((r) => r.json()));
  const lists = idLists(api);
  assert.match(await text(page, '#dash-total'), new RegExp(String(api.total)));
  for (const name of CHARTS) {
    assert.equal(await page.locator(`#chart-${name} svg`).count(), 1, `${name} is drawn as SVG`);
    const at = await firstBar(page, name);
    assert.ok(at, `${name} has a bar to click`);
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('#drill-card:not([hidden]) #drill tbody tr');
    const ids = await drilled(page);
    assert.ok(ids.length >= 1, `${name}: the click lists documents`);
    assert.ok(lists.includes([...ids].sort((a, b) => a - b).join(',')),
      `${name}: the documents listed are those of one figure of the endpoint`);
    const under = await page.evaluate((name) =>
      document.getElementById('chart-' + name).closest('section').nextElementSibling.id, name);
    assert.equal(under, 'drill-card', `${name}: the list sits under the chart`);
    if (name === 'pipeline') await shot(page, 'dashboard-finance-drill');
  }
  // A listed document opens.
  const first = (await drilled(page))[0];
  await page.click(`#drill tbody td.id a[href="/documents/${first}"]`);
  await page.waitForURL(`**/documents/${first}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('department: its own units, a year filter kept in the address, no department filter', async () => {
  const page = await signIn(browser, server.url, 'dept');
  await open(page);
  assert.equal(await page.$('#f-department'), null);
  const years = await page.$$eval('#f-year option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(years.length >= 1, 'the years of the documents are offered');
  const year = years[0];
  await page.selectOption('#f-year', year);
  await page.waitForURL(`**/dashboard?year=${year}`);
  await page.waitForSelector('#dashboard[data-loaded=true]');
  const api = await page.evaluate((y) => fetch('/api/v1/dashboard?year=' + y).then((r) => r.json()), year);
  assert.match(await text(page, '#dash-total'), new RegExp(String(api.total)));
  await open(page, `?year=${year}`);
  assert.equal(await page.inputValue('#f-year'), year, 'the filter survives a reload');
  await shot(page, 'dashboard-department');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a unit has no dashboard', async () => {
  const page = await signIn(browser, server.url, 'unit1');
  const r = await page.goto(server.url + '/dashboard');
  assert.equal(r.status(), 404);
  assert.equal(await page.$('#dashboard'), null);
  await page.context().close();
});
