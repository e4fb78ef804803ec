// The editor's grid: pasting a block from Excel, and two browsers editing one draft.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, signIn, shot, text } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function openDraft(page) {
  const href = await page.$$eval('#todo tr[data-doc]', (rows) => {
    const r = rows.find((x) => x.textContent.includes('绩效自评表'));
    return r && r.querySelector('a').getAttribute('href');
  });
  assert.ok(href, 'a draft self-evaluation');
  await page.goto(server.url + href);
  await page.waitForSelector('#grid input');
  return href;
}

/** Pastes `tsv` into the focused cell as a browser does (a paste event with clipboard data). */
async function paste(page, selector, tsv) {
  await page.focus(selector);
  await page.evaluate(([sel, data]) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', data);
    document.querySelector(sel).dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, [selector, tsv]);
}

test('a tab-separated block pasted from Excel fills the grid, adding rows', async () => {
  const page = await signIn(browser, server.url, 'unit1');
  await openDraft(page);
  const rowsBefore = (await page.$$('#grid tbody tr')).length;
  const block = [
    ['产出指标', '数量指标', '巡检次数', '≥12(次)', '12(次)', '5.00', '5.00'],
    ['产出指标', '质量指标', '巡检合格率', '≥95(%)', '90(%)', '5.00', '4.74'],
  ];
  const tsv = block.map((r) => r.join('\t')).join('\r\n') + '\r\n';
  // Paste into the first level cell of the row after the last one (the grid grows).
  await page.click('#add-row');
  const last = rowsBefore; // the added row
  await paste(page, `#grid [data-r="${last}"][data-c="0"]`, tsv);
  await page.waitForFunction((n) => document.querySelectorAll('#grid tbody tr').length === n, rowsBefore + 2);
  for (const [k, cells] of block.entries()) {
    const r = last + k;
    const values = await page.$$eval(`#grid tr[data-row="${r}"] input`, (xs) => xs.map((x) => x.value));
    assert.deepEqual(values.slice(0, 7), cells, `row ${r + 1} holds the pasted cells`);
  }
  assert.match(await text(page, '#banner'), /已粘贴 2 行/);
  // The pasted rows are scored on the server like typed ones.
  await page.waitForFunction((r) => document.querySelector(`#grid tr[data-row="${r}"] [data-col=recomputed]`).textContent.trim() !== '', last + 1);
  const rec = await text(page, `#grid tr[data-row="${last + 1}"] [data-col=recomputed]`);
  assert.equal(rec, (90 / 95 * 5).toFixed(2), '90/95 × 5 recomputed');
  await shot(page, 'paste-from-excel');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a second browser saving the same draft gets the conflict view, nothing overwritten', async () => {
  const a = await signIn(browser, server.url, 'unit1');
  const b = await signIn(browser, server.url, 'unit1');
  const href = await openDraft(a);
  await b.goto(server.url + href);
  await b.waitForSelector('#grid input');
  // A saves first.
  await a.fill('#grid [data-r="0"][data-c="8"]', '甲的说明');
  await a.click('#save');
  await a.waitForFunction(() => /版本|revision/.test(document.getElementById('save-state').textContent));
  // B, still on the old revision, saves: conflict, both versions shown.
  await b.fill('#grid [data-r="0"][data-c="8"]', '乙的说明');
  await b.click('#save');
  await b.waitForSelector('#conflict:not([hidden])');
  assert.match(await text(b, '#conflict h2'), /版本冲突/);
  const table = await text(b, '#conflict-table');
  assert.ok(table.includes('甲的说明') && table.includes('乙的说明'), 'both versions are shown');
  await shot(b, 'conflict-view');
  // What A saved is what the server holds.
  const saved = await b.evaluate(async (id) => (await (await fetch(`/api/v1/documents/${id}`)).json()).form.indicators[0].note,
    href.split('/').pop());
  assert.equal(saved, '甲的说明');
  // B chooses to load the current version.
  await b.click('#conflict-take-theirs');
  await b.waitForFunction(() => document.querySelector('#grid [data-r="0"][data-c="8"]').value === '甲的说明');
  for (const p of [a, b]) { assert.deepEqual(p.errors, []); await p.context().close(); }
});
