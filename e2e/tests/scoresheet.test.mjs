// The Guangdong scoresheet weighs every level: a level's weight is edited once for the level,
// and the server keeps it for every indicator under it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, signIn, shot, text } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('a level weight edited on one row is the level\'s, and is saved for all of it', async () => {
  const page = await signIn(browser, server.url, 'unit2');
  // The demo's scoresheet of unit2 was returned: editable again.
  const href = await page.$$eval('#returned tr, #all tr[data-doc]', (rows) => {
    const r = rows.find((x) => x.textContent.includes('指标评分表'));
    return r && r.querySelector('a').getAttribute('href');
  });
  assert.ok(href, 'unit2 has a scoresheet');
  await page.goto(server.url + href);
  await page.waitForSelector('#grid [data-col=lw1] input');
  // Level-2 groups: rows sharing the first two levels.
  const rows = await page.$$eval('#grid tbody tr', (rs) => rs.map((r) => ({
    row: Number(r.dataset.row),
    key: [...r.querySelectorAll('[data-col=level0] input, [data-col=level1] input')].map((x) => x.value).join('/'),
    lw1: r.querySelector('[data-col=lw1] input').value,
  })));
  const first = rows.find((r) => r.lw1 !== '');
  assert.ok(first, 'the scoresheet prints level-2 weights');
  const group = rows.filter((r) => r.key === first.key);
  const changed = String(Number(first.lw1) + 1);
  await page.fill(`#grid tr[data-row="${first.row}"] [data-col=lw1] input`, changed);
  for (const r of group) {
    assert.equal(await page.inputValue(`#grid tr[data-row="${r.row}"] [data-col=lw1] input`), changed, `row ${r.row + 1} shares the level's weight`);
  }
  // Saved and read back by the server, every row of the level carries it.
  await page.click('#save');
  await page.waitForFunction(() => /版本|revision/.test(document.getElementById('save-state').textContent));
  await page.reload();
  await page.waitForSelector('#grid [data-col=lw1] input');
  for (const r of group) {
    assert.equal(Number(await page.inputValue(`#grid tr[data-row="${r.row}"] [data-col=lw1] input`)), Number(changed), `row ${r.row + 1} after reload`);
  }
  await shot(page, 'scoresheet-level-weight');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
