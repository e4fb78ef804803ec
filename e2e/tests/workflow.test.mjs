// A self-evaluation from draft to final approval, as the three roles do it in the browser:
// live scoring while typing, submit, return with a reason, fix, resubmit, two approvals,
// and the approved document read-only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, signIn, shot, text } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

/** The unit's draft self-evaluation of the demo. */
async function draftSelfEvaluation(page) {
  const href = await page.$$eval('#todo tr[data-doc]', (rows) => {
    const r = rows.find((x) => x.textContent.includes('绩效自评表'));
    return r && r.querySelector('a').getAttribute('href');
  });
  assert.ok(href, 'the unit has a draft self-evaluation');
  return href;
}

/** The row of the grid whose indicator (last level) is `name`. */
async function rowOf(page, name) {
  const i = await page.$$eval('#grid tbody tr', (rows, n) => rows.findIndex((r) =>
    [...r.querySelectorAll('input, textarea')].some((x) => x.value === n)), name);
  assert.ok(i >= 0, `indicator ${name} is in the grid`);
  return i;
}

test('fill, score live, submit, return, fix, resubmit, approve twice, frozen', async () => {
  const unit = await signIn(browser, server.url, 'unit1');
  const href = await draftSelfEvaluation(unit);
  await unit.goto(server.url + href);
  await unit.waitForSelector('#grid');
  const before = {
    total: await text(unit, '#recomputed-total'),
    grade: await text(unit, '#recomputed-grade'),
  };
  // The first quantitative indicator whose recomputed score is below its weight.
  const target = await unit.$$eval('#grid tbody tr', (rows) => {
    for (const r of rows) {
      const rec = r.querySelector('[data-col=recomputed]').textContent.trim();
      const w = r.querySelector('[data-col=weight] input').value;
      const t = r.querySelector('[data-col=target] input').value;
      const m = t.match(/^[≥>]=?\s*([0-9.]+)(.*)$/);
      if (m && rec && Number(rec) < Number(w)) return { row: Number(r.dataset.row), value: m[1], unit: m[2] };
    }
    return null;
  });
  assert.ok(target, 'the demo draft has an indicator scored below its weight');
  const row = `#grid tr[data-row="${target.row}"]`;
  const recBefore = await text(unit, `${row} [data-col=recomputed]`);
  const url = unit.url();
  // Type the target value as the actual: the recomputed score, total and grade follow.
  await unit.fill(`${row} [data-col=actual] input`, target.value + target.unit);
  await unit.waitForFunction(([sel, old]) => document.querySelector(sel).textContent.trim() !== old,
    [`${row} [data-col=recomputed]`, recBefore]);
  const recAfter = await text(unit, `${row} [data-col=recomputed]`);
  assert.equal(Number(recAfter), Number(await unit.inputValue(`${row} [data-col=weight] input`)), 'meeting the target earns the full weight');
  await unit.waitForFunction((old) => document.getElementById('recomputed-total').textContent.trim() !== old, before.total);
  const totalAfter = await text(unit, '#recomputed-total');
  assert.ok(Number(totalAfter) > Number(before.total), `total ${before.total} → ${totalAfter}`);
  assert.equal(unit.url(), url, 'no reload');
  const gradeAfter = await text(unit, '#recomputed-grade');
  const expectedGrade = Number(totalAfter) >= 90 ? '优' : Number(totalAfter) >= 80 ? '良' : Number(totalAfter) >= 60 ? '中' : '差';
  assert.equal(gradeAfter, expectedGrade, `grade of ${totalAfter} (was ${before.grade})`);
  await shot(unit, 'editor-live-score');

  // Submitting with an unexplained error is refused and says which.
  const errors = Number((await text(unit, '#finding-counts')).split('/')[0]);
  if (errors > 0) {
    await unit.click('#action-submit');
    await unit.waitForSelector('.banner.bad');
    assert.match(await text(unit, '#banner'), /[A-Z]\d{3}@\d+/);
    for (const ta of await unit.$$('textarea.explain')) await ta.fill('资金到位晚于计划，执行率按实际填报');
  }
  await unit.click('#action-submit');
  await unit.waitForFunction(() => document.getElementById('doc-state').textContent.includes('待主管部门审核'));
  assert.equal(await unit.$('#grid input'), null, 'a submitted document is read-only for the unit');
  await shot(unit, 'submitted');

  // The department returns it with a reason.
  const dept = await signIn(browser, server.url, 'dept');
  assert.ok(await dept.$(`#todo a[href="${href}"]`), 'the department sees it waiting');
  await dept.goto(server.url + href);
  await dept.waitForSelector('#action-return');
  await dept.click('#action-return');
  await dept.waitForSelector('.banner.bad');
  assert.match(await text(dept, '#banner'), /退回必须填写原因/, 'a return needs a reason');
  const reason = '请补充查验设备维护台次的佐证材料';
  await dept.fill('#action-comment', reason);
  await dept.click('#action-return');
  await dept.waitForFunction(() => document.getElementById('doc-state').textContent.includes('被退回'));
  await shot(dept, 'returned-by-department');

  // The unit sees the reason, fixes, resubmits.
  await unit.goto(server.url + '/workbench');
  assert.match(await text(unit, '#returned'), new RegExp(reason));
  await shot(unit, 'unit-sees-reason');
  await unit.goto(server.url + href);
  await unit.waitForSelector(`${row} [data-col=evidence] input`);
  await unit.fill(`${row} [data-col=evidence] input`, '维护记录台账');
  await unit.click('#save');
  await unit.waitForFunction(() => /版本|revision/.test(document.getElementById('save-state').textContent));
  await unit.click('#action-submit');
  await unit.waitForFunction(() => document.getElementById('doc-state').textContent.includes('待主管部门审核'));

  // The department, then finance approve.
  await dept.goto(server.url + href);
  await dept.waitForSelector('#action-approve');
  await dept.click('#action-approve');
  await dept.waitForFunction(() => document.getElementById('doc-state').textContent.includes('待财政审核'));
  const fin = await signIn(browser, server.url, 'finance');
  assert.ok(await fin.$(`#todo a[href="${href}"]`), 'finance sees it waiting');
  await fin.goto(server.url + href);
  await fin.waitForSelector('#action-approve');
  await shot(fin, 'finance-review');
  await fin.click('#action-approve');
  await fin.waitForFunction(() => document.getElementById('doc-state').textContent.includes('已终审'));

  // Approved: frozen for everyone.
  await unit.goto(server.url + href);
  await unit.waitForSelector('#readonly');
  assert.match(await text(unit, '#readonly'), /已终审/);
  assert.equal(await unit.$('#grid input'), null);
  assert.equal(await unit.$('#save'), null);
  await shot(unit, 'approved-read-only');

  // The history lists every step with who did it, and the changed cells.
  await unit.goto(server.url + href.replace(/$/, '/history'));
  const events = await unit.$$eval('#events tbody tr', (rs) => rs.map((r) => r.textContent));
  assert.equal(events.length, 5, 'submit, return, submit, approve, approve');
  assert.ok(events.some((e) => e.includes(reason)));
  const changed = await unit.$$eval('#revisions table.diff tbody tr', (rs) => rs.map((r) => r.firstElementChild.textContent));
  assert.ok(changed.some((c) => c.includes('实际完成值')), 'the typed actual value shows as a changed cell');
  assert.ok(changed.some((c) => c.includes('佐证材料')));
  await shot(unit, 'history');
  for (const p of [unit, dept, fin]) assert.deepEqual(p.errors, []);
});
